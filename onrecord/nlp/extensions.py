"""Every Doc extension onrecord sets, registered in one place, with typed accessors.

One extension per finding kind declared in ``onrecord.findings`` (``onrecord_<field>``),
plus the article id and the dropped lines. Stages write through ``set_findings`` and every
reader goes through ``findings_of``, so no other module touches ``doc._`` directly. Values
are stored as plain dicts (the record's ``to_dict`` form) so that DocBin and multiprocessing
can carry them; the accessors rebuild the frozen records.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from spacy.attrs import ORTH
from spacy.tokens import Doc

from onrecord.findings import ATTRIBUTIONS, NON_RESPONSES, SOURCES, Finding, FindingKind, kinds
from onrecord.records import Attribution, Dropped, NonResponse, Source, stable_id

if TYPE_CHECKING:
    from collections.abc import Callable

T = TypeVar("T", bound=Finding)

_DROPPED = "onrecord_dropped"  # list[Dropped]: boilerplate lines, with spans into doc.text
DROPPED_EXTENSION = _DROPPED
_DOC_ID = "onrecord_doc_id"  # str: article id, used to derive stable finding ids
_PUBLISHED = "onrecord_published"  # str: the article's publication date, as given (times resolve against it)


def register_extensions() -> None:
    """Register onrecord's Doc extensions (one per declared finding kind); safe to call many times."""
    for name in (_DROPPED, _DOC_ID, _PUBLISHED, *(kind.extension for kind in kinds())):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


# The typed findings last rebuilt from each stored list of dicts, keyed by the list's id. Most
# stages read the attributions, and rebuilding them on every read cost 10-20% of several stages.
# The entry holds the list itself, so its id cannot be reused while the entry lives; a stage that
# stores findings stores a new list, which misses. Cleared whole when full (no order to keep).
_TYPED: dict[int, tuple[list[dict[str, Any]], tuple[Any, ...]]] = {}
_TYPED_MAX = 64


def findings_of(doc: Doc, kind: FindingKind[T]) -> list[T]:
    """The findings of ``kind`` a stage stored on ``doc`` (empty when it has not run).

    Findings are frozen records, so the ones rebuilt from the same stored list are shared.
    """
    rows = doc._.get(kind.extension)
    if not rows:
        return []
    hit = _TYPED.get(id(rows))
    if hit is not None and hit[0] is rows:
        return list(hit[1])
    typed = tuple(kind.from_dict(d) for d in rows)
    if len(_TYPED) >= _TYPED_MAX:
        _TYPED.clear()
    _TYPED[id(rows)] = (rows, typed)
    return list(typed)


def set_findings(doc: Doc, kind: FindingKind[T], value: Sequence[T]) -> None:
    """Store a stage's findings, leaving out whatever lies inside a dropped boilerplate line.

    A dropped line ("READ MORE: The agency fined banks it says broke the rules") yields no
    finding in any stage: the guard sits here, where every stage writes, so a new kind is
    covered without code of its own (``_outside_dropped``).
    """
    dropped = _dropped_spans(doc)
    rows = [f.to_dict() for f in value]
    doc._.set(kind.extension, [r for r in (_outside_dropped(r, dropped) for r in rows) if r is not None]
              if dropped else rows)


def _dropped_spans(doc: Doc) -> list[tuple[int, int]]:
    value = doc._.get(_DROPPED) if Doc.has_extension(_DROPPED) else None
    return [(int(s), int(e)) for d in value or [] for s, e in d.get("spans") or ()]


def _within(spans: Sequence[Sequence[int]], dropped: list[tuple[int, int]]) -> bool:
    """True when every fragment of ``spans`` lies inside one dropped line."""
    return bool(spans) and all(any(ds <= s and e <= de for ds, de in dropped) for s, e in spans)


def _outside_dropped(row: dict[str, Any], dropped: list[tuple[int, int]]) -> dict[str, Any] | None:
    """A finding's dict without its mentions in dropped lines; None when it is anchored in one.

    The anchor is the cue of an attribution, the mentions of a source, else the finding's own
    ``spans`` (every generic kind has them).
    """
    mentions = row.get("mentions")
    if isinstance(mentions, list):
        kept = [m for m in mentions if not _within([m], dropped)]
        if not kept:
            return None
        if len(kept) < len(mentions):
            row = {**row, "mentions": kept}
        return row
    cue = row.get("cue")
    anchor = cue.get("spans") if isinstance(cue, dict) else row.get("spans")
    return None if anchor and _within(anchor, dropped) else row


