"""Every Doc extension onrecord sets, registered in one place, with typed accessors.

Components write their findings here; ``onrecord.pipeline`` reads them back through the
accessors below so that no other module touches ``doc._`` directly. Values are stored as
plain dicts (the record's ``to_dict`` form) so that DocBin and multiprocessing can carry
them; the accessors rebuild the frozen records.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc

if TYPE_CHECKING:
    from onrecord.records import Attribution, Dropped, NonResponse, Source

_DOC_EXTENSIONS = (
    "onrecord_dropped",  # list[Dropped]: boilerplate lines, with spans into doc.text
    "onrecord_attributions",  # list[Attribution]
    "onrecord_sources",  # list[Source]
    "onrecord_non_responses",  # list[NonResponse]
    "onrecord_doc_id",  # str: article id, used to derive stable finding ids
)


def register_extensions() -> None:
    """Register onrecord's Doc extensions; safe to call many times."""
    for name in _DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def doc_id_of(doc: Doc) -> str:
    """The article id set by the caller, or a hash of the text."""
    from onrecord.records import stable_id

    value = doc._.onrecord_doc_id
    return str(value) if value else stable_id(doc.text)


def dropped_of(doc: Doc) -> list[Dropped]:
    from onrecord.records import Dropped

    return [Dropped.from_dict(d) for d in doc._.onrecord_dropped or []]


def attributions_of(doc: Doc) -> list[Attribution]:
    from onrecord.records import Attribution

    return [Attribution.from_dict(d) for d in doc._.onrecord_attributions or []]


def sources_of(doc: Doc) -> list[Source]:
    from onrecord.records import Source

    return [Source.from_dict(d) for d in doc._.onrecord_sources or []]


def non_responses_of(doc: Doc) -> list[NonResponse]:
    from onrecord.records import NonResponse

    return [NonResponse.from_dict(d) for d in doc._.onrecord_non_responses or []]


def set_dropped(doc: Doc, value: list[Dropped]) -> None:
    doc._.onrecord_dropped = [d.to_dict() for d in value]


def set_attributions(doc: Doc, value: list[Attribution]) -> None:
    doc._.onrecord_attributions = [a.to_dict() for a in value]


def set_sources(doc: Doc, value: list[Source]) -> None:
    doc._.onrecord_sources = [s.to_dict() for s in value]


def set_non_responses(doc: Doc, value: list[NonResponse]) -> None:
    doc._.onrecord_non_responses = [n.to_dict() for n in value]


def dropped_mask(doc: Doc) -> list[bool]:
    """Per token: True when the token lies inside a dropped boilerplate line."""
    mask = [False] * len(doc)
    for d in dropped_of(doc):
        for s, e in d.spans:
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is not None:
                for i in range(span.start, span.end):
                    mask[i] = True
    return mask
