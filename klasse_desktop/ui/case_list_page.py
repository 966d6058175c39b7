"""The case list: search, filters and a sortable table over every case.

All filtering happens in SQL through `listing.list_cases` (one query, full text
through FTS5), so typing in the search box never loads notes into memory. The
search waits until the user stops typing for a moment.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from klasse_desktop.cases.errors import RegisterError
from klasse_desktop.cases.listing import CaseFilter, list_cases
from klasse_desktop.cases.models import CATEGORY_LABELS, STATUS_LABELS
from klasse_desktop.i18n import _, ngettext
from klasse_desktop.ui import messages
from klasse_desktop.ui.case_filter_bar import CaseFilterBar
from klasse_desktop.ui.case_labels import file_types, short_date, vocabulary
from klasse_desktop.ui.case_table_model import CaseSortProxy, CaseTableModel
from klasse_desktop.ui.offsite_backup import OffsiteReminder
from klasse_desktop.ui.register_session import RegisterSession
from klasse_desktop.ui.style import scale_font

SEARCH_DELAY_MS = 300


class CaseListPage(QWidget):
    open_requested = Signal(str)  # case number
    new_requested = Signal()
    retention_requested = Signal()
    offsite_requested = Signal()  # a backup off this laptop

    def __init__(self, session: RegisterSession) -> None:
        super().__init__()
        self.session = session
        self.title = QLabel()
        scale_font(self.title, 1.4, bold=True)
        self.count = QLabel()
        self.count.setObjectName("helpText")

        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search_label = QLabel()
        self.search_label.setBuddy(self.search)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _text: self.search_timer.start())
        self.search.returnPressed.connect(self._search_now)

        self.filters = CaseFilterBar()
        self.filters.changed.connect(self.refresh)
        self.filters.clear_requested.connect(self.clear_filters)

        self.model = CaseTableModel()
        self.proxy = CaseSortProxy(self.model)
        self.table = QTableView()
        self.table.setObjectName("caseTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move in it
        self.table.horizontalHeader().setSortIndicator(5, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        self.table.activated.connect(self._open_index)  # Enter, or a double click
        self._widths: dict[int, int] = {}
        self._least: dict[int, int] = {}
        self.table.viewport().installEventFilter(self)  # column widths follow the width
        self.empty = QLabel()
        self.empty.setWordWrap(True)

        self.new_button, self.open_button, self.retention_button = (
            QPushButton(), QPushButton(), QPushButton(),
        )  # fmt: skip
        self.new_button.clicked.connect(self.new_requested.emit)
        self.open_button.clicked.connect(lambda: self._open_index(self.table.currentIndex()))
        self.retention_button.clicked.connect(self.retention_requested.emit)
        self.offsite_button = QPushButton()
        self.offsite_button.clicked.connect(self.offsite_requested.emit)
        self.reminder = OffsiteReminder()
        self.reminder.backup_requested.connect(self.offsite_requested.emit)

        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.count, 0, Qt.AlignmentFlag.AlignBottom)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search_label)
        search_row.addWidget(self.search, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.offsite_button)
        buttons.addWidget(self.retention_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(header)
        layout.addWidget(self.reminder)
        layout.addLayout(search_row)
        layout.addWidget(self.filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        self.retranslate()

    def _size_columns(self) -> None:
        """Widths from the texts themselves (not from every row: 10 000 rows are slow to
        measure), so numbers and dates are never cut off, at any font size."""
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        cell, bold = self.table.fontMetrics(), header.fontMetrics()
        pad = cell.averageCharWidth() * 3  # margins and the sort arrow

        def fit(column: int, *samples: str) -> int:
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            return (
                max([bold.horizontalAdvance(title)] + [cell.horizontalAdvance(s) for s in samples])
                + pad
            )

        day, char = short_date(date(2026, 12, 28)), cell.averageCharWidth()
        statuses = [_(label) for label in STATUS_LABELS.values()]
        categories = [label for _value, label in vocabulary(CATEGORY_LABELS)]
        files = [label for _value, label in file_types()]
        self._widths = {  # the vocabularies' longest label, within reason (the rest is a tooltip)
            0: fit(0, "K-2026-0000"), 2: min(fit(2, *categories), char * 27), 3: fit(3, *statuses),
            4: min(fit(4, *files), char * 22), 5: fit(5, day), 6: fit(6, day),
        }  # fmt: skip
        self._least = {column: fit(column) for column in (2, 4)}
        self._fit_columns()

    def _fit_columns(self) -> None:
        """On a narrow window (1024×600, 150 % fonts) category and file give way to the
        title, down to the width of their headings (their full text is a tooltip)."""
        if not self._widths:
            return
        widths = dict(self._widths)
        room = self.table.viewport().width()
        flexible = widths[2] + widths[4]
        spare = room - sum(w for c, w in widths.items() if c not in (2, 4)) - room // 3
        if room > 0 and spare < flexible:
            for column in (2, 4):  # never narrower than the column's own heading
                shrunk = widths[column] * max(spare, 0) // flexible
                widths[column] = max(self._least[column], shrunk)
        header = self.table.horizontalHeader()
        for column, width in widths.items():
            header.resizeSection(column, width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return False

    def retranslate(self) -> None:
        self.title.setText(_("Case register"))
        self.search_label.setText(_("&Search:"))
        self.search.setPlaceholderText(_("Words from titles, names or notes"))
        self.search.setAccessibleName(_("Search cases"))
        self.filters.retranslate()
        self.table.setAccessibleName(_("Cases"))
        self.new_button.setText(_("&New case…"))
        self.open_button.setText(_("&Open case"))
        self.retention_button.setText(_("Retention period &expired…"))
        self.retention_button.setToolTip(
            _("Closed cases whose retention period has ended, to delete permanently")
        )
        self.offsite_button.setText(_("Back up &to…"))
        self.offsite_button.setToolTip(
            _("One encrypted file on a USB stick or network share, in case this laptop is "
              "lost or broken")
        )  # fmt: skip
        self.reminder.retranslate()
        self.model.retranslate()
        self._size_columns()
        self._show_count()

    def current_filter(self) -> CaseFilter:
        return self.filters.case_filter(self.search.text())

    def filtered(self) -> bool:
        where = self.current_filter()
        return bool(where.status or where.category or where.file_type or where.opened_from
                    or where.text.strip())  # fmt: skip

    def refresh(self) -> None:
        self.search_timer.stop()
        register = self.session.register
        if register is None:
            self.clear()
            return
        current = self.proxy.case_number(self.table.currentIndex())
        try:
            rows = list_cases(register, self.current_filter())
        except RegisterError as exc:
            messages.show_error(self, exc)
            return
        self.model.set_rows(rows)
        self.proxy.resort()
        self._show_count()
        self.select(current)
        self.update_reminder()

    def update_reminder(self) -> None:
        register = self.session.register
        self.reminder.update_for(None if register is None else register.database.path.parent)

    def select(self, number: str | None) -> None:
        """Select the case `number` if it is listed, else the first row."""
        target = 0
        if number is not None:
            target = next((i for i, r in enumerate(self.model.rows) if r.number == number), 0)
        if self.model.rows:
            index = self.proxy.mapFromSource(self.model.index(target, 0))
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)

    def _show_count(self) -> None:
        n = len(self.model.rows)
        self.count.setText(ngettext("{n} case", "{n} cases", n).format(n=n))
        self.open_button.setEnabled(n > 0)
        self.empty.setVisible(n == 0)
        self.empty.setText(
            _("No case matches the search and filters.")
            if self.filtered()
            else _("There are no cases yet. Choose “New case” to start one.")
        )

    def clear_filters(self) -> None:
        self.filters.reset()
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.refresh()

    def clear(self) -> None:
        """Forget every case shown (on lock): the rows, and what was searched for."""
        self.search_timer.stop()
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.model.clear()
        self.reminder.reset()
        self._show_count()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _search_now(self) -> None:
        self.refresh()
        if self.model.rows:
            self.table.setFocus()

    def _open_index(self, index: QModelIndex) -> None:
        number = self.proxy.case_number(index)
        if number:
            self.open_requested.emit(number)
