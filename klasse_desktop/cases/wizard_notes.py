"""Saving a finished wizard run into a case, as an entry that cannot be edited.

The entry keeps the run record (wizard, protocol version, answers, outcome,
clauses) and a snapshot of the texts as shown, so the note reads the same after
the protocol is revised.
"""

from __future__ import annotations

from typing import Any

from klasse_desktop.cases.models import Entry, EntryKind
from klasse_desktop.cases.repository import CaseRegister
from klasse_desktop.i18n import _
from klasse_desktop.i18n_dates import version_label
from klasse_desktop.protocol.engine import WizardRun
from klasse_desktop.protocol.labels import kind_label
from klasse_desktop.protocol.models import RuleSet


def snapshot(run: WizardRun, rules: RuleSet, language: str) -> dict[str, Any]:
    record = run.record()
    outcome = run.outcome
    assert outcome is not None
    return {
        **record.to_dict(),
        "language": language,
        "title": run.wizard.title.get(language),
        "kind_label": kind_label(outcome.kind),
        "verdict": outcome.verdict.get(language),
        "explanation": outcome.explanation.get(language),
        "conditions": [c.get(language) for c in run.conditions],
        "answers_text": [
            {"question": s.question.text.get(language), "answer": s.choice.label.get(language)}
            for s in run.steps
        ],
        "clause_texts": {c: rules.protocol.clause(c).text.get(language) for c in outcome.clauses},
    }


def note_text(data: dict[str, Any]) -> str:
    lines = [
        f"{data['title']} — {data['kind_label']}: {data['verdict']}",
        *(f"• {a['question']} → {a['answer']}" for a in data["answers_text"]),
        _("Clauses: {clauses} (protocol, {version})").format(
            clauses=", ".join(data["clauses"]),
            version=version_label(data["protocol_version"], data.get("language", "nl")),
        ),
    ]
    return "\n".join(lines)


def save_wizard_run(
    register: CaseRegister, number: str, run: WizardRun, rules: RuleSet, language: str
) -> Entry:
    data = snapshot(run, rules, language)
    return register.add_entry(
        number, note_text(data), kind=EntryKind.WIZARD_OUTCOME,
        event_date=run.record().finished_at.date(), wizard_record=data,
    )  # fmt: skip
