"""Add a party to a case: role, name, and class or function.

Saves in `accept()`, so a refused name keeps what was typed on screen.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from klasse_desktop.cases.errors import RegisterError
from klasse_desktop.cases.models import ROLE_LABELS, Party
from klasse_desktop.cases.repository import MAX_NAME
from klasse_desktop.i18n import _
from klasse_desktop.ui import messages
from klasse_desktop.ui.case_labels import vocabulary
from klasse_desktop.ui.forms import labelled_form
from klasse_desktop.ui.register_session import RegisterSession


class PartyDialog(QDialog):
    def __init__(
        self, session: RegisterSession, number: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        messages.mark(self)
        self.session, self.number = session, number
        self.party: Party | None = None
        self.setWindowTitle(_("Add a party to {number}").format(number=number))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)

        self.role = QComboBox()
        for value, label in vocabulary(ROLE_LABELS):
            self.role.addItem(label, value)
        self.name = QLineEdit()
        self.name.setMaxLength(MAX_NAME)
        self.class_or_function = QLineEdit()
        self.class_or_function.setMaxLength(MAX_NAME)
        self.class_or_function.setPlaceholderText(_("For example: group 7, or teacher"))
        form = labelled_form(
            [
                (_("&Role"), self.role),
                (_("&Name"), self.name),
                (_("&Class or function"), self.class_or_function),
            ]
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        add = buttons.addButton(_("&Add party"), QDialogButtonBox.ButtonRole.AcceptRole)
        add.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.role.setFocus()

    def accept(self) -> None:
        register = self.session.register
        if register is None:
            return
        try:
            self.party = register.add_party(
                self.number, self.role.currentData(), self.name.text(),
                self.class_or_function.text(),
            )  # fmt: skip
        except RegisterError as exc:
            messages.show_error(self, exc, _("The party was not added"))
            self.name.setFocus()
            return
        super().accept()
