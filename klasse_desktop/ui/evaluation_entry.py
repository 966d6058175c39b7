"""The window's ways into the protocol's evaluation (issue: figures without names).

"Evaluatie" (Cases menu, directors): the register's figures on a page of their own.
"Telgegevens exporteren…" (File menu, anyone who agreed to count wizard use): this
computer's counts as an anonymous export file that the director collects. Kept out
of `main_window.py`, which only creates this and passes it the role changes. Made
before the first paint, so everything else is imported when first used.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from klasse_desktop.i18n import _
from klasse_desktop.settings import keeps_register

if TYPE_CHECKING:
    from klasse_desktop.ui.evaluation_page import EvaluationPage
    from klasse_desktop.ui.main_window import MainWindow


class EvaluationEntry:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.page: EvaluationPage | None = None
        self.open_action = QAction(window)
        self.open_action.triggered.connect(self.open)
        self.export_action = QAction(window)
        self.export_action.triggered.connect(self.export_counts)
        window.cases_menu.addSeparator()
        window.cases_menu.addAction(self.open_action)
        window.file_menu.insertAction(window.settings_action, self.export_action)
        self.retranslate()
        self.follow_settings()

    def retranslate(self) -> None:
        self.open_action.setText(_("&Evaluation…"))
        self.open_action.setToolTip(_("Figures without names for the protocol's evaluation"))
        self.export_action.setText(_("E&xport wizard counts…"))
        if self.page is not None:
            self.page.retranslate()

    def follow_settings(self) -> None:
        """Directors see the page; whoever counts wizard use can export the counts."""
        settings = self.window.settings
        self.open_action.setVisible(keeps_register(settings.role))
        self.export_action.setVisible(settings.count_wizard_use)

    def open(self) -> None:
        window = self.window
        if not window.register_session.ensure_open(window):
            return
        if self.page is None:
            from klasse_desktop.ui.evaluation_page import EvaluationPage

            self.page = EvaluationPage(window.register_session, lambda: window.settings)
            self.page.back_requested.connect(window.go_back)
            window.pages.addWidget(self.page)
        window.show_page(self.page)
        self.page.refresh()

    def export_counts(self) -> None:
        """This computer's wizard counts, every month counted so far, without names."""
        from klasse_desktop.evaluation.errors import EvaluationError
        from klasse_desktop.evaluation.export import make_export, write_export
        from klasse_desktop.evaluation.periods import Month, Period
        from klasse_desktop.evaluation.wizard_use import load_counts
        from klasse_desktop.ui import file_dialogs, messages

        window = self.window
        counts = load_counts()
        months = sorted(counts)
        if not months:
            messages.inform(window, _("Nothing to export"),
                            _("No wizard use has been counted on this computer yet."))  # fmt: skip
            return
        this_month = Month.of(date.today())
        period = Period.checked(Month.parse(months[0]), max(this_month, Month.parse(months[-1])))
        target = file_dialogs.save_file(
            window, _("Export wizard counts"), "wizard-use-export.json", _("JSON files (*.json)")
        )
        if target is None:
            return
        try:
            export = make_export(window.settings.school or _("my school"), period, window.rules,
                                 None, counts)  # fmt: skip
            write_export(export, target)
        except (EvaluationError, OSError) as exc:
            messages.show_error(window, exc, _("The counts were not exported"))
            return
        messages.inform(window, _("Counts exported"),
                        _("Saved as {path}. Give this file to your director.").format(
                            path=target))  # fmt: skip
