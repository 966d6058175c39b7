"""What the app checks on every PDF it writes without pikepdf's whole validator: a
character drawn without a glyph stops the file, and everything else about the file
is what the validator accepts (tests/conftest.py turns the whole validator on for
every other test)."""

from __future__ import annotations

import io
from importlib.resources import as_file

import pikepdf
import pikepdf.pdfa
import pytest
from reportlab.pdfbase.pdfdoc import PDFDocument
from reportlab.platypus import Paragraph

from klasse_desktop.reports import document, pdfa
from klasse_desktop.reports.case_report import build_case_report
from klasse_desktop.reports.fonts import FAMILY, register_fonts
from klasse_desktop.reports.redaction.unregistered import no_names
from klasse_desktop.reports.styles import styles
from klasse_desktop.reports.subset_font import SubsetFont, undrawn
from klasse_desktop.resources import resource
from tests.cases_helpers import open_register
from tests.report_samples import small_case
from tests.test_reports_archival import context

FRAME = document.Frame("Stichting Klasse — De Vlinder", "VERTROUWELIJK", "2026-014",
                       "Verslag", "Leerlingendossier", "Els Bakker")  # fmt: skip


@pytest.fixture
def quick(monkeypatch):
    """The app's own setting: no whole-file validation after writing."""
    monkeypatch.delenv("KLASSE_PDFA_CHECK", raising=False)

    def not_in_the_app(*args, **kwargs):
        raise AssertionError("the app ran the whole validator")

    monkeypatch.setattr(pikepdf.pdfa, "save", not_in_the_app)
    monkeypatch.setattr(pikepdf.pdfa, "validate_written", not_in_the_app)


def _story(text: str) -> list[Paragraph]:
    register_fonts()
    return [Paragraph(text, styles().body)]


def test_the_tests_run_the_whole_validator():
    assert pdfa.validates_every_file()


def test_a_report_written_the_quick_way_is_what_the_validator_accepts(quick, rules, tmp_path):
    register = open_register(tmp_path / "register")
    try:
        number, ids = small_case(register, rules)
        register.add_entry(number, "Samira stuurde: “محمد zei 😂 in de app” (٣ keer).")
        pdf = build_case_report(register.get_case(number), ids["pupil"], "leerlingendossier",
                                context("nl"), rules, finder=no_names)  # fmt: skip
    finally:
        register.close()
    passed, summary = _validate_unpatched(pdf)
    assert passed, summary


def _validate_unpatched(pdf: bytes) -> tuple[bool, str]:
    from pikepdf.pdfa._api import validate_written

    report = validate_written(io.BytesIO(pdf), "2b")
    return bool(report.passed), report.summary()


def test_a_character_no_font_has_stops_the_file_and_is_named(quick):
    # Drawn past `fonts.drawable`, which would have put □ in its place.
    with pytest.raises(pdfa.PdfaError) as failure:
        document.render(_story("Zie de groepsapp 中 van groep 7"), FRAME)
    assert "6.2.11.8" in failure.value.summary
    assert f"{FAMILY}: U+4E2D" in failure.value.summary
    assert str(failure.value).startswith("De PDF kon niet archiefwaardig (PDF/A-2b)")


def test_without_the_check_that_file_is_refused_by_the_validator(monkeypatch):
    """The same file, let through by the glyph check, fails the whole validator on the
    .notdef glyph: the check stands in for that rule and not for something else."""
    monkeypatch.setattr(document, "undrawn", lambda fonts, doc: {})
    with pytest.raises(pdfa.PdfaError) as failure:
        document.render(_story("Zie de groepsapp 中 van groep 7"), FRAME)
    assert "6.2.11.8" in failure.value.summary


def test_a_shaped_glyph_zero_is_noted_also_when_the_text_was_seen_before():
    """HarfBuzz gives glyph 0 for a letter the face lacks; ReportLab gives it a private
    code that maps to glyph 0. Noted on the slow path and never taken by the fast one."""
    with as_file(resource("fonts", "DejaVuSans-Oblique.ttf")) as path:
        font = SubsetFont("ObliqueForThisTest", str(path))
    doc = PDFDocument()
    assert font.splitString("vader van ", doc)
    font.hbFont()  # what ReportLab's shaper does before it adds private codes
    private = chr(font.hbAddPrivate(".notdef", 0, 600))
    font.splitString(f"vader {private}", doc)
    font.splitString(f"vader {private}", doc)  # seen: still not on the fast path
    assert undrawn([font], doc) == {"ObliqueForThisTest": {private}}
    assert private not in font.state[doc].klasse_table.chars


def test_text_with_glyphs_notes_nothing():
    with as_file(resource("fonts", "DejaVuSans.ttf")) as path:
        font = SubsetFont("UprightForThisTest", str(path))
    doc = PDFDocument()
    for text in ("Zoë\u00a0en Şükrü", "Zoë en Şükrü", "Иван"):
        font.splitString(text, doc)
    assert undrawn([font], doc) == {}
