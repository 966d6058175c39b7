"""Whose parent a party is, and the director's decisions on names in reports.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN: a batch (copy) of the table would drop its search triggers.
    op.execute("ALTER TABLE party ADD COLUMN related_to_id INTEGER REFERENCES party (id)")
    op.create_table(
        "name_decision",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("case.id"), nullable=False, index=True),
        sa.Column("text", sa.String, nullable=False),
        sa.Column("action", sa.String, nullable=False),
        sa.Column("party_id", sa.Integer, sa.ForeignKey("party.id"), nullable=True),
        sa.Column("decided_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("case_id", "text", name="uq_name_decision_case_text"),
    )


def downgrade() -> None:
    op.drop_table("name_decision")
    op.drop_column("party", "related_to_id")
