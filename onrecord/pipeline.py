"""The analysis pipeline: RawDocument → Article → spaCy Doc → ArticleRecord.

``analyze_one`` analyses one input and raises on failure (the Python API and the web use it).
``analyze_documents`` is the entry point for batches: it keeps input order, turns each
per-item ``OnrecordError`` into an ``ItemFailure`` and carries on, and with ``jobs > 1``
runs an ``AnalysisPool`` of worker processes that each load the model once (the pool
``onrecord ingest`` uses too).
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import multiprocessing.context
import multiprocessing.pool
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol, Self

from spacy.language import Language
from spacy.tokens import Doc

from onrecord import __version__
from onrecord.cancel import is_cancellable, pipe_checked
from onrecord.errors import OnrecordError
from onrecord.extract import Article, check_english, extract_article
from onrecord.extract.headline import headline_of
from onrecord.extract.metadata import strip_credentials
from onrecord.findings import ATTRIBUTIONS, SOURCES, kinds
from onrecord.ingest import InputFailure, RawDocument
from onrecord.nlp import extensions as ext
from onrecord.nlp.invisible import OffsetMap, restore_record, without_invisible
from onrecord.nlp.model import build_nlp, model_description
from onrecord.records import ArticleRecord, Dropped, Provenance, stable_id
from onrecord.settings import Settings
from onrecord.stories.features import features_of_record


@dataclass(frozen=True, slots=True)
class ItemFailure:
    """One input that could not be analysed, and why."""

    origin: str
    line: int | None
    id: str | None
    error: OnrecordError

    @property
    def message(self) -> str:
        message = str(self.error)
        # Ingest messages usually name the input already; don't say it twice.
        if self.origin in message:
            return message
        numbered = self.line and not self.origin.endswith(f":{self.line}")
        where = f"{self.origin}:{self.line}" if numbered else self.origin
        return f"{where}: {message}"


Result = ArticleRecord | ItemFailure


def record_id(raw: RawDocument, article: Article) -> str:
    """The caller's id, else a hash of the canonical URL, else a hash of the text."""
    if raw.id:
        return raw.id
    if article.url:
        return stable_id("url", article.url)
    return stable_id("text", article.text)


def prepare(raw: RawDocument, settings: Settings) -> tuple[str, Article]:
    """Extract and check one input; raises OnrecordError when it cannot be analysed."""
    article = extract_article(raw, settings)
    if settings.check_language:
        check_english(article.text, raw.origin)
    if raw.published and not article.published:
        article = dataclasses.replace(article, published=raw.published)
    if raw.url and not article.url:
        article = dataclasses.replace(article, url=raw.url)
    if article.url != (safe := strip_credentials(article.url)):  # never stored, exported or linked
        article = dataclasses.replace(article, url=safe)
    if raw.kind == "text" and not article.title:
        article = dataclasses.replace(article, title=headline_of(article.text))  # the text is unchanged
    return record_id(raw, article), article


def record_from_doc(
    doc: Doc, article: Article, rid: str, nlp: Language, settings: Settings, offsets: OffsetMap | None = None
) -> ArticleRecord:
    """Collect the findings the stages stored on ``doc`` into an ArticleRecord.

    Every kind declared in ``onrecord.findings`` whose stage ran is read off the Doc; then
    attributions under ``min_confidence`` go, with their links from sources. ``offsets`` maps
    a Doc made without invisible characters back to ``article.text`` (``nlp.invisible``).
    """
    found: dict[str, tuple[Any, ...]] = {
        kind.name: tuple(ext.findings_of(doc, kind)) for kind in kinds() if ext.has_findings(doc, kind)
    }
    if ATTRIBUTIONS.name in found:
        attributions = [a for a in found[ATTRIBUTIONS.name] if a.confidence >= settings.min_confidence]
        found[ATTRIBUTIONS.name] = tuple(attributions)
        kept = {a.id for a in attributions}
        sources = [
            dataclasses.replace(s, attribution_ids=tuple(i for i in s.attribution_ids if i in kept))
            for s in found.get(SOURCES.name, ())
        ]
        if settings.min_confidence > 0:
            sources = [s for s in sources if s.attribution_ids]
        if SOURCES.name in found:
            found[SOURCES.name] = tuple(sources)
    dropped: list[Dropped] = list(article.dropped) + ext.dropped_of(doc)
    record = ArticleRecord(
        id=rid,
        text=ext.text_of(doc),
        url=article.url,
        title=article.title,
        outlet=article.outlet,
        authors=article.authors,
        published=article.published,
        language=article.language or "en",
        findings=found,
        dropped=tuple(dropped),
        warnings=tuple(article.warnings),
        provenance=Provenance(
            onrecord=__version__,
            spacy_model=model_description(nlp),
            stages=tuple(n for n in nlp.pipe_names if n.startswith("onrecord_")),
        ),
    )
    if offsets is not None:
        record = restore_record(record, offsets)
    # Story features are made here, where the analysis runs (worker processes, Ray actors).
    return dataclasses.replace(record, story_features=features_of_record(record))


