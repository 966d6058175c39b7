""" "Wat zou het antwoord veranderen?": computed from the wizard graph, and every
listed change really leads where it says."""

from __future__ import annotations

import pytest

from klasse_desktop.protocol.alternatives import LEADS_TO
from klasse_desktop.protocol.engine import WizardRun
from klasse_desktop.protocol.graph import all_paths
from klasse_desktop.protocol.models import OutcomeKind


def _run(rules, wizard_id, steps):
    run = WizardRun.start(rules, wizard_id)
    for question, choice in steps:
        run.answer(choice.id, question.id)
    return run


def test_every_listed_change_of_every_refusal_leads_to_the_stated_outcome(rules):
    checked = with_alternatives = 0
    for wizard in rules.wizards.values():
        for path in all_paths(wizard):
            if path.outcome.kind not in (OutcomeKind.NOT_ALLOWED, OutcomeKind.ASK_FIRST):
                continue
            run = _run(rules, wizard.id, path.steps)
            found = run.alternatives()
            with_alternatives += bool(found)
            identity = wizard.identity_question
            for alternative in found:
                assert alternative.outcome.kind in LEADS_TO
                assert alternative.changes, "an alternative changes at least one answer"
                if identity is not None:
                    assert identity.id not in {q.id for q, _c in alternative.changes}
                replay = WizardRun.start(rules, wizard.id)
                replay.replay(alternative.answers)
                assert replay.outcome == alternative.outcome, (wizard.id, alternative.answers)
                # The changes are exactly the answers that differ from the run's.
                differ = {q: c for q, c in alternative.answers if run.answers.get(q) != c}
                assert differ == {q.id: c.id for q, c in alternative.changes}
                checked += 1
    assert checked > 50 and with_alternatives > 20


def test_a_group_app_with_pupils_changes_with_the_app_not_with_who_you_are(rules):
    run = WizardRun.start(rules, "contact")
    for question, choice in [("wie", "medewerker"), ("situatie", "groepsapp"),
                             ("groep_app", "andere_app"), ("groep_wie", "leerlingen")]:  # fmt: skip
        run.answer(choice, question)
    assert run.outcome is not None and run.outcome.kind == OutcomeKind.NOT_ALLOWED
    found = run.alternatives()
    changed = [{q.id: c.id for q, c in a.changes} for a in found]
    assert {"groep_app": "klasse_app"} in changed  # in the Klasse app it is fine
    assert all("wie" not in change for change in changed)


@pytest.mark.parametrize("kind", [OutcomeKind.ALLOWED, OutcomeKind.ALLOWED_IF, OutcomeKind.REPORT])
def test_outcomes_that_are_not_refusals_have_no_alternatives(rules, kind):
    for wizard in rules.wizards.values():
        for path in all_paths(wizard):
            if path.outcome.kind == kind:
                assert _run(rules, wizard.id, path.steps).alternatives() == []
                break
