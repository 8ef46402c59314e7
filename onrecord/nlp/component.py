"""The thin spaCy component every rule-based stage shares: run a pure function, store its result.

A stage is written as ``find(doc) -> T`` plus a typed setter from ``extensions.py``;
``StageComponent`` wraps the pair so that errors go through the pipeline's error handler
(``nlp.set_error_handler``) the same way for every stage.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from spacy.pipeline import Pipe
from spacy.tokens import Doc

from onrecord.cancel import check_cancelled

T = TypeVar("T")


class StageComponent(Pipe, Generic[T]):
    """spaCy component: ``store(doc, find(doc))`` on every Doc."""

    def __init__(self, name: str, find: Callable[[Doc], T], store: Callable[[Doc, T], None]) -> None:
        self.name = name
        self.find = find
        self.store = store

    def __call__(self, doc: Doc) -> Doc:
        check_cancelled()  # an abandoned analysis stops here (onrecord.cancel), not in the error handler
        try:
            self.set_annotations(doc, self.find(doc))
        except Exception as exc:  # noqa: BLE001 - the pipeline's error handler decides
            self.get_error_handler()(self.name, self, [doc], exc)
        return doc

    def set_annotations(self, doc: Doc, found: T) -> None:
        self.store(doc, found)
