"""Redaction as a property of the report's data: who is hidden in which file, every
field of the model redacted, the renderer refusing anything else, and the finished
PDF checked so that a hidden name never leaves the register."""

from __future__ import annotations

import dataclasses
import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from klasse_desktop import i18n
from klasse_desktop.cases.errors import InvalidInputError
from klasse_desktop.reports.case_report import build_case_report, render_model
from klasse_desktop.reports.redaction.pdf_check import HiddenNameInPdf, check_pdf
from klasse_desktop.reports.redaction.policy import Person, hidden_labels
from klasse_desktop.reports.redaction.redactor import Decision, ReviewNeeded, SafeText
from klasse_desktop.reports.redaction.unregistered import no_names
from klasse_desktop.reports.report_model import (
    Para,
    ReportContext,
    Section,
    build_report_model,
    texts,
)
from tests.cases_helpers import open_register

CONTEXT = ReportContext(
    "Stichting Klasse", "OBS De Vlinder", "Els Bakker", "nl", date(2026, 11, 25)
)
# Canary names: invented, and distinctive enough that any trace of them is a leak.
SUBJECT = "Fenna Oosterwijk"
CANARY_PUPIL = "Quirijn Zandbergen"
CANARY_PARENT = "Wilhelmina Zandbergen"
CANARY_FORMS = ("Quirijn", "Zandbergen", "Wilhelmina", "Quirijntje", "Q. Zandbergen")


@pytest.fixture(autouse=True)
def _dutch():
    i18n.set_language("nl")
    yield
    i18n.set_language("nl")


@pytest.fixture
def register(tmp_path):
    reg = open_register(tmp_path / "register")
    yield reg
    reg.close()


def canary_case(register, rules):
    case = register.create_case(
        f"Filmpje van {CANARY_PUPIL} gedeeld", "memes", "leerlingendossier",
        protocol_version=rules.protocol.version, opened_on=date(2026, 3, 2),
        summary=f"Quirijns moeder ({CANARY_PARENT}) belde; Fenna was verdrietig.",
    )  # fmt: skip
    subject = register.add_party(case.number, "leerling", SUBJECT, "groep 6").id
    pupil = register.add_party(case.number, "leerling", CANARY_PUPIL, "groep 6, naast Fenna").id
    register.add_party(
        case.number, "ouder", CANARY_PARENT, f"moeder van {CANARY_PUPIL}", related_to=pupil
    )
    register.add_party(case.number, "medewerker", "Els Bakker", "leerkracht groep 6")
    first = register.add_entry(
        case.number,
        "Quirijntje zette het filmpje op TikTok (@quirijn_zandbergen).\n\n"
        "Q. Zandbergen zegt dat het een grap was.",
        event_date=date(2026, 3, 1),
    )
    register.add_addendum(case.number, first.id, "Correctie: ook de familie Zandbergen wist ervan.")
    register.add_entry(case.number, "Gesprek met Quirijn en zijn moeder.", kind="measure",
                       event_date=date(2026, 3, 3))  # fmt: skip
    register.add_entry(case.number, "Gemeld.", kind="report", event_date=date(2026, 3, 4),
                       reported_to=f"schoolleiding, over {CANARY_PUPIL}")  # fmt: skip
    register.add_attachment(case.number, "schermafdruk-quirijn.png", b"\x89PNG fake")
    return case.number, subject


# "Zandbergen" alone fits the pupil and his mother: never guessed, the director decides.
DECISIONS = {"Zandbergen": Decision("party", 2)}


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    meta = " ".join(str(v) for v in (reader.metadata or {}).values())
    return " ".join(f"{text} {meta}".split())


def test_every_field_of_the_model_is_redacted_text(register, rules):
    number, subject = canary_case(register, rules)
    model, _redactor = build_report_model(
        register.get_case(number), subject, "leerlingendossier", CONTEXT, rules, DECISIONS,
        no_names,
    )  # fmt: skip
    leaves = list(texts(model))
    assert len(leaves) > 60
    assert all(isinstance(leaf, SafeText) for leaf in leaves)
    joined = "\n".join(leaves)
    for form in CANARY_FORMS:
        assert form.casefold() not in joined.casefold(), form
    assert SUBJECT in joined and "Leerling B" in joined and "Ouder van Leerling B" in joined
    assert "schermafdruk-Leerling B.png" in joined  # attachment names too
    assert "Aan schoolleiding, over Leerling B: Gemeld." in joined


def test_the_renderer_refuses_text_that_did_not_go_through_the_redactor(register, rules):
    number, subject = canary_case(register, rules)
    model, _redactor = build_report_model(
        register.get_case(number), subject, "leerlingendossier", CONTEXT, rules, DECISIONS,
        no_names,
    )  # fmt: skip
    # A section added later that prints a raw string cannot be drawn.
    extra = Section(SafeText("Nieuw"), (Para(f"Over {CANARY_PUPIL}", "body"),))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="SafeText"):
        render_model(dataclasses.replace(model, sections=(*model.sections, extra)))
    with pytest.raises(TypeError, match="SafeText"):
        render_model(dataclasses.replace(model, title=CANARY_PUPIL))  # type: ignore[arg-type]


