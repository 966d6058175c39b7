"""Initial register: cases, parties, append-only entries, attachments, audit log.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "case",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("number", sa.String, nullable=False, unique=True, index=True),
        sa.Column("title", sa.String, nullable=False),
        sa.Column("school", sa.String, nullable=False, server_default=""),
        sa.Column("category", sa.String, nullable=False, index=True),
        sa.Column("status", sa.String, nullable=False, server_default="open", index=True),
        sa.Column("file_type", sa.String, nullable=False, index=True),
        sa.Column("opened_on", sa.Date, nullable=False, index=True),
        sa.Column("closed_on", sa.Date),
        sa.Column("summary", sa.String, nullable=False, server_default=""),
        sa.Column("protocol_version", sa.String, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "party",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("case.id"), nullable=False, index=True),
        sa.Column("role", sa.String, nullable=False),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("class_or_function", sa.String, nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "entry",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("case.id"), nullable=False, index=True),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("event_date", sa.Date, nullable=False),
        sa.Column("recorded_at", sa.DateTime, nullable=False),
        sa.Column("author", sa.String, nullable=False),
        sa.Column("text", sa.String, nullable=False),
        sa.Column("reported_to", sa.String, nullable=False, server_default=""),
        sa.Column("corrects_id", sa.Integer, sa.ForeignKey("entry.id")),
        sa.Column("wizard_record", sa.String),
    )
    op.create_table(
        "attachment",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("case.id"), nullable=False, index=True),
        sa.Column("entry_id", sa.Integer, sa.ForeignKey("entry.id")),
        sa.Column("filename", sa.String, nullable=False),
        sa.Column("media_type", sa.String, nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String, nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("added_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("actor", sa.String, nullable=False),
        sa.Column("action", sa.String, nullable=False),
        sa.Column("object_type", sa.String, nullable=False),
        sa.Column("object_id", sa.String, nullable=False),
        sa.Column("case_number", sa.String, nullable=False, server_default=""),
        sa.Column("prev_hash", sa.String, nullable=False),
        sa.Column("hash", sa.String, nullable=False),
    )
    op.create_table(
        "register_state",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "retention_years_personeelsdossier", sa.Integer, nullable=False, server_default="2"
        ),
        sa.Column(
            "retention_years_leerlingendossier", sa.Integer, nullable=False, server_default="2"
        ),
        sa.Column("purging", sa.Integer, nullable=False, server_default="0"),
    )
    op.execute("INSERT INTO register_state (id) VALUES (1)")
    # Entries are append-only: a correction is a new entry pointing at the old one.
    # Only a retention purge (which sets register_state.purging) may delete.
    op.execute(
        "CREATE TRIGGER entry_append_only BEFORE UPDATE ON entry "
        "BEGIN SELECT RAISE(ABORT, 'entries are append-only'); END"
    )
    op.execute(
        "CREATE TRIGGER entry_no_delete BEFORE DELETE ON entry "
        "WHEN (SELECT purging FROM register_state WHERE id = 1) = 0 "
        "BEGIN SELECT RAISE(ABORT, 'entries are append-only'); END"
    )
    op.execute(
        "CREATE TRIGGER audit_append_only BEFORE UPDATE ON audit_event "
        "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
    )
    op.execute(
        "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_event "
        "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
    )


def downgrade() -> None:
    for table in ("register_state", "audit_event", "attachment", "entry", "party", "case"):
        op.drop_table(table)
