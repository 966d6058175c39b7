"""Several schools' exports as one: per school and for the foundation, as ranges.

Every published count becomes a `Bounds` ("<5" is 0–4, "≥5" is 5 or more) and only
ranges are added up, so the sum of two schools' "<5" is "0–8", never a number. A
table a school left out counts as "unknown" in every row. Exports of the same
school (the director's register and teachers' wizard counts, say) are combined under
the school's name; two exports of one school's register, or one file given twice,
are refused, since they would count the same cases twice.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from klasse_desktop.evaluation.bounds import ZERO, Bounds, Published
from klasse_desktop.evaluation.errors import EvaluationError
from klasse_desktop.evaluation.export import CASES, Export
from klasse_desktop.evaluation.periods import Period
from klasse_desktop.evaluation.topics import NOT_FINISHED, population, split
from klasse_desktop.i18n import _

BoundsTables = dict[str, dict[str, Bounds]]
UNKNOWN = Bounds(0, None)


@dataclass(frozen=True)
class School:
    name: str
    tables: BoundsTables
    includes: frozenset[str]
    files: int


@dataclass(frozen=True)
class Merged:
    period: Period
    protocol_versions: tuple[str, ...]
    schools: list[School]
    totals: BoundsTables  # the foundation: every school added up
    outcome_kinds: dict[str, dict[str, str]] = field(default_factory=dict)


def as_bounds(tables: Mapping[str, Mapping[str, Published | int]]) -> BoundsTables:
    return {t: {k: Bounds.of(v) for k, v in cells.items()} for t, cells in tables.items()}


def exact_bounds(tables: Mapping[str, Mapping[str, int]]) -> BoundsTables:
    """The window's exact figures in the same shape as merged ones."""
    return {t: {k: Bounds.exact(v) for k, v in cells.items()} for t, cells in tables.items()}


def add_tables(parts: Sequence[BoundsTables]) -> BoundsTables:
    """Cell by cell. A part without a table has nothing to add to it (it did not
    count that); a row missing from a table it has is unknown there."""
    ids = list(dict.fromkeys(t for part in parts for t in part))
    result: BoundsTables = {}
    for table_id in ids:
        present = [part[table_id] for part in parts if table_id in part]
        keys = list(dict.fromkeys(k for cells in present for k in cells))
        result[table_id] = {key: _sum(cells.get(key, UNKNOWN) for cells in present) for key in keys}
    return result


def _sum(values: object) -> Bounds:
    total = ZERO
    for value in values:  # type: ignore[attr-defined]
        total = total + value
    return total


def population_total(tables: Mapping[str, Mapping[str, Bounds]], name: str) -> Bounds | None:
    """The total of one population, as narrow as all its tables together allow (each
    adds up to the same total); None if no table of it is there."""
    sums = [_sum(cells.values()) for t, cells in tables.items() if population(t) == name]
    if not sums:
        return None
    low = max(s.low for s in sums)
    highs = [s.high for s in sums if s.high is not None]
    return Bounds(low, min(highs) if highs else None)


def _school_tables(export: Export, standard: BoundsTables) -> BoundsTables:
    """An export's tables as ranges; a case table it withheld (or lacks, though it has
    case figures) is unknown in every row."""
    tables = as_bounds(export.tables)
    missing = list(export.withheld_tables)
    if CASES in export.includes:
        missing += [t for t in standard if t not in tables]
    for table_id in missing:
        tables[table_id] = dict.fromkeys(_rows(table_id, export, standard), UNKNOWN)
    return tables


def _rows(table_id: str, export: Export, standard: BoundsTables) -> list[str]:
    if table_id in standard:
        return list(standard[table_id])
    topic, wizard = split(table_id)
    if topic.monthly:
        return [str(month) for month in export.period.months()]
    return [*export.outcome_kinds.get(wizard, {}), NOT_FINISHED]


def _check(exports: Sequence[Export], names: Sequence[str]) -> None:
    if not exports:
        raise EvaluationError(_("Choose at least one export file."))
    first = exports[0]
    seen: dict[str, str] = {}
    with_cases: dict[str, str] = {}
    for export, name in zip(exports, names, strict=True):
        if export.period != first.period:
            raise EvaluationError(
                _(
                    "{file} covers {period}, but {first} covers {first_period}: every school "
                    "must export the same period."
                ).format(file=name, period=export.period, first=names[0], first_period=first.period)
            )
        if export.export_id in seen:
            raise EvaluationError(
                _("{file} and {other} are the same export.").format(
                    file=name, other=seen[export.export_id]
                )
            )
        seen[export.export_id] = name
        key = export.school.casefold()
        if CASES in export.includes:
            if key in with_cases:
                raise EvaluationError(
                    _(
                        "{file} and {other} both hold the case figures of {school}; "
                        "keep one of them."
                    ).format(file=name, other=with_cases[key], school=export.school)
                )
            with_cases[key] = name


def merge(exports: Sequence[Export], names: Sequence[str] | None = None) -> Merged:
    """`names`: how each export is called in messages (its file name)."""
    from klasse_desktop.evaluation.register_figures import empty_case_tables

    names = list(names) if names is not None else [e.school for e in exports]
    _check(exports, names)
    period = exports[0].period
    standard = as_bounds(empty_case_tables(period))
    by_school: dict[str, list[Export]] = {}
    for export in exports:
        by_school.setdefault(export.school.casefold(), []).append(export)
    schools = []
    for group in sorted(by_school.values(), key=lambda g: g[0].school.casefold()):
        tables = add_tables([_school_tables(e, standard) for e in group])
        includes = frozenset(part for e in group for part in e.includes)
        schools.append(School(group[0].school, tables, includes, len(group)))
    kinds: dict[str, dict[str, str]] = {}
    for export in exports:
        for wizard, outcomes in export.outcome_kinds.items():
            kinds.setdefault(wizard, {}).update(outcomes)
    return Merged(
        period=period,
        protocol_versions=tuple(sorted({e.protocol_version for e in exports})),
        schools=schools,
        totals=_totals(schools),
        outcome_kinds=kinds,
    )


def _totals(schools: Sequence[School]) -> BoundsTables:
    """The foundation's tables: each school's, added up. A school that sent no case
    figures (or no wizard counts) adds nothing to those tables rather than "unknown":
    the report's list of schools says what each one sent."""
    return add_tables([school.tables for school in schools])