def test_the_finished_pdf_is_checked_and_a_leak_is_refused_with_page_and_section(register, rules):
    number, subject = canary_case(register, rules)
    model, redactor = build_report_model(
        register.get_case(number), subject, "leerlingendossier", CONTEXT, rules, DECISIONS,
        no_names,
    )  # fmt: skip
    clean = render_model(model)
    check_pdf(clean, model, redactor)  # passes
    text = pdf_text(clean)
    for form in CANARY_FORMS:
        assert not re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text, re.I), form
    # A (hypothetical) bug that puts a hidden name into SafeText is still caught.
    timeline = model.sections[2]
    leaking = dataclasses.replace(
        timeline, blocks=(Para(SafeText("Quirijns vader belde."), "body"), *timeline.blocks)
    )
    sections = list(model.sections)
    sections[2] = leaking
    bad = dataclasses.replace(model, sections=tuple(sections))
    with pytest.raises(HiddenNameInPdf) as caught:
        check_pdf(render_model(bad), bad, redactor)
    assert caught.value.page == 1 and caught.value.section == "Tijdlijn"
    assert "pagina 1 (Tijdlijn)" in str(caught.value) and "Quirijn" not in str(caught.value)


def test_a_hidden_name_in_the_pdf_metadata_is_caught(register, rules):
    number, subject = canary_case(register, rules)
    model, redactor = build_report_model(
        register.get_case(number), subject, "leerlingendossier", CONTEXT, rules, DECISIONS,
        no_names,
    )  # fmt: skip
    frame = dataclasses.replace(model.frame, subject=SafeText(f"Dossier over {CANARY_PUPIL}"))
    bad = dataclasses.replace(model, frame=frame)
    with pytest.raises(HiddenNameInPdf) as caught:
        check_pdf(render_model(bad), bad, redactor)
    assert caught.value.page == 0 and "documenteigenschappen" in str(caught.value)


def test_the_staff_file_names_no_pupil_and_no_parent(register, rules):
    number, _subject = canary_case(register, rules)
    detail = register.get_case(number)
    teacher = next(p.id for p in detail.parties if p.role == "medewerker")
    pdf = build_case_report(detail, teacher, "personeelsdossier", CONTEXT, rules, DECISIONS,
                            no_names)  # fmt: skip
    text = pdf_text(pdf)
    for name in (SUBJECT, "Fenna", *CANARY_FORMS):
        assert not re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.I), name
    assert "Leerling A" in text and "Leerling B" in text and "Ouder van Leerling B" in text
    assert "Els Bakker" in text


def test_the_subject_must_fit_the_file(register, rules):
    number, subject = canary_case(register, rules)
    detail = register.get_case(number)
    parent = next(p.id for p in detail.parties if p.role == "ouder")
    with pytest.raises(InvalidInputError, match=r"personeelsdossier|staff file"):
        build_case_report(detail, subject, "personeelsdossier", CONTEXT, rules, {}, no_names)
    with pytest.raises(InvalidInputError, match=r"leerlingendossier|pupil file"):
        build_case_report(detail, parent, "leerlingendossier", CONTEXT, rules, {}, no_names)


def test_who_is_hidden_in_which_file():
    people = [
        Person(1, "leerling", "Fenna Oosterwijk"),
        Person(2, "leerling", "Quirijn Zandbergen"),
        Person(3, "ouder", "Wilhelmina Zandbergen", related_to=2),
        Person(4, "ouder", "Joost Oosterwijk", related_to=1),
        Person(5, "ouder", "Anoniem Ouder"),  # whose parent is not recorded
        Person(6, "medewerker", "Els Bakker"),
        Person(7, "extern", "Wijkagent Jansen"),
        Person(8, "ouder", "Kees Zandbergen", related_to=2),
    ]
    pupil_file = hidden_labels(people, 1, "leerlingendossier")
    assert pupil_file == {
        2: "Leerling B", 3: "Ouder van Leerling B", 8: "Ouder van Leerling B (2)",
        5: "Ouder/verzorger 1",
    }  # fmt: skip
    staff_file = hidden_labels(people, 6, "personeelsdossier")
    assert staff_file == {
        1: "Leerling A", 2: "Leerling B", 3: "Ouder van Leerling B", 4: "Ouder van Leerling A",
        5: "Ouder/verzorger 1", 8: "Ouder van Leerling B (2)",
    }  # fmt: skip


def test_undecided_names_stop_the_report_until_the_director_decides(register, rules):
    number, subject = canary_case(register, rules)
    detail = register.get_case(number)
    with pytest.raises(ReviewNeeded) as caught:
        build_case_report(detail, subject, "leerlingendossier", CONTEXT, rules, {}, no_names)
    assert [(f.text, f.reason, f.candidates) for f in caught.value.flags] == [
        ("Zandbergen", "ambiguous", (2, 3))
    ]
    assert caught.value.flags[0].where == "Notitie 1a"
    assert caught.value.flags[0].context == "Correctie: ook de familie Zandbergen wist ervan."
