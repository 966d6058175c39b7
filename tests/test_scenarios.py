"""Situations as people meet them, written from the protocol (not from the current
outcomes), each run through the engine: the outcome kind and the clause that decides
it must come out as the protocol says.

The situations live in `tests/data/scenarios/*.yaml`:

    - id: stagiair_volgverzoek_leerling
      situation: >-
        Een stagiair in groep 7 krijgt op Instagram een volgverzoek van een leerling
        uit haar stagegroep.
      wizard: contact
      answers: {wie: stagiair, situatie: verzoek, verzoek_wie: leerling, leerling_familie: nee}
      kind: not_allowed            # allowed | allowed_if | not_allowed | ask_first | report
      decisive: A6                 # the clause the outcome must cite first
      also: [B1]                   # optional: clauses it must cite as well
      contacts: [leidinggevende]   # optional: contacts it must name

The answers are given in the order the wizard asks them; every answer must be asked
(a scenario that skips a question or answers one that is not asked is an error in
the scenario, and fails).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from klasse_desktop.protocol.engine import WizardRun
from klasse_desktop.protocol.models import Question

SCENARIOS = Path(__file__).parent / "data" / "scenarios"
KEYS = {"id", "situation", "wizard", "answers", "kind", "decisive", "also", "contacts"}


def _scenarios() -> list[dict]:
    found = []
    for path in sorted(SCENARIOS.glob("*.yaml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            found.append({**item, "_file": path.name})
    return found


ALL = _scenarios()


def test_there_are_at_least_80_distinct_situations():
    assert len(ALL) >= 80
    assert len({s["id"] for s in ALL}) == len(ALL), "scenario ids must be unique"
    assert len({" ".join(s["situation"].split()) for s in ALL}) == len(ALL)


@pytest.mark.parametrize("scenario", ALL, ids=[s["id"] for s in ALL])
def test_scenario(scenario, rules):
    assert set(scenario) - {"_file"} <= KEYS, f"unknown keys in {scenario['id']}"
    run = WizardRun.start(rules, scenario["wizard"])
    for question_id, choice_id in scenario["answers"].items():
        current = run.current
        assert isinstance(current, Question), (
            f"{scenario['id']}: the wizard ended before '{question_id}'"
        )
        assert current.id == question_id, (
            f"{scenario['id']}: the wizard asks '{current.id}' here, not '{question_id}'"
        )
        run.answer(str(choice_id))
    outcome = run.outcome
    assert outcome is not None, f"{scenario['id']}: more questions follow: {run.current.id}"
    where = f"{scenario['id']} → {outcome.id}"
    assert outcome.kind.value == scenario["kind"], where
    assert outcome.clauses[0] == scenario["decisive"], f"{where} cites {outcome.clauses}"
    assert set(scenario.get("also", [])) <= set(outcome.clauses), f"{where} cites {outcome.clauses}"
    assert set(scenario.get("contacts", [])) <= set(outcome.contacts), where
