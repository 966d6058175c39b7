"""Retention: how long a closed case is kept, and deleting it for real afterwards.

A case's retention ends a number of years (per file type, default 2) after it was
closed; open cases and cases on legal hold are never deleted. Deletion removes
every row of the case (secure_delete overwrites the freed pages, FTS5
secure-delete cleans the search index), checkpoints the WAL, vacuums the file,
and leaves a receipt without personal data.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import text
from sqlmodel import Session, col, select

from klasse_desktop.cases import audit
from klasse_desktop.cases.database import compact, purging
from klasse_desktop.cases.errors import InvalidInputError
from klasse_desktop.cases.ledger import add_to_ledger, scrub_backups
from klasse_desktop.cases.models import Case, CaseStatus, DeletionReceipt, RegisterState
from klasse_desktop.cases.repository import CaseRegister, _now
from klasse_desktop.i18n import _
from klasse_desktop.protocol.models import FileType

MAX_YEARS = 50
# Children before parents; addenda before the entries they correct.
_PURGE = (
    "DELETE FROM attachment WHERE case_id = :id",
    "DELETE FROM draft WHERE case_id = :id",
    "DELETE FROM name_decision WHERE case_id = :id",
    "DELETE FROM party WHERE case_id = :id",
    "DELETE FROM entry WHERE case_id = :id AND corrects_id IS NOT NULL",
    "DELETE FROM entry WHERE case_id = :id",
    'DELETE FROM "case" WHERE id = :id',
)


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def policy(session: Session) -> RegisterState:
    state = session.get(RegisterState, 1)
    assert state is not None
    return state


def years_for(state: RegisterState, file_type: str) -> int:
    return int(getattr(state, f"retention_years_{file_type}", 2))


def retention_end(case: Case, session: Session) -> date | None:
    if case.closed_on is None:
        return None
    return _add_years(case.closed_on, years_for(policy(session), case.file_type))


def set_retention_years(register: CaseRegister, file_type: str, years: int) -> None:
    if file_type not in [f.value for f in FileType]:
        raise InvalidInputError(_("Unknown file type {value!r}.").format(value=file_type))
    if not 1 <= years <= MAX_YEARS:
        raise InvalidInputError(
            _("The retention period must be between 1 and {n} years.").format(n=MAX_YEARS)
        )
    with register.session() as session:
        state = policy(session)
        setattr(state, f"retention_years_{file_type}", years)
        session.add(state)
        audit.record(session, register.actor, "change", "retention", file_type)


def expired_cases(register: CaseRegister, today: date | None = None) -> list[tuple[Case, date]]:
    """Closed cases past their retention end and not on legal hold, oldest first."""
    today = today or date.today()
    found = []
    with register.reading() as session:
        closed = session.exec(
            select(Case).where(Case.status == CaseStatus.CLOSED, col(Case.legal_hold).is_(False))
        )
        for case in closed:
            end = retention_end(case, session)
            if end is not None and end <= today:
                found.append((case, end))
    return sorted(found, key=lambda pair: pair[1])


def purge_expired(register: CaseRegister, today: date | None = None) -> list[DeletionReceipt]:
    """Delete every expired case for real; returns the receipts written."""
    expired = expired_cases(register, today)
    if not expired:
        return []
    receipts = []
    with register.session() as session:
        conn = session.connection()
        with purging(conn):
            for case, end in expired:
                ids = {"id": case.id}

                def count(table: str, ids: dict[str, int | None] = ids) -> int:
                    sql = f"SELECT count(*) FROM {table} WHERE case_id = :id"
                    return int(conn.execute(text(sql), ids).scalar_one())

                receipt = DeletionReceipt(
                    case_number=case.number, file_type=case.file_type, opened_on=case.opened_on,
                    closed_on=case.closed_on, retention_end=end, deleted_at=_now(),
                    parties=count("party"), entries=count("entry"), attachments=count("attachment"),
                )  # fmt: skip
                for statement in _PURGE:
                    conn.execute(text(statement), ids)
                session.add(receipt)
                audit.record(session, register.actor, "delete", "case", case.id, case.number)
                receipts.append(receipt)
    compact(register.database)
    # Retention reaches every copy: the ledger travels with the register, and the
    # purged cases are deleted from every backup as well.
    numbers = [r.case_number for r in receipts]
    add_to_ledger(register.database.path.parent, numbers)
    scrub_backups(register.database, set(numbers), register.actor)
    return receipts


def receipts(register: CaseRegister) -> list[DeletionReceipt]:
    with register.reading() as session:
        return list(session.exec(select(DeletionReceipt).order_by(col(DeletionReceipt.id))))
