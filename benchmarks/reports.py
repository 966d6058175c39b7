"""Dossier report speed: a 500-entry case against ReportLab rendering the same
500 headed paragraphs raw with SimpleDocTemplate, in the same run.

    python benchmarks/reports.py [--entries 500]

Goal (issue 5): the real report under 1.5× raw.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate

from klasse_desktop.protocol.shipped import default_rules
from klasse_desktop.reports.case_report import ReportContext, build_case_report
from tests.cases_helpers import open_register
from tests.report_samples import long_case

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import timed


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
        base = timed(lambda d=detail: raw(d.entries))
        real = timed(
            lambda d=detail, s=subject: build_case_report(d, s, "personeelsdossier", context, rules)
        )
        rows += [
            (f"raw SimpleDocTemplate, {args.entries} headed paragraphs ({label})",
             f"{base:.2f} s", "1.00×", ""),
            (f"case report, {args.entries} entries ({label})", f"{real:.2f} s",
             f"{real / base:.2f}×", "< 1.5×"),
        ]  # fmt: skip
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for index, row in enumerate(rows):
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)))
        if index == 0:
            print("  ".join("-" * w for w in widths))


if __name__ == "__main__":
    main()
