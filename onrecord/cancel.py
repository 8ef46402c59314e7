"""Stopping an analysis nobody waits for any more (the web's timed-out analyses).

Python threads cannot be killed, so an analysis stops itself: the caller runs it under
``cancel_on(event)`` and sets the event when it gives up; ``check_cancelled()`` raises
``AnalysisCancelled`` once the event is set. The pipeline checks before each spaCy component
(``pipe_checked``) and each onrecord stage (``nlp.component.StageComponent``), so abandoned
work stops at the next component boundary and its Doc is freed. Outside ``cancel_on`` (the
CLI, batch runs, worker processes) a check is one thread-local lookup.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TypeVar

from onrecord.errors import OnrecordError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

T = TypeVar("T")


class AnalysisCancelled(OnrecordError):
    """The analysis was abandoned by its caller (its time limit passed) and stopped."""

    code = "cancelled"


_local = threading.local()


@contextmanager
def cancel_on(event: threading.Event) -> Iterator[None]:
    """Run the block so that setting ``event`` stops the analysis in this thread at its next check."""
    previous: threading.Event | None = getattr(_local, "event", None)
    _local.event = event
    try:
        yield
    finally:
        _local.event = previous


def is_cancellable() -> bool:
    """True inside ``cancel_on`` in this thread."""
    return getattr(_local, "event", None) is not None


def check_cancelled() -> None:
    """Raise ``AnalysisCancelled`` if this thread's analysis has been abandoned."""
    event: threading.Event | None = getattr(_local, "event", None)
    if event is not None and event.is_set():
        raise AnalysisCancelled("The analysis was abandoned after its time limit and stopped.")


def checked(items: Iterable[T]) -> Iterator[T]:
    """``items``, checking for cancellation before each one is handed on."""
    for item in items:
        check_cancelled()
        yield item


def pipe_checked(nlp: Language, docs: Iterable[Doc]) -> Iterator[Doc]:
    """``nlp.pipe(docs)``, with a cancellation check between every two components.

    Each component pulls its Docs through ``checked``, so a Doc reaches the next component only
    while the analysis is still wanted.
    """
    stream: Iterable[Doc] = docs
    for _, proc in nlp.pipeline:
        stream = checked(stream)
        stream = proc.pipe(stream) if hasattr(proc, "pipe") else map(proc, stream)
    return checked(stream)
