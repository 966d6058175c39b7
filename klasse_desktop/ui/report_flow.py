"""The dossier report from the case view: file and subject, names checked, the PDF.

1. `ReportDialog`: which file, and whom the report is about. The search for names
   nobody registered (`deduce`, seconds to load) starts loading in a background
   thread as the dialog opens: never at start-up, never on the UI thread.
2. The report's model is built off the UI thread ("Looking for names…", with
   Cancel; the register's one background task, `RegisterSession.run`). When
   names need a decision (`ReviewNeeded`), `NameReviewDialog` asks; "add as a
   party" adds one and the review is made again. The decisions are saved with the
   case, and the model is built once more.
3. Where to save; the PDF is drawn, read back for hidden names (`check_pdf`) and
   written atomically (`pdf_export`). A subject that does not fit the file, or a
   hidden name found in the finished PDF, is a message: no file is written.

The register is written twice, never on the UI thread: the decisions, before the
model is built again (after a task still running), and the audit event of the
export, which must not be lost (`RegisterSession.write_later`).

`name_search` is the only place that knows about `deduce`; tests replace it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, cast

from PySide6.QtWidgets import QDialog, QWidget

from klasse_desktop.cases.errors import RegisterError
from klasse_desktop.i18n import _
from klasse_desktop.ui import messages, pdf_export
from klasse_desktop.ui.background import CancelToken

if TYPE_CHECKING:
    from pathlib import Path

    from klasse_desktop.reports.redaction.redactor import Redactor, ReviewNeeded
    from klasse_desktop.reports.redaction.unregistered import NameFinder
    from klasse_desktop.reports.report_model import ReportContext, ReportModel
    from klasse_desktop.ui.case_view_page import CaseViewPage

log = logging.getLogger(__name__)


class NameSearch:
    """Finds person names nobody registered, with `deduce` (loaded once per process)."""

    def __init__(self) -> None:
        self._thread: threading.Thread | None = None

    def prepare(self) -> None:
        """Start loading in a background thread, unless loaded or loading already."""
        if self.ready() or (self._thread is not None and self._thread.is_alive()):
            return
        self._thread = threading.Thread(target=self._load, name="klasse-names", daemon=True)
        self._thread.start()

    @staticmethod
    def _load() -> None:
        from klasse_desktop.reports.redaction import unregistered

        try:
            unregistered.load()
        except Exception as exc:  # tried again (and reported) when the report is built
            log.warning("name search not loaded: %s", type(exc).__name__)
            return

    def ready(self) -> bool:
        from klasse_desktop.reports.redaction import unregistered

        return unregistered.is_loaded()

    def finder(self, ignore: Iterable[str]) -> NameFinder:
        from klasse_desktop.reports.redaction.unregistered import deduce_finder

        return deduce_finder(ignore)


name_search = NameSearch()


def _checked_pdf(model: ReportModel, redactor: Redactor) -> bytes:
    """Draw the model and read it back: HiddenNameInPdf rather than a leaking file."""
    from klasse_desktop.reports.case_report import render_model
    from klasse_desktop.reports.redaction.pdf_check import check_pdf

    pdf = render_model(model)
    check_pdf(pdf, model, redactor)
    return pdf


class ReportFlow:
    """One report being made from `page`; kept alive by the page while it runs."""

    def __init__(self, page: CaseViewPage) -> None:
        assert page.detail is not None
        self.page, self.session, self.detail = page, page.session, page.detail
        self.number = self.detail.case.number
        self.subject, self.file_type = 0, ""
        self.context: ReportContext | None = None
        self.finder: NameFinder | None = None
        self.pending: dict[str, tuple[str, int | None]] = {}  # chosen before adding a party

    def start(self) -> None:
        from klasse_desktop.i18n import current_language
        from klasse_desktop.reports.report_model import ReportContext
        from klasse_desktop.settings import load_settings
        from klasse_desktop.ui.report_dialog import ReportDialog

        search = name_search
        search.prepare()
        dialog = ReportDialog(self.detail, self.page, search_ready=search.ready)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        chosen = dialog.chosen() if accepted else None
        dialog.deleteLater()
        if chosen is None:
            return
        self.subject, self.file_type = chosen
        settings = load_settings()
        case = self.detail.case
        self.context = ReportContext(
            foundation=settings.foundation, school=settings.school or case.school,
            author=self.session.actor(), language=current_language(), issued_on=date.today(),
        )  # fmt: skip
        self.finder = search.finder([settings.school, settings.foundation, case.school])
        self.check()

    # -- building ---------------------------------------------------------------------------

    def check(self) -> None:
        """Build the model in the background with the decisions saved so far."""
        from klasse_desktop.protocol.shipped import default_rules
        from klasse_desktop.reports.report_model import build_report_model, decisions_from

        register = self.session.register
        if register is None or self.context is None:
            return
        try:
            decisions = decisions_from(register.name_decisions(self.number))
        except RegisterError as exc:
            messages.show_error(self.page, exc, _("The report was not made"))
            return
        detail, subject, file_type = self.detail, self.subject, self.file_type
        context, finder, rules = self.context, self.finder, default_rules()
        token = CancelToken()

        def build(_register: object) -> object:
            token.check()
            return build_report_model(detail, subject, file_type, context, rules, decisions,
                                      finder)  # fmt: skip

        self.session.run(
            self.page, build, self._built, self._failed,
            _("Looking for names in the case…"), _("Report"), token=token,
            holds_register=False,
        )  # fmt: skip

    def _built(self, result: object) -> None:
        from klasse_desktop.reports.report_model import report_title

        if self.session.register is None:  # locked meanwhile
            return
        model, redactor = cast("tuple[ReportModel, Redactor]", result)  # build()'s value
        target = pdf_export.choose_target(
            self.page, report_title(self.file_type), f"{self.number}-{self.file_type}.pdf"
        )
        if target is None:
            return
        pdf_export.export_pdf(
            self.page, lambda: _checked_pdf(model, redactor), target, self._saved, self._failed,
            session=self.session,
        )  # fmt: skip

    def _saved(self, _path: Path) -> None:
        number = self.number
        self.session.write_later(
            lambda register: register.log_export(number, "report"),
            _("Recording the export… (another program may be using the case register)"),
        )

    def _failed(self, error: Exception) -> None:
        from klasse_desktop.reports.pdfa import PdfaError
        from klasse_desktop.reports.redaction.pdf_check import HiddenNameInPdf
        from klasse_desktop.reports.redaction.redactor import ReviewNeeded

        if isinstance(error, ReviewNeeded):
            self._review(error)
        elif isinstance(error, RegisterError | HiddenNameInPdf | PdfaError):
            messages.show_error(self.page, error, _("The report was not made"))
        else:
            raise error

    # -- the review ---------------------------------------------------------------------------

    def _review(self, review: ReviewNeeded) -> None:
        from klasse_desktop.ui.name_review_dialog import NameReviewDialog

        register = self.session.register
        if register is None:
            return
        dialog = NameReviewDialog(
            review.flags, self.detail.parties, self.pending, self.page, add_party=self._add_party
        )
        result = dialog.exec()
        decisions, added = dialog.decisions(), dialog.added
        dialog.deleteLater()
        if result == NameReviewDialog.ADDED:
            self.pending = {text: d for text, d in decisions.items() if text != added}
            self.page.show_detail(self.detail)  # with the new party (`_add_party`)
            self.check()
            return
        if result != QDialog.DialogCode.Accepted or self.session.register is None:
            return
        number = self.number

        def failed(error: Exception) -> None:
            if not isinstance(error, RegisterError):
                raise error
            messages.show_error(self.page, error, _("The decisions were not saved"))

        self.session.run_soon(
            self.page, lambda register: register.save_name_decisions(number, decisions),
            self._decided, failed,
            _("Saving the decisions… (another program may be using the case register)"),
            _("Report"),
        )  # fmt: skip

    def _decided(self, _result: object) -> None:
        self.pending = {}
        self.check()

    def _add_party(self, name: str, parent: QWidget) -> bool:
        from klasse_desktop.ui.party_dialog import PartyDialog

        dialog = PartyDialog(
            self.session, self.number, parent, name=name, parties=self.detail.parties
        )
        added = dialog.exec() == QDialog.DialogCode.Accepted
        party = dialog.party
        dialog.deleteLater()
        if added and party is not None:  # the case as read before, with this party added
            self.detail = replace(self.detail, parties=[*self.detail.parties, party])
        return added
