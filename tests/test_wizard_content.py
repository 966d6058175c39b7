"""The shipped wizards: every path walked, and the protocol's key rules hold.

The scenario tests pin what a teacher must be told in the situations the protocol
decides outright; they are written from the protocol text, not from the YAML.
"""

from __future__ import annotations

import pytest

from klasse_desktop.protocol.coverage import coverage
from klasse_desktop.protocol.engine import WizardRun
from klasse_desktop.protocol.graph import all_paths, reachable
from klasse_desktop.protocol.models import Audience, FileType, OutcomeKind
from klasse_desktop.protocol.shipped import default_rules

RULES = default_rules()

# The brief's table: which clauses each wizard must be able to answer with.
REQUIRED = {
    "plaatsen": "A2 A3 A4 A5 A9 B3 B4 B5 B7 C1 C2 C3 R2",
    "opnemen": "A1 A5 A7 A8 A9",
    "contact": "A6 B1 B2",
    "discussie": "B5 B6 B7 B8 C3",
    "melden": "A10 A11 B6 B8 S4 S8",
    "vervolgstappen": "S1 S2 S3 S4 S5 S6 S7 S8",
}


def test_the_six_wizards_of_the_brief_are_there_in_order():
    assert [w for w in RULES.wizards if w in REQUIRED] == list(REQUIRED)
    assert RULES.wizards["vervolgstappen"].audience is Audience.DIRECTORS
    assert RULES.wizards["plaatsen"].title.get("nl") == "Mag ik dit plaatsen?"


@pytest.mark.parametrize("wizard_id", list(REQUIRED))
def test_each_wizard_cites_its_clauses(wizard_id):
    wizard = RULES.wizards[wizard_id]
    cited = {c for o in wizard.outcomes.values() for c in o.clauses}
    assert set(REQUIRED[wizard_id].split()) <= cited


@pytest.mark.parametrize("wizard_id", list(REQUIRED))
def test_every_path_ends_in_a_complete_outcome(wizard_id):
    wizard = RULES.wizards[wizard_id]
    paths = list(all_paths(wizard))
    assert {p.outcome.id for p in paths} == set(wizard.outcomes)  # every outcome reachable
    assert reachable(wizard) == set(wizard.questions) | set(wizard.outcomes)
    for path in paths:
        assert 1 <= len(path.steps) <= 8, "a teacher answers at most eight questions"
        outcome = path.outcome
        assert outcome.clauses and all(RULES.protocol.has_clause(c) for c in outcome.clauses)
        if outcome.kind is OutcomeKind.ALLOWED_IF:
            assert outcome.conditions
        if outcome.kind is OutcomeKind.REPORT:
            assert outcome.contacts and all(c in RULES.contacts for c in outcome.contacts)
        # replaying the path through the engine reaches the same outcome
        run = WizardRun.start(RULES, wizard_id)
        for question, choice in path.steps:
            assert run.current is question
            run.answer(choice.id)
        assert run.outcome is outcome


def test_every_a_b_c_and_s_clause_is_cited_by_an_outcome():
    report = coverage(RULES)
    assert report.complete
    for clause in RULES.protocol.clauses:
        if clause.section_id in "ABCS":
            assert clause.id in report.cited, clause.id
    assert set(report.informational) <= {"U1", "U2", "U3", "U4", "U5", "R1", "R2"}


@pytest.mark.parametrize("wizard_id", list(REQUIRED))
def test_every_question_offers_help_and_distinct_choices(wizard_id):
    for question in RULES.wizards[wizard_id].questions.values():
        for lang in ("nl", "en"):
            assert len(question.help.get(lang)) > 20
            labels = [c.label.get(lang) for c in question.choices]
            assert len(set(labels)) == len(labels)


def decide(wizard_id: str, **answers: str):
    run = WizardRun.start(RULES, wizard_id)
    while run.outcome is None:
        question = run.current
        assert question.id in answers, f"no answer given for {question.id}"
        run.answer(answers.pop(question.id))
    assert not answers, f"not asked: {answers}"
    return run.outcome


