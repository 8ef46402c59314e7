"""``onrecord ingest --engine ray``: the ordinary stages on Ray Data, over WARC and JSONL shards.

The plan has three steps. Ray tasks read shards (``shards.read_shard``: the same readers as
a local run) into rows of pickled ``RawDocument``/``InputFailure``; an actor pool of
``Analyzer``s, each holding the spaCy pipeline it loaded once, runs ``analyze_serial``
over batches and returns one outcome row per input (a pickled ``ArticleRecord``, a skip,
or a failure with stage, reason code and message); the driver is the single writer: it
streams the outcomes into Parquet datasets (``output.ParquetOutput``) and/or the store
(``Store.store_record``), so SQLite and PostgreSQL see one writer, as everywhere else.

Nothing is lost silently: every input ends as exactly one of stored, unchanged, skipped or
failed, and the counts ``run_ray`` returns add up to ``read``.
"""

from __future__ import annotations

import logging
import pickle
import sys
import warnings
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any

import pyarrow as pa
from spacy.language import Language

from onrecord.distributed.output import ParquetOutput
from onrecord.distributed.ray_logs import init_options, quiet_ray_logs
from onrecord.distributed.rows import RowIds, failure_row, input_row, record_rows
from onrecord.distributed.shards import Item, expand_shards, shard_rows
from onrecord.errors import ConfigError, OnrecordError, SkippedInput
from onrecord.ingest.document import InputFailure, RawDocument
from onrecord.pipeline import ItemFailure, analyze_keyed, nlp_for
from onrecord.records import ArticleRecord
from onrecord.run.ingest import FATAL_STORE_CODES, IngestOptions, input_key, run_settings, stage_of
from onrecord.settings import Settings
from onrecord.store import Store, StoreError
from onrecord.store.writer import now

logger = logging.getLogger(__name__)

INSTALL_HINT = "pip install 'onrecord[ray]'"
ACTOR_MEMORY = 700 * 1024 * 1024  # the English model plus onrecord's stages peak near 650 MB per process
BATCH_SIZE = 16  # inputs per actor call: what analyze_serial parses together with nlp.pipe
# Block size for the run. One task reads a whole shard and each block goes to one actor, so
# with Ray Data's default of 128 MB one WARC would keep one actor busy while the others idle.
# At 256 KB a shard becomes a stream of blocks of a few pages each (Ray's streaming
# repartition would do it by rows, but its tasks need a CPU, which a full pool never frees).
BLOCK_BYTES = 256 * 1024
RESULT_BATCH = 256  # outcome rows the driver pulls at a time

# One row per input, from the actors to the driver.
RESULT_SCHEMA = pa.schema([
    ("input_key", pa.string()),
    ("origin", pa.string()),
    ("outcome", pa.string()),  # "record" | "skipped" | "failed"
    ("record", pa.binary()),  # pickled ArticleRecord when outcome is "record"
    ("stage", pa.string()),  # failed: ingest | extract | analyze (as the local engine names them)
    ("reason", pa.string()),  # skipped or failed: the error's code
    ("message", pa.string()),
])

COUNTS = ("read", "stored", "unchanged", "skipped", "failed")


def import_ray() -> ModuleType:
    """Ray is an optional extra: import it only when the Ray engine is asked for."""
    try:
        import ray
        import ray.data  # Ray Data ships in ray's [data] extra, not with ray itself
    except ImportError as exc:
        raise ConfigError(f"The Ray engine needs Ray Data, which is not installed. Install it with: "
                          f"{INSTALL_HINT}") from exc
    return ray


def _outcome(key: str, origin: str, result: ArticleRecord | OnrecordError) -> dict[str, Any]:
    if isinstance(result, ArticleRecord):
        return {"input_key": key, "origin": origin, "outcome": "record",
                "record": pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL),
                "stage": None, "reason": None, "message": None}
    outcome = "skipped" if isinstance(result, SkippedInput) else "failed"
    return {"input_key": key, "origin": origin, "outcome": outcome, "record": None,
            "stage": stage_of(result), "reason": result.code, "message": str(result)}


def analyze_items(items: list[Item], settings: Settings, nlp: Language) -> list[dict[str, Any]]:
    """One outcome row per item, keyed as the local engine keys them, analysed as it analyses them.

    ``analyze_keyed`` isolates an article that breaks a batch (it becomes an ``analysis_error``
    failure), so one bad page never costs its neighbours.
    """
    rows: dict[int, dict[str, Any]] = {}
    todo: list[tuple[str, RawDocument]] = []
    positions: list[int] = []
    for n, item in enumerate(items):
        if isinstance(item, InputFailure):
            rows[n] = _outcome(input_key(item), item.origin, item.error)
        else:
            todo.append((input_key(item), item))
            positions.append(n)
    for n, (key, result) in zip(positions, analyze_keyed(todo, settings, nlp) if todo else [], strict=True):
        origin = items[n].origin
        rows[n] = _outcome(key, origin, result.error if isinstance(result, ItemFailure) else result)
    return [rows[n] for n in range(len(items))]


