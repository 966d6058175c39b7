"""Invented cases for report tests, sample PDFs and the report benchmark."""

from __future__ import annotations

from datetime import date, timedelta

from klasse_desktop.cases.repository import CaseRegister
from klasse_desktop.cases.wizard_notes import save_wizard_run
from klasse_desktop.protocol.engine import WizardRun
from klasse_desktop.protocol.models import RuleSet

PUPIL, OTHER_PUPIL, ARABIC_PUPIL = "Zoë Janssen", "Sam de Vries", "محمد العلي"
PARENT, TEACHER = "Şükrü Yılmaz", "Łukasz Nowak"
OTHER_PARENT = "Ingrid de Vries"


def small_case(register: CaseRegister, rules: RuleSet) -> tuple[str, dict[str, int]]:
    case = register.create_case(
        f"Kwetsende berichten over {OTHER_PUPIL}", "pesten", "leerlingendossier",
        protocol_version=rules.protocol.version, opened_on=date(2026, 3, 2), school="OBS De Vlinder",
        summary=f"{PUPIL} kreeg berichten; {OTHER_PUPIL} en {ARABIC_PUPIL} waren betrokken.",
    )  # fmt: skip
    ids = {
        "pupil": register.add_party(case.number, "leerling", PUPIL, "groep 7").id,
        "other": register.add_party(case.number, "leerling", OTHER_PUPIL, "groep 7").id,
        "arabic": register.add_party(case.number, "leerling", ARABIC_PUPIL, "groep 8").id,
        "teacher": register.add_party(case.number, "medewerker", TEACHER, "leerkracht groep 7").id,
    }
    ids["parent"] = register.add_party(
        case.number, "ouder", PARENT, "vader van Zoë", related_to=ids["pupil"]
    ).id
    ids["other_parent"] = register.add_party(
        case.number, "ouder", OTHER_PARENT, "moeder van Sam", related_to=ids["other"]
    ).id
    first = register.add_entry(
        case.number, f"Zoë meldde dat Sam haar uitschold in de groepsapp. {TEACHER} maakte schermafdrukken.",
        event_date=date(2026, 3, 1),
    )  # fmt: skip
    register.add_addendum(
        case.number, first.id, f"Correctie: het was niet Sam maar {ARABIC_PUPIL}."
    )
    register.add_entry(case.number, f"Gesprek met {PARENT}, vader van Zoë.", kind="conversation",
                       event_date=date(2026, 3, 3))  # fmt: skip
    register.add_entry(case.number, f"Sams moeder ({OTHER_PARENT}) belde over het filmpje.",
                       kind="correspondence", event_date=date(2026, 3, 3))  # fmt: skip
    register.add_entry(case.number, "Telefoon van Sam de Vries in bewaring genomen.", kind="measure",
                       event_date=date(2026, 3, 4))  # fmt: skip
    register.add_entry(case.number, "Melding gedaan.", kind="report", event_date=date(2026, 3, 4),
                       reported_to="Landelijke Vertrouwensinspecteur")  # fmt: skip
    run = WizardRun.start(rules, "melden")
    for choice in ("nee", "seksueel", "leerling"):
        run.answer(choice)
    save_wizard_run(register, case.number, run, rules, "nl")
    return case.number, ids


def long_case(
    register: CaseRegister, rules: RuleSet, entries: int = 200, repeat: int = 1
) -> tuple[str, int]:
    """`entries` notes of 70–280 characters (times `repeat`), all kinds in turn."""
    case = register.create_case("Langlopend dossier", "anders", "personeelsdossier",
                                protocol_version=rules.protocol.version, opened_on=date(2024, 1, 8))  # fmt: skip
    subject = register.add_party(case.number, "medewerker", TEACHER, "leerkracht").id
    register.add_party(case.number, "leerling", OTHER_PUPIL)
    kinds = ["observation", "conversation", "measure", "report", "correspondence"]
    for i in range(entries):
        register.add_entry(
            case.number,
            f"Notitie {i + 1}: gesprek over berichten op sociale media met {OTHER_PUPIL}. "
            * ((1 + i % 4) * repeat),
            kind=kinds[i % 5], event_date=date(2024, 1, 9) + timedelta(days=i),
            reported_to="Bestuur" if kinds[i % 5] == "report" else "",
        )  # fmt: skip
    return case.number, subject
