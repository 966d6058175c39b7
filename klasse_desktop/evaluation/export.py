"""The file a school sends for the evaluation: versioned JSON with counts only.

What is in it: the school's name as the school chose it, the period in months, the
protocol version, and tables of counts as `suppression` publishes them ("<5",
"≥5" or a number of 5 or more). What is never in it: a name, a case number, a
title, an entry's text, a date finer than a month, or a count below 5. Reading a
file checks all of that again (a file can be edited by hand), so the foundation's
report only ever prints what a valid export may hold.
"""

from __future__ import annotations

import json
import re
import unicodedata
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from klasse_desktop.evaluation.bounds import SMALL, THRESHOLD, WITHHELD, Published
from klasse_desktop.evaluation.errors import EvaluationError
from klasse_desktop.evaluation.periods import Month, Period
from klasse_desktop.evaluation.suppression import suppress
from klasse_desktop.evaluation.topics import PLAIN_ID, is_known, split
from klasse_desktop.i18n import _

if TYPE_CHECKING:
    from klasse_desktop.evaluation.register_figures import Figures
    from klasse_desktop.evaluation.wizard_use import Counts
    from klasse_desktop.protocol.models import RuleSet

FORMAT = "klasse-desktop-evaluation"
VERSION = 1
MAX_SCHOOL = 80
MAX_FILE = 5 * 1024 * 1024
CASES, WIZARD_USE = "cases", "wizard_use"
_VERSION_TEXT = re.compile(r"[0-9A-Za-z.\-]{1,40}")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@dataclass(frozen=True)
class Export:
    school: str
    period: Period
    protocol_version: str
    tables: dict[str, dict[str, Published]]
    withheld_tables: list[str] = field(default_factory=list)
    includes: tuple[str, ...] = (CASES,)
    outcome_kinds: dict[str, dict[str, str]] = field(default_factory=dict)
    export_id: str = field(default_factory=lambda: str(uuid.uuid4()))


def school_name(value: str) -> str:
    """The name the school chose for itself in the foundation's report."""
    name = " ".join(unicodedata.normalize("NFC", value).split())
    if not name:
        raise EvaluationError(
            _("Give the name the school appears under in the foundation's report.")
        )
    if len(name) > MAX_SCHOOL or any(unicodedata.category(ch)[0] == "C" for ch in name):
        raise EvaluationError(
            _("The school's name must be plain text of at most {n} characters.").format(
                n=MAX_SCHOOL
            )
        )
    return name


def make_export(
    school: str, period: Period, rules: RuleSet, figures: Figures | None,
    wizard_counts: Counts | None,
) -> Export:  # fmt: skip
    """The export of a register's figures and/or this computer's wizard counts."""
    from klasse_desktop.evaluation.wizard_use import wizard_tables

    if figures is None and wizard_counts is None:
        raise EvaluationError(
            _(
                "There is nothing to export: no case register, and no counted wizard use "
                "(counting is turned on in the settings)."
            )
        )
    exact: dict[str, dict[str, int]] = {}
    includes: list[str] = []
    if figures is not None:
        exact.update(figures.tables)
        includes.append(CASES)
    kinds: dict[str, dict[str, str]] = {}
    if wizard_counts is not None:
        exact.update(wizard_tables(wizard_counts, period, rules))
        includes.append(WIZARD_USE)
        kinds = {
            w.id: {o.id: o.kind.value for o in w.outcomes.values()} for w in rules.wizards.values()
        }
    published = suppress(exact)
    return Export(
        school=school_name(school), period=period, protocol_version=rules.protocol.version,
        tables=published.tables, withheld_tables=published.withheld_tables,
        includes=tuple(includes), outcome_kinds=kinds,
    )  # fmt: skip


