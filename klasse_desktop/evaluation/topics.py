"""Every table the evaluation counts: its key, the population it divides, its labels.

A table divides one population into cells that add up to it: the cases opened in
the period by category, and the same cases by file and by month.
Tables of the same population are tied together through that total, which is what
`suppression` has to look at; tables of different populations are not. Wizard
tables exist once per wizard ("wizard_started:plaatsen"): the runs of that wizard
started in the period, by month and by the outcome they reached.

Labels are declared with `N_` and translated when shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from klasse_desktop.evaluation import vocabulary
from klasse_desktop.i18n import N_, _, current_language

if TYPE_CHECKING:
    from klasse_desktop.protocol.models import RuleSet

PLAIN_ID = re.compile(r"[a-z0-9_]{1,64}")  # wizard and outcome IDs, never free text
NOT_FINISHED = "not_finished"  # a wizard run that reached no outcome


@dataclass(frozen=True)
class Topic:
    key: str
    population: str
    title: str  # N_; "{wizard}" is the wizard's title
    monthly: bool = False  # cells are months ("2026-03")


TOPICS: dict[str, Topic] = {
    t.key: t
    for t in (
        Topic("cases_by_category", "opened", N_("Cases opened, by category")),
        Topic("cases_by_file_type", "opened", N_("Cases opened, by file")),
        Topic("cases_opened_by_month", "opened", N_("Cases opened, per month"), monthly=True),
        Topic("cases_on_legal_hold", "legal_hold", N_("Cases on legal hold now")),
        Topic("cases_closed_by_month", "closed", N_("Cases closed, per month"), monthly=True),
        Topic("cases_closed_after", "closed", N_("Cases closed, by time from opening")),
        Topic("measures_by_kind", "measures", N_("Measures taken, by kind")),
        Topic("reports_by_recipient", "reports", N_("Reports made, by recipient")),
        Topic("wizard_started", "wizard", N_("“{wizard}” started, per month"), monthly=True),
        Topic("wizard_outcomes", "wizard", N_("“{wizard}”: outcomes reached")),
    )
}
CASE_TOPICS = [key for key, topic in TOPICS.items() if topic.population != "wizard"]


def split(table_id: str) -> tuple[Topic, str]:
    """("wizard_outcomes:plaatsen") → (its Topic, "plaatsen"); ("", for case tables)."""
    key, _sep, wizard = table_id.partition(":")
    return TOPICS[key], wizard


def population(table_id: str) -> str:
    topic, wizard = split(table_id)
    return f"{topic.population}:{wizard}" if wizard else topic.population


def is_known(table_id: str) -> bool:
    """A table this version knows: a case topic, or a wizard topic with a plain ID."""
    key, sep, wizard = table_id.partition(":")
    topic = TOPICS.get(key)
    if topic is None:
        return False
    if topic.population != "wizard":
        return not sep
    return PLAIN_ID.fullmatch(wizard) is not None


def wizard_title(wizard_id: str, rules: RuleSet | None) -> str:
    wizard = rules.wizards.get(wizard_id) if rules is not None else None
    return wizard.title.get(current_language()) if wizard is not None else wizard_id


def table_title(table_id: str, rules: RuleSet | None = None) -> str:
    topic, wizard = split(table_id)
    return _(topic.title).format(wizard=wizard_title(wizard, rules))


def month_label(key: str, width: str = "MMM y") -> str:
    """ "2026-03" → "mrt 2026" (Babel, the user's language)."""
    from klasse_desktop.i18n_dates import format_date

    year, month = (int(part) for part in key.split("-"))
    return format_date(date(year, month, 1), current_language(), width)


def cell_label(table_id: str, cell: str, rules: RuleSet | None = None) -> str:
    """What a cell is called in a chart or table, in the user's language."""
    topic, wizard = split(table_id)
    if topic.monthly:
        return month_label(cell)
    labels: dict[str, str] = {
        "cases_on_legal_hold": vocabulary.LEGAL_HOLD,
        "cases_closed_after": vocabulary.DURATIONS,
        "measures_by_kind": vocabulary.MEASURE_KINDS,
        "reports_by_recipient": vocabulary.RECIPIENTS,
    }.get(topic.key, {})
    if cell in labels:
        return _(labels[cell])
    if topic.key == "cases_by_category":
        from klasse_desktop.cases.models import CATEGORY_LABELS, label_of

        return label_of(CATEGORY_LABELS, cell)
    if topic.key == "cases_by_file_type":
        from klasse_desktop.protocol.labels import file_type_label
        from klasse_desktop.protocol.models import FileType

        label = file_type_label(FileType(cell)) if cell in set(FileType) else cell
        return label[:1].upper() + label[1:]
    if topic.key == "wizard_outcomes":
        return outcome_label(wizard, cell, rules)
    return cell


def outcome_label(wizard_id: str, outcome_id: str, rules: RuleSet | None) -> str:
    if outcome_id == NOT_FINISHED:
        return _("Stopped before an outcome")
    wizard = rules.wizards.get(wizard_id) if rules is not None else None
    outcome = wizard.outcomes.get(outcome_id) if wizard is not None else None
    return outcome.verdict.get(current_language()) if outcome is not None else outcome_id
