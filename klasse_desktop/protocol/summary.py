"""What the start screen shows before the full rules are loaded.

A teacher opens the app for a wizard; the first screen needs only each wizard's
title and one-line summary, and the protocol's evaluation date. The full rules
(model classes, every question, the whole protocol text) cost about as much
start-up again as the window itself, so the rules cache keeps this summary beside
them: the window is painted from the summary and the rules load right after.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from klasse_desktop.protocol.texts import LocalizedText

if TYPE_CHECKING:
    from klasse_desktop.protocol.models import RuleSet


@dataclass(frozen=True, slots=True)
class WizardSummary:
    id: str
    title: LocalizedText
    summary: LocalizedText
    for_directors: bool


@dataclass(frozen=True, slots=True)
class RulesSummary:
    wizards: tuple[WizardSummary, ...]  # in the order the start screen offers them
    evaluation: date  # when the protocol is due for review


def summarise(rules: RuleSet) -> RulesSummary:
    wizards = tuple(
        WizardSummary(w.id, w.title, w.summary, w.audience == "directors")
        for w in rules.wizards.values()
    )
    return RulesSummary(wizards, rules.protocol.dates.evaluation)


def to_plain(summary: RulesSummary) -> dict[str, Any]:
    return {
        "wizards": [
            {
                "id": w.id,
                "title": dict(w.title.values),
                "summary": dict(w.summary.values),
                "for_directors": w.for_directors,
            }
            for w in summary.wizards
        ],
        "evaluation": summary.evaluation.isoformat(),
    }


def from_plain(data: Mapping[str, Any]) -> RulesSummary:
    """Raises KeyError, TypeError or ValueError on anything this app did not write."""
    wizards = tuple(
        WizardSummary(
            str(w["id"]),
            LocalizedText(dict(w["title"])),
            LocalizedText(dict(w["summary"])),
            bool(w["for_directors"]),
        )
        for w in data["wizards"]
    )
    return RulesSummary(wizards, date.fromisoformat(data["evaluation"]))
