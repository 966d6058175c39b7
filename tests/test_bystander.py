"""The bystander's wizard "Iemand anders doet dit — wat nu?" (issue 17, part 1).

Every rule of A1–A11 and B1–B8 can be reached from the side of the one who sees
someone else break it: an outcome cites that rule first. The concrete situations
below are decided from the protocol text (which clause binds whom), not from the
YAML; `tests/data/scenarios/iemand_anders.yaml` holds many more.
"""

from __future__ import annotations

import pytest

from klasse_desktop.protocol.engine import WizardRun
from klasse_desktop.protocol.graph import all_paths, reachable
from klasse_desktop.protocol.models import Audience, FileType, Outcome, OutcomeKind
from klasse_desktop.protocol.shipped import default_rules

RULES = default_rules()
WIZARD = RULES.wizards["iemand_anders"]
A_AND_B = [f"A{i}" for i in range(1, 12)] + [f"B{i}" for i in range(1, 9)]
ACTORS = ["leerling", "ouder", "collega", "stagiair", "vrijwilliger", "oud_medewerker", "extern"]


def decide(**answers: str) -> Outcome:
    run = WizardRun.start(RULES, "iemand_anders")
    while run.outcome is None:
        question = run.current
        assert question.id in answers, f"no answer given for {question.id}"
        run.answer(answers.pop(question.id))
    assert not answers, f"not asked: {answers}"
    return run.outcome


def steps_nl(outcome: Outcome) -> list[str]:
    return [getattr(c, "text", c).get("nl") for c in outcome.conditions]


def first_cited(wizard_outcomes) -> set[str]:
    return {o.clauses[0] for o in wizard_outcomes}


# -- the wizard as a whole ---------------------------------------------------------------


def test_the_bystander_wizard_is_there_for_everyone_after_the_others():
    assert WIZARD.audience is Audience.EVERYONE
    assert WIZARD.title.get("nl") == "Iemand anders doet dit — wat nu?"
    assert WIZARD.title.get("en") == "Someone else is doing this — what now?"
    others = [w.order for w in RULES.wizards.values() if w.id != "iemand_anders"]
    assert WIZARD.order == 7 and WIZARD.order not in others
    assert {"stagiair", "hulpouder", "musical"} <= set(WIZARD.keywords["nl"])
    assert {"bystander", "intern", "volunteer"} <= set(WIZARD.keywords["en"])


def test_the_first_question_is_who_does_it_and_no_settings_role_answers_it():
    first = WIZARD.questions[WIZARD.start]
    assert first.text.get("nl") == "Wie doet het?"
    assert [c.id for c in first.choices] == ACTORS
    # "Who does it" is not "who are you": the user's own role must not pre-answer it.
    assert not getattr(first, "identity", False)
    for role in ("leerkracht", "directeur", "stagiair", "vrijwilliger"):
        assert WizardRun.start(RULES, "iemand_anders", role=role).answers == {}


@pytest.mark.parametrize("clause", [*A_AND_B, "C1", "C2"])
def test_every_rule_is_cited_first_by_some_outcome(clause):
    assert clause in first_cited(WIZARD.outcomes.values())


def test_every_report_names_a_contact_and_every_outcome_but_allowed_says_what_to_do():
    for outcome in WIZARD.outcomes.values():
        assert all(c in RULES.contacts for c in outcome.contacts), outcome.id
        if outcome.kind is OutcomeKind.REPORT:
            assert outcome.contacts, outcome.id
        if outcome.kind is not OutcomeKind.ALLOWED:
            assert len(outcome.conditions) >= 2, outcome.id


def test_at_most_four_questions_on_any_path_and_everything_reachable():
    paths = list(all_paths(WIZARD))
    assert max(len(p.steps) for p in paths) == 4
    assert {p.outcome.id for p in paths} == set(WIZARD.outcomes)
    assert reachable(WIZARD) == set(WIZARD.questions) | set(WIZARD.outcomes)


def test_every_question_helps_and_offers_distinct_choices():
    for question in WIZARD.questions.values():
        for lang in ("nl", "en"):
            assert len(question.help.get(lang)) > 20, question.id
            labels = [c.label.get(lang) for c in question.choices]
            assert len(set(labels)) == len(labels), question.id


def test_addressing_it_yourself_is_done_calmly_and_never_online():
    """Outcomes where you speak to the person yourself say how: calmly, in private."""
    for outcome in WIZARD.outcomes.values():
        if outcome.kind is OutcomeKind.NOT_ALLOWED:
            text = " ".join(steps_nl(outcome)).lower()
            assert any(w in text for w in ("rustig", "vriendelijk", "onder vier ogen")), outcome.id
            assert any(w in text for w in ("niet online", "niet waar", "onder vier ogen")), (
                outcome.id
            )


# -- scope: whom each rule binds (R1, and the wording of each clause) ---------------------

STAFF_ONLY = {"A6", "B1", "B2", "B3", "B4", "B5", "B6", "B7", "C2", "C3"}


def _outcomes_after(actor: str) -> list[Outcome]:
    return [p.outcome for p in all_paths(WIZARD) if p.answers()["wie"] == actor]


@pytest.mark.parametrize("actor", ["leerling", "ouder"])
def test_pupils_and_parents_are_not_held_to_staff_rules(actor):
    firsts = first_cited(_outcomes_after(actor))
    assert not firsts & STAFF_ONLY
    assert not firsts & {"A8", "C1"}  # the phone rule binds staff, interns and helpers
    if actor == "ouder":
        assert "A1" not in firsts  # A1 binds staff and pupils, not parents


