"""Stories across outlets: per-article story features, stories, members, relations, claim links.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "story_features",
        sa.Column("article_row_id", sa.Integer(), sa.ForeignKey("articles.row_id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("published_ts", sa.Float()),
        sa.Column("data", sa.Text(), nullable=False),
    )
    op.create_table(
        "stories",
        sa.Column("story_id", sa.String(length=64), primary_key=True),
        sa.Column("title", sa.Text()),
        sa.Column("first_report", sa.String(length=128)),
        sa.Column("first_published", sa.String(length=32)),
        sa.Column("last_published", sa.String(length=32)),
        sa.Column("n_articles", sa.Integer(), nullable=False),
        sa.Column("n_outlets", sa.Integer(), nullable=False),
        sa.Column("n_independent", sa.Integer(), nullable=False),
        sa.Column("n_claims", sa.Integer(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
    )
    op.create_index("ix_stories_last_published", "stories", ["last_published"])
    op.create_table(
        "story_articles",
        sa.Column("article_id", sa.String(length=128), primary_key=True),
        sa.Column("story_id", sa.String(length=64), nullable=False),
        sa.Column("published_ts", sa.Float()),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("score", sa.Float()),
    )
    op.create_index("ix_story_articles_story", "story_articles", ["story_id", "published_ts"])
    op.create_index("ix_story_articles_published", "story_articles", ["published_ts"])
    op.create_table(
        "story_relations",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("story_id", sa.String(length=64), nullable=False),
        sa.Column("article_id", sa.String(length=128), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("target_id", sa.String(length=128)),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
    )
    op.create_index("ix_story_relations_story", "story_relations", ["story_id"])
    op.create_index("ix_story_relations_article", "story_relations", ["article_id"])
    op.create_table(
        "story_claims",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("story_id", sa.String(length=64), nullable=False),
        sa.Column("article_id", sa.String(length=128), nullable=False),
        sa.Column("attribution_id", sa.String(length=128), nullable=False),
        sa.Column("content_text", sa.Text(), nullable=False),
        sa.Column("content_spans", sa.Text(), nullable=False),
        sa.Column("speaker", sa.Text()),
        sa.Column("origin_article_id", sa.String(length=128), nullable=False),
        sa.Column("origin_attribution_id", sa.String(length=128), nullable=False),
        sa.Column("origin_text", sa.Text(), nullable=False),
        sa.Column("origin_spans", sa.Text(), nullable=False),
        sa.Column("match", sa.String(length=16), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
    )
    op.create_index("ix_story_claims_story", "story_claims", ["story_id"])
    op.create_index("ix_story_claims_article", "story_claims", ["article_id"])


def downgrade() -> None:
    for table, indexes in (
        ("story_claims", ("ix_story_claims_article", "ix_story_claims_story")),
        ("story_relations", ("ix_story_relations_article", "ix_story_relations_story")),
        ("story_articles", ("ix_story_articles_published", "ix_story_articles_story")),
        ("stories", ("ix_stories_last_published",)),
        ("story_features", ()),
    ):
        for index in indexes:
            op.drop_index(index, table_name=table)
        op.drop_table(table)