def _analyze_prepared(
    items: list[tuple[RawDocument, str, Article]], nlp: Language, settings: Settings
) -> Iterator[ArticleRecord]:
    """Parse a small batch together; nlp.pipe accepts Docs, so ids set before parsing survive."""
    docs, maps = [], []
    for _, rid, article in items:
        analysed, offsets = without_invisible(article.text)  # offsets map back to article.text
        doc = nlp.make_doc(analysed)
        ext.set_text(doc, analysed)
        ext.set_doc_id(doc, rid)
        ext.set_published(doc, article.published)
        docs.append(doc)
        maps.append(offsets)
    parsed = pipe_checked(nlp, docs) if is_cancellable() else nlp.pipe(docs)  # web: stops when abandoned
    for doc, (_, rid, article), offsets in zip(parsed, items, maps, strict=True):
        yield record_from_doc(doc, article, rid, nlp, settings, offsets)


def nlp_for(settings: Settings) -> Language:
    """The (cached) pipeline ``settings`` ask for: accurate mode, cue threshold, place adjectives."""
    return build_nlp(settings.accurate, settings.cue_threshold, settings.place_adjectives)


def analyze_one(raw: RawDocument, settings: Settings, nlp: Language | None = None) -> ArticleRecord:
    """Analyse one input and return its record; raises the ``OnrecordError`` when it cannot be analysed.

    The single-input entry point: ``onrecord.analyze``, ``POST /api/analyze`` and the web's
    analyse page all come here.
    """
    nlp = nlp or nlp_for(settings)
    rid, article = prepare(raw, settings)
    (record,) = _analyze_prepared([(raw, rid, article)], nlp, settings)
    return record


def analyze_serial(
    inputs: Iterable[RawDocument | InputFailure], settings: Settings, nlp: Language | None = None
) -> Iterator[Result]:
    """Analyse inputs in this process, in order; failures are yielded, not raised."""
    nlp = nlp or nlp_for(settings)
    pending: list[tuple[RawDocument, str, Article]] = []
    for item in inputs:
        if isinstance(item, InputFailure):
            yield from _analyze_prepared(pending, nlp, settings)
            pending = []
            yield ItemFailure(item.origin, item.line, None, item.error)
            continue
        try:
            rid, article = prepare(item, settings)
        except OnrecordError as exc:
            yield from _analyze_prepared(pending, nlp, settings)
            pending = []
            yield ItemFailure(item.origin, item.line, item.id, exc)
            continue
        pending.append((item, rid, article))
        if len(pending) >= SERIAL_BATCH:
            yield from _analyze_prepared(pending, nlp, settings)
            pending = []
    yield from _analyze_prepared(pending, nlp, settings)


SERIAL_BATCH = 16  # articles parsed together by nlp.pipe in this process
WORKER_BATCH = 8  # articles per batch sent to a worker process


def analyze_documents(
    inputs: Iterable[RawDocument | InputFailure], settings: Settings, jobs: int = 1
) -> Iterator[Result]:
    """Analyse every input in order, with ``jobs`` worker processes when jobs > 1.

    With workers, inputs travel to an ``AnalysisPool`` in batches keyed by their position and
    come back in input order; at most ``2 * jobs`` batches are in flight, so a long stream of
    inputs is never queued whole. An article that makes a component raise becomes an
    ``ItemFailure`` (``AnalysisFailed``) there, as in ``onrecord ingest``.
    """
    if jobs <= 1:
        yield from analyze_serial(inputs, settings)
        return
    pending: deque[PendingBatch] = deque()
    batch: list[tuple[str, RawDocument]] = []
    with AnalysisPool(settings, jobs) as pool:
        for position, item in enumerate(inputs):
            if isinstance(item, InputFailure):
                if batch:
                    pending.append(pool.submit(batch))
                    batch = []
                failure = ItemFailure(item.origin, item.line, None, item.error)
                pending.append(_Ready([(str(position), failure)]))
            else:
                batch.append((str(position), item))
                if len(batch) >= WORKER_BATCH:
                    pending.append(pool.submit(batch))
                    batch = []
            while len(pending) > 2 * pool.jobs or (pending and pending[0].ready()):
                yield from (result for _, result in pending.popleft().get())
        if batch:
            pending.append(pool.submit(batch))
        while pending:
            yield from (result for _, result in pending.popleft().get())


# -- keyed batches in worker processes (onrecord ingest, and analyze_documents with jobs > 1) ----
#
# A single writer must know which input each result belongs to, also when the results come back
# from worker processes; so inputs travel as (key, RawDocument) and come back as (key, Result).
# The caller submits small batches and collects them in order, keeping a bounded number in flight,
# so a reader of 20,000 WARC records never queues them all in memory (Pool.imap would).


