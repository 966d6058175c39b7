"""Questions and conditions that depend on earlier answers: the identity question,
choices only for some roles, conditions only for some answers. Checked at load time
(each mistake one located error) and honoured by the engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from klasse_desktop.protocol.engine import WizardError, WizardRun
from klasse_desktop.protocol.loader import load_rules, validate_rules
from tests.test_rule_validation import WIZARD, break_wizard, errors, line_of

IDENTITY = """  - id: q1
    identity: true
    text:
      nl: Eerste vraag
      en: First question
    help:
      nl: Kies a of b.
      en: Choose a or b.
    choices:
      - id: a
        label: {nl: Keuze a, en: Choice a}
        next: q2
        settings_roles: [leerkracht, directeur]
      - id: b
        label: {nl: Keuze b, en: Choice b}
        next: q3
        settings_roles: [vrijwilliger]
"""
Q1 = (
    IDENTITY.replace("    identity: true\n", "")
    .replace("        settings_roles: [leerkracht, directeur]\n", "")
    .replace("        settings_roles: [vrijwilliger]\n", "")
)


@pytest.fixture(autouse=True)
def _english(english):
    """Messages are asserted in the source language."""


def with_identity(root: Path) -> str:
    return break_wizard(root, Q1, IDENTITY)


def test_the_identity_question_and_its_roles_load(resources_copy):
    with_identity(resources_copy)
    wizard = load_rules(resources_copy).wizard("sample")
    assert wizard.identity_question is not None and wizard.identity_question.id == "q1"
    assert wizard.choice_for_role("directeur").id == "a"
    assert wizard.choice_for_role("stagiair") is None


def test_a_role_that_the_app_does_not_have(resources_copy):
    text = break_wizard(resources_copy, Q1, IDENTITY.replace("[vrijwilliger]", "[conciërge]"))
    line = line_of(text, "settings_roles: [conciërge]")
    assert errors(resources_copy) == [
        f"{WIZARD}:{line}: wizard sample: node q1: 'conciërge' is not a role of the app "
        "(roles: leerkracht, onderwijsondersteuner, stagiair, vrijwilliger, directeur, bestuur)"
    ]


def test_only_for_needs_an_identity_answer(resources_copy):
    text = break_wizard(resources_copy, "        next: o_allowed\n",
                        "        next: o_allowed\n        only_for: [c]\n")  # fmt: skip
    line = line_of(text, "  - id: q2")
    assert errors(resources_copy) == [
        f"{WIZARD}:{line}: wizard sample: node q2: choice 'y' is only for 'c', which is not an "
        "answer to the identity question"
    ]


def test_a_role_left_with_nothing_to_choose(resources_copy):
    with_identity(resources_copy)
    # q4 is reached by both roles; hide both of its choices from role b.
    text = break_wizard(resources_copy, "        next: o_if\n",
                        "        next: o_if\n        only_for: [a]\n")  # fmt: skip
    text = break_wizard(resources_copy, "        next: o_not\n",
                        "        next: o_not\n        only_for: [a]\n")  # fmt: skip
    line = line_of(text, "  - id: q4")
    assert errors(resources_copy) == [
        f"{WIZARD}:{line}: wizard sample: node q4: offers nothing to choose for 'b'"
    ]


def test_a_condition_on_a_question_that_is_not_asked(resources_copy):
    text = break_wizard(
        resources_copy,
        "      - {nl: Niemand herkenbaar., en: Nobody recognizable.}\n",
        "      - {nl: Niemand herkenbaar., en: Nobody recognizable., when: {q9: [x]}}\n",
    )
    line = line_of(text, "  - id: o_if")
    assert errors(resources_copy) == [
        f"{WIZARD}:{line}: wizard sample: node o_if: a condition depends on question 'q9', "
        "which this wizard does not ask"
    ]


def test_a_condition_on_an_answer_that_is_not_offered(resources_copy):
    break_wizard(
        resources_copy,
        "      - {nl: Niemand herkenbaar., en: Nobody recognizable.}\n",
        "      - {nl: Niemand herkenbaar., en: Nobody recognizable., when: {q4: [z]}}\n",
    )
    assert errors(resources_copy)[0].endswith(
        "a condition depends on answer 'z', which question 'q4' does not offer"
    )


def test_the_role_from_the_settings_answers_who_you_are(resources_copy):
    with_identity(resources_copy)
    rules = load_rules(resources_copy)
    run = WizardRun.start(rules, "sample", role="directeur")
    assert run.answers == {"q1": "a"}  # shown among the answers …
    assert run.current.id == "q2"
    run.jump_to("q1")  # … and changeable
    run.answer("b")
    assert run.current.id == "q3"
    assert WizardRun.start(rules, "sample", role="stagiair").current.id == "q1"


def test_choices_only_for_some_roles_are_not_offered_to_others(resources_copy):
    with_identity(resources_copy)
    break_wizard(resources_copy, "        next: o_not\n",
                 "        next: o_not\n        only_for: [a]\n")  # fmt: skip
    rules = load_rules(resources_copy)
    run = WizardRun.start(rules, "sample")
    run.answer("b")
    run.answer("x")  # q3 → q4
    assert [c.id for c in run.offered(run.current)] == ["x"]
    with pytest.raises(WizardError, match="Choose from: x"):
        run.answer("y")
    # Someone who changes who they are loses answers that are no longer offered.
    other = WizardRun.start(rules, "sample")
    other.replay((("q1", "a"), ("q2", "x"), ("q4", "y")))
    assert other.outcome is not None and other.outcome.id == "o_not"
    other.jump_to("q1")
    other.answer("b")
    other.answer("x", "q3")
    assert other.current.id == "q4" and other.answer_for("q4") is None


def test_conditions_follow_the_answers(resources_copy):
    break_wizard(
        resources_copy,
        "      - {nl: Niemand herkenbaar., en: Nobody recognizable.}\n",
        "      - {nl: Niemand herkenbaar., en: Nobody recognizable., when: {q1: [a]}}\n"
        "      - {nl: Altijd., en: Always.}\n",
    )
    rules = load_rules(resources_copy)
    via_a = WizardRun.start(rules, "sample")
    via_a.replay((("q1", "a"), ("q2", "x"), ("q4", "x")))
    via_b = WizardRun.start(rules, "sample")
    via_b.replay((("q1", "b"), ("q3", "x"), ("q4", "x")))
    assert via_a.outcome == via_b.outcome
    assert [c.get("en") for c in via_a.conditions] == ["Nobody recognizable.", "Always."]
    assert [c.get("en") for c in via_b.conditions] == ["Always."]


def test_the_cache_keeps_roles_and_conditions(resources_copy):
    from klasse_desktop.protocol.cache import from_plain, to_plain

    with_identity(resources_copy)
    rules = load_rules(resources_copy)
    again = from_plain(to_plain(rules))
    assert again.wizard("sample") == rules.wizard("sample")
    assert validate_rules(resources_copy)[1] == []


def test_yes_comes_before_no_and_doubt_comes_last(resources_copy):
    break_wizard(
        resources_copy,
        """      - id: x
        label: {nl: Keuze x, en: Choice x}
        next: q4
      - id: y
        label: {nl: Keuze y, en: Choice y}
        next: o_allowed""",
        """      - id: nee
        label: {nl: Nee, en: "No"}
        next: q4
      - id: ja
        label: {nl: Ja, en: "Yes"}
        next: o_allowed""",
    )
    assert errors(resources_copy) == [
        f"{WIZARD}: wizard sample: node q2: 'ja' comes before 'nee' in every wizard"
    ]


def test_the_doubt_choice_is_last(resources_copy):
    break_wizard(resources_copy, "      - id: x\n        label: {nl: Keuze x, en: Choice x}\n"
                 "        next: q4\n      - id: y\n        label: {nl: Keuze y, en: Choice y}\n"
                 "        next: o_allowed",
                 "      - id: twijfel\n        label: {nl: Ik twijfel, en: Not sure}\n"
                 "        next: q4\n      - id: y\n        label: {nl: Keuze y, en: Choice y}\n"
                 "        next: o_allowed")  # fmt: skip
    assert errors(resources_copy) == [
        f"{WIZARD}: wizard sample: node q2: the doubt choice ('twijfel') comes last in every wizard"
    ]
