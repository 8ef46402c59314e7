"""StageComponent: results are stored, and errors go through the pipeline's error handler."""

from __future__ import annotations

import pytest
import spacy
from spacy.pipeline import Pipe
from spacy.tokens import Doc

from onrecord.nlp.component import StageComponent


def _boom(doc: Doc) -> int:
    raise ValueError(f"cannot handle {doc.text!r}")


def test_stores_the_result() -> None:
    seen: list[int] = []
    comp = StageComponent("t", lambda doc: len(doc), lambda doc, n: seen.append(n))
    comp(spacy.blank("en")("two words"))
    assert seen == [2]


def test_errors_raise_by_default_and_reach_a_custom_handler() -> None:
    comp = StageComponent("t", _boom, lambda doc, n: None)
    doc = spacy.blank("en")("x")
    with pytest.raises(ValueError, match="cannot handle"):
        comp(doc)
    caught: list[str] = []

    def handler(name: str, proc: Pipe, docs: list[Doc], exc: Exception) -> None:
        caught.append(f"{name}: {exc}")

    # spaCy's stub types handlers as NoReturn (its default re-raises); a custom one may return.
    comp.set_error_handler(handler)  # type: ignore[arg-type]
    assert comp(doc) is doc
    assert caught == ["t: cannot handle 'x'"]
