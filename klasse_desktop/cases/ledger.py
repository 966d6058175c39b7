"""Retention that reaches every copy of the register.

A purged case must not live on in a backup, come back with a restore, or linger in
a half-written or damaged copy. So:

- the purge ledger (`purged.json` beside the register: case numbers and dates, no
  personal data) lists every case deleted under the retention rules; it is written
  with each purge and copied beside every backup;
- after a purge every backup is opened with the register's key and the purged
  cases are deleted from it too (a backup that cannot be opened is removed);
- a restore re-applies the ledger to the restored file, so a purged case never
  returns, and records the restore in the audit log;
- half-written backups (`*.partial`) are removed at the next open, and copies of a
  damaged register (`register.db.damaged-*`) after `DAMAGED_KEEP_DAYS`.
"""

from __future__ import annotations

import contextlib
import json
import logging
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from klasse_desktop.cases import audit
from klasse_desktop.cases.database import (
    BACKUP_DIR,
    DB_FILE,
    Database,
    backups_in,
    compact,
    make_engine,
    purging,
)

LEDGER_FILE = "purged.json"
DAMAGED_KEEP_DAYS = 30
_log = logging.getLogger(__name__)

# Children before parents; addenda before the entries they correct. Tables a backup
# of an older schema does not have yet are skipped.
_PURGE = (
    ("attachment", "DELETE FROM attachment WHERE case_id = :id"),
    ("draft", "DELETE FROM draft WHERE case_id = :id"),
    ("name_decision", "DELETE FROM name_decision WHERE case_id = :id"),
    ("party", "DELETE FROM party WHERE case_id = :id"),
    ("entry", "DELETE FROM entry WHERE case_id = :id AND corrects_id IS NOT NULL"),
    ("entry", "DELETE FROM entry WHERE case_id = :id"),
    ("case", 'DELETE FROM "case" WHERE id = :id'),
)


def read_ledger(data_dir: Path) -> list[dict[str, str]]:
    try:
        raw = json.loads((data_dir / LEDGER_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    entries = raw.get("purged", []) if isinstance(raw, dict) else []
    return [e for e in entries if isinstance(e, dict) and isinstance(e.get("case_number"), str)]


def add_to_ledger(data_dir: Path, numbers: list[str], when: date | None = None) -> None:
    """Add purged case numbers to the ledger (atomically; no personal data in it)."""
    entries = read_ledger(data_dir)
    known = {e["case_number"] for e in entries}
    day = (when or datetime.now(UTC).date()).isoformat()
    entries += [{"case_number": n, "purged_on": day} for n in numbers if n not in known]
    _write(data_dir / LEDGER_FILE, {"version": 1, "purged": entries})


def _write(target: Path, data: dict[str, Any]) -> None:
    from klasse_desktop.atomic_write import write_atomically

    write_atomically(json.dumps(data, indent=1).encode("utf-8"), target)


def purge_numbers(database: Database, numbers: set[str], actor: str) -> list[str]:
    """Delete these cases from `database` (a register or a backup), whatever their
    retention; returns the case numbers that were there."""
    if not numbers:
        return []
    removed: list[str] = []
    with Session(database.engine) as session:
        conn = session.connection()
        tables = {
            row[0]
            for row in conn.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))
        }
        rows = conn.execute(text('SELECT id, number FROM "case"')).all()
        with purging(conn):
            for case_id, number in rows:
                if number not in numbers:
                    continue
                for table, statement in _PURGE:
                    if table in tables:
                        conn.execute(text(statement), {"id": case_id})
                audit.record(session, actor, "delete", "case", case_id, number)
                removed.append(number)
        session.commit()
    return removed


def scrub_backups(live: Database, numbers: set[str], actor: str) -> tuple[int, int]:
    """Delete the purged cases from every backup; (rewritten, removed)."""
    from klasse_desktop.cases.database import backup_key_file

    rewritten = removed = 0
    for path in backups_in(live.path.parent):
        copy = Database(make_engine(path, live.key_hex), path, live.key_hex)
        audit.bind_key(copy.engine, bytes.fromhex(live.key_hex))
        try:
            if purge_numbers(copy, numbers, actor):
                compact(copy)  # VACUUM: the deleted pages are gone from the file too
                rewritten += 1
        except Exception as exc:
            _log.warning("backup removed, purge could not reach it: %s", type(exc).__name__)
            copy.engine.dispose()
            path.unlink(missing_ok=True)
            backup_key_file(path).unlink(missing_ok=True)
            removed += 1
            continue
        copy.engine.dispose()
        with contextlib.suppress(OSError):
            Path(f"{path}-wal").unlink(missing_ok=True)
            Path(f"{path}-shm").unlink(missing_ok=True)
    return rewritten, removed


def reapply(database: Database, actor: str) -> list[str]:
    """After a restore: the cases purged since that backup are purged again."""
    numbers = {e["case_number"] for e in read_ledger(database.path.parent)}
    return purge_numbers(database, numbers, actor)


def clean_leftovers(data_dir: Path, *, keep_days: int = DAMAGED_KEEP_DAYS) -> int:
    """Remove half-written backups and damaged copies older than `keep_days`."""
    removed = 0
    for partial in (data_dir / BACKUP_DIR).glob("*.partial*"):
        if not partial.is_symlink():
            partial.unlink(missing_ok=True)
            removed += 1
    limit = datetime.now() - timedelta(days=keep_days)
    for damaged in data_dir.glob(f"{DB_FILE}.damaged-*"):
        if damaged.is_symlink():
            continue
        if datetime.fromtimestamp(damaged.stat().st_mtime) < limit:
            damaged.unlink(missing_ok=True)
            removed += 1
    return removed


def damaged_copies(data_dir: Path) -> list[Path]:
    """The damaged copies kept for now (shown in the retention view)."""
    return sorted(p for p in data_dir.glob(f"{DB_FILE}.damaged-*") if p.suffix != "-wal")
