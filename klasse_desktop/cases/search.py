"""Full-text search over case titles, parties and entries (FTS5 in the encrypted file).

The user's words are quoted before they reach FTS5, so nothing they type is
read as query syntax; each word matches as a prefix ("pest" finds "pesten").
Hits come newest first: FTS5 can stop after the first 50 in rowid order, whereas
ranking by bm25 must score every match (65 ms for two common words in 100 000
entries, against a 20 ms goal; see benchmarks/register.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import text

from klasse_desktop.cases.repository import CaseRegister

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class SearchHit:
    case_number: str
    case_title: str
    source: str  # case | party | entry
    source_id: int
    snippet: str


def fts_query(query: str) -> str | None:
    words = _WORD.findall(query)
    if not words:
        return None
    return " AND ".join(f'"{word}"*' for word in words[:12])


def search(register: CaseRegister, query: str, limit: int = 50) -> list[SearchHit]:
    match = fts_query(query)
    if match is None:
        return []
    sql = text(
        "SELECT c.number, c.title, s.source, s.source_id, "
        "snippet(search_index, 0, '[', ']', '…', 12) "
        'FROM search_index AS s JOIN "case" AS c ON c.id = s.case_id '
        "WHERE search_index MATCH :match ORDER BY s.rowid DESC LIMIT :limit"
    )
    with register.reading() as session:
        rows = session.connection().execute(sql, {"match": match, "limit": limit}).all()
    register.audit_view("register", "-", action="search")  # reading works on a full disk
    return [SearchHit(r[0], r[1], r[2], int(r[3]), r[4]) for r in rows]
