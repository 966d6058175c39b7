"""The audit log: who created, viewed, changed, exported or deleted what, and when.

No content is logged, only the kind of object, its id and the case number. Each
row's hash covers its own fields and the previous row's hash, so editing or
removing a row in the middle breaks the chain at that row.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlmodel import Session, col, select

from klasse_desktop.cases.models import AuditEvent

GENESIS = "0" * 64


def _digest(prev_hash: str, at: datetime, actor: str, action: str, object_type: str,
            object_id: str, case_number: str) -> str:  # fmt: skip
    fields = [prev_hash, at.isoformat(), actor, action, object_type, object_id, case_number]
    return hashlib.sha256("\x1f".join(fields).encode("utf-8")).hexdigest()


def record(
    session: Session, actor: str, action: str, object_type: str, object_id: object,
    case_number: str = "",
) -> AuditEvent:  # fmt: skip
    last = session.exec(select(AuditEvent).order_by(col(AuditEvent.id).desc()).limit(1)).first()
    prev_hash = last.hash if last else GENESIS
    at = datetime.now(UTC)
    event = AuditEvent(
        at=at, actor=actor, action=action, object_type=object_type, object_id=str(object_id),
        case_number=case_number, prev_hash=prev_hash,
        hash=_digest(prev_hash, at, actor, action, object_type, str(object_id), case_number),
    )  # fmt: skip
    session.add(event)
    return event


@dataclass(frozen=True)
class ChainCheck:
    ok: bool
    events: int
    first_broken_id: int | None = None


def verify(session: Session) -> ChainCheck:
    prev_hash = GENESIS
    count = 0
    for event in session.exec(select(AuditEvent).order_by(col(AuditEvent.id))):
        count += 1
        expected = _digest(prev_hash, event.at, event.actor, event.action, event.object_type,
                           event.object_id, event.case_number)  # fmt: skip
        if event.prev_hash != prev_hash or event.hash != expected:
            return ChainCheck(False, count, event.id)
        prev_hash = event.hash
    return ChainCheck(True, count)
