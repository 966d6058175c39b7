"""Dossier reports and advice records, read back with pypdf: sections, names,
redactions, clause texts, Dutch dates, page footers, embedded fonts, metadata."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from klasse_desktop import i18n
from klasse_desktop.atomic_write import write_atomically
from klasse_desktop.i18n_dates import version_label
from klasse_desktop.protocol.engine import WizardRun
from klasse_desktop.reports.advice import build_advice
from klasse_desktop.reports.case_report import ReportContext, build_case_report
from tests.cases_helpers import open_register
from tests.report_samples import (
    ARABIC_PUPIL,
    OTHER_PUPIL,
    PARENT,
    PUPIL,
    TEACHER,
    long_case,
    small_case,
)

CONTEXT = ReportContext(
    "Stichting Klasse", "OBS De Vlinder", "Els Bakker", "nl", date(2026, 11, 25)
)


@pytest.fixture
def register(tmp_path):
    reg = open_register(tmp_path / "register")
    yield reg
    reg.close()


def read(pdf: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return reader, " ".join(text.split())


def fonts_of(reader: PdfReader) -> dict[str, bool]:
    """Font name -> embedded?"""
    found = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font).get(
                "/FontDescriptor"
            )
            descriptor = descriptor.get_object() if descriptor else {}
            found[str(font["/BaseFont"])] = any(
                k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
            )
    return found


def test_pupil_report_has_every_section_in_dutch(register, rules):
    number, ids = small_case(register, rules)
    reader, text = read(
        build_case_report(
            register.get_case(number), ids["pupil"], "leerlingendossier", CONTEXT, rules
        )
    )
    for heading in ("Verslag voor het leerlingendossier", "Betrokkenen", "Samenvatting", "Tijdlijn",
                    "Genomen maatregelen", "Gedane meldingen", "Uitkomsten van de protocolvragen",
                    "Geciteerde artikelen uit het protocol", "Ondertekening"):  # fmt: skip
        assert heading in text, heading
    assert number in text and "Els Bakker" in text
    assert "25 november 2026" in text and "2 maart 2026" in text  # Babel, Dutch month names
    assert "VERTROUWELIJK — Leerlingendossier" in text
    pages = len(reader.pages)
    for page_number in range(1, pages + 1):
        assert f"Pagina {page_number} van {pages}" in text
    assert "Landelijke Vertrouwensinspecteur" in text  # the report made


def test_a_pupils_report_names_no_other_pupil(register, rules):
    number, ids = small_case(register, rules)
    _reader, text = read(
        build_case_report(
            register.get_case(number), ids["pupil"], "leerlingendossier", CONTEXT, rules
        )
    )
    assert PUPIL in text
    for hidden in (OTHER_PUPIL, "Sam", "Vries", ARABIC_PUPIL, "محمد"):
        assert not re.search(rf"(?<!\w){hidden}(?!\w)", text), hidden  # "Samenvatting" is fine
    assert "Leerling B" in text and "Leerling C" in text
    # consistently: Sam is always B, also inside entry texts and the title
    assert "Kwetsende berichten over Leerling B" in text
    assert "dat Leerling B haar uitschold" in text
    assert "het was niet Leerling B maar Leerling C" in text
    assert PARENT in text and TEACHER in text  # the pupil's parent and staff stay named
    # Another pupil's parent is hidden, in the parties table and in the text.
    assert "Ingrid" not in text and "moeder van Sam" not in text
    assert "Leerling B's moeder (Ouder van Leerling B) belde over het filmpje." in text


def test_the_other_pupils_report_hides_the_first(register, rules):
    number, ids = small_case(register, rules)
    _reader, text = read(
        build_case_report(
            register.get_case(number), ids["other"], "leerlingendossier", CONTEXT, rules
        )
    )
    assert OTHER_PUPIL in text and PUPIL not in text and "Zoë" not in text


def test_staff_file_names_the_staff_member_and_no_pupil(register, rules):
    number, ids = small_case(register, rules)
    _reader, text = read(
        build_case_report(
            register.get_case(number), ids["teacher"], "personeelsdossier", CONTEXT, rules
        )
    )
    assert "Verslag voor het personeelsdossier" in text and TEACHER in text
    for pupil in (PUPIL, OTHER_PUPIL, "Zoë", "Sam"):
        assert not re.search(rf"(?<!\w){pupil}(?!\w)", text), pupil
    assert "Leerling A" in text


def test_cited_clauses_are_quoted_in_full_with_the_version(register, rules):
    number, ids = small_case(register, rules)
    _reader, text = read(
        build_case_report(
            register.get_case(number), ids["pupil"], "leerlingendossier", CONTEXT, rules
        )
    )
    version = version_label("2026-02-23", "nl")  # the version reads as a date
    assert "23 februari 2026" in version and "2026-02-23" not in text
    assert f"{version}, " in text
    s4 = " ".join(rules.protocol.clause("S4").text.get("nl").split())
    assert s4 in text


def test_addenda_follow_the_entry_they_correct(register, rules):
    number, ids = small_case(register, rules)
    _reader, text = read(
        build_case_report(
            register.get_case(number), ids["pupil"], "leerlingendossier", CONTEXT, rules
        )
    )
    original = text.index("haar uitschold in de groepsapp")
    addendum = text.index("1a. Aanvulling op notitie 1:")
    next_entry = text.index("Gesprek met")
    assert original < addendum < next_entry


def test_fonts_are_embedded_and_no_base14_font_remains(register, rules):
    number, ids = small_case(register, rules)
    reader, _text = read(
        build_case_report(
            register.get_case(number), ids["pupil"], "leerlingendossier", CONTEXT, rules
        )
    )
    fonts = fonts_of(reader)
    assert fonts and all(fonts.values()), fonts
    assert not [f for f in fonts if re.search(r"Helvetica|Times|Courier|Symbol|ZapfDingbats", f)]


def test_metadata_is_set_and_leaks_nothing(register, rules, tmp_path):
    number, ids = small_case(register, rules)
    pdf = build_case_report(
        register.get_case(number), ids["pupil"], "leerlingendossier", CONTEXT, rules
    )
    info = PdfReader(io.BytesIO(pdf)).metadata
    assert info.title == f"Verslag voor het leerlingendossier — {number}"
    assert info.author == "Els Bakker"
    assert info.subject.startswith(f"Dossier {number}")
    assert info.creation_date is not None
    assert OTHER_PUPIL not in info.subject
    assert (
        str(tmp_path).encode() not in pdf and b"/home/" not in pdf and b"site-packages" not in pdf
    )


def test_english_interface_gives_an_english_report(register, rules):
    number, ids = small_case(register, rules)
    i18n.set_language("en")
    context = ReportContext(
        "Stichting Klasse", "OBS De Vlinder", "Els Bakker", "en", date(2026, 11, 25)
    )
    _reader, text = read(
        build_case_report(
            register.get_case(number), ids["pupil"], "leerlingendossier", context, rules
        )
    )
    assert (
        "Report for the pupil file" in text and "25 November 2026" in text and "Page 1 of" in text
    )
    assert "Pupil B" in text and OTHER_PUPIL not in text


def test_a_200_entry_case_and_a_1_mb_entry_flow_over_pages(register, rules):
    number, subject = long_case(register, rules, entries=200)
    register.add_entry(
        number, ("Een heel lange geplakte chat. " * 35_000)[:1_000_000], event_date=date(2024, 1, 8)
    )
    reader, text = read(
        build_case_report(register.get_case(number), subject, "personeelsdossier", CONTEXT, rules)
    )
    pages = len(reader.pages)
    assert pages > 100
    assert f"Pagina {pages} van {pages}" in text
    assert "Notitie 200:" in text and OTHER_PUPIL not in text


def test_advice_record_is_one_page(rules):
    run = WizardRun.start(rules, "opnemen")
    run.answer("medewerker")
    run.answer("afstand")
    pdf = build_advice(run, rules, "nl", name="Sam de Vries", role="Leerkracht", foundation="Stichting Klasse",
                       school="OBS De Vlinder", issued_on=date(2026, 11, 25))  # fmt: skip
    reader, text = read(pdf)
    assert len(reader.pages) == 1
    assert "Advies volgens het protocol sociale media" in text
    assert "Mag ik dit opnemen of fotograferen?" in text
    assert "Dit mag niet — Nee, een les op afstand neem je niet op en deel je niet." in text
    assert " ".join(rules.protocol.clause("A7").text.get("nl").split()) in text
    assert "25 november 2026" in text and "Sam de Vries" in text


def test_written_atomically(tmp_path):
    target = tmp_path / "out" / "verslag.pdf"
    write_atomically(b"%PDF-1.4 test", target)
    assert target.read_bytes() == b"%PDF-1.4 test"
    assert [p.name for p in target.parent.iterdir()] == ["verslag.pdf"]
