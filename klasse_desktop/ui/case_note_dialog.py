"""Save a finished wizard as a case note: choose a case (or start one), then save.

The note is a timeline entry that cannot be edited; `wizard_notes` keeps the
answers, outcome, clauses and protocol version with the texts as shown, so
the note reads the same after the protocol changes.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
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
from klasse_desktop.cases.wizard_notes import save_wizard_run
from klasse_desktop.i18n import _
from klasse_desktop.protocol.engine import WizardRun
from klasse_desktop.protocol.labels import kind_label
from klasse_desktop.protocol.models import RuleSet
from klasse_desktop.ui import messages
from klasse_desktop.ui.case_table_model import CaseSortProxy, CaseTableModel
from klasse_desktop.ui.dialog_write import DialogWrite
from klasse_desktop.ui.register_session import RegisterSession


class CaseNoteDialog(QDialog):
    def __init__(
        self, session: RegisterSession, run: WizardRun, rules: RuleSet, language: str, *,
        school: str = "", parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        messages.mark(self)
        self.session, self.run, self.rules, self.language = session, run, rules, language
        self.school = school
        self.saved_in: str | None = None
        self.setWindowTitle(_("Save as case note"))
        chars, lines = self.fontMetrics().averageCharWidth(), self.fontMetrics().lineSpacing()
        self.resize(chars * 100, lines * 28)

        outcome = run.outcome
        assert outcome is not None
        intro = QLabel(
            _("“{wizard}: {kind}” is added to the timeline of the case you choose, with your "
              "answers and the clauses as shown now. A note cannot be changed afterwards.")
            .format(wizard=run.wizard.title.get(language), kind=kind_label(outcome.kind))
        )  # fmt: skip
        intro.setWordWrap(True)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(_("Search by number, title or name"))
        self.search.setAccessibleName(_("Search cases"))
        search_label = QLabel(_("&Search:"))
        search_label.setBuddy(self.search)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(300)
        self.timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self.timer.start())

        self.model = CaseTableModel()
        self.proxy = CaseSortProxy(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(_("Cases"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(5, self.proxy.sort_order)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (2, 4):
            self.table.hideColumn(column)
        self.table.activated.connect(lambda _index: self.accept())
        self.new_button = QPushButton(_("&New case…"))
        self.new_button.clicked.connect(self.new_case)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.addButton(
            _("Save in &this case"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        search_row = QHBoxLayout()
        search_row.addWidget(search_label)
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.new_button)
        self.writer = DialogWrite(self, session, self.search, self.table, self.new_button, buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(search_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.refresh()
        self.table.setFocus()

    def refresh(self, select: str | None = None) -> None:
        register = self.session.register
        if register is None:
            return
        try:
            rows = list_cases(register, CaseFilter(text=self.search.text()))
        except RegisterError as exc:
            messages.show_error(self, exc)
            return
        self.model.set_rows(rows)
        self.proxy.resort()
        target = next((i for i, r in enumerate(rows) if r.number == select), 0) if select else 0
        self.save_button.setEnabled(bool(rows))
        if rows:
            self.table.setCurrentIndex(self.proxy.mapFromSource(self.model.index(target, 0)))

    def selected_number(self) -> str | None:
        return self.proxy.case_number(self.table.currentIndex())

    def new_case(self) -> None:
        from klasse_desktop.ui.new_case_dialog import NewCaseDialog

        version = self.rules.protocol.version
        dialog = NewCaseDialog(self.session, school=self.school, protocol_version=version,
                               parent=self)  # fmt: skip
        if dialog.exec() and dialog.case is not None:
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
            self.refresh(select=dialog.case.number)
        dialog.deleteLater()

    def accept(self) -> None:
        """Add the outcome to the chosen case in the background; the dialog closes once
        it is saved (`ui/dialog_write.py`)."""
        number = self.selected_number()
        if self.session.register is None:
            return
        if number is None:
            messages.show_error(self, _("Choose a case first, or start a new one."))
            return
        run, rules, language = self.run, self.rules, self.language

        def saved(_result: object) -> None:
            self.saved_in = number
            super(CaseNoteDialog, self).accept()

        self.writer.start(
            lambda register: save_wizard_run(register, number, run, rules, language),
            saved, _("The note was not saved"),
            _("Saving the note… (another program may be using the case register)"),
        )  # fmt: skip

    def reject(self) -> None:
        if not self.writer.active:  # the note being saved is saved first
            super().reject()
