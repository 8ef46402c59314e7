"""The tables, as SQLAlchemy Core metadata: what the writer and the queries see.

Plain columns that read well from SQL, pandas, DuckDB or Datasette: ISO 8601 strings for
dates, one row per finding, offsets as integer start/end columns. JSON only where a value
has no flat form: the whole record (``articles.record``), a run's inputs and settings, and
the fragments of interrupted spans. Migrations in ``migrations/versions`` create these
tables; ``check()`` compares the database against this module so the two cannot drift.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

runs = Table(
    "runs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("command", String(64), nullable=False),
    Column("inputs", Text, nullable=False),  # JSON list of the arguments given
    Column("started_at", String(32), nullable=False),
    Column("finished_at", String(32)),
    Column("onrecord_version", String(32), nullable=False),
    Column("model_version", String(128)),
    Column("settings", Text, nullable=False),  # JSON object
    Column("n_stored", Integer, nullable=False, default=0),  # new articles and new versions
    Column("n_unchanged", Integer, nullable=False, default=0),  # already stored, nothing written
    Column("n_skipped", Integer, nullable=False, default=0),
    Column("n_failed", Integer, nullable=False, default=0),
    Column("status", String(16), nullable=False),  # running | ok | failed | interrupted
    Column("host", String(255)),  # where the run's process ran, and its pid: a later run on the same
    Column("pid", Integer),  # host closes a "running" run whose process is gone as "interrupted"
)

articles = Table(
    "articles", metadata,
    Column("row_id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(128), nullable=False),  # the record's id
    Column("canonical_key", String(2048), nullable=False),  # url:… or sha256:… (see writer.canonical_key)
    Column("version", Integer, nullable=False),
    Column("is_latest", Boolean, nullable=False),
    Column("url", Text),
    Column("outlet", String(255)),
    Column("title", Text),
    Column("authors", Text),  # "; "-joined
    Column("published", String(32)),  # ISO 8601 as given by the record
    Column("language", String(16)),
    Column("text", Text, nullable=False),
    Column("text_hash", String(64), nullable=False),
    Column("record_hash", String(64), nullable=False),  # same hash = same record = "unchanged"
    Column("n_attributions", Integer, nullable=False),
    Column("n_hedged", Integer, nullable=False),
    Column("n_sources", Integer, nullable=False),
    Column("n_anonymous_sources", Integer, nullable=False),
    Column("n_non_responses", Integer, nullable=False),
    Column("onrecord_version", String(32)),
    Column("model_version", String(128)),
    Column("record", Text, nullable=False),  # the ArticleRecord JSON contract, as stored
    Column("run_id", Integer, ForeignKey("runs.id")),
    Column("stored_at", String(32), nullable=False),
    UniqueConstraint("canonical_key", "version", name="uq_articles_key_version"),
    Index("ix_articles_latest_outlet", "is_latest", "outlet", "published"),
    Index("ix_articles_latest_published", "is_latest", "published"),
    Index("ix_articles_article_id", "article_id"),
)

attributions = Table(
    "attributions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_row_id", Integer, ForeignKey("articles.row_id", ondelete="CASCADE"), nullable=False),
    Column("attribution_id", String(128), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("mode", String(16), nullable=False),
    Column("cue_text", Text, nullable=False),
    Column("cue_start", Integer, nullable=False),
    Column("cue_end", Integer, nullable=False),
    Column("source_text", Text),
    Column("source_start", Integer),
    Column("source_end", Integer),
    Column("content_text", Text, nullable=False),
    Column("content_start", Integer, nullable=False),
    Column("content_end", Integer, nullable=False),
    Column("content_spans", Text, nullable=False),  # JSON [[s, e], …]: fragments of interrupted quotes
    Column("source_id", String(128)),
    Column("confidence", Float, nullable=False),
    Column("negated", Boolean, nullable=False),
    Column("hedged", Boolean, nullable=False),
    Column("hedges", Text),  # "; "-joined certainty markers
    UniqueConstraint("article_row_id", "attribution_id", name="uq_attributions_article_attr"),
    Index("ix_attributions_source", "article_row_id", "source_id"),
)

sources = Table(
    "sources", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_row_id", Integer, ForeignKey("articles.row_id", ondelete="CASCADE"), nullable=False),
    Column("source_id", String(128), nullable=False),
    Column("name", Text),
    Column("description", Text),
    Column("identity", String(16), nullable=False),
    Column("count", Integer),
    Column("type", String(16), nullable=False),
    Column("role", String(16), nullable=False),
    Column("affiliation", Text),
    Column("mention_count", Integer, nullable=False),
    Column("attribution_count", Integer, nullable=False),
    UniqueConstraint("article_row_id", "source_id", name="uq_sources_article_source"),
    Index("ix_sources_name", "name"),
    Index("ix_sources_identity_role", "identity", "role"),
)

source_mentions = Table(
    "source_mentions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_row_id", Integer, ForeignKey("articles.row_id", ondelete="CASCADE"), nullable=False),
    Column("source_id", String(128), nullable=False),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Index("ix_source_mentions_article", "article_row_id", "source_id"),
)

non_responses = Table(
    "non_responses", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_row_id", Integer, ForeignKey("articles.row_id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("actor_text", Text),
    Column("actor_start", Integer),
    Column("actor_end", Integer),
    Column("text", Text, nullable=False),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Index("ix_non_responses_article", "article_row_id"),
)

# The generic findings table: every finding kind declared without typed tables of its own
# (``onrecord.findings``) lands here, one row per finding, so a new kind needs no migration.
findings = Table(
    "findings", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_row_id", Integer, ForeignKey("articles.row_id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(64), nullable=False),  # the record field: "figures", "places", …
    Column("finding_id", String(128)),  # the finding's own id when it has one ("F1")
    Column("label", Text),  # one readable line (the kind's label, else the finding's text)
    Column("text", Text),
    Column("start_char", Integer),  # first and last offset; every fragment is in ``spans``
    Column("end_char", Integer),
    Column("spans", Text),  # JSON [[s, e], …]
    Column("attributes", Text, nullable=False),  # JSON: the finding as in the record contract
    Index("ix_findings_article_kind", "article_row_id", "kind"),
    Index("ix_findings_kind", "kind"),
)

failures = Table(
    "failures", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False),
    Column("input_key", Text, nullable=False),
    Column("origin", Text),
    Column("stage", String(32), nullable=False),
    Column("reason", String(64), nullable=False),  # an error code, e.g. not_english
    Column("message", Text, nullable=False),
    Column("failed_at", String(32), nullable=False),
    Index("ix_failures_run", "run_id"),
)

inputs = Table(
    "inputs", metadata,
    Column("input_key", String(2048), primary_key=True),
    Column("state", String(16), nullable=False),  # stored | skipped | failed
    Column("origin", Text),  # where the input came from (file, URL, line), for people reading the ledger
    Column("reason", Text),
    Column("run_id", Integer, ForeignKey("runs.id")),
    Column("article_row_id", Integer, ForeignKey("articles.row_id")),
    Column("updated_at", String(32), nullable=False),
)

# Stories across outlets (``onrecord stories build``, docs/stories.md). Articles are named by
# their record id (``articles.article_id``), which stays the same across versions.
story_features = Table(
    "story_features", metadata,
    Column("article_row_id", Integer, ForeignKey("articles.row_id", ondelete="CASCADE"), primary_key=True),
    Column("version", Integer, nullable=False),  # onrecord.stories.features.FEATURES_VERSION
    Column("published_ts", Float),  # POSIX seconds of ``published``; NULL when undated or unreadable
    Column("data", Text, nullable=False),  # JSON: MinHash signature, sentence hashes, terms
)

stories = Table(
    "stories", metadata,
    Column("story_id", String(64), primary_key=True),
    Column("title", Text),  # the first report's headline
    Column("first_report", String(128)),  # article_id; NULL when no member is dated
    Column("first_published", String(32)),
    Column("last_published", String(32)),
    Column("n_articles", Integer, nullable=False),
    Column("n_outlets", Integer, nullable=False),
    Column("n_independent", Integer, nullable=False),
    Column("n_claims", Integer, nullable=False),
    Column("summary", Text, nullable=False),  # JSON: the one-line summary and per-claim sourcing
    Column("updated_at", String(32), nullable=False),
    Index("ix_stories_last_published", "last_published"),
)

story_articles = Table(
    "story_articles", metadata,
    Column("article_id", String(128), primary_key=True),
    Column("story_id", String(64), nullable=False),
    Column("published_ts", Float),
    Column("role", String(16), nullable=False),  # first_report | independent | copy | credited
    Column("score", Float),  # similarity with which it joined (1.0 for the article that began it)
    Index("ix_story_articles_story", "story_id", "published_ts"),
    Index("ix_story_articles_published", "published_ts"),
)

story_relations = Table(
    "story_relations", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("story_id", String(64), nullable=False),
    Column("article_id", String(128), nullable=False),
    Column("type", String(16), nullable=False),  # copy_of | cites | follows_up
    Column("target_id", String(128)),  # NULL: credits an outlet with no article in the store
    Column("score", Float, nullable=False),
    Column("evidence", Text, nullable=False),  # JSON
    Index("ix_story_relations_story", "story_id"),
    Index("ix_story_relations_article", "article_id"),
)

story_claims = Table(
    "story_claims", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("story_id", String(64), nullable=False),
    Column("article_id", String(128), nullable=False),
    Column("attribution_id", String(128), nullable=False),
    Column("content_text", Text, nullable=False),
    Column("content_spans", Text, nullable=False),  # JSON [[s, e], …] into the article's text
    Column("speaker", Text),
    Column("origin_article_id", String(128), nullable=False),
    Column("origin_attribution_id", String(128), nullable=False),
    Column("origin_text", Text, nullable=False),
    Column("origin_spans", Text, nullable=False),  # JSON [[s, e], …] into the origin's text
    Column("match", String(16), nullable=False),  # verbatim | paraphrase
    Column("score", Float, nullable=False),
    Index("ix_story_claims_story", "story_id"),
    Index("ix_story_claims_article", "article_id"),
)

# What ``onrecord export`` writes (here, not in export.py, so the CLI need not load pyarrow).
EXPORT_FORMATS = ("parquet", "csv", "jsonl")


def exported_tables() -> tuple[Table, ...]:
    """Tables a user exports, in dependency order: each finding kind's tables come from its
    declaration in ``onrecord.findings``, then the generic ``findings`` table."""
    from onrecord.findings import GENERIC_TABLE, kinds

    typed = [name for kind in kinds() for name in kind.tables if name != GENERIC_TABLE]
    names = ["runs", "articles", *dict.fromkeys(typed), GENERIC_TABLE, "failures", "inputs"]
    return tuple(metadata.tables[name] for name in names)
