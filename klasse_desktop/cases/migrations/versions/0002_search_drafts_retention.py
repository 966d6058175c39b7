"""Full-text search, drafts, legal hold and deletion receipts.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# One FTS5 index over case titles, parties and entries, kept in step by triggers.
# secure-delete makes a purge remove the words from the index itself as well.
_INDEX = [
    "CREATE VIRTUAL TABLE search_index USING fts5("
    "body, case_id UNINDEXED, source UNINDEXED, source_id UNINDEXED, "
    "tokenize = 'unicode61 remove_diacritics 2')",
    "INSERT INTO search_index(search_index, rank) VALUES ('secure-delete', 1)",
    'CREATE TRIGGER case_index_insert AFTER INSERT ON "case" BEGIN '
    "INSERT INTO search_index(body, case_id, source, source_id) "
    "VALUES (new.title || ' ' || new.summary, new.id, 'case', new.id); END",
    'CREATE TRIGGER case_index_update AFTER UPDATE OF title, summary ON "case" BEGIN '
    "DELETE FROM search_index WHERE source = 'case' AND source_id = old.id; "
    "INSERT INTO search_index(body, case_id, source, source_id) "
    "VALUES (new.title || ' ' || new.summary, new.id, 'case', new.id); END",
    'CREATE TRIGGER case_index_delete AFTER DELETE ON "case" BEGIN '
    "DELETE FROM search_index WHERE source = 'case' AND source_id = old.id; END",
    "CREATE TRIGGER party_index_insert AFTER INSERT ON party BEGIN "
    "INSERT INTO search_index(body, case_id, source, source_id) "
    "VALUES (new.name || ' ' || new.class_or_function, new.case_id, 'party', new.id); END",
    "CREATE TRIGGER party_index_delete AFTER DELETE ON party BEGIN "
    "DELETE FROM search_index WHERE source = 'party' AND source_id = old.id; END",
    "CREATE TRIGGER entry_index_insert AFTER INSERT ON entry BEGIN "
    "INSERT INTO search_index(body, case_id, source, source_id) "
    "VALUES (new.text, new.case_id, 'entry', new.id); END",
    "CREATE TRIGGER entry_index_delete AFTER DELETE ON entry BEGIN "
    "DELETE FROM search_index WHERE source = 'entry' AND source_id = old.id; END",
    # Registers made under 0001 get their existing rows indexed.
    "INSERT INTO search_index(body, case_id, source, source_id) "
    "SELECT title || ' ' || summary, id, 'case', id FROM \"case\"",
    "INSERT INTO search_index(body, case_id, source, source_id) "
    "SELECT name || ' ' || class_or_function, case_id, 'party', id FROM party",
    "INSERT INTO search_index(body, case_id, source, source_id) "
    "SELECT text, case_id, 'entry', id FROM entry",
]


def upgrade() -> None:
    op.add_column("case", sa.Column("legal_hold", sa.Boolean, nullable=False, server_default="0"))
    op.create_table(
        "draft",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "case_id", sa.Integer, sa.ForeignKey("case.id"), nullable=False, unique=True, index=True
        ),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("event_date", sa.Date, nullable=False),
        sa.Column("text", sa.String, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "deletion_receipt",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_number", sa.String, nullable=False),
        sa.Column("file_type", sa.String, nullable=False),
        sa.Column("opened_on", sa.Date, nullable=False),
        sa.Column("closed_on", sa.Date),
        sa.Column("retention_end", sa.Date),
        sa.Column("deleted_at", sa.DateTime, nullable=False),
        sa.Column("parties", sa.Integer, nullable=False),
        sa.Column("entries", sa.Integer, nullable=False),
        sa.Column("attachments", sa.Integer, nullable=False),
    )
    for statement in _INDEX:
        op.execute(statement)


def downgrade() -> None:
    op.execute("DROP TABLE search_index")
    op.drop_table("deletion_receipt")
    op.drop_table("draft")
    with op.batch_alter_table("case") as batch:
        batch.drop_column("legal_hold")
