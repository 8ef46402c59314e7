"""The pipeline's entry points: ``analyze_one`` raises, ``analyze_documents`` keeps input order
(with worker processes too), and the ``cue_threshold`` setting reaches the attribution model."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from onrecord.errors import IngestError, NoArticleText
from onrecord.ingest import InputFailure, RawDocument
from onrecord.nlp.attributions import AttributionComponent
from onrecord.pipeline import ItemFailure, Result, analyze_documents, analyze_one, nlp_for
from onrecord.settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language

pytestmark = pytest.mark.model

SETTINGS = Settings(check_language=False)


def _text(n: int) -> RawDocument:
    text = f'"Ferry {n} will sail on Monday," harbour master Ana Costa said.'
    return RawDocument(origin=f"a{n}.txt", data=text, kind="text", id=f"a{n}")


def _inputs() -> list[RawDocument | InputFailure]:
    items: list[RawDocument | InputFailure] = [_text(n) for n in range(11)]
    items.insert(3, InputFailure("missing.txt", None, IngestError("Cannot read 'missing.txt'.")))
    items.insert(9, RawDocument(origin="empty.html", data="<html><body></body></html>", kind="html", id="e"))
    return items


def _outline(results: list[Result]) -> list[tuple[str, str]]:
    return [("failure", r.origin) if isinstance(r, ItemFailure) else ("record", r.id) for r in results]


def test_analyze_one_returns_the_record_or_raises(onrecord_nlp: Language) -> None:
    record = analyze_one(_text(1), SETTINGS, onrecord_nlp)
    assert record.id == "a1" and record.attributions
    with pytest.raises(NoArticleText):
        analyze_one(RawDocument(origin="e.html", data="<html><body></body></html>", kind="html"), SETTINGS)


@pytest.mark.slow
def test_worker_processes_keep_input_order_and_records(onrecord_nlp: Language) -> None:
    one = list(analyze_documents(_inputs(), SETTINGS, jobs=1))
    two = list(analyze_documents(_inputs(), SETTINGS, jobs=2))
    expected = [("record", f"a{n}") for n in range(11)]
    expected.insert(3, ("failure", "missing.txt"))
    expected.insert(9, ("failure", "empty.html"))
    assert _outline(one) == _outline(two) == expected
    assert [r.to_dict() for r in one if not isinstance(r, ItemFailure)] == [
        r.to_dict() for r in two if not isinstance(r, ItemFailure)]


def test_cue_threshold_setting_reaches_the_attribution_model(onrecord_nlp: Language) -> None:
    def threshold(nlp: Language) -> float:
        component = nlp.get_pipe("onrecord_attributions")
        assert isinstance(component, AttributionComponent)
        return component.model.cue_threshold

    assert threshold(onrecord_nlp) == 0.3  # the model sidecar's value when the setting is unset
    assert threshold(nlp_for(Settings(cue_threshold=0.45))) == 0.45
