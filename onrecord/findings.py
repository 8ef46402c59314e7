"""Every onrecord stage, and the kind of finding it adds to the record, declared once.

The stage list below (read it with ``stages()``) is the pipeline's ordered list of spaCy
components. A stage that adds a kind of finding to the record declares it with a
``FindingKind``: the record class, the record field (its JSON key), the Doc extension, the
store table, the x-ray layers and the report section.
Everything that handles findings reads this table instead of keeping a list of its own:

* ``nlp/model.py`` adds the stages in this order; the entry-point test compares
  ``pyproject.toml``'s ``spacy_factories`` with ``entry_points()``;
* ``nlp/extensions.py`` registers one Doc extension per kind (``findings_of``/``set_findings``);
* ``pipeline.record_from_doc`` reads every kind off the Doc; ``ArticleRecord`` holds them by
  field (``record.of(kind)``), counts them in ``summary`` and reads them back in ``from_dict``;
* ``store/rows.py`` writes each kind to its typed tables, or to the generic ``findings``
  table (one row per finding: kind, offsets, label, the finding's JSON); the export and
  Parquet tables follow;
* ``web/highlight.py`` draws each kind's layers in the x-ray, with the legend;
* ``cli/report.py`` prints each kind's section of the text report.

Hooks that need code from a later layer (store, web, CLI) are written as ``"module:function"``
references, resolved on first use, so that declaring a kind imports nothing but the records.
A kind that leaves a hook out gets the generic behaviour, which is enough for any finding whose
``to_dict()`` has ``text`` and ``spans`` (see ``tests/test_new_stage_example.py``, the recipe).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import import_module
from typing import Any, Generic, Literal, Protocol, Self, TypeVar

from onrecord.records import Attribution, Event, Figure, NonResponse, Place, Source, TimeExpression


class Finding(Protocol):
    """What every record class of a finding kind has: the JSON form, and back."""

    def to_dict(self) -> dict[str, Any]: ...

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Self: ...


T = TypeVar("T", bound=Finding)

# A hook: a callable, or "package.module:attribute" naming one (resolved on first use).
Hook = str | Callable[..., Any]

GENERIC_TABLE = "findings"  # the store table of every kind that has no typed table of its own


@functools.cache
def _import_ref(ref: str) -> Callable[..., Any]:
    module, _, attr = ref.partition(":")
    if not module or not attr:
        raise ValueError(f"A hook reference must look like 'package.module:function', not {ref!r}.")
    value: Callable[..., Any] = getattr(import_module(module), attr)
    return value


def resolve(hook: Hook) -> Callable[..., Any]:
    """The callable a hook names."""
    return hook if callable(hook) else _import_ref(hook)


@dataclass(frozen=True, slots=True)
class Layer:
    """One highlight layer of the x-ray: CSS class ``hl-<name>``, a legend entry, a nesting depth.

    ``depth`` orders nested highlights: a lower layer wraps a higher one (a dropped line wraps
    a statement, which wraps its cue). Layers without a CSS rule of their own get the generic
    ``hl-finding`` style.
    """

    name: str
    legend: str
    depth: int = 15


@dataclass(frozen=True, slots=True)
class Filter:
    """A search filter on one attribute of a kind's findings: ``onrecord figures --unit trucks``,
    ``GET /api/findings/figures?unit=trucks``."""

    name: str  # the CLI option (--name) and the query parameter
    attribute: str  # the key in the finding's JSON (``to_dict()``)
    help: str
    match: Literal["exact", "contains"] = "exact"  # "contains": case-insensitive substring

    def __post_init__(self) -> None:
        if not _IDENT.match(self.name) or not _IDENT.match(self.attribute):
            raise ValueError(f"Filter names and attributes are lowercase identifiers, not {self!r}.")


_IDENT = re.compile(r"^[a-z][a-z0-9_]*$")  # filter attributes go into SQL JSON paths: no quotes there


@dataclass(frozen=True)
class FindingKind(Generic[T]):
    """A kind of finding in the record, and how every layer of onrecord handles it."""

    name: str  # the ArticleRecord field and JSON key, e.g. "non_responses"
    record_class: type[T]  # a frozen dataclass with to_dict() and a from_dict() classmethod
    title: str  # heading in the text report and the x-ray panel, e.g. "Non-responses"
    layers: tuple[Layer, ...] = ()  # x-ray layers; () draws nothing
    tables: tuple[str, ...] = (GENERIC_TABLE,)  # store tables its rows go to; () keeps it in the record only
    rows: Hook | None = None  # (record, findings, row_id) -> Iterator[(table, row)]; None: generic rows
    marks: Hook | None = None  # (record, findings) -> Iterable[Mark]; None: one mark per span on layers[0]
    report: Hook | None = None  # (record, findings) -> list[str]; None: the title and one line per finding
    summary: Hook | None = None  # (findings) -> dict[str, int]; None: {name: number found}
    label: Callable[[T], str] | None = None  # one line per finding; None: its ``text``
    filters: tuple[Filter, ...] = ()  # search filters of ``onrecord <name>`` and the API
    timeline: str | None = None  # attribute whose values are the lanes of its web page's timeline

    @property
    def extension(self) -> str:
        """The Doc extension the stage writes its findings to."""
        return f"onrecord_{self.name}"

    @property
    def is_searchable(self) -> bool:
        """True for kinds in the generic table: they get ``onrecord <name>`` and
        ``GET /api/findings/<name>`` (the typed kinds have their own commands)."""
        return GENERIC_TABLE in self.tables

    @property
    def is_generic(self) -> bool:
        """True when the web panel and the report show it as a plain list (no hooks of its own)."""
        return self.report is None

    def from_dict(self, value: dict[str, Any]) -> T:
        return self.record_class.from_dict(value)

    def label_of(self, finding: T) -> str:
        if self.label is not None:
            return self.label(finding)
        return str(finding.to_dict().get("text") or "")

    def counts(self, findings: Sequence[T]) -> dict[str, int]:
        """This kind's share of the record's ``summary`` block."""
        if self.summary is None:
            return {self.name: len(findings)}
        counted: dict[str, int] = resolve(self.summary)(findings)
        return counted


@dataclass(frozen=True, slots=True)
class Stage:
    """One spaCy component of onrecord's pipeline, and the kind of finding it adds (if any)."""

    name: str  # the spaCy component name, "onrecord_<concern>"
    factory: str  # "module:make_function": the spacy_factories entry point
    finds: FindingKind[Any] | None = None

    @property
    def module(self) -> str:
        return self.factory.partition(":")[0]


