"""Initial schema: articles (one row per version), findings, runs, failures, the inputs ledger, search.

Revision ID: 0001
Revises:
Create Date: 2026-11-25

Frozen: later schema changes go in new numbered files, never here. Full-text search is
backend-specific: an FTS5 external-content table over articles(title, text) on SQLite (the
writer keeps it in sync), a GIN index over the same tsvector expression the queries use on
PostgreSQL.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None

# Must match onrecord.store.search.PG_DOCUMENT, which the queries use, or the index is not used.
PG_DOCUMENT = "to_tsvector('english', coalesce(title, '') || ' ' || text)"


def upgrade() -> None:
    op.create_table('runs',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('command', sa.String(length=64), nullable=False),
    sa.Column('inputs', sa.Text(), nullable=False),
    sa.Column('started_at', sa.String(length=32), nullable=False),
    sa.Column('finished_at', sa.String(length=32), nullable=True),
    sa.Column('onrecord_version', sa.String(length=32), nullable=False),
    sa.Column('model_version', sa.String(length=128), nullable=True),
    sa.Column('settings', sa.Text(), nullable=False),
    sa.Column('n_stored', sa.Integer(), nullable=False),
    sa.Column('n_unchanged', sa.Integer(), nullable=False),
    sa.Column('n_skipped', sa.Integer(), nullable=False),
    sa.Column('n_failed', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('articles',
    sa.Column('row_id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('article_id', sa.String(length=128), nullable=False),
    sa.Column('canonical_key', sa.String(length=2048), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('is_latest', sa.Boolean(), nullable=False),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('outlet', sa.String(length=255), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('authors', sa.Text(), nullable=True),
    sa.Column('published', sa.String(length=32), nullable=True),
    sa.Column('language', sa.String(length=16), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('text_hash', sa.String(length=64), nullable=False),
    sa.Column('record_hash', sa.String(length=64), nullable=False),
    sa.Column('n_attributions', sa.Integer(), nullable=False),
    sa.Column('n_hedged', sa.Integer(), nullable=False),
    sa.Column('n_sources', sa.Integer(), nullable=False),
    sa.Column('n_anonymous_sources', sa.Integer(), nullable=False),
    sa.Column('n_non_responses', sa.Integer(), nullable=False),
    sa.Column('onrecord_version', sa.String(length=32), nullable=True),
    sa.Column('model_version', sa.String(length=128), nullable=True),
    sa.Column('record', sa.Text(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=True),
    sa.Column('stored_at', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['run_id'], ['runs.id'], ),
    sa.PrimaryKeyConstraint('row_id'),
    sa.UniqueConstraint('canonical_key', 'version', name='uq_articles_key_version')
    )
    op.create_index('ix_articles_article_id', 'articles', ['article_id'], unique=False)
    op.create_index('ix_articles_latest_outlet', 'articles', ['is_latest', 'outlet', 'published'],
                    unique=False)
    op.create_index('ix_articles_latest_published', 'articles', ['is_latest', 'published'], unique=False)
    op.create_table('failures',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('input_key', sa.Text(), nullable=False),
    sa.Column('origin', sa.Text(), nullable=True),
    sa.Column('stage', sa.String(length=32), nullable=False),
    sa.Column('reason', sa.String(length=64), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('failed_at', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['run_id'], ['runs.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_failures_run', 'failures', ['run_id'], unique=False)
    op.create_table('attributions',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('article_row_id', sa.Integer(), nullable=False),
    sa.Column('attribution_id', sa.String(length=128), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('mode', sa.String(length=16), nullable=False),
    sa.Column('cue_text', sa.Text(), nullable=False),
    sa.Column('cue_start', sa.Integer(), nullable=False),
    sa.Column('cue_end', sa.Integer(), nullable=False),
    sa.Column('source_text', sa.Text(), nullable=True),
    sa.Column('source_start', sa.Integer(), nullable=True),
    sa.Column('source_end', sa.Integer(), nullable=True),
    sa.Column('content_text', sa.Text(), nullable=False),
    sa.Column('content_start', sa.Integer(), nullable=False),
    sa.Column('content_end', sa.Integer(), nullable=False),
    sa.Column('content_spans', sa.Text(), nullable=False),
    sa.Column('source_id', sa.String(length=128), nullable=True),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.Column('negated', sa.Boolean(), nullable=False),
    sa.Column('hedged', sa.Boolean(), nullable=False),
    sa.Column('hedges', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['article_row_id'], ['articles.row_id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('article_row_id', 'attribution_id', name='uq_attributions_article_attr')
    )
    op.create_index('ix_attributions_source', 'attributions', ['article_row_id', 'source_id'], unique=False)
    op.create_table('inputs',
    sa.Column('input_key', sa.String(length=2048), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('origin', sa.Text(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('run_id', sa.Integer(), nullable=True),
    sa.Column('article_row_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['article_row_id'], ['articles.row_id'], ),
    sa.ForeignKeyConstraint(['run_id'], ['runs.id'], ),
    sa.PrimaryKeyConstraint('input_key')
    )
    op.create_table('non_responses',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('article_row_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('actor_text', sa.Text(), nullable=True),
    sa.Column('actor_start', sa.Integer(), nullable=True),
    sa.Column('actor_end', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('start_char', sa.Integer(), nullable=False),
    sa.Column('end_char', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['article_row_id'], ['articles.row_id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_non_responses_article', 'non_responses', ['article_row_id'], unique=False)
    op.create_table('source_mentions',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('article_row_id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.String(length=128), nullable=False),
    sa.Column('start_char', sa.Integer(), nullable=False),
    sa.Column('end_char', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['article_row_id'], ['articles.row_id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_source_mentions_article', 'source_mentions', ['article_row_id', 'source_id'],
                    unique=False)
    op.create_table('sources',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('article_row_id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.String(length=128), nullable=False),
    sa.Column('name', sa.Text(), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('identity', sa.String(length=16), nullable=False),
    sa.Column('count', sa.Integer(), nullable=True),
    sa.Column('type', sa.String(length=16), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('affiliation', sa.Text(), nullable=True),
    sa.Column('mention_count', sa.Integer(), nullable=False),
    sa.Column('attribution_count', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['article_row_id'], ['articles.row_id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('article_row_id', 'source_id', name='uq_sources_article_source')
    )
    op.create_index('ix_sources_identity_role', 'sources', ['identity', 'role'], unique=False)
    op.create_index('ix_sources_name', 'sources', ['name'], unique=False)

    if op.get_bind().dialect.name == "sqlite":
        op.execute("CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', "
                   "content_rowid='row_id', tokenize='porter unicode61')")
    else:
        op.execute(f"CREATE INDEX ix_articles_fts ON articles USING gin (({PG_DOCUMENT}))")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE articles_fts")
    else:
        op.execute("DROP INDEX ix_articles_fts")
    op.drop_index('ix_sources_name', table_name='sources')
    op.drop_index('ix_sources_identity_role', table_name='sources')
    op.drop_table('sources')
    op.drop_index('ix_source_mentions_article', table_name='source_mentions')
    op.drop_table('source_mentions')
    op.drop_index('ix_non_responses_article', table_name='non_responses')
    op.drop_table('non_responses')
    op.drop_table('inputs')
    op.drop_index('ix_attributions_source', table_name='attributions')
    op.drop_table('attributions')
    op.drop_index('ix_failures_run', table_name='failures')
    op.drop_table('failures')
    op.drop_index('ix_articles_latest_published', table_name='articles')
    op.drop_index('ix_articles_latest_outlet', table_name='articles')
    op.drop_index('ix_articles_article_id', table_name='articles')
    op.drop_table('articles')
    op.drop_table('runs')
