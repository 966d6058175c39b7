"""Reports that always render, whatever was written: any stored text can be reported
(fonts per script and face, □ only where no shipped font has a glyph), the text
layer gives back what was typed, the layout holds, the advice record fits one page,
and the PDF says who made it and in which language."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import unicodedata
from datetime import date

import pikepdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from klasse_desktop import __version__, i18n
from klasse_desktop.protocol.engine import WizardRun
from klasse_desktop.protocol.graph import all_paths
from klasse_desktop.reports.advice import build_advice
from klasse_desktop.reports.case_report import build_case_report
from klasse_desktop.reports.fonts import font_runs
from klasse_desktop.reports.pdfa import fix_to_unicode, validate
from klasse_desktop.reports.redaction.redactor import Decision, ReviewNeeded
from klasse_desktop.reports.redaction.unregistered import no_names
from klasse_desktop.reports.report_model import ReportContext
from tests.cases_helpers import open_register

CONTEXT = ReportContext(
    "Stichting Klasse", "OBS De Vlinder", "Els Bakker", "nl", date(2026, 11, 25)
)


@pytest.fixture(autouse=True)
def _dutch():
    i18n.set_language("nl")


def report(register, rules, number, subject, decisions=None):
    """Build the report, keeping every name the review asks about (these tests are
    about drawing, not about redaction)."""
    decisions = dict(decisions or {})
    for _attempt in range(3):
        try:
            return build_case_report(register.get_case(number), subject, "leerlingendossier",
                                     CONTEXT, rules, decisions, no_names)  # fmt: skip
        except ReviewNeeded as review:
            decisions |= {flag.text: Decision("keep") for flag in review.flags}
    raise AssertionError("the review kept asking")


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_an_addendum_in_arabic_prints_upright_inside_the_italic(tmp_path, rules):
    register = open_register(tmp_path / "r")
    case = register.create_case("Gesprek", "anders", "leerlingendossier",
                                protocol_version=rules.protocol.version)  # fmt: skip
    subject = register.add_party(case.number, "leerling", "Zoë Janssen").id
    register.add_party(case.number, "extern", "محمد العلي")
    first = register.add_entry(case.number, "Gesprek met de vader.")
    register.add_addendum(case.number, first.id, "Correctie: het was vader محمد العلي. Hij 😂.")
    pdf = report(register, rules, case.number, subject)
    assert validate(pdf)[0]
    runs, missing = font_runs("Correctie: vader محمد العلي. 中", "DejaVuSans-Oblique")
    assert ("DejaVuSans", "محمد العلي. ") in runs and missing == 1
    text = unicodedata.normalize("NFC", text_of(pdf))
    assert "محمد" in text and "العلي" in text  # searchable: base letters, not presentation forms
    assert "😂" in text  # and emoji come back whole
    register.close()


def test_to_unicode_entries_become_utf16_of_the_base_letters():
    cmap = b"3 beginbfchar\n<01> <1F602>\n<02> <FEE3>\n<03> <0041>\nendbfchar"
    fixed = fix_to_unicode(cmap)
    assert b"<01> <D83DDE02>" in fixed  # a surrogate pair, not odd-length hex
    assert b"<02> <0645>" in fixed  # MEEM initial form -> MEEM
    assert b"<03> <0041>" in fixed
    for destination in re.findall(rb"<[0-9A-F]+> <([0-9A-F]+)>", fixed):
        assert len(destination) % 4 == 0


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdftotext_finds_the_names_as_typed(tmp_path, rules):
    register = open_register(tmp_path / "r")
    case = register.create_case("Namen", "anders", "leerlingendossier",
                                protocol_version=rules.protocol.version)  # fmt: skip
    subject = register.add_party(case.number, "leerling", "Zoë Janssen").id
    register.add_entry(case.number, "Gesprek met דוד כהן en محمد العلي over 😂 en Şükrü.")
    pdf_path = tmp_path / "r.pdf"
    pdf_path.write_bytes(report(register, rules, case.number, subject))
    out = subprocess.run(["pdftotext", str(pdf_path), "-"], capture_output=True, text=True,
                         check=True).stdout  # fmt: skip
    plain = unicodedata.normalize("NFC", re.sub("[\u200e\u200f\u202a-\u202e]", "", out))
    for word in ("דוד", "כהן", "محمد", "العلي", "😂", "Şükrü"):
        assert word in plain, word
    register.close()


def test_producer_language_and_marking(tmp_path, rules):
    register = open_register(tmp_path / "r")
    case = register.create_case("Test", "anders", "leerlingendossier",
                                protocol_version=rules.protocol.version)  # fmt: skip
    subject = register.add_party(case.number, "leerling", "Zoë Janssen").id
    pdf = report(register, rules, case.number, subject)
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        assert str(doc.Root.Lang) == "nl-NL"
        assert str(doc.docinfo["/Producer"]).startswith(f"Klasse Desktop {__version__}")
        with doc.open_metadata() as meta:
            assert meta["pdf:Producer"].startswith(f"Klasse Desktop {__version__}")
    passed, summary = validate(pdf)
    assert passed and isinstance(summary, str) and "bound method" not in summary
    register.close()


def test_signatures_never_stand_alone_on_the_last_page(tmp_path, rules):
    register = open_register(tmp_path / "r")
    case = register.create_case("Lang", "anders", "leerlingendossier",
                                protocol_version=rules.protocol.version)  # fmt: skip
    subject = register.add_party(case.number, "leerling", "Zoë Janssen").id
    seen_breaks = 0
    for n in range(1, 26):
        register.add_entry(case.number, f"Notitie {n}: " + "Er gebeurde iets in de klas. " * 6)
        pages = PdfReader(io.BytesIO(report(register, rules, case.number, subject))).pages
        last = pages[-1].extract_text()
        body = last[: last.index("Ondertekening")]
        # Besides the running header, the last page holds content before the signatures.
        lines = [ln for ln in body.splitlines() if ln.strip() and "VERTROUWELIJK" not in ln]
        assert lines, f"{n} entries: the signatures are alone on page {len(pages)}"
        seen_breaks += len(pages) > 1
    assert seen_breaks  # the loop really crossed page boundaries
    register.close()


def test_long_entries_keep_their_paragraphs_and_break_at_sentences(tmp_path, rules):
    register = open_register(tmp_path / "r")
    case = register.create_case("Lang", "anders", "leerlingendossier",
                                protocol_version=rules.protocol.version)  # fmt: skip
    subject = register.add_party(case.number, "leerling", "Zoë Janssen").id
    text = ("Eerste alinea. " + "Zin in de eerste alinea die doorloopt. " * 80 + "\n\n"
            "Tweede alinea.\nMet een eigen regel.")  # fmt: skip
    register.add_entry(case.number, text)
    extracted = " ".join(text_of(report(register, rules, case.number, subject)).split())
    assert "doorloopt. Tweede alinea. Met een eigen regel." in extracted
    register.close()


def test_every_advice_record_fits_on_one_page(rules):
    i18n.set_language("nl")
    checked = 0
    for wizard_id, wizard in rules.wizards.items():
        for path in all_paths(wizard):
            run = WizardRun.start(rules, wizard_id)
            for choice in path.answers().values():
                run.answer(choice)
            pdf = build_advice(run, rules, "nl", name="Sam de Vries", role="Leerkracht",
                               foundation="Stichting Klasse", school="OBS De Vlinder",
                               issued_on=date(2026, 11, 25))  # fmt: skip
            reader = PdfReader(io.BytesIO(pdf))
            assert len(reader.pages) == 1, (wizard_id, path.answers())
            checked += 1
    assert checked > 300
    assert "VERTROUWELIJK — Advies" in reader.pages[0].extract_text()


# Any text that can be stored can be reported: names, titles, summaries, entries and
# addenda from all of Unicode (other scripts, emoji sequences, combining marks, RTL,
# huge words and URLs).
any_text = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Co")), min_size=1, max_size=300
)
huge_word = st.builds(lambda c, n: c * n, st.sampled_from("aمש😂x/"), st.integers(500, 5000))
field = st.one_of(any_text, any_text, huge_word)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])  # fmt: skip
@given(title=field, name=field, summary=field, entry=field, addendum=field)
def test_any_stored_text_can_be_reported(tmp_path_factory, rules, title, name, summary, entry,
                                         addendum):  # fmt: skip
    register = open_register(tmp_path_factory.mktemp("any") / "r")
    try:
        case = register.create_case(title[:200] if title.strip() else "x", "anders",
                                    "leerlingendossier", protocol_version=rules.protocol.version,
                                    summary=summary)  # fmt: skip
        subject = register.add_party(case.number, "leerling", name[:200] if name.strip() else "x")
        first = register.add_entry(case.number, entry if entry.strip() else "x")
        register.add_addendum(case.number, first.id, addendum if addendum.strip() else "x")
    except Exception as exc:  # refused input is fine; this test is about what was stored
        from klasse_desktop.cases.errors import InvalidInputError

        assert isinstance(exc, InvalidInputError)
        register.close()
        return
    pdf = report(register, rules, case.number, subject.id)
    assert validate(pdf)[0]
    stored = sum(len(t) for t in (title, name, summary, entry, addendum))
    assert 1 <= len(PdfReader(io.BytesIO(pdf)).pages) <= 3 + stored // 1500
    register.close()


def test_an_entry_heading_never_ends_a_page(tmp_path, rules):
    """Entries of varying length (one line to several, addenda in italics) push the
    headings to every height of the page: none is left at the bottom without the
    start of its text, and none of the text starts a page without its heading."""
    import random
    import re

    register = open_register(tmp_path / "r")
    case = register.create_case("Lang", "anders", "leerlingendossier",
                                protocol_version=rules.protocol.version)  # fmt: skip
    subject = register.add_party(case.number, "leerling", "Zoë Janssen").id
    chance = random.Random(7)
    for n in range(1, 61):
        sentence = "Gesprek in de klas over de groepsapp, met afspraken voor morgen. "
        entry = register.add_entry(case.number, f"N{n}: " + sentence * chance.randint(1, 9))
        if n % 7 == 0:
            register.add_addendum(
                case.number, entry.id, f"A{n}: correctie. " * chance.randint(1, 12)
            )
    pdf = report(register, rules, case.number, subject)
    heading = re.compile(r"^\d+[a-z]?\. .*20\d\d")
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    assert len(pages) >= 5
    for number, text in enumerate(pages, start=1):
        lines = [ln for ln in text.splitlines() if ln.strip()]
        body = [ln for ln in lines if "VERTROUWELIJK" not in ln and "Pagina" not in ln
                and "Stichting Klasse" not in ln and not ln.startswith("K-")]  # fmt: skip
        assert not heading.match(body[-1]), f"page {number} ends with a heading: {body[-1]}"
    register.close()


@pytest.mark.parametrize(
    "name",
    ["0\xadְ", "\xadְ", "0\xad֮", "Şükrü\xad محمد"],  # soft hyphens and lone marks, as found
)
def test_soft_hyphens_and_lone_marks_in_a_name_still_report(tmp_path, rules, name):
    """Hypothesis found these: a soft hyphen in shaped text crashed ReportLab's line
    breaking, and a Hebrew mark without its letter became a .notdef glyph."""
    register = open_register(tmp_path / "r")
    case = register.create_case("Test", "anders", "leerlingendossier",
                                protocol_version=rules.protocol.version)  # fmt: skip
    subject = register.add_party(case.number, "leerling", name)
    register.add_entry(case.number, f"Gesprek met {name} over de groepsapp.")
    pdf = report(register, rules, case.number, subject.id)
    assert validate(pdf)[0]
    register.close()


@pytest.mark.parametrize(
    "correction",
    ["0٭", "Correctie: vader (محمد العلي) belde.", "Score 0٭ en «محمد».", "אבג(محمد)🯅"],
)
def test_an_addendum_mixing_fonts_inside_a_word_still_reports(tmp_path, rules, correction):
    """Hypothesis found "0٭" in an addendum: the word is drawn in two fonts (the
    oblique face has no Arabic), ReportLab shaped it with the first, and the case
    could not be reported (AttributeError or a .notdef glyph)."""
    register = open_register(tmp_path / "r")
    case = register.create_case("Gesprek", "anders", "leerlingendossier",
                                protocol_version=rules.protocol.version)  # fmt: skip
    subject = register.add_party(case.number, "leerling", "Zoë Janssen").id
    first = register.add_entry(case.number, "Gesprek met de vader.")
    register.add_addendum(case.number, first.id, correction)
    pdf = report(register, rules, case.number, subject)
    assert validate(pdf)[0]
    text = unicodedata.normalize("NFC", text_of(pdf))
    for word in re.findall(r"[\u0600-\u06ff]{2,}", correction):
        assert word in text
    register.close()
