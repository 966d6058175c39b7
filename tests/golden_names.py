"""The golden-names page: invented names in every script the reports must print,
inside Dutch sentences. Rendered by tests/test_reports_golden.py and compared
with tests/data/golden-names.png.

Regenerate the reference (after a deliberate font or layout change, and after
looking at it): .venv/bin/python tests/golden_names.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

NAMES = [
    "Zoë Janssen",
    "Şükrü Yılmaz",
    "Łukasz Nowak",
    "İlayda Kaya",
    "محمد العلي",
    "דוד כהן",
    "Иван Петров",
]
REFERENCE = Path(__file__).parent / "data" / "golden-names.png"
DPI = 60


def golden_pdf() -> bytes:
    from reportlab.platypus import Paragraph

    from klasse_desktop.reports.bidi_paragraph import text_paragraph
    from klasse_desktop.reports.document import Frame, render
    from klasse_desktop.reports.styles import styles

    s = styles()
    story = [Paragraph("Namen in een verslag", s.heading)]
    for name in NAMES:
        sentence = f"Gesprek met {name} over berichten in de groepsapp."
        story.append(text_paragraph(sentence, s.body)[0])
    frame = Frame("Stichting Klasse", "VERTROUWELIJK", "K-2026-0001", "Namen", "Namen", "Test",
                  date(2026, 11, 25))  # fmt: skip
    return render(story, frame)


def render_png(pdf: bytes, target: Path) -> Path:
    """Page 1 as PNG via pdftoppm (Debian poppler-utils)."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "golden.pdf"
        source.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", str(DPI), "-png", "-f", "1", "-l", "1", "-singlefile",
                        str(source), str(target.with_suffix(""))], check=True)  # fmt: skip
    return target


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    print(render_png(golden_pdf(), REFERENCE))