def test_an_outsider_is_not_bound_but_is_still_reported():
    photos = decide(wie="extern", x_wat="beeld")
    assert photos.clauses[0] == "R1" and photos.kind is OutcomeKind.ASK_FIRST
    assert "schoolleiding" in photos.contacts


@pytest.mark.parametrize(
    ("actors", "file_type"),
    [
        (("collega", "stagiair"), FileType.PERSONEELSDOSSIER),
        (("leerling", "ouder"), FileType.LEERLINGENDOSSIER),
        (("vrijwilliger", "oud_medewerker", "extern"), None),
    ],
)
def test_the_file_matches_who_did_it(actors, file_type):
    outcomes = [o for actor in actors for o in _outcomes_after(actor)]
    assert {o.file_type for o in outcomes} - {None} == ({file_type} if file_type else set())
    if file_type is FileType.PERSONEELSDOSSIER:
        assert all("S3" in o.clauses for o in outcomes if o.file_type is file_type)
    if file_type is FileType.LEERLINGENDOSSIER:
        assert all("S6" in o.clauses for o in outcomes if o.file_type is file_type)


# -- concrete situations ----------------------------------------------------------------


@pytest.mark.parametrize("who", ["collega", "stagiair"])
def test_recognisable_pupils_on_a_colleagues_private_account(who):
    outcome = decide(wie=who, c_wat="beeld", c_beeld="prive")
    assert outcome.clauses[0] == "A9" and "A5" in outcome.clauses
    assert outcome.kind is OutcomeKind.ASK_FIRST
    assert outcome.contacts == ("leidinggevende",)
    assert "bespreek het met je leidinggevende" in outcome.verdict.get("nl").lower()
    assert outcome.file_type is FileType.PERSONEELSDOSSIER


def test_an_intern_accepting_a_pupils_follow_request():
    outcome = decide(wie="stagiair", c_wat="contact", c_contact="vrienden")
    assert outcome.clauses[0] == "A6" and outcome.kind is OutcomeKind.ASK_FIRST
    assert any("begeleidt" in step for step in steps_nl(outcome))


def test_a_pupil_filming_in_class_is_a1_and_spreading_it_goes_to_the_leadership():
    on_the_phone = decide(wie="leerling", l_wat="les", l_les_online="nee")
    assert on_the_phone.clauses[0] == "A1" and on_the_phone.kind is OutcomeKind.NOT_ALLOWED
    assert on_the_phone.file_type is None  # solved on the spot: nothing to file
    shared = decide(wie="leerling", l_wat="les", l_les_online="ja")
    assert shared.clauses[0] == "A1" and shared.kind is OutcomeKind.REPORT
    assert shared.contacts == ("schoolleiding",)
    assert shared.file_type is FileType.LEERLINGENDOSSIER


def test_a_mother_posting_the_musical_with_all_the_children():
    outcome = decide(wie="ouder", o_wat="beeld", o_beeld_wie="anderen")
    assert outcome.clauses[0] == "A9" and outcome.kind is OutcomeKind.ASK_FIRST
    assert "schoolleiding" in outcome.contacts
    assert "niet online" in outcome.verdict.get("nl")
    own_child = decide(wie="ouder", o_wat="beeld", o_beeld_wie="eigen_kind")
    assert own_child.clauses[0] == "A9" and own_child.kind is OutcomeKind.ALLOWED_IF


def test_a_volunteer_adding_pupils_to_a_whatsapp_group():
    outcome = decide(wie="vrijwilliger", v_wat="groepsapp")
    # B2 binds staff; for a volunteer the broken rule is sharing children's numbers (A2).
    assert outcome.clauses[0] == "A2" and "B2" in outcome.clauses
    assert outcome.kind is OutcomeKind.ASK_FIRST and "schoolleiding" in outcome.contacts


def test_a_former_colleague_blogging_about_a_pupil():
    outcome = decide(wie="oud_medewerker", om_wat="over_mensen")
    assert outcome.clauses[:2] == ("C1", "A2")
    assert outcome.kind is OutcomeKind.REPORT and outcome.contacts == ("schoolleiding",)
    assert outcome.file_type is None


def test_a_colleague_who_keeps_quiet_makes_it_your_duty_to_report():
    outcome = decide(wie="collega", c_wat="zwijgt")
    assert outcome.clauses[0] == "A11" and outcome.kind is OutcomeKind.REPORT
    assert "nu jij het weet" in outcome.verdict.get("nl").lower()


def test_sexual_misconduct_by_staff_always_reaches_the_confidential_inspector():
    outcome = decide(wie="collega", c_wat="ernst", c_ernst="seksueel")
    assert outcome.clauses[0] == "A10" and "S4" in outcome.clauses
    assert outcome.kind is OutcomeKind.REPORT and "lvi" in outcome.contacts
    assert outcome.file_type is FileType.PERSONEELSDOSSIER


def test_when_the_leadership_itself_does_it_you_go_to_the_board():
    outcome = decide(wie="collega", c_wat="ernst", c_ernst="schoolleiding")
    assert outcome.contacts[0] == "bestuur" and "schoolleiding" not in outcome.contacts


def test_every_danger_choice_leads_to_112():
    dangers = [p.outcome for p in all_paths(WIZARD) if "gevaar" in p.answers().values()]
    assert len(dangers) >= 6  # pupils, parents, colleagues, interns, helpers, others
    assert all(o.contacts[0] == "politie_spoed" for o in dangers)


def test_a_colleagues_private_post_about_other_things_is_their_own_business():
    outcome = decide(wie="collega", c_wat="online", c_online="geen_school")
    assert outcome.kind is OutcomeKind.ALLOWED and outcome.clauses == ("B4", "R2")
