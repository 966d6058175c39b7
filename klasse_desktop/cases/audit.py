"""The audit log: who created, viewed, changed, exported or deleted what, and when.

No content is logged, only the kind of object, its id and the case number. Each
row's seal covers its own fields and the previous row's seal, so editing or
removing a row in the middle breaks the chain at that row.

The seal is an HMAC under a key derived from the register key ("k1:…"), so the
chain cannot be recomputed after rows were removed without the passphrase. The
last sequence number and seal are also kept outside the database, in the key file
(and so in every backup's key file): cutting rows off the end, or putting an older
copy of register.db in place, is then reported as a rollback. Registers from
before the keyed chain keep their plain SHA-256 rows; once a keyed row appears,
every later row must be keyed.
"""

from __future__ import annotations

import hashlib
import hmac
import weakref
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session, col, select

from klasse_desktop.cases.models import AuditEvent

GENESIS = "0" * 64
KEYED = "k1:"
_KEYS: weakref.WeakKeyDictionary[Any, bytes] = weakref.WeakKeyDictionary()


def bind_key(engine: Any, register_key: bytes) -> None:
    """Seal this register's audit rows with a key derived from its key."""
    _KEYS[engine] = hmac.new(register_key, b"klasse-desktop audit chain v1", "sha256").digest()


def _key(session: Session) -> bytes | None:
    return _KEYS.get(session.get_bind())


def _digest(prev_hash: str, at: datetime, actor: str, action: str, object_type: str,
            object_id: str, case_number: str, key: bytes | None = None) -> str:  # fmt: skip
    fields = [prev_hash, at.isoformat(), actor, action, object_type, object_id, case_number]
    data = "\x1f".join(fields).encode("utf-8")
    if key is None:
        return hashlib.sha256(data).hexdigest()
    return KEYED + hmac.new(key, data, "sha256").hexdigest()


def record(
    session: Session, actor: str, action: str, object_type: str, object_id: object,
    case_number: str = "",
) -> AuditEvent:  # fmt: skip
    last = session.exec(select(AuditEvent).order_by(col(AuditEvent.id).desc()).limit(1)).first()
    prev_hash = last.hash if last else GENESIS
    at = datetime.now(UTC)
    seal = _digest(prev_hash, at, actor, action, object_type, str(object_id), case_number,
                   _key(session))  # fmt: skip
    event = AuditEvent(
        at=at, actor=actor, action=action, object_type=object_type, object_id=str(object_id),
        case_number=case_number, prev_hash=prev_hash, hash=seal,
    )  # fmt: skip
    session.add(event)
    session.info["audit_last"] = event  # the anchor is moved once this commits
    return event


@dataclass(frozen=True)
class ChainCheck:
    ok: bool
    events: int
    first_broken_id: int | None = None
    rolled_back_to: datetime | None = None  # the register is an older state than it was


def verify(session: Session, anchor: tuple[int, str] | None = None) -> ChainCheck:
    """Walk the chain; with `anchor` (last sequence number and seal kept outside the
    database) a chain that ends earlier, or differently, is a rollback."""
    key = _key(session)
    prev_hash = GENESIS
    count = 0
    keyed_seen = False
    last: AuditEvent | None = None
    for event in session.exec(select(AuditEvent).order_by(col(AuditEvent.id))):
        count += 1
        keyed = event.hash.startswith(KEYED)
        expected = _digest(prev_hash, event.at, event.actor, event.action, event.object_type,
                           event.object_id, event.case_number, key if keyed else None)  # fmt: skip
        if (
            event.prev_hash != prev_hash
            or not hmac.compare_digest(event.hash, expected)
            or (keyed and key is None)
            or (keyed_seen and not keyed)
        ):
            return ChainCheck(False, count, event.id)
        keyed_seen = keyed_seen or keyed
        prev_hash = event.hash
        last = event
    if anchor is not None and anchor[0]:
        seq, seal = anchor
        if last is None or (last.id or 0) < seq or ((last.id or 0) == seq and last.hash != seal):
            return ChainCheck(False, count, None, last.at if last else None)
    return ChainCheck(True, count)


def reseal(session: Session) -> int:
    """After a re-key (handover): seal every row again under the new key, in order.
    The caller has verified the chain under the old key first, so nothing tampered is
    laundered. The append-only trigger is lifted for this one transaction only."""
    from sqlalchemy import text

    key = _key(session)
    if key is None:
        raise ValueError("no audit key bound")
    conn = session.connection()
    trigger = conn.execute(
        text("SELECT sql FROM sqlite_master WHERE type='trigger' AND name='audit_append_only'")
    ).scalar_one()
    conn.execute(text("DROP TRIGGER audit_append_only"))
    prev_hash = GENESIS
    count = 0
    for event in session.exec(select(AuditEvent).order_by(col(AuditEvent.id))).all():
        seal = _digest(prev_hash, event.at, event.actor, event.action, event.object_type,
                       event.object_id, event.case_number, key)  # fmt: skip
        conn.execute(
            text("UPDATE audit_event SET prev_hash = :p, hash = :h WHERE id = :i"),
            {"p": prev_hash, "h": seal, "i": event.id},
        )
        prev_hash = seal
        count += 1
    conn.execute(text(trigger))
    return count
