"""The case register's screens (list, one case, retention) as one page of the window.

The main window sees a single page with its own back step (case → list) and a
single `clear()` for locking. Built only when a user first goes to the
register, so the wizards never load any of it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QStackedWidget, QWidget

from klasse_desktop.ui.case_list_page import CaseListPage
from klasse_desktop.ui.case_view_page import CaseViewPage
from klasse_desktop.ui.register_session import RegisterSession
from klasse_desktop.ui.retention_page import RetentionPage


class RegisterPage(QStackedWidget):
    def __init__(
        self, session: RegisterSession, *, school: str = "", protocol_version: str = ""
    ) -> None:
        super().__init__()
        self.session = session
        self.school, self.protocol_version = school, protocol_version
        self.list_page = CaseListPage(session)
        self.case_page = CaseViewPage(session)
        self.retention_page = RetentionPage(session)
        for page in (self.list_page, self.case_page, self.retention_page):
            self.addWidget(page)
        session.guard(self)  # no input while a background task uses the register
        self.list_page.open_requested.connect(self.open_case)
        self.list_page.new_requested.connect(self.new_case)
        self.list_page.retention_requested.connect(self.show_retention)
        self.list_page.offsite_requested.connect(self.back_up_offsite)
        self.case_page.back_requested.connect(self.show_list)
        self.retention_page.back_requested.connect(self.show_list)
        self.retention_page.purged.connect(lambda _n: self.list_page.refresh())
        self.case_page.changed.connect(self.list_page.refresh)

    def show_list(self) -> None:
        number = self.case_page.number
        self.list_page.refresh()
        self.list_page.select(number)
        self.setCurrentWidget(self.list_page)
        self.list_page.table.setFocus()

    def open_case(self, number: str) -> bool:
        if not self.case_page.show_case(number):
            return False
        self.setCurrentWidget(self.case_page)
        self.case_page.add_entry_button.setFocus()
        return True

    def show_retention(self) -> None:
        self.retention_page.refresh()
        self.setCurrentWidget(self.retention_page)
        self.retention_page.back_button.setFocus()

    def new_case(self) -> None:
        from klasse_desktop.ui.new_case_dialog import NewCaseDialog

        dialog = NewCaseDialog(
            self.session, school=self.school, protocol_version=self.protocol_version, parent=self
        )
        if dialog.exec() and dialog.case is not None:
            self.list_page.refresh()
            self.open_case(dialog.case.number)
        dialog.deleteLater()

    def back_up_offsite(self) -> None:
        """A backup file in a folder off this laptop (`ui/offsite_backup.py`)."""
        from klasse_desktop.ui.offsite_backup import back_up_to_folder

        back_up_to_folder(self, self.session, lambda _path: self.list_page.update_reminder())

    @property
    def can_go_back(self) -> bool:
        return self.currentWidget() is not self.list_page

    def go_back(self) -> None:
        self.show_list()

    def focus_search(self) -> None:
        self.show_list()
        self.list_page.focus_search()

    def clear(self) -> None:
        """Empty every screen (on lock) and leave the list showing, empty."""
        for page in (self.list_page, self.case_page, self.retention_page):
            page.clear()
        self.setCurrentWidget(self.list_page)

    def retranslate(self) -> None:
        for page in (self.list_page, self.case_page, self.retention_page):
            page.retranslate()

    def current_page(self) -> QWidget:
        page = self.currentWidget()
        assert page is not None  # the stack always holds its three pages
        return page
