"""Evaluatie (for directors): the register's figures for a period, as charts with
their numbers; "Export…" writes them without names for the foundation, "Make
report…" merges schools' exports into the foundation's PDF.

Nothing slow runs here: counting the register and drawing the charts run through
the register session (one task at a time, dropped if the register is locked
meanwhile), the report through `pdf_export` (a worker thread, written atomically).
What is shown is the director's own exact count; what leaves the laptop goes
through `evaluation/suppression.py` first. Locking the register empties the page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from klasse_desktop.evaluation.errors import EvaluationError
from klasse_desktop.evaluation.periods import Month, Period
from klasse_desktop.i18n import _, current_language
from klasse_desktop.ui import file_dialogs, messages, pdf_export
from klasse_desktop.ui.evaluation_view import Rendered, SectionsView
from klasse_desktop.ui.register_session import RegisterSession
from klasse_desktop.ui.style import scale_font

if TYPE_CHECKING:
    from klasse_desktop.cases.repository import CaseRegister
    from klasse_desktop.settings import Settings

CHART_WIDTH = 330.0  # points; shown at evaluation_view.SCALE
_LOCALES = {"nl": QLocale.Language.Dutch, "en": QLocale.Language.English}


def _figures(register: CaseRegister, period: Period) -> list[Rendered]:
    """In the worker: count, lay out and draw (ReportLab is imported here)."""
    from klasse_desktop.evaluation.charts import rendered
    from klasse_desktop.evaluation.merge import exact_bounds
    from klasse_desktop.evaluation.register_figures import register_figures
    from klasse_desktop.evaluation.sections import case_sections

    figures = register_figures(register, period)
    return rendered(case_sections(exact_bounds(figures.tables), figures.median_days), CHART_WIDTH)


def _month_edit() -> QDateEdit:
    edit = QDateEdit()
    edit.setDisplayFormat("MMMM yyyy")
    edit.setLocale(QLocale(_LOCALES.get(current_language(), QLocale.Language.Dutch)))
    edit.setCurrentSection(QDateEdit.Section.MonthSection)
    return edit


class EvaluationPage(QWidget):
    back_requested = Signal()
    shown = Signal()  # the figures of a period are on screen (tests, screenshots)

    def __init__(
        self, session: RegisterSession, settings: Callable[[], Settings],
        today: date | None = None,
    ) -> None:  # fmt: skip
        super().__init__()
        self.session, self.settings = session, settings
        self.period: Period | None = None  # the period on screen
        today = today or date.today()
        self.heading = QLabel()
        scale_font(self.heading, 1.4, bold=True)
        self.back_button = QPushButton()
        self.back_button.clicked.connect(self.back_requested.emit)
        self.explanation = QLabel()
        self.explanation.setObjectName("helpText")
        self.explanation.setWordWrap(True)
        self.start, self.end = _month_edit(), _month_edit()
        first = today.year * 12 + today.month - 1 - 11  # the last twelve months
        self.start.setDate(QDate(first // 12, first % 12 + 1, 1))
        self.end.setDate(QDate(today.year, today.month, 1))
        self.show_button = QPushButton()
        self.show_button.clicked.connect(self.refresh)
        self.status = QLabel()
        self.status.setObjectName("helpText")
        self.status.setWordWrap(True)
        self.sections = SectionsView()
        self.school = QLineEdit(settings().school)
        self.school.setMaxLength(80)
        self.with_wizard_use = QCheckBox()
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.export)
        self.report_button = QPushButton()
        self.report_button.clicked.connect(self.make_report)
        self._layout()
        session.guard(self.show_button, self.export_button)
        session.locked.connect(self._locked)
        self.retranslate()

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.back_button)
        period = QHBoxLayout()
        self.from_label, self.to_label = QLabel(), QLabel()
        self.from_label.setBuddy(self.start)
        self.to_label.setBuddy(self.end)
        for widget in (self.from_label, self.start, self.to_label, self.end, self.show_button):
            period.addWidget(widget)
        period.addStretch(1)
        form = QFormLayout()
        self.school_label = QLabel()
        self.school_label.setBuddy(self.school)
        form.addRow(self.school_label, self.school)
        form.addRow("", self.with_wizard_use)
        actions = QHBoxLayout()
        actions.addLayout(form, 1)
        actions.addWidget(self.export_button)
        actions.addWidget(self.report_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(top)
        layout.addWidget(self.explanation)
        layout.addLayout(period)
        layout.addWidget(self.status)
        layout.addWidget(self.sections, 1)
        layout.addLayout(actions)

    def retranslate(self) -> None:
        from klasse_desktop.evaluation.wizard_use import has_counts

        self.heading.setText(_("Evaluation"))
        self.back_button.setText(_("← Case &list"))
        self.explanation.setText(
            _("The figures of this register for a period, for the evaluation of the protocol. "
              "They stay on this computer; an export holds counts only, without names, and "
              "shows every count below 5 as “<5”.")
        )  # fmt: skip
        self.from_label.setText(_("&From"))
        self.to_label.setText(_("&To"))
        for edit in (self.start, self.end):
            edit.setLocale(QLocale(_LOCALES.get(current_language(), QLocale.Language.Dutch)))
        self.show_button.setText(_("&Show"))
        self.school_label.setText(_("School's &name in the report"))
        self.with_wizard_use.setText(_("Include the wizard use counted on this computer"))
        self.with_wizard_use.setEnabled(has_counts())
        self.with_wizard_use.setChecked(has_counts())
        self.export_button.setText(_("&Export…"))
        self.report_button.setText(_("Make &report…"))
        if self.period is not None:
            self.refresh()

    def chosen_period(self) -> Period:
        start, end = self.start.date(), self.end.date()
        return Period.checked(Month(start.year(), start.month()), Month(end.year(), end.month()))

    # -- the figures ------------------------------------------------------------------

    def refresh(self) -> None:
        """Count the chosen period again (in the background)."""
        try:
            period = self.chosen_period()
        except EvaluationError as exc:
            self.status.setText(str(exc))
            return
        if self.session.register is None:
            self.sections.clear()
            self.status.setText(_("Unlock the case register to see its figures."))
            return

        def done(result: object) -> None:
            assert isinstance(result, list)
            self.period = period
            self.sections.show_sections(result)
            self.status.setText(_("Cases and entries from {start} to {end}.").format(
                start=self.start.text(), end=self.end.text()))  # fmt: skip
            self.shown.emit()

        task = self.session.run(
            self, lambda register: _figures(register, period), done, self._failed,
            _("Counting the register…"), _("Evaluation"),
        )  # fmt: skip
        if task is None:
            self.status.setText(_("The register is busy; try again in a moment."))

    def _locked(self) -> None:
        self.period = None
        self.sections.clear()
        self.status.setText(_("Unlock the case register to see its figures."))

    def _failed(self, error: Exception) -> None:
        messages.show_error(self, error, _("Evaluation"))

    # -- export and report ---------------------------------------------------------------

    def export(self) -> None:
        from klasse_desktop.evaluation.export import school_name

        try:
            period, school = self.chosen_period(), school_name(self.school.text())
        except EvaluationError as exc:
            messages.show_error(self, exc, _("Export"))
            return
        if self.session.register is None:
            self.status.setText(_("Unlock the case register to see its figures."))
            return
        slug = re.sub(r"[^\w-]+", "-", school.casefold()).strip("-") or "school"
        target = file_dialogs.save_file(
            self, _("Export the figures"), f"evaluatie-{slug}-{period.start}-{period.end}.json",
            _("Evaluation exports (*.json)"),
        )  # fmt: skip
        if target is None:
            return
        target = target if target.suffix.lower() == ".json" else target.with_suffix(".json")
        with_use = self.with_wizard_use.isChecked() and self.with_wizard_use.isEnabled()

        def work(register: CaseRegister) -> Path:
            from klasse_desktop.evaluation.export import make_export, write_export
            from klasse_desktop.evaluation.register_figures import register_figures
            from klasse_desktop.evaluation.wizard_use import load_counts
            from klasse_desktop.protocol.shipped import default_rules

            counts = load_counts() if with_use else None
            figures = register_figures(register, period)
            return write_export(
                make_export(school, period, default_rules(), figures, counts), target
            )

        def done(result: object) -> None:
            text = _("The figures were saved as {path}. They hold no names; look at the file "
                     "before you send it.").format(path=result)  # fmt: skip
            messages.inform(self, _("Export"), text)

        self.session.run(self, work, done, self._failed, _("Writing the export…"), _("Export"))

    def make_report(self) -> None:
        files = file_dialogs.open_files(
            self, _("Choose the schools' exports"), _("Evaluation exports (*.json)")
        )
        if not files:
            return
        target = pdf_export.choose_target(self, _("Save the evaluation report"), "evaluatie.pdf")
        if target is None:
            return
        foundation, language = self.settings().foundation, current_language()

        def build() -> bytes:
            from klasse_desktop.evaluation.export import read_export
            from klasse_desktop.evaluation.merge import merge
            from klasse_desktop.evaluation.report import build_report
            from klasse_desktop.protocol.shipped import default_rules

            merged = merge([read_export(f) for f in files], [f.name for f in files])
            return build_report(merged, foundation=foundation, language=language,
                                rules=default_rules())  # fmt: skip

        pdf_export.export_pdf(self, build, target, on_failure=self._failed)