class AnalysisFailed(OnrecordError):
    """A pipeline component raised something unexpected on one article; the batch carries on."""

    code = "analysis_error"


KeyedResult = tuple[str, Result]


class PendingBatch(Protocol):
    """A submitted batch: ``get`` waits for its results (``multiprocessing`` AsyncResult fits)."""

    def get(self, timeout: float | None = None) -> list[KeyedResult]: ...

    def ready(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class _Ready:
    results: list[KeyedResult]

    def get(self, timeout: float | None = None) -> list[KeyedResult]:
        return self.results

    def ready(self) -> bool:
        return True


def analyze_keyed(
    items: list[tuple[str, RawDocument]], settings: Settings, nlp: Language | None = None
) -> list[KeyedResult]:
    """Analyse a small batch together and pair every result with its key, in order.

    A component that raises on one article must not lose the others: the batch is then redone
    one article at a time and the culprit becomes an ``ItemFailure`` (``AnalysisFailed``).
    """
    nlp = nlp or nlp_for(settings)
    keys = [key for key, _ in items]
    docs = [raw for _, raw in items]
    try:
        results = list(analyze_serial(docs, settings, nlp))
    except Exception:  # noqa: BLE001 - isolate the article that broke the batch, below
        results = [_isolated(raw, settings, nlp) for raw in docs]
    return list(zip(keys, results, strict=True))


def _isolated(raw: RawDocument, settings: Settings, nlp: Language) -> Result:
    """One article on its own: its record, or an ``ItemFailure`` whatever went wrong."""
    try:
        try:
            rid, article = prepare(raw, settings)
        except OnrecordError as exc:
            return ItemFailure(raw.origin, raw.line, raw.id, exc)
        (record,) = _analyze_prepared([(raw, rid, article)], nlp, settings)
        return record
    except Exception as exc:  # noqa: BLE001 - one bad article is a failed item, not a failed run
        error = AnalysisFailed(f"'{raw.origin}': analysis failed ({type(exc).__name__}: {exc}).")
        return ItemFailure(raw.origin, raw.line, raw.id, error)


def _pool_context() -> multiprocessing.context.BaseContext:
    """fork where the platform has it (workers inherit the imported modules), else spawn."""
    return multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")


_worker_settings: Settings | None = None
_worker_startup_error: BaseException | None = None


def _worker_init(settings: Settings) -> None:
    """Load the model once per worker; Ctrl-C is the parent's to handle (it stops the pool)."""
    global _worker_settings, _worker_startup_error
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _worker_settings = settings
    try:
        nlp_for(settings)
    except BaseException as exc:  # noqa: BLE001 - reported on first use; a raising initializer respawns forever
        _worker_startup_error = exc


def _worker_run(items: list[tuple[str, RawDocument]]) -> list[KeyedResult]:
    if _worker_startup_error is not None:
        raise _worker_startup_error
    assert _worker_settings is not None
    return analyze_keyed(items, _worker_settings)


def _worker_model() -> str:
    if _worker_startup_error is not None:
        raise _worker_startup_error
    assert _worker_settings is not None
    return model_description(nlp_for(_worker_settings))


class AnalysisPool:
    """Analyse keyed batches in ``jobs`` worker processes (each loads the model once), or here.

    Use as a context manager; ``submit`` returns a ``PendingBatch``. With ``jobs == 1`` the
    batch is analysed at once in this process (no pickling, no extra process).
    """

    def __init__(self, settings: Settings, jobs: int = 1) -> None:
        self.settings = settings
        self.jobs = max(1, jobs)
        self._pool: multiprocessing.pool.Pool | None = None
        self._nlp: Language | None = None

    def __enter__(self) -> Self:
        if self.jobs > 1:
            self._pool = _pool_context().Pool(self.jobs, initializer=_worker_init, initargs=(self.settings,))
        else:
            self._nlp = nlp_for(self.settings)
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *rest: object) -> None:
        if self._pool is not None:
            if exc_type is None:
                self._pool.close()
            else:
                self._pool.terminate()
            self._pool.join()
            self._pool = None

    def model_version(self) -> str:
        """The model the workers run, for the run's provenance (raises if it failed to load)."""
        if self._pool is not None:
            return str(self._pool.apply(_worker_model))
        return model_description(self._nlp or nlp_for(self.settings))

    def submit(self, items: list[tuple[str, RawDocument]]) -> PendingBatch:
        """Start analysing ``items``; collect with ``.get()`` in the order submitted."""
        if self._pool is not None:
            return self._pool.apply_async(_worker_run, (items,))
        return _Ready(analyze_keyed(items, self.settings, self._nlp))
