"""One case: its facts, the timeline, parties and attachments, and what can be done.

The page holds nothing but the `CaseDetail` it was last given and re-reads it
after every change, so what is shown is what the register holds. The case is read
in the background (`RegisterSession.run`: the read, and the audit event that
records the view, can wait for another program's write); the page shows it when
it arrives (`loaded`). `clear()` empties every widget (used when the register
locks). Files and screenshots can be dropped anywhere on the page, or pasted with
Ctrl+V.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from klasse_desktop.cases.errors import RegisterError
from klasse_desktop.cases.models import CaseStatus, Party, PartyRole
from klasse_desktop.cases.repository import CaseDetail, CaseRegister
from klasse_desktop.i18n import _
from klasse_desktop.ui import messages
from klasse_desktop.ui.attachments_panel import AttachmentsPanel
from klasse_desktop.ui.case_header import CaseHeader
from klasse_desktop.ui.case_labels import long_date, role_label
from klasse_desktop.ui.party_actions import PartyActions
from klasse_desktop.ui.register_session import RegisterSession
from klasse_desktop.ui.style import scale_font
from klasse_desktop.ui.timeline_view import TimelineView


def party_text(party: Party, names: dict[int | None, str]) -> str:
    """The party as listed, with whose parent a parent or carer is:
    "Ouder of verzorger: Ingrid de Vries — moeder (ouder van Daan de Vries)"."""
    extra = f" — {party.class_or_function}" if party.class_or_function else ""
    text = f"{role_label(party.role)}: {party.name}{extra}"
    if party.role != PartyRole.OUDER:
        return text
    pupil = names.get(party.related_to_id) if party.related_to_id is not None else None
    if pupil is None:
        return _("{party} (child not recorded)").format(party=text)
    return _("{party} (parent of {pupil})").format(party=text, pupil=pupil)


class CaseViewPage(QWidget):
    back_requested = Signal()
    changed = Signal()  # status, hold or contents changed: the list is out of date
    loaded = Signal()  # the case asked for is on screen

    def __init__(self, session: RegisterSession) -> None:
        super().__init__()
        self.session = session
        self.detail: CaseDetail | None = None
        self.loading: str | None = None  # the number of the case being read
        self.setAcceptDrops(True)

        self.header = CaseHeader()
        self.header.back_clicked.connect(self.back_requested.emit)
        self.header.status_clicked.connect(self._close_or_reopen)
        self.header.hold_clicked.connect(self._set_hold)
        self.header.report_clicked.connect(self.export_report)
        self.header.summary_clicked.connect(self.edit_summary)

        self.timeline_heading = QLabel()
        scale_font(self.timeline_heading, 1.1, bold=True)
        self.add_entry_button = QPushButton()
        self.add_entry_button.clicked.connect(self.add_entry)
        self.timeline = TimelineView()
        self.timeline.addendum_requested.connect(self.add_addendum)
        self.timeline.full_text_requested.connect(self._show_full_text)

        self.parties_heading = QLabel()
        scale_font(self.parties_heading, 1.1, bold=True)
        self.parties = QListWidget()
        self.parties.setMinimumHeight(self.fontMetrics().lineSpacing() * 3)  # room on small screens
        self.parties.setWordWrap(True)
        self.add_party_button = QPushButton()
        self.add_party_button.clicked.connect(self.add_party)
        self.parties.currentItemChanged.connect(self._party_selected)
        self.parties.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.parties.customContextMenuRequested.connect(self._party_menu)
        self.party_actions = PartyActions(self)  # Correct… (and Remove… in its dialog)
        self.parties.itemActivated.connect(lambda _item: self.party_actions.correct())
        self.relation_button = QPushButton()
        self.relation_button.clicked.connect(self.set_relation)
        self.relation_button.hide()
        self.attachments = AttachmentsPanel(session)
        self.attachments.changed.connect(self.reload)
        paste = QShortcut(QKeySequence(QKeySequence.StandardKey.Paste), self)
        paste.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        paste.activated.connect(self.paste)

        timeline_box = QWidget()
        timeline_layout = QVBoxLayout(timeline_box)
        timeline_layout.setContentsMargins(0, 0, 6, 0)
        row = QHBoxLayout()
        row.addWidget(self.timeline_heading, 1)
        row.addWidget(self.add_entry_button)
        timeline_layout.addLayout(row)
        timeline_layout.addWidget(self.timeline, 1)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(6, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.parties_heading, 1)
        row.addWidget(self.add_party_button)
        side_layout.addLayout(row)
        side_layout.addWidget(self.parties, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.party_actions.correct_button)
        row.addWidget(self.relation_button)
        side_layout.addLayout(row)
        side_layout.addWidget(self.attachments, 1)
        splitter = QSplitter()
        splitter.addWidget(timeline_box)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([3000, 2000])  # proportions: the timeline gets most of the width
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.header)
        layout.addWidget(splitter, 1)
        self.setTabOrder(self.add_entry_button, self.timeline)
        self.setTabOrder(self.timeline, self.add_party_button)
        self.setTabOrder(self.add_party_button, self.parties)
        self.setTabOrder(self.parties, self.party_actions.correct_button)
        self.setTabOrder(self.party_actions.correct_button, self.relation_button)
        self.retranslate()

    @property
    def number(self) -> str | None:
        return self.detail.case.number if self.detail else None

    def retranslate(self) -> None:
        self.header.retranslate()
        self.timeline_heading.setText(_("Timeline"))
        self.timeline.empty_text = _("No entries yet. Choose “Add entry” to write the first.")
        self.add_entry_button.setText(_("Add &entry…"))
        self.parties_heading.setText(_("Parties"))
        self.parties.setAccessibleName(_("Parties"))
        self.add_party_button.setText(_("Add &party…"))
        self.relation_button.setText(_("Parent or carer &of…"))
        self.relation_button.setToolTip(_("Record whose parent or carer the selected party is"))
        self.party_actions.retranslate()
        self.attachments.retranslate()
        if self.detail is not None:
            self._render()

    # -- showing --------------------------------------------------------------------

    def show_case(self, number: str, *, changed: bool = False) -> bool:
        """Read the case in the background and show it when it arrives; False if the
        register is locked or busy (nothing is queued). Another case is cleared off
        the page first; the same case stays on screen until the new read replaces it."""
        if self.session.register is None or self.session.busy:
            return False
        if number != self.number:
            self.clear()
        self.loading = number
        task = self.session.run(
            self, lambda register: register.get_case(number),
            lambda detail: self._arrived(number, detail, changed),
            lambda error: self._not_loaded(number, error),
            _("Opening the case…"), _("Case"),
        )  # fmt: skip
        if task is None:
            self.loading = None
        return task is not None

    def _arrived(self, number: str, detail: object, changed: bool) -> None:
        if self.loading != number:  # cleared (locked) meanwhile
            return
        assert isinstance(detail, CaseDetail)
        self.loading = None
        self.show_detail(detail)
        self.loaded.emit()
        if changed:
            self.changed.emit()

    def _not_loaded(self, number: str, error: Exception) -> None:
        if self.loading != number:
            return
        self.loading = None
        if not isinstance(error, RegisterError):
            raise error
        messages.show_error(self, error)
        if self.detail is None:  # nothing to show: back to the list
            self.back_requested.emit()

    def show_detail(self, detail: CaseDetail) -> None:
        """Show a case as already read (a report adding a party shows it this way)."""
        self.detail = detail
        self._render()

    def reload(self) -> None:
        """Read the case again after a change; the list hears of it (`changed`)."""
        if self.number is not None:
            self.show_case(self.number, changed=True)

    def _render(self) -> None:
        assert self.detail is not None
        self.header.show_detail(self.detail)
        self.timeline.show_entries(self.detail.entries, self.detail.addenda)
        selected = self.selected_party()
        self.parties.clear()
        names = {p.id: p.name for p in self.detail.parties}
        for party in self.detail.parties:
            item = QListWidgetItem(party_text(party, names))
            item.setData(Qt.ItemDataRole.UserRole, party.id)
            self.parties.addItem(item)
        if selected is not None:
            self._select_party(selected.id)
        self._party_selected()
        self.attachments.show_attachments(self.detail.case.number, self.detail.attachments)

    def clear(self) -> None:
        """Empty every widget: nothing about the case stays on screen (on lock)."""
        self.detail = None
        self.loading = None
        self.header.clear()
        self.timeline.clear_entries()
        self.parties.clear()
        self.relation_button.hide()
        self.party_actions.update(None)
        self.attachments.clear()

    # -- actions --------------------------------------------------------------------

    def add_entry(self) -> None:
        from klasse_desktop.ui.entry_dialog import EntryDialog

        if self.number is not None:
            dialog = EntryDialog(self.session, self.number, parent=self)
            if dialog.exec():
                self.reload()
            dialog.deleteLater()

    def add_addendum(self, entry_id: int) -> None:
        from klasse_desktop.ui.entry_dialog import EntryDialog

        if self.detail is None:
            return
        original = next((e for e in self.detail.entries if e.id == entry_id), None)
        if original is not None and self.number is not None:
            dialog = EntryDialog(self.session, self.number, corrects=original, parent=self)
            if dialog.exec():
                self.reload()
            dialog.deleteLater()

    def edit_summary(self) -> None:
        from klasse_desktop.ui.summary_dialog import SummaryDialog

        if self.detail is None:
            return
        dialog = SummaryDialog(
            self.session, self.detail.case.number, self.detail.case.summary, self
        )
        if dialog.exec() == SummaryDialog.DialogCode.Accepted:
            self.reload()
            self.changed.emit()
        dialog.deleteLater()

    def add_party(self) -> None:
        from klasse_desktop.ui.party_dialog import PartyDialog

        if self.number is not None:
            # The parties as shown: reading them again would write an audit event on
            # the UI thread (and wait for another program's write lock).
            parties = self.detail.parties if self.detail is not None else None
            dialog = PartyDialog(self.session, self.number, parent=self, parties=parties)
            if dialog.exec():
                self.reload()
            dialog.deleteLater()

    def export_report(self) -> None:
        """Choose file and subject, check the names, then write the report as PDF."""
        from klasse_desktop.ui.report_flow import ReportFlow

        if self.detail is not None:
            self._report_flow = ReportFlow(self)
            self._report_flow.start()

    def selected_party(self) -> Party | None:
        item = self.parties.currentItem()
        if self.detail is None or item is None:
            return None
        party_id = item.data(Qt.ItemDataRole.UserRole)
        return next((p for p in self.detail.parties if p.id == party_id), None)

    def set_relation(self) -> None:
        """Record whose parent or carer the selected party is."""
        from klasse_desktop.ui.party_dialog import RelationDialog

        party = self.selected_party()
        if party is None or party.role != PartyRole.OUDER or self.detail is None:
            return
        dialog = RelationDialog(self.session, self.detail.case.number, party,
                                self.detail.parties, parent=self)  # fmt: skip
        if dialog.exec():
            self.reload()
            self._select_party(party.id)
        dialog.deleteLater()

    def _select_party(self, party_id: int | None) -> None:
        for row in range(self.parties.count()):
            if self.parties.item(row).data(Qt.ItemDataRole.UserRole) == party_id:
                self.parties.setCurrentRow(row)
                return

    def _party_selected(self) -> None:
        party = self.selected_party()
        self.relation_button.setVisible(party is not None and party.role == PartyRole.OUDER)
        self.party_actions.update(party)

    def _party_menu(self, position: QPoint) -> None:
        party = self.selected_party()
        if party is None:
            return
        menu = QMenu(self)
        self.party_actions.add_to_menu(menu)
        if party.role == PartyRole.OUDER:
            menu.addAction(self.relation_button.text(), self.set_relation)
        menu.exec(self.parties.viewport().mapToGlobal(position))
        menu.deleteLater()

    def _set_hold(self, on: bool) -> None:
        number = self.number
        if self.session.register is None or number is None:
            return
        self._write(
            lambda register: register.update_case(number, legal_hold=on),
            _("Saving the legal hold… (another program may be using the case register)"),
        )

    def _close_or_reopen(self) -> None:
        number = self.number
        if self.session.register is None or number is None or self.detail is None:
            return
        closing = self.detail.case.status != CaseStatus.CLOSED
        if closing and not messages.confirm(
            self,
            _("Close case {number}?").format(number=number),
            _("The case is closed as of today and its retention period starts. Entries can "
              "still be read, and the case can be reopened.").format(number=number),
            _("&Close case"),
        ):  # fmt: skip
            return
        if closing:
            self._write(
                lambda register: register.close_case(number),
                _("Closing the case… (another program may be using the case register)"),
            )
        else:
            self._write(
                lambda register: register.reopen_case(number),
                _("Reopening the case… (another program may be using the case register)"),
            )

    def _write(self, work: Callable[[CaseRegister], object], text: str) -> None:
        """Change the case in the background (after a task still running), then read it
        again: after an error too, so what is shown is what the register holds."""

        def failed(error: Exception) -> None:
            if not isinstance(error, RegisterError):
                raise error
            messages.show_error(self, error)
            self.reload()

        self.session.run_soon(self, work, lambda _result: self.reload(), failed, text, _("Case"))

    def _show_full_text(self, entry_id: int) -> None:
        from klasse_desktop.ui.viewer_dialogs import TextViewerDialog

        entry = (
            next((e for e in self.detail.entries if e.id == entry_id), None)
            if self.detail
            else None
        )
        if entry is not None:
            title = _("Entry of {date}").format(date=long_date(entry.event_date))
            TextViewerDialog(title, entry.text, self).show()

    # -- files dropped or pasted ----------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt API
        mime = event.mimeData()
        files = mime.hasUrls() and any(url.isLocalFile() for url in mime.urls())
        if self.detail is not None and (files or mime.hasImage()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt API
        if self.drop(event.mimeData()):
            event.acceptProposedAction()

    def drop(self, mime: QMimeData) -> int:
        """Attach what was dropped or pasted: local files, else a picture."""
        if self.detail is None:
            return 0
        files = (
            [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
            if mime.hasUrls()
            else []
        )
        if files:
            return self.attachments.add_files([f for f in files if f.is_file()])
        if mime.hasImage():
            return self.attachments.add_image(mime.imageData())
        return 0

    def paste(self) -> None:
        mime = QGuiApplication.clipboard().mimeData()
        if mime is not None:
            self.drop(mime)