# -- the declarations ---------------------------------------------------------------------------

ATTRIBUTIONS: FindingKind[Attribution] = FindingKind(
    "attributions", Attribution, "Statements",
    layers=(Layer("content", "statement", 20), Layer("hedge", "hedge", 30), Layer("cue", "cue", 50)),
    tables=("attributions",),
    rows="onrecord.store.rows:attribution_rows",
    marks="onrecord.web.highlight:attribution_marks",
    report="onrecord.cli.report:statements_section",
    summary="onrecord.records:attribution_counts",
)
SOURCES: FindingKind[Source] = FindingKind(
    "sources", Source, "Sources",
    layers=(Layer("source", "source", 40),),
    tables=("sources", "source_mentions"),
    rows="onrecord.store.rows:source_rows",
    marks="onrecord.web.highlight:source_marks",
    report="onrecord.cli.report:sources_section",
    summary="onrecord.records:source_counts",
)
NON_RESPONSES: FindingKind[NonResponse] = FindingKind(
    "non_responses", NonResponse, "Non-responses",
    layers=(Layer("nonresp", "non-response", 10),),
    tables=("non_responses",),
    rows="onrecord.store.rows:non_response_rows",
    marks="onrecord.web.highlight:non_response_marks",
    report="onrecord.cli.report:non_responses_section",
)


def _place_label(p: Place) -> str:
    return f"{p.text} ({p.kind}, {p.country_code})" if p.country_code else f"{p.text} ({p.kind})"


PLACES: FindingKind[Place] = FindingKind(
    "places", Place, "Places", layers=(Layer("place", "place", 18),), label=_place_label,
    filters=(
        Filter("country", "country_code", "ISO 3166 alpha-2 country code (PL, KE, …)."),
        Filter("kind", "kind", "country, admin, city, region, sea, facility or other."),
        Filter("name", "name", "The place name contains these words.", "contains"),
    ),
)


def _figure_label(f: Figure) -> str:
    return f"{f.text} ({f.unit})" if f.unit and f.unit.lower() not in f.text.lower() else f.text


FIGURES: FindingKind[Figure] = FindingKind(
    "figures", Figure, "Figures", layers=(Layer("figure", "figure", 16),), label=_figure_label,
    filters=(
        Filter("unit", "unit", "The unit contains these words (trucks, troops, …).", "contains"),
        Filter("currency", "currency", "ISO 4217 currency code (USD, EUR, …)."),
        Filter("qualifier", "qualifier", "at_least, more_than, about, up_to, nearly or exactly."),
    ),
)

TIMES: FindingKind[TimeExpression] = FindingKind(
    "times", TimeExpression, "Times",
    layers=(Layer("time", "time", 17),),
    label=lambda t: f"{t.text} → {t.value}" if t.value else t.text,
    filters=(
        Filter("value", "value", "The resolved value contains this (2025-03, PAST_REF, …).", "contains"),
        Filter("anchor", "anchor", "publication, dateline, text or none."),
    ),
)


