"""The case list's filters: status, category, file type and an opened-date range.

Combo boxes list the register's vocabularies with translated labels and keep
the stored value as item data, so a language switch keeps the chosen filter.
The date range is off until its check box is ticked (a QDateEdit cannot be
empty). Any change emits `changed`; the list runs one new query.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from klasse_desktop.cases.listing import CaseFilter
from klasse_desktop.cases.models import CATEGORY_LABELS, STATUS_LABELS
from klasse_desktop.i18n import _
from klasse_desktop.ui.case_labels import file_types, vocabulary
from klasse_desktop.ui.flow_layout import FlowLayout


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _stacked(top: QWidget, bottom: QWidget | QHBoxLayout) -> QWidget:
    """A label (or check box) above its field, as one item of the flow."""
    group = QWidget()
    column = QVBoxLayout(group)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(top)
    if isinstance(bottom, QWidget):
        column.addWidget(bottom)
    else:
        column.addLayout(bottom)
    return group


class CaseFilterBar(QWidget):
    changed = Signal()
    clear_requested = Signal()  # the list also clears its search box

    def __init__(self) -> None:
        super().__init__()
        self.status, self.category, self.file_type = QComboBox(), QComboBox(), QComboBox()
        self.combos = (self.status, self.category, self.file_type)
        self.labels = [QLabel() for _combo in self.combos]
        for label, combo in zip(self.labels, self.combos, strict=True):
            label.setBuddy(combo)
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.date_filter = QCheckBox()
        self.date_filter.toggled.connect(self._toggle_dates)
        self.opened_from, self.opened_to = QDateEdit(), QDateEdit()
        today = _qdate(date.today())
        self.opened_from.setDate(today.addYears(-1))
        self.opened_to.setDate(today)
        for edit in (self.opened_from, self.opened_to):
            edit.setCalendarPopup(True)
            edit.setEnabled(False)
            edit.dateChanged.connect(self._dates_changed)
        self.and_label = QLabel()
        self.clear_button = QPushButton()
        self.clear_button.clicked.connect(self.clear_requested.emit)

        # Each filter is a label over its field; the groups wrap to a second row on a
        # narrow window or with large fonts instead of widening the window.
        flow = FlowLayout(self, spacing=8, align_bottom=True)
        for label, combo in zip(self.labels, self.combos, strict=True):
            flow.addWidget(_stacked(label, combo))
        dates = QHBoxLayout()
        dates.setSpacing(6)
        dates.addWidget(self.opened_from)
        dates.addWidget(self.and_label)
        dates.addWidget(self.opened_to)
        flow.addWidget(_stacked(self.date_filter, dates))
        flow.addWidget(self.clear_button)
        self.retranslate()

    def retranslate(self) -> None:
        texts = (_("Sta&tus"), _("C&ategory"), _("File t&ype"))
        everything = (_("All statuses"), _("All categories"), _("All files"))
        items = (vocabulary(STATUS_LABELS), vocabulary(CATEGORY_LABELS), file_types())
        for label, combo, text, first, values in zip(
            self.labels, self.combos, texts, everything, items, strict=True
        ):
            label.setText(text)
            combo.setAccessibleName(text.replace("&", ""))
            self._fill(combo, first, values)
        self.date_filter.setText(_("Opened &between"))
        self.date_filter.setAccessibleName(_("Filter on the date a case was opened"))
        self.and_label.setText(_("and"))
        self.opened_from.setAccessibleName(_("Opened on or after"))
        self.opened_to.setAccessibleName(_("Opened on or before"))
        self.clear_button.setText(_("Clear filte&rs"))

    @staticmethod
    def _fill(combo: QComboBox, everything: str, items: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for value, label in items:
            combo.addItem(label, value)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    def _toggle_dates(self, on: bool) -> None:
        self.opened_from.setEnabled(on)
        self.opened_to.setEnabled(on)
        self.changed.emit()

    def _dates_changed(self, _value: QDate) -> None:
        if self.date_filter.isChecked():
            self.changed.emit()

    def case_filter(self, text: str = "") -> CaseFilter:
        """The chosen filters (None where not filtered) with the search `text`."""
        dated = self.date_filter.isChecked()
        return CaseFilter(
            status=self.status.currentData(),
            category=self.category.currentData(),
            file_type=self.file_type.currentData(),
            opened_from=_date(self.opened_from.date()) if dated else None,
            opened_to=_date(self.opened_to.date()) if dated else None,
            text=text,
        )

    def reset(self) -> None:
        """Back to "everything", without emitting `changed` for each widget."""
        for widget in (*self.combos, self.date_filter):
            widget.blockSignals(True)
        for combo in self.combos:
            combo.setCurrentIndex(0)
        self.date_filter.setChecked(False)
        self.opened_from.setEnabled(False)
        self.opened_to.setEnabled(False)
        for widget in (*self.combos, self.date_filter):
            widget.blockSignals(False)
