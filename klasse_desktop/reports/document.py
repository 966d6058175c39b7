"""The page frame every report shares: letterhead, "VERTROUWELIJK" and the file
type on every page, "Pagina x van y", PDF metadata, and an atomic write.

"Page x of y" needs the total before the first page is final, so the canvas
keeps every page's state and draws the header and footer when it is saved.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate

from klasse_desktop import __version__
from klasse_desktop.i18n import _
from klasse_desktop.reports.fonts import FAMILY, drawable, register_fonts
from klasse_desktop.reports.styles import MUTED, RULE
from klasse_desktop.reports.subset_font import undrawn

MARGIN = 20 * mm


@dataclass(frozen=True)
class Frame:
    letterhead: str  # "Stichting Klasse — De Vlinder"
    marking: str  # "VERTROUWELIJK — Leerlingendossier"
    reference: str  # case number or "" for an advice record
    title: str
    subject: str
    author: str
    issued_on: date | None = None
    language: str = "nl"  # the document's /Lang


class _NumberedCanvas(Canvas):
    def __init__(self, *args: Any, frame: Frame, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._frame = frame
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 - ReportLab API
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._decorate(total)
            super().showPage()
        _refuse_notdef(self._doc)
        super().save()

    def _decorate(self, total: int) -> None:
        width, height = A4
        frame = self._frame
        self.saveState()
        self.setFont(f"{FAMILY}-Bold", 8.5)
        self.setFillColor(MUTED)
        bold = f"{FAMILY}-Bold"
        self.drawString(MARGIN, height - 12 * mm, drawable(frame.letterhead, bold))
        self.drawRightString(width - MARGIN, height - 12 * mm, drawable(frame.marking, bold))
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        self.line(MARGIN, height - 14 * mm, width - MARGIN, height - 14 * mm)
        self.line(MARGIN, 14 * mm, width - MARGIN, 14 * mm)
        self.setFont(FAMILY, 8.5)
        if frame.reference:
            self.drawString(MARGIN, 10 * mm, drawable(frame.reference, FAMILY))
        self.drawCentredString(width / 2, 10 * mm, drawable(frame.marking, FAMILY))
        page = _("Page {page} of {total}").format(page=self._pageNumber, total=total)
        self.drawRightString(width - MARGIN, 10 * mm, page)
        self.restoreState()


def _refuse_notdef(doc: Any) -> None:
    """A character drawn without a glyph would print as an empty box and makes the file
    fail PDF/A (ISO 19005-2, 6.2.11.8): refuse it like the validator would, so the
    report names the entry (`failure_place`) instead of writing a wrong file."""
    from klasse_desktop.reports.pdfa import PdfaError

    found = undrawn(doc.delayedFonts, doc)
    if found:
        details = "; ".join(
            f"{font}: " + " ".join(f"U+{ord(ch):04X}" for ch in sorted(chars))
            for font, chars in sorted(found.items())
        )
        raise PdfaError(f"6.2.11.8: .notdef glyph drawn ({details})")


def layout(story: Sequence[Flowable], frame: Frame) -> tuple[bytes, int]:
    """The plain PDF and its number of pages (before the PDF/A step)."""
    register_fonts()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=22 * mm,
        bottomMargin=22 * mm, title=frame.title, subject=frame.subject, author=frame.author,
        creator="Klasse Desktop", producer=f"Klasse Desktop {__version__}",
        initialFontName=FAMILY, lang=None,
    )  # fmt: skip
    doc.build(list(story), canvasmaker=partial(_NumberedCanvas, frame=frame))
    return buffer.getvalue(), int(doc.page)


def archival(plain: bytes, frame: Frame) -> bytes:
    from klasse_desktop.reports.pdfa import to_pdfa

    return to_pdfa(plain, frame.language)


def render(story: Sequence[Flowable], frame: Frame) -> bytes:
    plain, _pages = layout(story, frame)
    return archival(plain, frame)
