"""Where a report's pages break: headings stay with what follows them, and nothing
starts a new page while the one before still has room for it."""

from __future__ import annotations

import io

from pypdf import PdfReader
from reportlab.lib.pagesizes import A6
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate

from klasse_desktop.reports.case_report import together
from klasse_desktop.reports.styles import styles
from tests.cases_helpers import open_register
from tests.test_reports_any_text import report


def _pages(story) -> int:  # type: ignore[no-untyped-def]
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A6)
    doc.build(story)
    return int(doc.page)


def _short(text: str) -> Paragraph:
    return Paragraph(text, styles().body)


def test_a_keeptogether_inside_another_is_opened_up():
    first, second, third = _short("kop"), _short("eerste regel"), _short("handtekening")
    assert together([KeepTogether([first, second]), third])._content == [first, second, third]
    # Why: ReportLab's own nesting never fits, so it always starts a new page.
    nested = [_short("inleiding"), KeepTogether([KeepTogether([_short("a"), _short("b")]),
                                                  _short("c")])]  # fmt: skip
    assert _pages(nested) == 2
    opened = [_short("inleiding"), together([KeepTogether([_short("a"), _short("b")]),
                                             _short("c")])]  # fmt: skip
    assert _pages(opened) == 1


def test_a_short_case_with_its_signatures_fits_on_two_pages(tmp_path, rules):
    """Three notes, one correction, three parties: the last sections and the
    signatures follow the timeline, not on a page of their own (they were on a
    third page, while the first page had room left)."""
    register = open_register(tmp_path / "r")
    case = register.create_case("Foto's groep 7 in TikTok-filmpje", "pesten",
                                "leerlingendossier", protocol_version=rules.protocol.version)  # fmt: skip
    subject = register.add_party(case.number, "leerling", "Noor de Wit", "groep 7").id
    other = register.add_party(case.number, "leerling", "Yusuf El Amrani", "groep 7")
    register.add_party(case.number, "ouder", "Fatima El Amrani", related_to=other.id)
    register.add_entry(case.number, "Noor liet me een TikTok zien: Yusufs filmpje van de gym, "
                       'met 😂 eronder. Yusuf: "was maar een grap"')  # fmt: skip
    talk = register.add_entry(case.number, "Gesprek met mevr. El Amrani (moeder van Yusuf). Ze "
                              "vond het 'niet zo erg'. Afgesproken: filmpje vandaag offline & "
                              "excuses aan Noor.", kind="conversation")  # fmt: skip
    register.add_entry(case.number, "Filmpje offline gehaald. Yusuf heeft excuses aangeboden "
                       "(via juf Marieke).", kind="measure")  # fmt: skip
    register.add_addendum(
        case.number, talk.id, "Correctie: het was mevr. El Amrani, niet de vader."
    )
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(
        report(register, rules, case.number, subject))).pages]  # fmt: skip
    register.close()
    assert len(pages) == 2
    assert "Uitkomsten van de protocolvragen" in pages[1] and "Ondertekening" in pages[1]


def test_the_timeline_heading_never_ends_a_page(tmp_path, rules):
    """A summary of growing length moves the "Tijdlijn" heading down to the bottom
    of the first page and past it: it always goes with the first entry."""
    register = open_register(tmp_path / "r")
    crossed = 0
    for lines in range(18, 44, 1):
        summary = "\n".join(f"Regel {n} van de samenvatting." for n in range(lines))
        case = register.create_case("Lang", "anders", "leerlingendossier", summary=summary,
                                    protocol_version=rules.protocol.version)  # fmt: skip
        subject = register.add_party(case.number, "leerling", "Zoë Janssen").id
        register.add_entry(case.number, "Eerste notitie. " * 12)
        pages = [p.extract_text() for p in PdfReader(io.BytesIO(
            report(register, rules, case.number, subject))).pages]  # fmt: skip
        body = [ln.strip() for ln in pages[0].splitlines() if ln.strip()
                and not ln.startswith(("K-", "Stichting Klasse", "VERTROUWELIJK", "Pagina"))
                and "VERTROUWELIJK" not in ln]  # fmt: skip
        assert body[-1] != "Tijdlijn", f"{lines} summary lines: the heading ends page 1"
        crossed += "Tijdlijn" in pages[1]
    register.close()
    assert crossed  # the heading was pushed to page 2 at least once
