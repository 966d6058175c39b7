"""The advice record: one outcome of a wizard on one page ("Advies volgens het
protocol sociale media"), for a teacher who wants to document that they checked.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from klasse_desktop.i18n import _
from klasse_desktop.i18n_dates import format_date, version_label
from klasse_desktop.protocol import alternatives
from klasse_desktop.protocol.contact_cards import Lookup, contact_cards, school_line
from klasse_desktop.protocol.engine import WizardRun
from klasse_desktop.protocol.labels import conditions_heading, kind_label
from klasse_desktop.protocol.models import RuleSet
from klasse_desktop.reports.bidi_paragraph import text_paragraph
from klasse_desktop.reports.document import Frame, archival, layout
from klasse_desktop.reports.styles import (
    Styles,
    compact,
    styles,
    tight,
)


def _p(text: str, style: Any) -> Paragraph:
    return text_paragraph(text, style)[0]  # wizard texts are ours; names may not be


def build_advice(
    run: WizardRun,
    rules: RuleSet,
    language: str,
    *,
    name: str,
    role: str,
    foundation: str,
    school: str,
    issued_on: date,
    school_contacts: Lookup | None = None,
) -> bytes:
    """The advice record on one page: set tighter, step by step, when the outcome
    quotes many clauses (the last step is used even if it still runs over).
    `school_contacts`: the school's own people (settings), shown with the contacts."""
    outcome = run.outcome
    if outcome is None:
        raise ValueError("the wizard has no outcome yet")
    title = _("Advice under the social media protocol")
    # Like the reports: a record that names a person is confidential.
    marking = _("CONFIDENTIAL — {title}").format(title=title) if name.strip() else title
    frame = Frame(
        letterhead=" — ".join(p for p in (foundation, school) if p), marking=marking,
        reference="", title=f"{title}: {run.wizard.title.get(language)}",
        subject=outcome.verdict.get(language), author=name or _("unknown user"),
        issued_on=issued_on, language=language,
    )  # fmt: skip
    plain = b""
    for density in range(len(DENSITIES)):
        story = _story(run, rules, language, name=name, role=role, issued_on=issued_on,
                       s=DENSITIES[density](), title=title, school=school_contacts)  # fmt: skip
        plain, pages = layout(story, frame)
        if pages == 1:
            break
    return archival(plain, frame)


def _story(
    run: WizardRun, rules: RuleSet, language: str, *, name: str, role: str, issued_on: date,
    s: Styles, title: str, school: Lookup | None = None,
) -> list[Flowable]:  # fmt: skip
    outcome = run.outcome
    assert outcome is not None
    protocol = rules.protocol
    story: list[Flowable] = [
        _p(title, s.title),
        _p(_("Question: {title}").format(title=run.wizard.title.get(language)), s.heading),
        _p(
            _("Asked by {name} ({role}) on {date}.").format(
                name=name or _("unknown user"), role=role, date=format_date(issued_on, language)
            ),
            s.body,
        ),
        _p(_("Your answers"), s.heading),
        *[
            _p(f"• {step.question.text.get(language)} → {step.choice.label.get(language)}", s.body)
            for step in run.steps
        ],
        _p(_("Outcome"), s.heading),
        _p(f"{kind_label(outcome.kind)} — {outcome.verdict.get(language)}", s.cell_bold),
    ]
    if run.conditions:
        story.append(_p(conditions_heading(outcome.kind).rstrip(":"), s.heading))
        story += [_p(f"• {c.get(language)}", s.body) for c in run.conditions]
    if outcome.contacts:
        story.append(_p(_("Contact details"), s.heading))
        for card in contact_cards(rules, outcome, language, school):
            phone = f" — {card.phone}" if card.phone else ""
            story.append(_p(f"{card.name}{phone}", s.body))
            story += [_p(_("At your school: {person}").format(person=school_line(person)), s.body)
                      for person in card.at_school]  # fmt: skip
    story += [_p(_("Why?"), s.heading), _p(outcome.explanation.get(language), s.body)]
    found = run.alternatives()
    if found:
        story.append(_p(_("What would change the answer?"), s.heading))
        story += [_p(f"• {alternatives.describe(a, language)}", s.body) for a in found]
    version = version_label(protocol.version, language)
    story.append(_p(_("Protocol clauses ({version})").format(version=version), s.heading))
    for clause_id in outcome.clauses:
        text = protocol.clause(clause_id).text.get(language)
        story.append(KeepTogether([_p(clause_id, s.cell_bold), _p(f"“{text}”", s.quote)]))
    story += [
        Spacer(1, 4),
        _p(
            _("{title}, {organisation}, adopted {adopted}.").format(
                title=protocol.title.get(language),
                organisation=protocol.organisation,
                adopted=format_date(protocol.dates.adopted, language),
            ),
            s.small,
        ),
    ]
    return story


def _compact() -> Styles:
    return compact(styles())


def _tight() -> Styles:
    return tight(compact(styles()))


DENSITIES = (_compact, _tight)
