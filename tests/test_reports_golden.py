"""Names in every script, drawn right: the rendered golden page must match the
stored reference image (tests/data/golden-names.png), so a font or shaping
regression shows; and the text read back from the PDF is the names themselves."""

from __future__ import annotations

import io
import shutil
import subprocess
import unicodedata

import pytest
from PIL import Image, ImageChops
from pypdf import PdfReader

from tests.golden_names import NAMES, REFERENCE, golden_pdf, render_png


@pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="needs Debian poppler-utils (.ci/run installs it)"
)
def test_the_golden_page_looks_like_the_reference(tmp_path):
    rendered = Image.open(render_png(golden_pdf(), tmp_path / "golden.png")).convert("L")
    reference = Image.open(REFERENCE).convert("L")
    assert rendered.size == reference.size
    difference = ImageChops.difference(rendered, reference)
    changed = sum(1 for value in difference.tobytes() if value > 64)  # one byte per pixel (L)
    assert changed / (rendered.width * rendered.height) < 0.002, f"{changed} pixels differ"


def test_the_reference_catches_a_font_change(tmp_path, monkeypatch):
    """The comparison above can fail: swapping a name's letters changes the picture."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("needs pdftoppm")
    import tests.golden_names as golden

    monkeypatch.setattr(golden, "NAMES", ["Zoe Janssen", *golden.NAMES[1:]])
    rendered = Image.open(render_png(golden.golden_pdf(), tmp_path / "g.png")).convert("L")
    difference = ImageChops.difference(rendered, Image.open(REFERENCE).convert("L"))
    assert sum(1 for value in difference.tobytes() if value > 64) > 0


def test_every_name_reads_back_from_the_pdf():
    """pypdf: Latin and Cyrillic names come back exactly (after NFC)."""
    text = PdfReader(io.BytesIO(golden_pdf())).pages[0].extract_text()
    lines = [" ".join(line.split()) for line in text.splitlines()]
    for name in NAMES:
        if not any("\u0590" <= ch <= "\u08ff" for ch in name):
            assert f"Gesprek met {unicodedata.normalize('NFC', name)} over" in " ".join(lines), name


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs Debian poppler-utils")
def test_right_to_left_names_read_back_in_logical_order(tmp_path):
    """poppler's text extraction applies the bidi algorithm: Arabic and Hebrew names
    come back as typed (Arabic in presentation forms, which NFKC folds), so the
    words were drawn in the right order. Spacing around a right-to-left run is not
    reliable in extraction, so spaces are ignored."""
    pdf = tmp_path / "golden.pdf"
    pdf.write_bytes(golden_pdf())
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout  # fmt: skip
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    squeezed = "".join(unicodedata.normalize("NFKC", text).split())
    for name in NAMES:
        wanted = f"Gesprek met {name} over berichten in de groepsapp."
        assert "".join(unicodedata.normalize("NFKC", wanted).split()) in squeezed, name
