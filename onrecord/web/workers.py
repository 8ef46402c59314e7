"""Web analyses in worker processes that can be killed (``web_analysis_isolation = "process"``).

A thread cannot be stopped inside a spaCy component (``onrecord.cancel`` stops one between
components), so an abandoned 500,000-character analysis would keep its slot and its memory for
up to a component more. Here each analysis slot owns one worker process that loads the model
once and then analyses one ``RawDocument`` at a time:

* the caller that gives up (504, or the request gone) kills the worker (SIGKILL); its slot is
  free as soon as the process is dead, and a fresh worker starts at once and loads the model
  in the background, so the next analysis does not pay for it unless it comes within ~2 s;
* a worker is ready once it has loaded the model and analysed one sentence (the first
  analysis in a process pays about 3 s of lazy set-up);
* each worker runs under ``RLIMIT_AS`` (``web_analysis_memory_mb``): an analysis that needs
  more fails with ``MemoryError`` in the worker (``AnalysisOutOfMemory``, 413), or the worker
  dies (``AnalysisCrashed``, 503); either way it is replaced and the server keeps serving.

Workers are made by ``forkserver`` (a clean, single-threaded parent that has already imported
the pipeline), not by forking the threaded server; ``spawn`` where there is no forkserver.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import multiprocessing.connection
import multiprocessing.context
import os
import signal
import threading
from collections import deque
from typing import Any

from onrecord.errors import OnrecordError
from onrecord.ingest import RawDocument
from onrecord.records import ArticleRecord
from onrecord.settings import Settings

log = logging.getLogger(__name__)

MEMORY_ENV = "ONRECORD_WEB_ANALYSIS_MEMORY_MB"
READY_POLL = 0.2  # seconds between checks that a waiting caller is still waiting


class AnalysisOutOfMemory(OnrecordError):
    """An analysis needed more memory than its worker may take (``web_analysis_memory_mb``)."""

    code = "out_of_memory"


class AnalysisCrashed(OnrecordError):
    """The worker process died during an analysis (most likely out of memory)."""

    code = "analysis_crashed"


def _context() -> multiprocessing.context.BaseContext:
    """forkserver (preloaded with the pipeline) where the platform has it, else spawn."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["onrecord.pipeline"])
        return ctx
    return multiprocessing.get_context("spawn")


def _advice(memory_mb: int) -> str:
    return (f"Send a shorter text, raise web_analysis_memory_mb ({MEMORY_ENV}, now {memory_mb:,}) "
            "on the server, or analyse it with the onrecord command line.")


def _serve(conn: multiprocessing.connection.Connection, settings: Settings, memory_mb: int) -> None:
    """The worker: cap its memory, load the model, then analyse what the parent sends until the
    pipe closes. Replies ("ready", None) | ("failed", error) once, then ("ok", record) |
    ("error", error) | ("memory", None) per analysis; after "memory" it exits."""
    import resource

    from onrecord.pipeline import analyze_one, nlp_for

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    cap = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    try:
        nlp_for(settings)
        _warm_up(settings)
    except MemoryError:
        conn.send(("failed", AnalysisOutOfMemory(
            f"The analysis model does not fit in web_analysis_memory_mb ({memory_mb:,} MB); "
            f"raise it ({MEMORY_ENV}).")))
        return
    except BaseException as exc:  # noqa: BLE001 - reported to every analysis that asks this worker
        conn.send(("failed", _picklable(exc)))
        return
    conn.send(("ready", None))
    while True:
        try:
            raw = conn.recv()
        except (EOFError, OSError):
            return  # the server is gone
        try:
            reply: tuple[str, Any] = ("ok", analyze_one(raw, settings))
        except MemoryError:
            reply = ("memory", None)
        except BaseException as exc:  # noqa: BLE001 - handed to the request, which maps it to the error shape
            reply = ("error", _picklable(exc))
        try:
            conn.send(reply)
        except MemoryError:
            conn.send(("memory", None))
            return
        if reply[0] == "memory":
            return  # a MemoryError may have left the model half-changed: the server starts a fresh worker


WARM_UP_TEXT = ('"We will not raise taxes this year," Finance Minister Maria Lopez said on Tuesday in '
                "Madrid, according to a statement.")


def _warm_up(settings: Settings) -> None:
    """Analyse a sentence once: the first analysis in a process pays for lazy set-up (about 3 s),
    which must not fall on a request's time limit."""
    from onrecord.pipeline import analyze_one

    with contextlib.suppress(OnrecordError):  # settings that refuse the sentence: the worker still serves
        analyze_one(RawDocument(origin="<warm-up>", data=WARM_UP_TEXT, kind="text"), settings)


def _picklable(exc: BaseException) -> BaseException:
    import pickle

    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:  # noqa: BLE001 - any error that does not survive the pipe is sent as text
        return OnrecordError(f"{type(exc).__name__}: {exc}")
    return exc


