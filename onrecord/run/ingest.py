"""The ingest run: sources → analysis → one writer, every input accounted for, resumable.

Keys. Every record read has an input key, its ``origin`` (``PATH``, ``PATH:LINE`` for JSON
Lines, ``PATH@OFFSET`` for WARC records, ``FEED#GUID`` for feed entries, the URL for URL
lists and URL arguments; standard input is keyed by a hash of its bytes). Paths are absolute.

Accounting. Each record read ends in exactly one bucket, so that

    read = stored + new_version + unchanged + skipped + failed + already_done + in_flight

- ``stored`` / ``new_version`` / ``unchanged``: what ``Store.store_record`` said (``unchanged``:
  the same article, same analysis, was already in the store: nothing written but the ledger);
- ``skipped``: read fine but not an article (``SkippedInput``: not_html, http_status, ...);
- ``failed``: an error, with its stage (ingest / extract / analyze / store) and code;
- ``already_done``: the ledger has a final state for the key from an earlier run (or the key
  came up twice in this run): not analysed again. ``force`` redoes them, ``retry_failed``
  redoes only the failed ones.

Resume. The ledger (``inputs`` table) is written in the same transaction as the record, skip
or failure, so a run killed at any moment leaves each input either finished or untouched; the
next run checks keys in batches (``Store.input_states``) before analysing and does the rest.

One writer. Analysis runs in an ``AnalysisPool`` (``jobs`` worker processes); this process
reads, checks the ledger, and does every store write, one transaction per record.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import os
import signal
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import FrameType
from typing import Any, Literal

from onrecord.errors import ExtractError, IngestError, OnrecordError, SkippedInput
from onrecord.ingest import InputFailure, RawDocument, make_client
from onrecord.ingest.credentials import strip_credentials, strip_error_credentials
from onrecord.ingest.files import is_url
from onrecord.pipeline import AnalysisPool, ItemFailure, KeyedResult, PendingBatch
from onrecord.run.sources import Item, RunFetcher, iter_sources
from onrecord.settings import Settings
from onrecord.store import Store, StoreError

log = logging.getLogger(__name__)

RunStatus = Literal["ok", "failed", "interrupted"]
Stage = Literal["ingest", "extract", "analyze", "store"]

# Store errors that no other record would escape either: stop the run rather than fail every item.
FATAL_STORE_CODES = frozenset({
    "read_only", "disk_full", "cannot_open", "busy", "cannot_connect", "schema_mismatch", "not_found",
    "bad_url",
})


@dataclass
class IngestCounts:
    """Where every record read ended up; the buckets are disjoint and add up to ``read``."""

    read: int = 0
    stored: int = 0
    new_version: int = 0
    unchanged: int = 0
    skipped: int = 0
    failed: int = 0
    already_done: int = 0
    skipped_by_reason: Counter[str] = field(default_factory=Counter)
    failed_by_stage: Counter[str] = field(default_factory=Counter)

    @property
    def accounted(self) -> int:
        return (self.stored + self.new_version + self.unchanged + self.skipped + self.failed
                + self.already_done)

    def to_dict(self) -> dict[str, Any]:
        return {
            "read": self.read, "stored": self.stored, "new_version": self.new_version,
            "unchanged": self.unchanged, "skipped": self.skipped, "failed": self.failed,
            "already_done": self.already_done,
            # read but not finished when the run stopped (Ctrl-C, SIGTERM, a fatal store error):
            # the next run does them; with it the buckets always add up to ``read``
            "in_flight": self.read - self.accounted,
            "skipped_by_reason": dict(sorted(self.skipped_by_reason.items())),
            "failed_by_stage": dict(sorted(self.failed_by_stage.items())),
        }


@dataclass
class IngestResult:
    """How a run ended: its row in the store (None if it never started), status, counts, fatal error."""

    run_id: int | None
    status: RunStatus
    counts: IngestCounts
    seconds: float = 0.0
    error: OnrecordError | None = None


@dataclass(frozen=True, slots=True)
class IngestOptions:
    jobs: int = 1
    force: bool = False  # analyse again inputs the ledger says are done
    retry_failed: bool = False  # analyse again inputs that failed in an earlier run
    url_lists: bool = False  # file arguments are lists of article URLs
    ledger_batch: int = 256  # keys looked up together; bounds the wait of a slow reader too
    ledger_wait: float = 0.5  # seconds a partial batch may wait for more records


class FatalStoreError(Exception):
    """Raised inside the writer to stop the run; carries the StoreError to report."""

    def __init__(self, error: StoreError) -> None:
        super().__init__(str(error))
        self.error = error


def input_key(item: Item) -> str:
    """The stable key of a record: its origin, made unique where the origin alone is not
    (never with the credentials of a URL)."""
    origin = strip_credentials(item.origin)
    if origin == "-" and isinstance(item, RawDocument):
        data = item.data.encode("utf-8") if isinstance(item.data, str) else item.data
        return "-#sha256:" + hashlib.sha256(data).hexdigest()
    if item.line is not None and not is_url(origin) and not origin.endswith(f":{item.line}"):
        return f"{origin}:{item.line}"
    if isinstance(item, RawDocument) and item.line is None and not is_url(origin) and os.path.isfile(origin):
        # a file is keyed by path and content: an edited file is new work (and a new version of
        # the same article, see file_identity), an unchanged one is already done
        data = item.data.encode("utf-8") if isinstance(item.data, str) else item.data
        return f"{origin}{_CONTENT_MARK}{hashlib.sha256(data).hexdigest()}"
    return origin


_CONTENT_MARK = "#sha256:"


def file_identity(key: str) -> str | None:
    """The article identity of a file's record (``file:PATH``), from its input key; None for
    other inputs. Without it an edited text, having no URL, would be a second article."""
    path, mark, _ = key.rpartition(_CONTENT_MARK)
    return f"file:{path}" if mark and path and path != "-" else None


def stage_of(error: OnrecordError) -> Stage:
    """Which stage an error belongs to, for the failures table and the summary."""
    if isinstance(error, StoreError):
        return "store"
    if isinstance(error, IngestError):
        return "ingest"
    if isinstance(error, ExtractError):
        return "extract"
    return "analyze"


def run_settings(settings: Settings, options: IngestOptions, engine: str = "local") -> dict[str, Any]:
    """What the run row records about how it ran (never the database URL)."""
    return {**dataclasses.asdict(settings), "jobs": options.jobs, "force": options.force,
            "retry_failed": options.retry_failed, "url_lists": options.url_lists, "engine": engine}


def run_ingest(
    args: list[str],
    settings: Settings,
    *,
    db: str | None,
    options: IngestOptions = IngestOptions(),
    on_failure: Callable[[str, str, OnrecordError], None] | None = None,
    on_progress: Callable[[IngestCounts], None] | None = None,
) -> IngestResult:
    """Ingest ``args`` into the store at ``db``; returns how it ended (Ctrl-C included).

    Raises:
        StoreError: the database cannot be opened or migrated (no run was started).
    """
    started = time.monotonic()
    store = Store.open(db)
    store.migrate()
    store.close()  # no open SQLite connection may cross the fork of the worker pool
    counts = IngestCounts()
    result = IngestResult(run_id=None, status="ok", counts=counts)
    try:
        with AnalysisPool(settings, options.jobs) as pool:
            model = pool.model_version()
            result.run_id = store.start_run("ingest", [strip_credentials(a) for a in args],
                                            run_settings(settings, options),
                                            model_version=model)
            writer = Writer(store, result.run_id, pool, counts, options, on_failure, on_progress)
            with make_client(settings) as client:
                fetcher = RunFetcher(settings, client)
                writer.consume(iter_sources(args, settings, fetcher, url_lists=options.url_lists))
    except KeyboardInterrupt:
        result.status = "interrupted"
    except FatalStoreError as exc:
        result.status, result.error = "failed", exc.error
    except OnrecordError as exc:  # the model missing, the store refusing the run row
        result.status, result.error = "failed", exc
    if result.status == "ok" and counts.failed and counts.failed == counts.read:
        result.status = "failed"  # every input this run read failed: nothing about it was ok
    if result.run_id is not None:
        try:
            store.finish_run(result.run_id, result.status)
        except StoreError as exc:  # a full disk may refuse this too; the run row then stays "running"
            log.warning("could not close run %s: %s", result.run_id, exc)
            result.error = result.error or exc
            result.status = "failed"
    store.close()
    result.seconds = time.monotonic() - started
    return result


class Writer:
    """The single writer: checks the ledger, feeds the pool, stores results in input order."""

    def __init__(
        self,
        store: Store,
        run_id: int,
        pool: AnalysisPool,
        counts: IngestCounts,
        options: IngestOptions,
        on_failure: Callable[[str, str, OnrecordError], None] | None = None,
        on_progress: Callable[[IngestCounts], None] | None = None,
    ) -> None:
        self.store = store
        self.run_id = run_id
        self.pool = pool
        self.counts = counts
        self.options = options
        self.on_failure = on_failure
        self.on_progress = on_progress
        self.chunk = 16 if pool.jobs == 1 else 8  # articles per nlp.pipe batch
        self.window = 2 * pool.jobs  # batches in flight: workers never wait for the writer
        self._pending: deque[PendingBatch] = deque()
        self._seen: set[str] = set()

    def consume(self, items: Iterable[Item]) -> None:
        """Account for every item: ledger check, analysis, one store write each."""
        for batch in _batches(_coalesce(items), self.options.ledger_batch, self.options.ledger_wait):
            self._admit(batch)
        while self._pending:
            self._write(self._pending.popleft().get())

    def _admit(self, batch: list[Item]) -> None:
        keyed = [(input_key(item), item) for item in batch]
        self.counts.read += len(keyed)
        states = {} if self.options.force else self._call(self.store.input_states, [k for k, _ in keyed])
        todo: list[tuple[str, RawDocument]] = []
        for key, item in keyed:
            state = states.get(key)
            retry = self.options.retry_failed and state == "failed"
            if key in self._seen or (state is not None and not retry):
                self.counts.already_done += 1
                continue
            self._seen.add(key)
            if isinstance(item, InputFailure):
                self._account_failure(key, item.origin, item.error)
                continue
            todo.append((key, item))
            if len(todo) >= self.chunk:
                self._submit(todo)
                todo = []
        if todo:
            self._submit(todo)
        self._collect_ready()

    def _submit(self, items: list[tuple[str, RawDocument]]) -> None:
        self._pending.append(self.pool.submit(items))
        while len(self._pending) > self.window:
            self._write(self._pending.popleft().get())
        self._collect_ready()

    def _collect_ready(self) -> None:
        while self._pending and self._pending[0].ready():
            self._write(self._pending.popleft().get())

    def _write(self, results: list[KeyedResult]) -> None:
        for key, result in results:
            if isinstance(result, ItemFailure):
                self._account_failure(key, result.origin, result.error)
                continue
            with _shielded():
                try:
                    identity = file_identity(key) if not result.url else None
                    outcome = self.store.store_record(result, run_id=self.run_id, input_key=key,
                                                      identity=identity)
                except StoreError as exc:
                    if exc.code in FATAL_STORE_CODES:
                        raise FatalStoreError(exc) from exc
                    self._account_failure(key, key, exc)
                    continue
                if outcome == "stored":
                    self.counts.stored += 1
                elif outcome == "new_version":
                    self.counts.new_version += 1
                else:
                    self.counts.unchanged += 1
        if self.on_progress is not None:
            self.on_progress(self.counts)

    def _account_failure(self, key: str, origin: str, error: OnrecordError) -> None:
        with _shielded():
            self._account_failure_now(key, origin, error)

    def _account_failure_now(self, key: str, origin: str, error: OnrecordError) -> None:
        # the readers strip URL credentials already; this keeps them out of the ledger whatever the reader
        key, origin, error = strip_credentials(key), strip_credentials(origin), strip_error_credentials(error)
        if isinstance(error, SkippedInput):
            self._call(self.store.record_skip, self.run_id, key, origin, error.code)
            self.counts.skipped += 1
            self.counts.skipped_by_reason[error.code] += 1
            log.info("skipped (%s): %s", error.code, error)
            return
        stage = stage_of(error)
        self._call(self.store.record_failure, self.run_id, key, origin, stage, error.code, str(error))
        self.counts.failed += 1
        self.counts.failed_by_stage[stage] += 1
        if self.on_failure is not None:
            self.on_failure(key, stage, error)

    def _call(self, method: Callable[..., Any], *args: Any) -> Any:
        """A store call whose failure ends the run (the ledger must stay truthful)."""
        try:
            return method(*args)
        except StoreError as exc:
            raise FatalStoreError(exc) from exc


@contextmanager
def _shielded() -> Iterator[None]:
    """Hold Ctrl-C / SIGTERM until a store write and its count are both done, so the summary
    matches the run row exactly (the write itself is one transaction either way)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []

    def hold(signum: int, frame: FrameType | None) -> None:
        caught.append(signum)

    previous = {sig: signal.signal(sig, hold) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if caught:
        raise KeyboardInterrupt


def _coalesce(items: Iterable[Item]) -> Iterator[Item]:
    """One item per record: a failure reported twice in a row for one key keeps the later report.

    ``iter_warc`` reports a record cut short by the end of the file twice: first as the record it
    could parse (often "no HTTP status line", a skip), then as ``truncated_record``. The record is
    one input; the second report is the true one.
    """
    held: InputFailure | None = None
    held_key = ""
    for item in items:
        if held is not None:
            if not (isinstance(item, InputFailure) and input_key(item) == held_key):
                yield held
            held = None
        if isinstance(item, InputFailure):
            held, held_key = item, input_key(item)
        else:
            yield item
    if held is not None:
        yield held


def _batches(items: Iterable[Item], size: int, max_wait: float) -> Iterator[list[Item]]:
    """Groups of up to ``size`` items; a group is cut short after ``max_wait`` seconds (slow fetches)."""
    batch: list[Item] = []
    started = 0.0
    for item in items:
        if not batch:
            started = time.monotonic()
        batch.append(item)
        if len(batch) >= size or time.monotonic() - started >= max_wait:
            yield batch
            batch = []
    if batch:
        yield batch
