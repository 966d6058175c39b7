"""PDF/A-2b for everything that goes into a dossier: archives ask for it.

Open-source ReportLab writes no PDF/A, but with every font embedded its output
needs only small repairs: the empty /Trans entry ReportLab puts on each page is
removed, and pikepdf adds the sRGB OutputIntent and XMP metadata matching the
document info, writes the file and validates what it wrote.

Two more repairs make the text layer find what was typed: ReportLab maps shaped
Arabic glyphs to presentation forms (U+FExx), which no search for "محمد" finds,
and writes characters beyond U+FFFF as odd-length hex ("<1F602>") instead of
UTF-16. Both are rewritten in the fonts' ToUnicode maps. The document language
(/Lang) is set, and the producer stays Klasse Desktop, with pikepdf named after it.
pikepdf is imported only here, when a PDF is made (it costs ~0.5 s to import).

What is checked when. pikepdf's validator reads every glyph of every page back in
Python: for a 500-entry report that took longer than ReportLab needs to lay the
whole report out. Everything it looks at is the same for every report this code
writes (the same fonts, colours, metadata fields and page objects) except which
glyphs are drawn, and that is checked where they are chosen, as they are chosen
(`subset_font`): a character without a glyph stops the report, and the message
names the entry. Every report the test suite writes, and every report when
KLASSE_PDFA_CHECK=full is set, also goes through the whole validator before it
is handed back (tests/conftest.py sets it), so a change in ReportLab or pikepdf
that breaks conformance fails the tests, not a dossier.
"""

from __future__ import annotations

import io
import os
import re
import unicodedata
from typing import Any

from klasse_desktop import __version__
from klasse_desktop.i18n import _

FLAVOUR = "2b"
LANGUAGES = {"nl": "nl-NL", "en": "en-GB"}

# Arabic presentation forms A and B, Hebrew presentation forms.
_PRESENTATION = re.compile("[\ufb1d-\ufdff\ufe70-\ufeff]")
_BFCHAR = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")


class PdfaError(RuntimeError):
    """The file is not PDF/A: a character drawn without a glyph (`document`), or the
    whole validator's findings (`to_pdfa`). The message says so in the user's
    language, names the part of the report that caused it when that is known (see
    `case_report`), and ends with the details."""

    def __init__(self, summary: str, place: str | None = None) -> None:
        self.summary, self.place = summary, place
        details = " ".join(summary.split())[:300]
        if place is None:
            message = _(
                "The PDF could not be made archival (PDF/A-{flavour}), so it was not "
                "written. Please report this problem. Details: {summary}"
            ).format(flavour=FLAVOUR, summary=details)
        else:
            message = _(
                "The PDF could not be made archival (PDF/A-{flavour}) because of {place}, "
                "so it was not written. Please report this problem. Details: {summary}"
            ).format(flavour=FLAVOUR, place=place, summary=details)
        super().__init__(message)


def validates_every_file() -> bool:
    """Whether each written file also goes through pikepdf's whole validator."""
    return os.environ.get("KLASSE_PDFA_CHECK", "") == "full"


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-be").hex().upper().encode()


def _logical(destination: bytes) -> bytes:
    """One ToUnicode destination as UTF-16BE hex of the character as typed."""
    surrogate = destination.upper().startswith((b"D8", b"D9", b"DA", b"DB"))
    if len(destination) % 4 == 0 and (len(destination) > 4 or not surrogate):
        text = bytes.fromhex(destination.decode()).decode("utf-16-be", "replace")
    else:  # ReportLab wrote a code point beyond U+FFFF as plain hex
        text = chr(int(destination, 16))
    if _PRESENTATION.search(text):
        text = unicodedata.normalize("NFKC", text)
    return _utf16(text)


def fix_to_unicode(cmap: bytes) -> bytes:
    """Every bfchar destination of a ToUnicode CMap as valid UTF-16 of the base letter."""

    def replace(match: re.Match[bytes]) -> bytes:
        return b"<" + match.group(1) + b"> <" + _logical(match.group(2)) + b">"

    return _BFCHAR.sub(replace, cmap)


def _repair_text_layer(pdf: Any) -> None:
    import pikepdf

    seen: set[tuple[int, int]] = set()
    for page in pdf.pages:
        fonts = page.obj.get("/Resources", {}).get("/Font", {})
        for font in fonts.values():
            if font.objgen in seen:
                continue
            seen.add(font.objgen)
            stream = font.get("/ToUnicode")
            if isinstance(stream, pikepdf.Stream):
                fixed = fix_to_unicode(stream.read_bytes())
                stream.write(fixed)


def to_pdfa(data: bytes, language: str = "nl") -> bytes:
    import pikepdf
    import pikepdf.pdfa

    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            if "/Trans" in page.obj:
                del page.obj["/Trans"]
        _repair_text_layer(pdf)
        pdf.Root.Lang = pikepdf.String(LANGUAGES.get(language, language))
        pikepdf.pdfa.prepare(pdf, FLAVOUR)
        producer = f"Klasse Desktop {__version__} (pikepdf {pikepdf.__version__})"
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["pdf:Producer"] = producer
        out = io.BytesIO()
        if not validates_every_file():
            pdf.save(out, **pikepdf.pdfa.resolve_save_kwargs(FLAVOUR))
            return out.getvalue()
        try:
            pikepdf.pdfa.save(pdf, out, FLAVOUR, repair=False)
        except pikepdf.pdfa.PdfaError as exc:
            report = getattr(exc, "report", None)
            summary = report.summary() if report is not None else str(exc)
            raise PdfaError(summary) from None
    return out.getvalue()


def validate(data: bytes) -> tuple[bool, str]:
    """(passed, summary) from pikepdf's PDF/A validator, for tests and checks."""
    import pikepdf.pdfa

    report = pikepdf.pdfa.validate_written(io.BytesIO(data), FLAVOUR)
    return bool(report.passed), report.summary()