class AnalysisWorker:
    """One worker process and the pipe to it; started at once, ready once its model is loaded."""

    def __init__(self, ctx: multiprocessing.context.BaseContext, settings: Settings, memory_mb: int) -> None:
        self.memory_mb = memory_mb
        self._conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child, settings, memory_mb),  # type: ignore[attr-defined]
                                   name="onrecord-web-analysis", daemon=True)
        self.process.start()
        child.close()
        self._ready = False
        self._done = False  # killed, crashed or out of memory: never handed out again

    def wait_ready(self, still_wanted: threading.Event) -> None:
        """Wait for the model to load; returns early (not ready) once ``still_wanted`` is cleared.

        Raises:
            OnrecordError: the model failed to load here (e.g. ``ModelNotInstalled``), or the
                worker died while loading.
        """
        while not self._ready and still_wanted.is_set():
            if self._conn.poll(READY_POLL):
                kind, error = self._receive()
                if kind != "ready":
                    raise error
                self._ready = True

    def analyse(self, raw: RawDocument) -> ArticleRecord:
        """The record of ``raw``, analysed in the worker; raises what the analysis raised."""
        self._conn.send(raw)
        kind, value = self._receive()
        if kind == "ok":
            assert isinstance(value, ArticleRecord)
            return value
        if kind == "memory":
            self.kill()  # it is exiting anyway; ``give_back`` replaces it
            raise AnalysisOutOfMemory(f"The analysis needed more than the {self.memory_mb:,} MB of memory a "
                                      f"web analysis may use, and was stopped. {_advice(self.memory_mb)}")
        assert isinstance(value, BaseException)
        raise value

    def _receive(self) -> tuple[str, Any]:
        try:
            reply: tuple[str, Any] = self._conn.recv()
        except (EOFError, OSError):
            self._done = True
            self.process.join(5)
            code = self.process.exitcode
            how = f"was killed by signal {-code}" if code is not None and code < 0 else f"exited ({code})"
            raise AnalysisCrashed(f"The analysis process {how}, most likely out of memory (a web analysis "
                                  f"may use {self.memory_mb:,} MB). {_advice(self.memory_mb)}") from None
        return reply

    @property
    def is_usable(self) -> bool:
        """Alive and not killed (a killed process can look alive until it is reaped)."""
        return not self._done and bool(self.process.is_alive())

    def kill(self) -> None:
        """SIGKILL the worker (it cannot refuse); ``join`` waits for it."""
        self._done = True
        if self.process.pid is not None and self.process.exitcode is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.process.pid, signal.SIGKILL)

    def join(self) -> None:
        self.process.join()
        self._conn.close()


class AnalysisWorkers:
    """``size`` warm workers, one per analysis slot; a killed or broken one is replaced at once.

    Callers hold a slot (``AnalysisLimits.slots``) while they use a worker, so ``take`` always
    finds one (it may still be loading its model).
    """

    def __init__(self, settings: Settings, size: int, memory_mb: int) -> None:
        self.settings, self.size, self.memory_mb = settings, size, memory_mb
        self._idle: deque[AnalysisWorker] = deque()
        self._lock = threading.Lock()
        self._started = False
        self._closed = False
        self._ctx: multiprocessing.context.BaseContext | None = None

    def start(self) -> None:
        """Start the workers (each loads the model in the background); idempotent."""
        with self._lock:
            if self._started or self._closed:
                return
            self._started = True
            self._ctx = _context()
            for _ in range(self.size):
                self._idle.append(self._new())

    def _new(self) -> AnalysisWorker:
        assert self._ctx is not None
        return AnalysisWorker(self._ctx, self.settings, self.memory_mb)

    def take(self) -> AnalysisWorker:
        self.start()
        with self._lock:
            if self._closed:
                raise AnalysisCrashed("The server is shutting down.")
            return self._idle.popleft() if self._idle else self._new()

    def give_back(self, worker: AnalysisWorker) -> None:
        """Return a worker after use: kept if it lives, else (killed, crashed, out of memory)
        reaped and replaced by a fresh one, which loads its model in the background."""
        if worker.is_usable:
            with self._lock:
                if not self._closed:
                    self._idle.append(worker)
                    return
            worker.kill()
        worker.join()
        with self._lock:
            if not self._closed:
                self._idle.append(self._new())

    def close(self) -> None:
        """Kill every idle worker (those in use die with their pipe, or are killed by their caller)."""
        with self._lock:
            self._closed = True
            idle, self._idle = list(self._idle), deque()
        for worker in idle:
            worker.kill()
        for worker in idle:
            worker.join()

    def pids(self) -> list[int]:
        """The process ids of the idle workers (for tests and diagnostics)."""
        with self._lock:
            return [w.process.pid for w in self._idle if w.process.pid is not None]
