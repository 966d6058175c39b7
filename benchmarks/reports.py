"""Dossier report speed: a 500-entry case against ReportLab rendering the same
500 headed paragraphs raw with SimpleDocTemplate, in the same run.

    python benchmarks/reports.py [--entries 500]

The report is measured by stage: drawing the (already redacted) model into a
PDF/A as the app does (glyphs checked as they are drawn; pikepdf's whole-file
validator, which the test suite adds to every PDF, is a row of its own), building the model (redaction of every text), looking for names nobody
registered (deduce), and reading the finished PDF back for hidden names. Goal
(issue 14): drawing at most 1.5× raw for short notes and 1.29× for typical ones;
that ratio is the median of runs made in turn with raw (`timing.paired`).
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
# The generated registers use the tests' cheap key derivation, which a register
# opened without this setting refuses (it would be guessable).
os.environ.setdefault("KLASSE_KDF", "fast")
os.environ.pop("KLASSE_PDFA_CHECK", None)  # measured as the app runs

from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate

from klasse_desktop.protocol.shipped import default_rules
from klasse_desktop.reports.case_report import ReportContext, build_case_report, render_model
from klasse_desktop.reports.pdfa import validate
from klasse_desktop.reports.redaction.pdf_check import check_pdf
from klasse_desktop.reports.redaction.unregistered import deduce_finder, load, no_names
from klasse_desktop.reports.report_model import build_report_model
from tests.cases_helpers import open_register
from tests.report_samples import long_case

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import paired, timed


def raw(entries) -> bytes:  # type: ignore[no-untyped-def]
    sheet = getSampleStyleSheet()
    story = []
    for entry in entries:
        story.append(
            Paragraph(f"{entry.event_date} · {entry.kind} · {entry.author}", sheet["Heading4"])
        )
        story.append(Paragraph(escape(entry.text), sheet["BodyText"]))
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer).build(story)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=500)
    args = parser.parse_args()
    rules = default_rules()
    context = ReportContext(
        "Stichting Klasse", "OBS De Vlinder", "Els Bakker", "nl", date(2026, 11, 25)
    )
    rows = [("measure", "median", "ratio", "goal")]
    # Short notes (about 175 characters) and typical notes (about 700): the fixed parts
    # of a report (tables, overviews, clauses) weigh more when the notes are short.
    for label, repeat in (("short notes", 1), ("typical notes", 4)):
        with tempfile.TemporaryDirectory() as tmp:
            register = open_register(Path(tmp) / "register")
            number, subject = long_case(register, rules, entries=args.entries, repeat=repeat)
            detail = register.get_case(number)
            register.close()
        load()  # the name finder's load (seconds, once per process) is not counted
        model, redactor = build_report_model(
            detail, subject, "personeelsdossier", context, rules, {}, no_names
        )
        pdf = render_model(model)
        base, drawing, drawing_ratio = paired(
            lambda d=detail: raw(d.entries), lambda m=model: render_model(m)
        )
        validation = timed(lambda p=pdf: validate(p))
        redaction = timed(lambda d=detail, s=subject: build_report_model(
            d, s, "personeelsdossier", context, rules, {}, no_names))  # fmt: skip
        finder = deduce_finder()
        names = timed(lambda d=detail, f=finder: [f(e.text) for e in d.entries], repeat=3)
        check = timed(lambda p=pdf, m=model, r=redactor: check_pdf(p, m, r), repeat=3)
        whole = timed(lambda d=detail, s=subject: build_case_report(
            d, s, "personeelsdossier", context, rules), repeat=3)  # fmt: skip
        n = args.entries
        rows += [
            (f"raw SimpleDocTemplate, {n} headed paragraphs ({label})", f"{base:.2f} s",
             "1.00×", ""),
            (f"  drawing the report model to PDF/A ({label})", f"{drawing:.2f} s",
             f"{drawing_ratio:.2f}×", "< 1.5×" if repeat == 1 else "≤ 1.29×"),
            ("  whole-file PDF/A validation (pikepdf; tests, KLASSE_PDFA_CHECK=full)",
             f"{validation:.2f} s", f"{validation / base:.2f}×", ""),
            ("  redacting every text (registered names)", f"{redaction:.2f} s",
             f"{redaction / base:.2f}×", ""),
            (f"  names nobody registered (deduce), {n} entries", f"{names:.2f} s",
             f"{names / base:.2f}×", ""),
            ("  reading the PDF back for hidden names", f"{check:.2f} s",
             f"{check / base:.2f}×", ""),
            (f"  complete report, {n} entries ({label})", f"{whole:.2f} s",
             f"{whole / base:.2f}×", ""),
        ]  # fmt: skip
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for index, row in enumerate(rows):
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)))
        if index == 0:
            print("  ".join("-" * w for w in widths))


if __name__ == "__main__":
    main()