class Analyzer:
    """A Ray Data actor: loads the pipeline once, then analyses batch after batch."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.nlp = nlp_for(settings)

    def __call__(self, batch: pa.Table) -> pa.Table:
        items: list[Item] = [pickle.loads(b) for b in batch.column("item").to_pylist()]
        return pa.Table.from_pylist(analyze_items(items, self.settings, self.nlp), schema=RESULT_SCHEMA)


class RunSink:
    """The single writer on the driver: outcome rows into Parquet and/or the store, and the counts."""

    def __init__(self, output: ParquetOutput | None, store: Store | None, run_id: int | None) -> None:
        self.output, self.store, self.run_id = output, store, run_id
        self.ids = RowIds()
        self.counts = dict.fromkeys(COUNTS, 0)

    def add(self, row: dict[str, Any], *, counted: bool = False) -> None:
        """Account for one input's outcome row (``counted``: already in ``read``)."""
        key, origin, outcome = str(row["input_key"]), row["origin"], row["outcome"]
        if not counted:
            self.counts["read"] += 1
        if outcome == "record":
            record: ArticleRecord = pickle.loads(row["record"])
            self._add_record(key, origin, record)
        elif outcome == "skipped":
            self.counts["skipped"] += 1
            if self.store is not None and self.run_id is not None:
                self.store.record_skip(self.run_id, key, origin, row["reason"])
            self._ledger(key, "skipped", origin, row["reason"], None)
        else:
            self.counts["failed"] += 1
            if self.store is not None and self.run_id is not None:
                self.store.record_failure(self.run_id, key, origin, row["stage"], row["reason"],
                                          row["message"])
            if self.output is not None:
                self.output.add("failures", failure_row(
                    self.ids, run_id=self.run_id, input_key=key, origin=origin, stage=row["stage"],
                    reason=row["reason"], message=row["message"], failed_at=now()))
            self._ledger(key, "failed", origin, row["reason"], None)

    def _add_record(self, key: str, origin: str | None, record: ArticleRecord) -> None:
        outcome = "stored"
        if self.store is not None:
            try:
                outcome = self.store.store_record(record, run_id=self.run_id, input_key=key)
            except StoreError as exc:  # as in the local engine: a bad record fails, a dead store stops it
                if exc.code in FATAL_STORE_CODES:
                    raise
                self.add({"input_key": key, "origin": origin, "outcome": "failed", "stage": "store",
                          "reason": exc.code, "message": str(exc)}, counted=True)
                return
        self.counts["unchanged" if outcome == "unchanged" else "stored"] += 1
        if self.output is not None:
            row_id = None
            for table, row in record_rows(record, self.ids, run_id=self.run_id, stored_at=now()):
                row_id = row_id or row.get("row_id")
                self.output.add(table, row)
            self._ledger(key, "stored", origin, outcome, row_id)

    def _ledger(self, key: str, state: str, origin: str | None, reason: str | None,
                row_id: int | None) -> None:
        if self.output is not None:
            self.output.add("inputs", input_row(input_key=key, state=state, origin=origin, reason=reason,
                                                run_id=self.run_id, article_row_id=row_id, updated_at=now()))


def _connect(ray: ModuleType, address: str | None, jobs: int) -> bool:
    """Join the cluster at ``address`` or start a local one; True when this call started Ray."""
    if ray.is_initialized():
        return False
    with quiet_ray_logs(ray.data.DataContext.get_current()):  # the token notice comes with init
        if address:
            ray.init(address=address, **init_options())
        else:
            # A local cluster sized to the pool: shard readers ask for no CPU (see _plan).
            ray.init(num_cpus=jobs, include_dashboard=False, **init_options())
    return True


def _plan(ray: ModuleType, shards: list[str], settings: Settings, jobs: int) -> Any:
    """The Ray Data pipeline: shard names → input rows → outcome rows (lazy until iterated)."""
    names = ray.data.from_items([{"shard": s} for s in shards], override_num_blocks=len(shards))
    # Readers take no CPU slot: reading is light next to parsing, and an actor pool as large as
    # the cluster would otherwise hold every CPU and starve them (the run would never start).
    inputs = names.flat_map(shard_rows, fn_kwargs={"settings": settings}, num_cpus=0)
    return inputs.map_batches(
        Analyzer,
        fn_constructor_kwargs={"settings": settings},
        # One block at a time per actor: the first actor to load its model would otherwise queue
        # several blocks while the others are still starting. A block is seconds of parsing, so
        # the gap between two calls costs nothing.
        compute=ray.data.ActorPoolStrategy(size=jobs, max_tasks_in_flight_per_actor=1),
        batch_size=BATCH_SIZE,
        batch_format="pyarrow",
        num_cpus=1,
        memory=ACTOR_MEMORY,
    )


