""" "Wat zou het antwoord veranderen?": for a `not_allowed` or `ask_first` outcome,
the smallest changes of answers that lead to `allowed` or `allowed_if`.

Computed from the wizard graph, never written by hand: every complete path for the
same identity is compared with the answers given, and a path costs one for every
question answered differently (or answered anew, when a changed answer leads to a
question that was not asked before). The paths of least cost that end in an
allowed outcome are the alternatives. Who the user is ("Wie ben je?") is never
offered as something to change: that is a fact, not a choice.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from klasse_desktop.protocol.graph import all_paths
from klasse_desktop.protocol.models import Choice, Outcome, OutcomeKind, Question, Wizard

# The outcomes for which alternatives are worth showing, and the ones they lead to.
ASKED_FOR = (OutcomeKind.NOT_ALLOWED, OutcomeKind.ASK_FIRST)
LEADS_TO = (OutcomeKind.ALLOWED, OutcomeKind.ALLOWED_IF)
MOST = 4  # shown at most: a list, not a second wizard


@dataclass(frozen=True, slots=True)
class Alternative:
    """Answer these questions so (in path order), and the outcome is this one."""

    changes: tuple[tuple[Question, Choice], ...]
    answers: tuple[tuple[str, str], ...]  # the whole path, to re-run the wizard with
    outcome: Outcome


def alternatives(wizard: Wizard, answers: Mapping[str, str], outcome: Outcome) -> list[Alternative]:
    """The smallest changes of `answers` (a finished run ending in `outcome`) that
    lead to an allowed outcome; empty for outcomes that are allowed already."""
    if outcome.kind not in ASKED_FOR:
        return []
    identity = wizard.identity_question
    fixed = None if identity is None else answers.get(identity.id)
    found: list[tuple[int, Alternative]] = []
    for path in all_paths(wizard):
        if path.outcome.kind not in LEADS_TO:
            continue
        if identity is not None and path.answers().get(identity.id) != fixed:
            continue
        changes = tuple((q, c) for q, c in path.steps if answers.get(q.id) != c.id)
        if changes:
            answered = tuple((q.id, c.id) for q, c in path.steps)
            found.append((len(changes), Alternative(changes, answered, path.outcome)))
    if not found:
        return []
    least = min(cost for cost, _alternative in found)
    smallest = [alternative for cost, alternative in found if cost == least]
    return _distinct(smallest)[:MOST]


def _distinct(candidates: list[Alternative]) -> list[Alternative]:
    """One alternative per set of changes (two paths may differ only in answers that
    were given already)."""
    seen: set[tuple[tuple[str, str], ...]] = set()
    out = []
    for alternative in candidates:
        key = tuple((q.id, c.id) for q, c in alternative.changes)
        if key not in seen:
            seen.add(key)
            out.append(alternative)
    return out


def describe(alternative: Alternative, language: str) -> str:
    """One line: which answers to give instead, and what the answer then is."""
    from klasse_desktop.i18n import _

    changes = _(" and ").join(
        _("“{question}” → “{choice}”").format(
            question=question.text.get(language), choice=choice.label.get(language)
        )
        for question, choice in alternative.changes
    )
    return _("If {changes}: {verdict}").format(
        changes=changes, verdict=alternative.outcome.verdict.get(language)
    )


def as_dict(alternative: Alternative, language: str) -> dict[str, object]:
    """For `decide --format json`: stable ids, texts in `language`."""
    return {
        "changes": [
            {
                "question": q.id,
                "choice": c.id,
                "question_text": q.text.get(language),
                "choice_label": c.label.get(language),
            }
            for q, c in alternative.changes
        ],
        "answers": [{"question": q, "choice": c} for q, c in alternative.answers],
        "outcome": alternative.outcome.id,
        "kind": alternative.outcome.kind.value,
        "verdict": alternative.outcome.verdict.get(language),
        "text": describe(alternative, language),
    }
