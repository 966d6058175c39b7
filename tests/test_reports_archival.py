"""Archival grade: every report and advice record is PDF/A-2b, names in many
scripts print, emoji are replaced by a visible mark and the report says so."""

from __future__ import annotations

import io
import unicodedata
from datetime import date

import pikepdf
import pytest
from pypdf import PdfReader

from klasse_desktop.protocol.engine import WizardRun
from klasse_desktop.reports.advice import build_advice
from klasse_desktop.reports.case_report import ReportContext, build_case_report
from klasse_desktop.reports.pdfa import validate
from tests.cases_helpers import open_register
from tests.report_samples import long_case, small_case

LATIN_AND_CYRILLIC = ["Zoë Janssen", "Şükrü Yılmaz", "Łukasz Nowak", "İlayda Kaya", "Иван Петров"]


@pytest.fixture
def register(tmp_path):
    reg = open_register(tmp_path / "register")
    yield reg
    reg.close()


def context(language: str) -> ReportContext:
    return ReportContext(
        "Stichting Klasse", "OBS De Vlinder", "Els Bakker", language, date(2026, 11, 25)
    )


def text_of(pdf: bytes) -> str:
    return unicodedata.normalize(
        "NFC", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    )


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_200_entry_report_is_pdfa_2b(register, rules, language):
    number, subject = long_case(register, rules, entries=200)
    pdf = build_case_report(
        register.get_case(number), subject, "personeelsdossier", context(language), rules
    )
    passed, summary = validate(pdf)
    assert passed, summary
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        assert "/OutputIntents" in doc.Root
        intent = doc.Root.OutputIntents[0]
        assert str(intent.S) == "/GTS_PDFA1"
        with doc.open_metadata() as meta:
            assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "B"
            assert meta["dc:title"] == str(doc.docinfo["/Title"])


def test_the_small_report_and_the_advice_record_are_pdfa(register, rules):
    number, ids = small_case(register, rules)
    pdf = build_case_report(
        register.get_case(number), ids["pupil"], "leerlingendossier", context("nl"), rules
    )
    assert validate(pdf)[0]
    run = WizardRun.start(rules, "opnemen")
    run.answer("medewerker")
    run.answer("afstand")
    advice = build_advice(run, rules, "nl", name="Sam de Vries", role="Leerkracht",
                          foundation="Stichting Klasse", school="", issued_on=date(2026, 11, 25))  # fmt: skip
    assert validate(advice)[0]


def test_names_in_latin_with_diacritics_and_cyrillic_come_back_exactly(register, rules):
    case = register.create_case("Namen", "anders", "personeelsdossier", protocol_version=rules.protocol.version,
                                opened_on=date(2026, 3, 1))  # fmt: skip
    subject = register.add_party(case.number, "medewerker", "Els Bakker").id
    for name in LATIN_AND_CYRILLIC:
        register.add_party(case.number, "extern", name)  # externals are named in a staff file
    register.add_entry(
        case.number,
        "Gesprek met " + ", ".join(LATIN_AND_CYRILLIC) + ".",
        event_date=date(2026, 3, 1),
    )
    text = text_of(build_case_report(register.get_case(case.number), subject, "personeelsdossier",
                                     context("nl"), rules))  # fmt: skip
    for name in LATIN_AND_CYRILLIC:
        assert unicodedata.normalize("NFC", name) in text, name


def test_arabic_and_hebrew_names_print_with_glyphs_from_the_embedded_font(register, rules):
    case = register.create_case("Namen", "anders", "personeelsdossier", protocol_version=rules.protocol.version,
                                opened_on=date(2026, 3, 1))  # fmt: skip
    subject = register.add_party(case.number, "medewerker", "Els Bakker").id
    register.add_party(case.number, "extern", "محمد العلي")
    register.add_party(case.number, "extern", "דוד כהן")
    text = text_of(build_case_report(register.get_case(case.number), subject, "personeelsdossier",
                                     context("nl"), rules))  # fmt: skip
    folded = unicodedata.normalize("NFKC", text)  # shaped Arabic comes back as presentation forms
    assert "محمد" in folded or "دمحم" in folded
    assert "כהן" in text and "דוד" in text
    assert "\ufffd" not in text and "\u25a1" not in text


def test_emoji_become_a_visible_mark_and_the_report_says_so(register, rules):
    case = register.create_case("Emoji", "pesten", "leerlingendossier", protocol_version=rules.protocol.version,
                                opened_on=date(2026, 3, 1))  # fmt: skip
    subject = register.add_party(case.number, "leerling", "Zoë Janssen").id
    register.add_entry(
        case.number, "Bericht in de groepsapp: 👍👍 haha 🤡🥳 😂", event_date=date(2026, 3, 1)
    )
    pdf = build_case_report(
        register.get_case(case.number), subject, "leerlingendossier", context("nl"), rules
    )
    text = " ".join(text_of(pdf).split())
    # 👍 comes from Noto Sans Symbols 2 and 😂 from DejaVu; the other two no font has.
    assert "Bericht in de groepsapp: 👍👍 haha □□ 😂" in text
    assert (
        "2 tekens die het lettertype niet kan tonen (zoals emoji) zijn weergegeven als □." in text
    )
    assert validate(pdf)[0]


def test_a_pdfa_failure_names_the_entry_it_comes_from(register, rules, monkeypatch):
    """Whatever the validator finds, the director reads which entry it is about, in
    Dutch, and no traceback; here the validator is made to fail on one marked entry
    (an addendum, numbered 1a) and on nothing else."""
    import klasse_desktop.reports.pdfa as pdfa
    from klasse_desktop import i18n

    number, ids = small_case(register, rules)
    first = register.get_case(number).entries[0]
    register.add_addendum(number, first.id, "Aanvulling: XYZZY stond ook in de groepsapp.")
    real = pdfa.to_pdfa

    def strict(data: bytes, language: str = "nl") -> bytes:
        if "XYZZY" in text_of(data):
            raise pdfa.PdfaError("6.2.11.8-1 .notdef glyph")
        return real(data, language)

    monkeypatch.setattr(pdfa, "to_pdfa", strict)
    i18n.set_language("nl")
    with pytest.raises(pdfa.PdfaError) as failure:
        build_case_report(register.get_case(number), ids["pupil"], "leerlingendossier",
                          context("nl"), rules)  # fmt: skip
    message = str(failure.value)
    assert failure.value.place is not None
    assert failure.value.place.startswith("notitie 1b (Aanvulling op notitie 1")
    assert message.startswith(
        "De PDF kon niet archiefwaardig (PDF/A-2b) worden gemaakt door notitie 1b"
    )
    assert message.endswith("6.2.11.8-1 .notdef glyph")


def test_a_failure_that_no_single_part_causes_names_nothing(register, rules, monkeypatch):
    import klasse_desktop.reports.pdfa as pdfa

    number, ids = small_case(register, rules)

    def always(data: bytes, language: str = "nl") -> bytes:
        raise pdfa.PdfaError("ISO 19005-2 6.1.3")

    monkeypatch.setattr(pdfa, "to_pdfa", always)
    # Every part fails alone here as well, so none is to blame; the message still
    # carries the validator's findings.
    with pytest.raises(pdfa.PdfaError) as failure:
        build_case_report(register.get_case(number), ids["pupil"], "leerlingendossier",
                          context("nl"), rules)  # fmt: skip
    assert failure.value.place is None
    assert "ISO 19005-2 6.1.3" in str(failure.value)
