"""The generic findings table: finding kinds declared without typed tables of their own.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "findings",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("article_row_id", sa.Integer(), sa.ForeignKey("articles.row_id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("finding_id", sa.String(length=128)),
        sa.Column("label", sa.Text()),
        sa.Column("text", sa.Text()),
        sa.Column("start_char", sa.Integer()),
        sa.Column("end_char", sa.Integer()),
        sa.Column("spans", sa.Text()),
        sa.Column("attributes", sa.Text(), nullable=False),
    )
    op.create_index("ix_findings_article_kind", "findings", ["article_row_id", "kind"])
    op.create_index("ix_findings_kind", "findings", ["kind"])


def downgrade() -> None:
    op.drop_index("ix_findings_kind", table_name="findings")
    op.drop_index("ix_findings_article_kind", table_name="findings")
    op.drop_table("findings")
