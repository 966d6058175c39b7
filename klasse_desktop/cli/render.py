"""Turning engine results into text for a terminal and dicts for `--format json`.

JSON keys and IDs are stable (scripts depend on them); texts inside are in the
requested language.
"""

from __future__ import annotations

import textwrap
from typing import Any

from klasse_desktop.i18n import _
from klasse_desktop.i18n_dates import version_label
from klasse_desktop.protocol import alternatives
from klasse_desktop.protocol.contact_cards import Lookup, contact_cards, school_line
from klasse_desktop.protocol.engine import Step, WizardRun
from klasse_desktop.protocol.labels import (
    KIND_SYMBOLS,
    conditions_heading,
    file_type_label,
    kind_label,
)
from klasse_desktop.protocol.models import Choice, Question, RuleSet, Wizard

WIDTH = 88


def wrap(text: str, indent: str = "  ") -> str:
    return textwrap.fill(text, WIDTH, initial_indent=indent, subsequent_indent=indent)


def bullet(text: str, indent: str = "  ") -> str:
    return textwrap.fill(text, WIDTH, initial_indent=f"{indent}• ", subsequent_indent=f"{indent}  ")


# -- dicts --------------------------------------------------------------------------


def question_dict(
    question: Question, lang: str, choices: tuple[Choice, ...] | None = None
) -> dict[str, Any]:
    """`choices`: those offered to this user (default: all)."""
    return {
        "id": question.id,
        "text": question.text.get(lang),
        "help": question.help.get(lang),
        "choices": [
            {"id": c.id, "label": c.label.get(lang), "next": c.next}
            for c in (question.choices if choices is None else choices)
        ],
    }


def wizard_dict(wizard: Wizard, lang: str) -> dict[str, Any]:
    return {
        "id": wizard.id,
        "title": wizard.title.get(lang),
        "summary": wizard.summary.get(lang),
        "audience": wizard.audience.value,
        "start": wizard.start,
        "questions": [question_dict(q, lang) for q in wizard.questions.values()],
        "outcomes": [o.id for o in wizard.outcomes.values()],
    }


def steps_dict(steps: list[Step], lang: str) -> list[dict[str, str]]:
    return [
        {
            "question": s.question.id,
            "question_text": s.question.text.get(lang),
            "choice": s.choice.id,
            "choice_label": s.choice.label.get(lang),
        }
        for s in steps
    ]


def outcome_dict(
    rules: RuleSet, run: WizardRun, lang: str, school: Lookup | None = None
) -> dict[str, Any]:
    """`school`: the school's own contacts (from the settings), if known."""
    protocol, outcome = rules.protocol, run.outcome
    assert outcome is not None
    return {
        "id": outcome.id,
        "kind": outcome.kind.value,
        "kind_label": kind_label(outcome.kind),
        "verdict": outcome.verdict.get(lang),
        "explanation": outcome.explanation.get(lang),
        "conditions": [c.get(lang) for c in run.conditions],
        "contacts": [
            {
                "id": card.id,
                "name": card.name,
                "phone": card.phone,
                "description": card.description,
                "at_school": [
                    {"role": person.key, "name": person.name, "phone": person.phone}
                    for person in card.at_school
                ],
            }
            for card in contact_cards(rules, outcome, lang, school)
        ],
        "file_type": outcome.file_type.value if outcome.file_type else None,
        "clauses": [
            {"id": cid, "text": protocol.clause(cid).text.get(lang)} for cid in outcome.clauses
        ],
        "protocol_version": protocol.version,
        "alternatives": [alternatives.as_dict(a, lang) for a in run.alternatives()],
    }


# -- text ---------------------------------------------------------------------------


def question_text(
    question: Question, lang: str, *, hint: str | None = None,
    choices: tuple[Choice, ...] | None = None,
) -> str:  # fmt: skip
    lines = [f"{question.text.get(lang)}  [{question.id}]", wrap(question.help.get(lang)), ""]
    offered = question.choices if choices is None else choices
    width = max(len(c.id) for c in offered)
    for choice in offered:
        lines.append(f"  {choice.id:<{width}}  {choice.label.get(lang)}")
    if hint:
        lines += ["", hint]
    return "\n".join(lines)


def outcome_text(rules: RuleSet, run: WizardRun, lang: str, school: Lookup | None = None) -> str:
    protocol, outcome, steps = rules.protocol, run.outcome, run.steps
    assert outcome is not None
    lines = [
        f"{KIND_SYMBOLS[outcome.kind]} {kind_label(outcome.kind).upper()}",
        wrap(outcome.verdict.get(lang), ""),
        "",
    ]
    if run.conditions:
        lines.append(conditions_heading(outcome.kind))
        lines += [bullet(c.get(lang)) for c in run.conditions]
        lines.append("")
    if outcome.contacts:
        lines.append(_("Contact:"))
        for card in contact_cards(rules, outcome, lang, school):
            lines.append(bullet(f"{card.name} — {card.phone}" if card.phone else card.name))
            lines += [bullet(_("At your school: {person}").format(person=school_line(person)),
                             "    ") for person in card.at_school]  # fmt: skip
        lines.append("")
    if outcome.file_type:
        lines.append(_("File: {file}").format(file=file_type_label(outcome.file_type)))
        lines.append("")
    lines.append(_("Why?"))
    lines.append(wrap(outcome.explanation.get(lang)))
    if steps:
        lines.append(_("  Your answers:"))
        for step in steps:
            lines.append(
                bullet(f"{step.question.text.get(lang)} → {step.choice.label.get(lang)}", "    ")
            )
    lines.append("")
    found = run.alternatives()
    if found:
        lines.append(_("What would change the answer?"))
        lines += [bullet(alternatives.describe(a, lang)) for a in found]
        lines.append("")
    version = version_label(protocol.version, lang)
    lines.append(_("Protocol clauses ({version}):").format(version=version))
    for cid in outcome.clauses:
        lines.append(f"  {cid}")
        lines.append(wrap(f"“{protocol.clause(cid).text.get(lang)}”", "      "))
    return "\n".join(lines)