def _results(ray: ModuleType, shards: list[str], settings: Settings, jobs: int) -> Iterator[dict[str, Any]]:
    """Run the plan, streaming outcome rows to the driver, with this run's block size and progress bars.

    A Dataset copies the current DataContext when it is created, so it is set before the plan
    is built and put back afterwards (the context is global to this process).
    """
    context = ray.data.DataContext.get_current()
    saved = context.target_max_block_size, context.enable_progress_bars
    context.target_max_block_size, context.enable_progress_bars = BLOCK_BYTES, sys.stderr.isatty()
    try:
        with warnings.catch_warnings(), quiet_ray_logs(context):
            # Ray warns when there are fewer shards than actors; shards are cut into many blocks
            # (BLOCK_BYTES), so every actor gets work all the same.
            warnings.filterwarnings("ignore", message="The minimum number of concurrent actors",
                                    category=UserWarning)
            plan = _plan(ray, shards, settings, jobs)
            for batch in plan.iter_batches(batch_size=RESULT_BATCH, batch_format="pyarrow"):
                yield from batch.to_pylist()
    finally:
        context.target_max_block_size, context.enable_progress_bars = saved


def _onrecord_cause(exc: BaseException) -> OnrecordError | None:
    """The OnrecordError a Ray error wraps (e.g. ModelNotInstalled in an actor), if any."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, OnrecordError):
            return current
        seen.add(id(current))
        current = getattr(current, "cause", None) or current.__cause__
    return None


def run_ray(inputs: list[str], settings: Settings, *, db: str | None, out_dir: str | None,
            address: str | None, jobs: int,
            on_progress: Callable[[dict[str, int]], None] | None = None) -> dict[str, int]:
    """Analyse WARC/JSONL shards on a Ray cluster and write Parquet datasets and/or the store.

    Args:
        inputs: shard files or folders of them: local paths every node can read, or URIs
            pyarrow opens (``s3://bucket/prefix/``), credentials taken from the environment.
        settings: the run's settings, sent to every worker.
        db: the store to write (a SQLite path or ``postgresql://…``), or None.
        out_dir: a folder (local or URI) for one Parquet dataset per table, or None.
        address: a Ray cluster (``auto``, ``ray://host:10001``); None starts a local one
            unless Ray is already initialised in this process.
        jobs: analysis actors, each holding one spaCy pipeline (~650 MB) and one CPU.
        on_progress: called with the counts so far after each input is accounted for (the
            CLI draws its progress line from it, as for the local engine).

    Returns:
        Counts ``read``, ``stored``, ``unchanged``, ``skipped``, ``failed``; the last four add
        up to ``read``. Without ``db`` every analysed article counts as stored.

    Raises:
        ConfigError: Ray is not installed, no output was given, or an input is not a shard.
        StoreError: the store or the Parquet folder cannot be written.
    """
    if db is None and out_dir is None:
        raise ConfigError("The Ray engine needs somewhere to write: give --db, --out, or both.")
    if jobs < 1:
        raise ConfigError(f"jobs must be at least 1 (one analysis actor), got {jobs}.")
    ray = import_ray()
    shards = expand_shards(inputs)
    output = ParquetOutput(out_dir) if out_dir is not None else None
    store = Store.open(db) if db is not None else None
    run_id: int | None = None
    if store is not None:
        store.migrate()
        run_id = store.start_run("ingest", inputs, run_settings(settings, IngestOptions(jobs=jobs), "ray"))
    started = False
    status = "failed"
    sink = RunSink(output, store, run_id)
    try:
        started = _connect(ray, address, jobs)
        for row in _results(ray, shards, settings, jobs):
            sink.add(row)
            if on_progress is not None:
                on_progress(sink.counts)
        status = "ok"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    except ray.exceptions.RayError as exc:
        cause = _onrecord_cause(exc)
        if cause is not None:
            raise cause from exc
        raise
    finally:
        if output is not None:
            output.close()
        if store is not None:
            if run_id is not None:
                store.finish_run(run_id, status)
            store.close()
        if started:
            ray.shutdown()
    counts = sink.counts
    logger.info("ray run: %s", ", ".join(f"{k} {v}" for k, v in counts.items()))
    return counts