# -- contact (A6, B1, B2) ---------------------------------------------------------


@pytest.mark.parametrize("who", ["medewerker", "stagiair"])
def test_a_pupils_friend_request_is_refused(who):
    outcome = decide(
        "contact", wie=who, situatie="verzoek", verzoek_wie="leerling", leerling_familie="nee"
    )
    assert outcome.kind is OutcomeKind.NOT_ALLOWED and "A6" in outcome.clauses


@pytest.mark.parametrize("who", ["medewerker", "stagiair"])
def test_a_group_app_with_pupils_is_refused(who):
    outcome = decide(
        "contact", wie=who, situatie="groepsapp", groep_app="andere_app", groep_wie="leerlingen"
    )
    assert outcome.kind is OutcomeKind.NOT_ALLOWED and "B2" in outcome.clauses


def test_the_klasse_app_is_the_channel_for_pupils_and_parents():
    outcome = decide("contact", wie="medewerker", situatie="groepsapp", groep_app="klasse_app")
    assert outcome.kind is OutcomeKind.ALLOWED_IF and "B1" in outcome.clauses


# -- discussie (B5, B6, B7, B8, C3) ------------------------------------------------


def test_joining_a_discussion_about_school_requires_saying_you_work_there():
    outcome = decide(
        "discussie", wie="medewerker", raakt_school="ja", toon="rustig", jij="reageren",
        wat_schrijven="mening",
    )  # fmt: skip
    assert outcome.kind is OutcomeKind.ALLOWED_IF
    assert {"B5", "C3"} <= set(outcome.clauses)
    assert any(
        "school" in c.text.get("nl") and "werkt" in c.text.get("nl") for c in outcome.conditions
    )


def test_a_derailing_discussion_goes_to_the_line_manager():
    outcome = decide("discussie", wie="medewerker", raakt_school="ja", toon="ontspoort")
    assert outcome.kind is OutcomeKind.REPORT
    assert "B6" in outcome.clauses and "leidinggevende" in outcome.contacts


def test_negative_information_is_passed_on():
    outcome = decide("discussie", wie="medewerker", raakt_school="ja", toon="negatief")
    assert "B8" in outcome.clauses and "leidinggevende" in outcome.contacts


def test_doubt_means_do_not_post_or_ask_first():
    outcome = decide(
        "discussie", wie="medewerker", raakt_school="ja", toon="rustig", jij="reageren",
        wat_schrijven="twijfel",
    )  # fmt: skip
    assert outcome.kind is OutcomeKind.ASK_FIRST and "B7" in outcome.clauses


# -- melden (A10, A11, S4, S8) -----------------------------------------------------


def test_sexual_misconduct_by_staff_always_reaches_the_confidential_inspector():
    outcome = decide("melden", gevaar="nee", wat="seksueel", seks_wie="medewerker")
    assert outcome.kind is OutcomeKind.REPORT
    assert "S4" in outcome.clauses and "lvi" in outcome.contacts
    assert RULES.contacts["lvi"].phone == "0900-1113111"


def test_immediate_danger_means_112():
    outcome = decide("melden", gevaar="ja")
    assert outcome.kind is OutcomeKind.REPORT and "politie_spoed" in outcome.contacts


def test_every_report_path_in_melden_names_someone_to_contact():
    for path in all_paths(RULES.wizards["melden"]):
        if path.outcome.kind is OutcomeKind.REPORT:
            assert {"schoolleiding", "bestuur", "leidinggevende"} & set(path.outcome.contacts)


# -- vervolgstappen (S1-S8) --------------------------------------------------------


def test_staff_follow_up_goes_into_the_personeelsdossier():
    for path in all_paths(RULES.wizards["vervolgstappen"]):
        answers = path.answers()
        if answers.get("wie") == "medewerker":
            assert path.outcome.file_type is FileType.PERSONEELSDOSSIER
        if answers.get("wie") in {"leerling", "ouder"}:
            assert path.outcome.file_type is FileType.LEERLINGENDOSSIER


