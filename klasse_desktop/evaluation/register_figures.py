"""The exact counts of one case register over a period: what the director sees.

One read transaction, two light queries (a few columns of the cases, and of the
measures and reports dated in the period). Entry texts are only read to sort each
measure and report into its kind (`vocabulary`); they never leave this module.
An addendum corrects an entry and is not counted again.

These numbers are exact and stay on the director's laptop; what leaves it goes
through `suppression` first (see `export`).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from klasse_desktop.evaluation import vocabulary
from klasse_desktop.evaluation.periods import Month, Period

if TYPE_CHECKING:
    from klasse_desktop.cases.repository import CaseRegister

Tables = dict[str, dict[str, int]]


@dataclass(frozen=True)
class CaseRow:
    category: str
    file_type: str
    opened_on: date
    closed_on: date | None


@dataclass(frozen=True)
class EntryRow:
    kind: str  # "measure" or "report"
    text: str
    reported_to: str = ""


@dataclass
class Figures:
    period: Period
    tables: Tables = field(default_factory=dict)
    median_days: float | None = None  # opening to closing, of the cases closed in the period

    def total(self, table_id: str) -> int:
        return sum(self.tables.get(table_id, {}).values())


def empty_case_tables(period: Period) -> Tables:
    """Every cell of every case table, at zero: a cell left out would say "none"."""
    from klasse_desktop.cases.models import Category
    from klasse_desktop.protocol.models import FileType

    months = {str(m): 0 for m in period.months()}
    return {
        "cases_by_category": {c.value: 0 for c in Category},
        "cases_by_file_type": {f.value: 0 for f in FileType},
        "cases_opened_by_month": dict(months),
        "cases_on_legal_hold": dict.fromkeys(vocabulary.LEGAL_HOLD, 0),
        "cases_closed_by_month": dict(months),
        "cases_closed_after": dict.fromkeys(vocabulary.DURATIONS, 0),
        "measures_by_kind": dict.fromkeys(vocabulary.MEASURE_KINDS, 0),
        "reports_by_recipient": dict.fromkeys(vocabulary.RECIPIENTS, 0),
    }


def figures_from_rows(
    period: Period, cases: Iterable[CaseRow], entries: Iterable[EntryRow], on_hold: int = 0
) -> Figures:
    """Count rows already read (kept apart from the query, so it is tested on its own).
    `on_hold`: the cases on legal hold now, in the whole register."""
    tables = empty_case_tables(period)
    tables["cases_on_legal_hold"]["on_hold"] = on_hold
    durations: list[int] = []
    for case in cases:
        if case.file_type not in tables["cases_by_file_type"]:
            continue  # not a file type of this protocol: counted nowhere, so all tables agree
        if case.opened_on in period:
            category = case.category
            if category not in tables["cases_by_category"]:
                category = vocabulary.OTHER
            tables["cases_by_category"][category] += 1
            tables["cases_by_file_type"][case.file_type] += 1
            tables["cases_opened_by_month"][str(Month.of(case.opened_on))] += 1
        if case.closed_on is not None and case.closed_on in period:
            days = max(0, (case.closed_on - case.opened_on).days)
            durations.append(days)
            tables["cases_closed_by_month"][str(Month.of(case.closed_on))] += 1
            tables["cases_closed_after"][vocabulary.duration_bin(days)] += 1
    for entry in entries:
        if entry.kind == "measure":
            tables["measures_by_kind"][vocabulary.measure_kind(entry.text)] += 1
        elif entry.kind == "report":
            for recipient in vocabulary.recipients(entry.reported_to, entry.text):
                tables["reports_by_recipient"][recipient] += 1
    median = float(statistics.median(durations)) if durations else None
    return Figures(period, tables, median)


def register_figures(register: CaseRegister, period: Period) -> Figures:
    """The register's counts for `period` (seconds at most; run it off the UI thread).
    The audit trail records that the figures were read, not what they were."""
    from sqlalchemy import and_, func, or_
    from sqlalchemy import select as sa_select
    from sqlmodel import col

    from klasse_desktop.cases.models import Case, CaseStatus, Entry, EntryKind

    first, last = period.first_day, period.last_day
    opened = and_(col(Case.opened_on) >= first, col(Case.opened_on) <= last)
    closed = and_(
        col(Case.status) == CaseStatus.CLOSED,
        col(Case.closed_on) >= first,
        col(Case.closed_on) <= last,
    )
    case_query = sa_select(
        col(Case.category), col(Case.file_type), col(Case.opened_on), col(Case.closed_on),
        col(Case.status),
    ).where(or_(opened, closed))  # fmt: skip
    hold_query = sa_select(func.count()).select_from(Case).where(col(Case.legal_hold))
    entry_query = sa_select(col(Entry.kind), col(Entry.text), col(Entry.reported_to)).where(
        col(Entry.kind).in_([EntryKind.MEASURE.value, EntryKind.REPORT.value]),
        col(Entry.corrects_id).is_(None),
        col(Entry.event_date) >= first,
        col(Entry.event_date) <= last,
    )
    with register.reading() as session:
        connection = session.connection()
        cases = [
            CaseRow(category, file_type, opened_on, closed_on if status == "closed" else None)
            for category, file_type, opened_on, closed_on, status
            in connection.execute(case_query)
        ]  # fmt: skip
        entries = [EntryRow(*row) for row in connection.execute(entry_query)]
        on_hold = int(connection.execute(hold_query).scalar_one())
    register.audit_view("evaluation", str(period))
    return figures_from_rows(period, cases, entries, on_hold)