def _event_label(e: Event) -> str:
    actor = f"{e.actor.text}: " if e.actor else ""
    return f"{actor}{e.trigger.text} ({e.event_type}, {e.status})"


EVENTS: FindingKind[Event] = FindingKind(
    "events", Event, "Events", layers=(Layer("event", "event", 19),), label=_event_label,
    marks="onrecord.web.highlight:event_marks", timeline="event_type",
    filters=(
        Filter("type", "event_type", "The PLOVER 2.0 event type (ASSAULT, PROTEST, …)."),
        Filter("status", "status", "asserted, hedged, negated, future or hypothetical."),
        Filter("mode", "mode", "The PLOVER 2.0 mode (heavy-weapons, demo, arrest, …)."),
        Filter("actor", "actor_text", "The actor contains these words.", "contains"),
        Filter("target", "target_text", "The target contains these words.", "contains"),
        Filter("place", "place_country", "The country code of the event's place (KE, PL, …)."),
    ),
)

# The lines the boilerplate stage drops are not findings (extraction drops lines too, and
# nothing may be found in them); this layer draws them in the x-ray, outermost.
DROPPED_LAYER = Layer("dropped", "dropped boilerplate", 0)

# Added before the parser by ``nlp.model.load_base_model``: the parse the tagger is trained on.
PARAGRAPHS = Stage("onrecord_paragraphs", "onrecord.nlp.paragraphs:make_paragraphs")

# Ordered: boilerplate masks lines before anything reads the text; sources need attributions;
# certainty reads the final attributions.
_STAGES: list[Stage] = [
    Stage("onrecord_boilerplate", "onrecord.nlp.boilerplate:make_boilerplate"),
    Stage("onrecord_attributions", "onrecord.nlp.attributions:make_attributions", ATTRIBUTIONS),
    Stage("onrecord_sources", "onrecord.nlp.sources:make_sources", SOURCES),
    Stage("onrecord_certainty", "onrecord.nlp.certainty:make_certainty"),
    Stage("onrecord_non_responses", "onrecord.nlp.nonresponses:make_non_responses", NON_RESPONSES),
    Stage("onrecord_times", "onrecord.nlp.times:make_times", TIMES),
    Stage("onrecord_figures", "onrecord.nlp.figures:make_figures", FIGURES),
    Stage("onrecord_places", "onrecord.nlp.places:make_places", PLACES),
    Stage("onrecord_events", "onrecord.nlp.events:make_events", EVENTS),
]


def stages() -> tuple[Stage, ...]:
    """The pipeline's stages after the base model, in order."""
    return tuple(_STAGES)


def kinds() -> tuple[FindingKind[Any], ...]:
    """Every kind of finding in the record, in record (JSON) order."""
    return tuple(s.finds for s in _STAGES if s.finds is not None)


def kind_named(name: str) -> FindingKind[Any] | None:
    return next((k for k in kinds() if k.name == name), None)


def entry_points() -> dict[str, str]:
    """What ``[project.entry-points.spacy_factories]`` in pyproject.toml must say."""
    return {s.name: s.factory for s in (PARAGRAPHS, *_STAGES)}


def add_stage(stage: Stage, *, after: str | None = None) -> None:
    """Add a stage (a plugin's, or a test's) after the stage named ``after``, else at the end.

    Call it before the pipeline is built (``nlp.model.reset_caches()`` drops a built one).
    """
    if any(s.name == stage.name for s in _STAGES):
        raise ValueError(f"A stage named {stage.name!r} is already in the pipeline.")
    if stage.finds is not None and kind_named(stage.finds.name) is not None:
        raise ValueError(f"A finding kind named {stage.finds.name!r} is already declared.")
    names = [s.name for s in _STAGES]
    if after is not None and after not in names:
        raise ValueError(f"No stage named {after!r}; the stages are: {', '.join(names)}.")
    _STAGES.insert(names.index(after) + 1 if after else len(_STAGES), stage)


def remove_stage(name: str) -> None:
    """Take a stage added with ``add_stage`` out again."""
    _STAGES[:] = [s for s in _STAGES if s.name != name]


@contextmanager
def stage_added(stage: Stage, *, after: str | None = None) -> Iterator[Stage]:
    """``add_stage`` for the length of a ``with`` block (tests)."""
    add_stage(stage, after=after)
    try:
        yield stage
    finally:
        remove_stage(stage.name)


__all__ = [
    "ATTRIBUTIONS", "DROPPED_LAYER", "EVENTS", "FIGURES", "GENERIC_TABLE", "NON_RESPONSES", "PARAGRAPHS",
    "PLACES", "SOURCES", "TIMES",
    "Filter", "Finding", "FindingKind", "Layer", "Stage", "add_stage", "entry_points", "kind_named",
    "kinds", "remove_stage", "resolve", "stage_added", "stages",
]