def test_sexual_misconduct_by_staff_is_reported_to_the_inspector_by_the_director():
    outcome = decide("vervolgstappen", gevaar="nee", wie="medewerker", m_soort="seksueel")
    assert outcome.kind is OutcomeKind.REPORT
    assert "lvi" in outcome.contacts and "S4" in outcome.clauses


# -- plaatsen (A9, A5, B3, B4, R2) ---------------------------------------------------


@pytest.mark.parametrize("who", ["medewerker", "stagiair"])
def test_recognisable_pupils_never_go_on_a_private_account(who):
    outcome = decide(
        "plaatsen", wie=who, kanaal="eigen_account", wat_prive="beeld", herkenbaar="leerlingen"
    )
    assert outcome.kind is OutcomeKind.NOT_ALLOWED and "A9" in outcome.clauses


def test_a_private_post_that_does_not_touch_school_is_the_employees_own_choice():
    outcome = decide("plaatsen", wie="medewerker", kanaal="eigen_account", wat_prive="geen_school")
    assert outcome.kind is OutcomeKind.ALLOWED
    assert {"R2", "B4"} <= set(outcome.clauses)


def test_no_outcome_of_plaatsen_allows_recognisable_pupils_privately():
    for path in all_paths(RULES.wizards["plaatsen"]):
        answers = path.answers()
        if answers.get("herkenbaar") == "leerlingen":
            assert path.outcome.kind is OutcomeKind.NOT_ALLOWED, path.answers()


# -- opnemen (A1, A7, A8) -------------------------------------------------------------


@pytest.mark.parametrize("who", ["medewerker", "stagiair"])
def test_an_online_lesson_is_never_recorded(who):
    outcome = decide("opnemen", wie=who, wat="afstand")
    assert outcome.kind is OutcomeKind.NOT_ALLOWED and "A7" in outcome.clauses


def test_recording_a_lesson_without_prior_permission_means_asking_first():
    outcome = decide("opnemen", wie="medewerker", wat="les", les_toestemming="nee")
    assert outcome.kind is OutcomeKind.ASK_FIRST and "A1" in outcome.clauses
    assert "schoolleiding" in outcome.contacts


def test_the_phone_at_school_is_for_the_task():
    outcome = decide("opnemen", wie="medewerker", wat="telefoon", telefoon="taak")
    assert outcome.kind is OutcomeKind.ALLOWED_IF and "A8" in outcome.clauses


# -- who you are, what fits your role, and whom you are sent to (issue 17) -----------

STAFF_ROLES = ("leerkracht", "onderwijsondersteuner", "directeur", "bestuur")


@pytest.mark.parametrize("wizard_id", ["plaatsen", "opnemen", "contact", "discussie"])
def test_the_settings_role_answers_who_are_you(wizard_id: str) -> None:
    wizard = RULES.wizards[wizard_id]
    assert wizard.identity_question is wizard.questions["wie"]
    for role in STAFF_ROLES:
        run = WizardRun.start(RULES, wizard_id, role=role)
        assert run.answers == {"wie": "medewerker"}
    assert WizardRun.start(RULES, wizard_id, role="stagiair").answers == {"wie": "stagiair"}
    volunteer = WizardRun.start(RULES, wizard_id, role="vrijwilliger").answers["wie"]
    assert volunteer == ("hulpouder" if wizard_id == "opnemen" else "ouder")


def test_the_same_who_are_you_choice_reads_the_same_everywhere() -> None:
    labels: dict[str, set[str]] = {}
    for wizard in RULES.wizards.values():
        if wizard.identity_question:
            for choice in wizard.identity_question.choices:
                labels.setdefault(choice.id, set()).add(choice.label.get("nl"))
    assert all(len(words) == 1 for words in labels.values()), labels
    assert labels["oud_medewerker"] == {
        "Oud-medewerker (ik werk niet meer bij de school of Klasse)"
    }


