"""Cases past their retention period, deleting them for real, and the receipts left.

The register decides what has expired (closed, past the retention end, not on
legal hold); this page only shows that list, asks once with the number of
cases named, and then shows the receipts, which hold no personal data. The
purge itself (deleting, VACUUM, cleaning the backups: seconds on a large
register) runs in the background and cannot be cancelled halfway.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from klasse_desktop.cases import retention
from klasse_desktop.cases.errors import RegisterError
from klasse_desktop.i18n import _, ngettext
from klasse_desktop.ui import messages
from klasse_desktop.ui.case_labels import file_type_label, short_date
from klasse_desktop.ui.register_session import RegisterSession
from klasse_desktop.ui.style import scale_font


def _table(stretch: int) -> QTableWidget:
    table = QTableWidget()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setTabKeyNavigation(False)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    table.setProperty("stretchColumn", stretch)
    return table


def _fill(table: QTableWidget, headers: list[str], rows: list[list[str]]) -> None:
    table.clearContents()
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(headers)
    header = table.horizontalHeader()  # per section: only sections that exist keep a mode
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(
        int(table.property("stretchColumn")), QHeaderView.ResizeMode.Stretch
    )
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))


class RetentionPage(QWidget):
    back_requested = Signal()
    purged = Signal(int)

    def __init__(self, session: RegisterSession) -> None:
        super().__init__()
        self.session = session
        self.expired_numbers: list[str] = []
        self.heading = QLabel()
        scale_font(self.heading, 1.4, bold=True)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.expired = _table(stretch=1)
        self.empty = QLabel()
        self.empty.setObjectName("helpText")
        self.delete_button = QPushButton()
        self.delete_button.clicked.connect(self.purge)
        self.result = QLabel()
        self.result.setObjectName("notice")
        self.result.setWordWrap(True)
        self.result.hide()
        self.receipts_heading = QLabel()
        scale_font(self.receipts_heading, 1.1, bold=True)
        self.receipts = _table(stretch=1)
        self.back_button = QPushButton()
        self.back_button.clicked.connect(self.back_requested.emit)
        # Copies of a damaged register, kept for recovery: retention reaches them too.
        self.damaged = QLabel()
        self.damaged.setObjectName("helpText")
        self.damaged.setWordWrap(True)
        self.damaged.hide()

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.back_button)
        actions = QHBoxLayout()
        actions.addWidget(self.empty, 1)
        actions.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(top)
        layout.addWidget(self.explanation)
        layout.addWidget(self.expired, 3)
        layout.addLayout(actions)
        layout.addWidget(self.result)
        layout.addWidget(self.receipts_heading)
        layout.addWidget(self.receipts, 2)
        layout.addWidget(self.damaged)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(_("Retention period expired"))
        self.explanation.setText(
            _("These closed cases are past their retention period. Deleting them removes "
              "every party, entry and attachment for good; a receipt without personal data "
              "remains. Cases on legal hold are never listed here.")
        )  # fmt: skip
        self.expired.setAccessibleName(_("Cases past their retention period"))
        self.delete_button.setText(_("&Delete permanently…"))
        self.receipts_heading.setText(_("Deletion receipts"))
        self.receipts.setAccessibleName(_("Deletion receipts"))
        self.back_button.setText(_("← Case &list"))
        self.refresh(keep_result=True)

    def _show_damaged_copies(self, folder: Path) -> None:
        from datetime import datetime, timedelta

        from klasse_desktop.cases.ledger import DAMAGED_KEEP_DAYS, damaged_copies

        copies = [p for p in damaged_copies(folder) if not p.name.endswith(("-wal", "-shm"))]
        if not copies:
            self.damaged.hide()
            return
        last = max(datetime.fromtimestamp(p.stat().st_mtime) for p in copies)
        gone = (last + timedelta(days=DAMAGED_KEEP_DAYS)).date()
        self.damaged.setText(
            ngettext(
                "{n} copy of a damaged register is kept beside the register for recovery; "
                "it is deleted on {date} at the latest.",
                "{n} copies of a damaged register are kept beside the register for "
                "recovery; the last is deleted on {date} at the latest.",
                len(copies),
            ).format(n=len(copies), date=short_date(gone))
        )
        self.damaged.show()

    def refresh(self, *, keep_result: bool = False) -> None:
        register = self.session.register
        if not keep_result:
            self.result.hide()
        if register is None:
            self.clear()
            return
        try:
            expired = retention.expired_cases(register)
            receipts = retention.receipts(register)
        except RegisterError as exc:
            messages.show_error(self, exc)
            return
        self.expired_numbers = [case.number for case, _end in expired]
        _fill(
            self.expired,
            [_("Number"), _("Title"), _("File"), _("Closed"), _("Retention ended")],
            [[case.number, case.title, file_type_label(case.file_type), short_date(case.closed_on),
              short_date(end)] for case, end in expired],
        )  # fmt: skip
        _fill(
            self.receipts,
            [_("Number"), _("File"), _("Opened"), _("Closed"), _("Retention ended"),
             _("Deleted on"), _("Parties"), _("Entries"), _("Attachments")],
            [[r.case_number, file_type_label(r.file_type), short_date(r.opened_on),
              short_date(r.closed_on), short_date(r.retention_end),
              short_date(r.deleted_at.date()), str(r.parties), str(r.entries),
              str(r.attachments)] for r in reversed(receipts)],
        )  # fmt: skip
        self._show_damaged_copies(register.database.path.parent)
        n = len(expired)
        self.delete_button.setEnabled(n > 0)
        self.empty.setText(
            ngettext("{n} case can be deleted.", "{n} cases can be deleted.", n).format(n=n)
            if n
            else _("No case is past its retention period.")
        )

    def purge(self) -> bool:
        """Ask, then delete the expired cases in the background; True if it started."""
        register, n = self.session.register, len(self.expired_numbers)
        if register is None or not n:
            return False
        if not messages.confirm(
            self,
            ngettext("Delete {n} case permanently?", "Delete {n} cases permanently?", n).format(
                n=n
            ),
            ngettext(
                "{n} case ({numbers}) will be deleted with all its parties, entries and "
                "attachments. This cannot be undone.",
                "{n} cases ({numbers}) will be deleted with all their parties, entries and "
                "attachments. This cannot be undone.",
                n,
            ).format(n=n, numbers=", ".join(self.expired_numbers)),
            ngettext("&Delete {n} case", "&Delete {n} cases", n).format(n=n),
        ):
            return False
        task = self.session.run(  # None if locked while the question was open
            self, retention.purge_expired, self._purged, self._not_purged,
            ngettext(
                "Deleting {n} case for good and cleaning up the register file and its "
                "backups…",
                "Deleting {n} cases for good and cleaning up the register file and its "
                "backups…",
                n,
            ).format(n=n),
            _("Retention period expired"),
        )  # fmt: skip
        return task is not None

    def _purged(self, done: object) -> None:
        assert isinstance(done, list)
        self.refresh()
        self.result.setText(
            ngettext(
                "{n} case was deleted. Its receipt is at the top of the list below.",
                "{n} cases were deleted. Their receipts are at the top of the list below.",
                len(done),
            ).format(n=len(done))
        )
        self.result.show()
        self.purged.emit(len(done))

    def _not_purged(self, error: Exception) -> None:
        if not isinstance(error, RegisterError):
            raise error
        messages.show_error(self, error)
        self.refresh()

    def clear(self) -> None:
        self.expired_numbers = []
        for table in (self.expired, self.receipts):
            table.clearContents()
            table.setRowCount(0)
        self.result.hide()
        self.delete_button.setEnabled(False)
