"""Triggers that protect what entries already had protected: parties, cases and
attachments cannot be changed or deleted behind the app's back.

Party names and roles, a case's number, file type and dates, and attachment data
are fixed once written; only a retention purge (register_state.purging) deletes.
The app checks at every open that all these triggers are still there.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_PURGING = "WHEN (SELECT purging FROM register_state WHERE id = 1) = 0 "
TRIGGERS = {
    "party_fixed": "BEFORE UPDATE OF name, role, case_id ON party "
    "BEGIN SELECT RAISE(ABORT, 'party names and roles are fixed'); END",
    "party_no_delete": "BEFORE DELETE ON party "
    + _PURGING
    + "BEGIN SELECT RAISE(ABORT, 'parties are kept until a retention purge'); END",
    "case_fixed": "BEFORE UPDATE OF number, file_type, opened_on, created_at, "
    'protocol_version ON "case" '
    "BEGIN SELECT RAISE(ABORT, 'case numbers, file types and dates are fixed'); END",
    "case_no_delete": 'BEFORE DELETE ON "case" '
    + _PURGING
    + "BEGIN SELECT RAISE(ABORT, 'cases are kept until a retention purge'); END",
    "attachment_fixed": "BEFORE UPDATE ON attachment "
    "BEGIN SELECT RAISE(ABORT, 'attachments are fixed'); END",
    "attachment_no_delete": "BEFORE DELETE ON attachment "
    + _PURGING
    + "BEGIN SELECT RAISE(ABORT, 'attachments are kept until a retention purge'); END",
}


def upgrade() -> None:
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER {name}")