@pytest.mark.parametrize("wizard_id", list(REQUIRED))
def test_yes_no_questions_read_ja_nee_then_the_doubt_in_the_same_words(wizard_id: str) -> None:
    words = {"twijfel": "Ik twijfel", "weet_niet": "Weet ik niet"}
    asked = 0
    for question in RULES.wizards[wizard_id].questions.values():
        ids = [c.id for c in question.choices]
        if "ja" not in ids or "nee" not in ids:
            continue
        asked += 1
        assert ids.index("ja") < ids.index("nee"), question.id
        doubt = [i for i in ids if i in words]
        if doubt:
            assert ids[-1] == doubt[0], question.id
            assert question.choice(doubt[0]).label.get("nl") == words[doubt[0]], question.id
    assert asked


@pytest.mark.parametrize("who", ["ouder", "oud_medewerker"])
def test_only_staff_are_told_what_they_may_not_post_as_staff(who: str) -> None:
    paths = [p for p in all_paths(RULES.wizards["plaatsen"]) if p.answers()["wie"] == who]
    assert paths and all(p.outcome.id != "tegen_missie" for p in paths)
    run = WizardRun.start(RULES, "plaatsen")
    for question, choice in (("wie", who), ("kanaal_ouder", "eigen"), ("wat_ander", "tekst"),
                             ("gegevens", "nee")):  # fmt: skip
        if run.current.id == question:
            run.answer(choice)
    assert run.current.id == "toon"
    assert "missie" not in [c.id for c in run.offered(run.current)]


def test_a_text_for_the_school_account_gets_no_photo_conditions() -> None:
    text = WizardRun.start(RULES, "plaatsen")
    for choice in ("medewerker", "schoolaccount", "tekst", "nee", "nee"):
        text.answer(choice)
    photo = WizardRun.start(RULES, "plaatsen")
    for choice in ("medewerker", "schoolaccount", "beeld", "ja", "ja", "nee", "nee"):
        photo.answer(choice)
    assert text.outcome is photo.outcome is RULES.wizards["plaatsen"].outcomes["school_mag"]
    for_text = [c.get("nl") for c in text.conditions]
    for_photo = [c.get("nl") for c in photo.conditions]
    assert set(for_text) < set(for_photo)
    only_photo = [c for c in for_photo if c not in for_text]
    assert len(only_photo) == 2 and all("foto of video" in c for c in only_photo)
    assert not [c for c in for_text if "foto of video" in c]


def test_a_private_photo_is_decided_by_the_photo_rules() -> None:
    nobody = decide("plaatsen", wie="medewerker", kanaal="eigen_account", wat_prive="beeld",
                    herkenbaar="niemand")  # fmt: skip
    assert nobody.kind is OutcomeKind.ALLOWED_IF and nobody.clauses[0] == "A9"
    consent = decide("plaatsen", wie="ouder", kanaal_ouder="eigen", wat_ander="beeld",
                     herkenbaar="volwassenen", prive_toestemming="ja")  # fmt: skip
    assert consent.kind is OutcomeKind.ALLOWED_IF and consent.clauses[0] == "A5"


def test_a_rule_about_pupils_decides_what_is_allowed_with_everyone_else() -> None:
    colleagues = decide("contact", wie="medewerker", situatie="groepsapp",
                        groep_app="andere_app", groep_wie="collegas")  # fmt: skip
    assert colleagues.kind is OutcomeKind.ALLOWED_IF and colleagues.clauses[0] == "B2"
    parent = decide("contact", wie="medewerker", situatie="verzoek", verzoek_wie="ouder")
    assert parent.kind is OutcomeKind.ALLOWED_IF and parent.clauses[0] == "A6"


def test_contact_descriptions_fit_every_outcome_that_names_them() -> None:
    """A card is shown on a teacher's, a parent's and a director's outcome alike: it
    says who the contact is, not what to report there."""
    for contact in RULES.contacts.values():
        text = contact.description.get("nl")
        for advice in ("Meld ", "meld ", "Bespreek", "gezien of meegemaakt", "schoolleiding zelf"):
            assert advice not in text, (contact.id, advice)
    assert "voor een directeur is dat het bestuur" in RULES.contacts[
        "leidinggevende"
    ].description.get("nl")
