"""A draft per case *and* per entry being corrected, so an addendum survives a lock.

Until now a case had one draft, for a new entry: the text of an addendum typed when
the register locked itself (Ctrl+L, idle time) was lost, and saving an addendum
threw away the draft of a new entry. `corrects_id` says which entry a draft
corrects (NULL: a new entry); one draft per (case, corrected entry).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("draft", sa.Column("corrects_id", sa.Integer, nullable=True))
    op.drop_index("ix_draft_case_id", table_name="draft")
    op.create_index("ix_draft_case_id", "draft", ["case_id"])
    op.execute(
        "CREATE UNIQUE INDEX ix_draft_case_corrects ON draft (case_id, coalesce(corrects_id, 0))"
    )


def downgrade() -> None:
    op.execute("DROP INDEX ix_draft_case_corrects")
    op.execute("DELETE FROM draft WHERE corrects_id IS NOT NULL")
    op.drop_index("ix_draft_case_id", table_name="draft")
    op.create_index("ix_draft_case_id", "draft", ["case_id"], unique=True)
    op.drop_column("draft", "corrects_id")