def has_findings(doc: Doc, kind: FindingKind[T]) -> bool:
    """True when the stage of ``kind`` stored its findings (even none) on ``doc``."""
    return Doc.has_extension(kind.extension) and doc._.get(kind.extension) is not None


def writer(kind: FindingKind[T]) -> Callable[[Doc, Sequence[T]], None]:
    """``set_findings`` for one kind: the ``store`` of a stage's ``StageComponent``."""

    def store(doc: Doc, value: Sequence[T]) -> None:
        set_findings(doc, kind, value)

    return store


_TEXT = "onrecord.text"  # doc.user_data key: the text, joined once


def text_of(doc: Doc) -> str:
    """``doc.text``, read once per Doc.

    spaCy rebuilds ``Doc.text`` from every token on each read; the stages read it a dozen times
    per article, which cost more than some stages themselves. The text of a Doc never changes
    after tokenisation, so the first read is kept in ``user_data``.
    """
    text = doc.user_data.get(_TEXT)
    if isinstance(text, str) and len(text) == _length(doc):
        return text
    text = doc.text
    doc.user_data[_TEXT] = text
    return text


def set_text(doc: Doc, text: str) -> None:
    """Record the string ``doc`` was made from as its text (spaCy's tokenizer loses no character).

    Joining the tokens again for the first ``text_of`` cost 0.16 s per 84 PolNeAR dev articles.
    """
    doc.user_data[_TEXT] = text


_WORDS = "onrecord.words"  # doc.user_data key: every token's text, read once


def words_of(doc: Doc) -> list[str]:
    """Every token's text, read once per Doc with ``to_array`` (a Python Token per position costs more).

    Callers must not change the list: it is shared by every stage.
    """
    words = doc.user_data.get(_WORDS)
    if isinstance(words, list) and len(words) == len(doc):
        return words
    strings = doc.vocab.strings
    words = [strings[h] for h in doc.to_array(ORTH).tolist()] if len(doc) else []
    doc.user_data[_WORDS] = words
    return words


def _length(doc: Doc) -> int:
    """The text length from the last token alone (a guard against user_data copied between Docs)."""
    if not len(doc):
        return 0
    last = doc[-1]
    return last.idx + len(last.text_with_ws)


def doc_id_of(doc: Doc) -> str:
    """The article id set by the caller, or a hash of the text."""
    value = doc._.get(_DOC_ID)
    return str(value) if value else stable_id(text_of(doc))


def set_doc_id(doc: Doc, value: str) -> None:
    doc._.set(_DOC_ID, value)


def published_of(doc: Doc) -> str | None:
    """The publication date the caller set (``article.published``), else None."""
    value = doc._.get(_PUBLISHED) if Doc.has_extension(_PUBLISHED) else None
    return str(value) if value else None


def set_published(doc: Doc, value: str | None) -> None:
    doc._.set(_PUBLISHED, value)


def dropped_of(doc: Doc) -> list[Dropped]:
    return [Dropped.from_dict(d) for d in doc._.get(_DROPPED) or []]


def set_dropped(doc: Doc, value: list[Dropped]) -> None:
    doc._.set(_DROPPED, [d.to_dict() for d in value])


# Shorthands for the kinds every record has, used across the rule code.
def attributions_of(doc: Doc) -> list[Attribution]:
    return findings_of(doc, ATTRIBUTIONS)


def sources_of(doc: Doc) -> list[Source]:
    return findings_of(doc, SOURCES)


def non_responses_of(doc: Doc) -> list[NonResponse]:
    return findings_of(doc, NON_RESPONSES)


def set_attributions(doc: Doc, value: list[Attribution]) -> None:
    set_findings(doc, ATTRIBUTIONS, value)


def set_sources(doc: Doc, value: list[Source]) -> None:
    set_findings(doc, SOURCES, value)


def set_non_responses(doc: Doc, value: list[NonResponse]) -> None:
    set_findings(doc, NON_RESPONSES, value)


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
