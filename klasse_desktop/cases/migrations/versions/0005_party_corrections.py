"""Parties can be corrected and removed, but only through the app's audited operations.

0004 fixed a party's name and role for good; a director who typed "Daan de Vriess"
or filed a parent as a pupil could not put it right. The triggers now let a
change through only when the newest audit row, written in the same transaction,
is the correction ("correct") or removal ("remove") of that very party
(`cases/party_changes.py` writes it first). A change behind the app's back still
fails, and a dropped trigger is still noticed at open (`database.PROTECTIONS`).
The class or function is now protected the same way. The search index follows a
corrected name (0002 only indexed inserts and deletes).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _audited(action: str) -> str:
    """True when the newest audit row is `action` on the party being changed."""
    return (
        "EXISTS (SELECT 1 FROM audit_event WHERE id = (SELECT max(id) FROM audit_event) "
        f"AND action = '{action}' AND object_type = 'party' "
        "AND object_id = CAST(OLD.id AS TEXT))"
    )


_PURGING = "(SELECT purging FROM register_state WHERE id = 1) = 0"
TRIGGERS = {
    "party_fixed": "BEFORE UPDATE OF name, role, class_or_function, case_id ON party "
    f"WHEN NEW.case_id IS NOT OLD.case_id OR NOT {_audited('correct')} "
    "BEGIN SELECT RAISE(ABORT, 'parties are fixed but for an audited correction'); END",
    "party_no_delete": "BEFORE DELETE ON party "
    f"WHEN {_PURGING} AND NOT {_audited('remove')} "
    "BEGIN SELECT RAISE(ABORT, 'parties are kept until a retention purge or an audited "
    "removal'); END",
    "party_index_update": "AFTER UPDATE OF name, class_or_function ON party BEGIN "
    "DELETE FROM search_index WHERE source = 'party' AND source_id = old.id; "
    "INSERT INTO search_index(body, case_id, source, source_id) "
    "VALUES (new.name || ' ' || new.class_or_function, new.case_id, 'party', new.id); END",
}

_BEFORE = {
    "party_fixed": "BEFORE UPDATE OF name, role, case_id ON party "
    "BEGIN SELECT RAISE(ABORT, 'party names and roles are fixed'); END",
    "party_no_delete": "BEFORE DELETE ON party "
    f"WHEN {_PURGING} "
    "BEGIN SELECT RAISE(ABORT, 'parties are kept until a retention purge'); END",
}


def upgrade() -> None:
    for name in _BEFORE:
        op.execute(f"DROP TRIGGER {name}")
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER {name}")
    for name, body in _BEFORE.items():
        op.execute(f"CREATE TRIGGER {name} {body}")
