"""Making sure a "<5" in an export says no more than "<5".

Showing small counts as "<5" is not enough on its own: the tables of one
population add up to the same total, so the rest of the file can give a small
count away. The cases opened by file type "staff 6, pupil <5" and by category
"bullying 5, sexting 5, all others <5" give a total of exactly 10 and so a pupil
count of exactly 4 (and every other category 0).

The rule kept here, for every "<5" in a file: both 0 and 4 are still possible
given everything else in the file. Where that fails, more is hidden, the least
first: the smallest number of the table concerned is shown as "≥5" (which is true,
and breaks the sum), and a table made of "<5" only that pins others down is left
out of the file entirely (listed as withheld). Tables of different populations
share no total, so each population is handled on its own.

The check reads only published values, as a reader would; `feasible_range` is the
same reasoning, exposed for the tests and for the report's totals.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from klasse_desktop.evaluation.bounds import SMALL, THRESHOLD, WITHHELD, Published, publish
from klasse_desktop.evaluation.topics import population

TOP = THRESHOLD - 1  # the largest value a "<5" can hide


@dataclass(frozen=True)
class Suppressed:
    tables: dict[str, dict[str, Published]]  # published tables, in the input's order
    withheld_tables: list[str]  # tables left out entirely


def _table_range(cells: Mapping[str, Published]) -> tuple[int, int | None]:
    """The totals a table's published cells allow."""
    shown = sum(v for v in cells.values() if isinstance(v, int))
    small = sum(1 for v in cells.values() if v == SMALL)
    withheld = sum(1 for v in cells.values() if v == WITHHELD)
    return shown + THRESHOLD * withheld, (None if withheld else shown + TOP * small)


def total_range(tables: list[Mapping[str, Published]]) -> tuple[int, int | None]:
    """The totals of one population that every one of its tables allows."""
    low, high = 0, None
    for cells in tables:
        t_low, t_high = _table_range(cells)
        low = max(low, t_low)
        if t_high is not None:
            high = t_high if high is None else min(high, t_high)
    return low, high


def feasible_range(
    cells: Mapping[str, Published], key: str, population_total: tuple[int, int | None]
) -> tuple[int, int]:
    """The values a "<5" cell can still have, given its table and the population's
    total range (exact: every cell is an interval, so every value in between is
    reachable)."""
    shown = sum(v for v in cells.values() if isinstance(v, int))
    others_small = sum(1 for k, v in cells.items() if v == SMALL and k != key)
    withheld = sum(1 for v in cells.values() if v == WITHHELD)
    n_low, n_high = population_total
    low = 0 if withheld else max(0, n_low - shown - TOP * others_small)
    high = TOP if n_high is None else min(TOP, n_high - shown - THRESHOLD * withheld)
    return low, high


def _problem(tables: dict[str, dict[str, Published]]) -> tuple[str, str] | None:
    """The first table with a "<5" that is not free to be 0 or 4: ("low"|"high", id)."""
    n_range = total_range(list(tables.values()))
    for table_id, cells in tables.items():
        for key, value in cells.items():
            if value != SMALL:
                continue
            low, high = feasible_range(cells, key, n_range)
            if low > 0:
                return "low", table_id
            if high < TOP:
                return "high", table_id
    return None


def _hide_smallest(cells: dict[str, Published]) -> bool:
    shown = [(v, k) for k, v in cells.items() if isinstance(v, int)]
    if not shown:
        return False
    cells[min(shown)[1]] = WITHHELD
    return True


def _protect(tables: dict[str, dict[str, Published]], withheld: list[str]) -> None:
    """Hide more in one population's tables until every "<5" is free (see above)."""
    while (problem := _problem(tables)) is not None:
        kind, table_id = problem
        if kind == "high":
            # Some table caps the total too tightly: the first one that does.
            cap = total_range(list(tables.values()))[1]
            table_id = next(t for t, c in tables.items() if _table_range(c)[1] == cap)
        if not _hide_smallest(tables[table_id]):
            withheld.append(table_id)
            del tables[table_id]


def suppress(exact: Mapping[str, Mapping[str, int]]) -> Suppressed:
    """The tables as they may be published: "<5" for small counts, then "≥5" and
    withheld tables wherever a "<5" could otherwise be worked out."""
    published = {t: {k: publish(v) for k, v in cells.items()} for t, cells in exact.items()}
    withheld: list[str] = []
    groups: dict[str, dict[str, dict[str, Published]]] = {}
    for table_id, cells in published.items():
        groups.setdefault(population(table_id), {})[table_id] = cells
    for tables in groups.values():
        _protect(tables, withheld)
    kept = {t: cells for t, cells in published.items() if t not in withheld}
    return Suppressed(kept, withheld)


def unprotected_cells(tables: Mapping[str, Mapping[str, Published]]) -> list[tuple[str, str]]:
    """Every "<5" whose value the file narrows down (empty for anything `suppress` made)."""
    groups: dict[str, list[str]] = {}
    for table_id in tables:
        groups.setdefault(population(table_id), []).append(table_id)
    found = []
    for ids in groups.values():
        n_range = total_range([tables[t] for t in ids])
        for table_id in ids:
            for key, value in tables[table_id].items():
                if value == SMALL and feasible_range(tables[table_id], key, n_range) != (0, TOP):
                    found.append((table_id, key))
    return found