def to_json(export: Export) -> bytes:
    document = {
        "format": FORMAT,
        "version": VERSION,
        "about": _(
            "Counts for the evaluation of the social media protocol. No names, case "
            "numbers, texts or days. A count below 5 is shown as “<5”, and as “≥5” a "
            "count that would otherwise give a “<5” away."
        ),
        "school": export.school,
        "period": {"from": str(export.period.start), "to": str(export.period.end)},
        "protocol_version": export.protocol_version,
        "export_id": export.export_id,
        "includes": list(export.includes),
        "withheld_tables": export.withheld_tables,
        "tables": export.tables,
        "wizard_outcome_kinds": export.outcome_kinds,
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_export(export: Export, target: Path) -> Path:
    from klasse_desktop.atomic_write import write_atomically

    return write_atomically(to_json(export), target, prefix=".evaluation-")


# -- reading --------------------------------------------------------------------------


class _InvalidError(Exception):
    """Inside `read_export`: what is wrong, turned into one message with the file."""


def _need(condition: bool, what: str) -> None:
    if not condition:
        raise _InvalidError(what)


def _value(raw: object) -> Published:
    if raw == ">=5":
        return WITHHELD
    if raw in (SMALL, WITHHELD):
        return str(raw)
    _need(isinstance(raw, int) and not isinstance(raw, bool), _("a count that is not a number"))
    assert isinstance(raw, int)
    _need(raw >= THRESHOLD, _("a count below {n} that is not shown as “<5”").format(n=THRESHOLD))
    return raw


def _cells(table_id: str, raw: object, period: Period) -> dict[str, Published]:
    from klasse_desktop.evaluation.register_figures import empty_case_tables

    _need(isinstance(raw, dict), _("a table that is not a list of counts"))
    assert isinstance(raw, dict)
    topic, _wizard = split(table_id)
    months = {str(m) for m in period.months()}
    allowed: set[str] | None = months if topic.monthly else None
    if allowed is None and topic.population != "wizard":
        allowed = set(empty_case_tables(period)[table_id])
    cells = {}
    for key, value in raw.items():
        known = key in allowed if allowed is not None else bool(PLAIN_ID.fullmatch(key))
        _need(isinstance(key, str) and known, _("an unknown row “{key}”").format(key=key[:40]))
        cells[key] = _value(value)
    return cells


def _parse(data: Mapping[str, Any]) -> Export:
    _need(data.get("format") == FORMAT, _("it is not an evaluation export"))
    _need(data.get("version") == VERSION, _("it was made by another version of Klasse Desktop"))
    school = school_name(str(data.get("school", "")))
    period_data = data.get("period")
    _need(isinstance(period_data, dict), _("it has no period"))
    assert isinstance(period_data, dict)
    period = Period.checked(
        Month.parse(str(period_data.get("from", ""))), Month.parse(str(period_data.get("to", "")))
    )
    version = data.get("protocol_version")
    _need(
        isinstance(version, str) and bool(_VERSION_TEXT.fullmatch(version)),
        _("no protocol version"),
    )
    export_id = data.get("export_id")
    _need(isinstance(export_id, str) and bool(_UUID.fullmatch(export_id)), _("no export ID"))
    includes = data.get("includes")
    _need(isinstance(includes, list) and set(includes) <= {CASES, WIZARD_USE}, _("an unknown part"))
    tables_data = data.get("tables")
    _need(isinstance(tables_data, dict), _("no tables"))
    assert isinstance(tables_data, dict) and isinstance(includes, list)
    tables = {}
    for table_id, raw in tables_data.items():
        _need(is_known(str(table_id)), _("an unknown table “{id}”").format(id=str(table_id)[:40]))
        tables[table_id] = _cells(table_id, raw, period)
    withheld = data.get("withheld_tables", [])
    _need(
        isinstance(withheld, list) and all(is_known(str(t)) for t in withheld),
        _("an unknown table"),
    )
    kinds = _kinds(data.get("wizard_outcome_kinds", {}))
    return Export(
        school=school, period=period, protocol_version=str(version), tables=tables,
        withheld_tables=[str(t) for t in withheld], includes=tuple(includes),
        outcome_kinds=kinds, export_id=str(export_id),
    )  # fmt: skip


def _kinds(raw: object) -> dict[str, dict[str, str]]:
    from klasse_desktop.protocol.models import OutcomeKind

    _need(isinstance(raw, dict), _("a list of outcome kinds that cannot be read"))
    assert isinstance(raw, dict)
    kinds: dict[str, dict[str, str]] = {}
    for wizard, outcomes in raw.items():
        _need(
            bool(PLAIN_ID.fullmatch(str(wizard))) and isinstance(outcomes, dict),
            _("an unknown wizard"),
        )
        for outcome, kind in outcomes.items():
            _need(
                bool(PLAIN_ID.fullmatch(str(outcome))) and kind in set(OutcomeKind),
                _("an unknown outcome"),
            )
        kinds[wizard] = {str(o): str(k) for o, k in outcomes.items()}
    return kinds


def read_export(path: Path) -> Export:
    """One export, checked; an EvaluationError names the file and what is wrong."""
    try:
        if path.stat().st_size > MAX_FILE:
            raise _InvalidError(_("it is far too large for an export"))
        data = json.loads(path.read_text(encoding="utf-8"))
        _need(isinstance(data, dict), _("it is not an evaluation export"))
        return _parse(data)
    except FileNotFoundError:
        raise EvaluationError(_("File not found: {path}").format(path=path)) from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise EvaluationError(
            _("{path} could not be read ({reason}).").format(path=path, reason=reason)
        ) from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise EvaluationError(
            _("{path} is not an evaluation export (it is not JSON text).").format(path=path)
        ) from None
    except (_InvalidError, EvaluationError) as exc:
        raise EvaluationError(
            _("{path} cannot be used: {problem}.").format(path=path, problem=str(exc).rstrip("."))
        ) from None
