"""Write or change the summary a case's reports open with.

The summary is the director's own description of the case (not an entry, so it can
be changed; each change is audited). Saved in `accept()`, so a refused save keeps
what was typed on screen.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from klasse_desktop.cases.errors import RegisterError
from klasse_desktop.i18n import _
from klasse_desktop.ui import messages
from klasse_desktop.ui.register_session import RegisterSession


class SummaryDialog(QDialog):
    def __init__(
        self, session: RegisterSession, number: str, current: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        messages.mark(self)
        self.session, self.number = session, number
        self.setWindowTitle(_("Summary of {number}").format(number=number))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)
        note = QLabel(
            _(
                "A few lines on what the case is about. Every report of this case starts "
                "with it; names of other pupils are hidden there as everywhere else."
            )
        )
        note.setWordWrap(True)
        note.setObjectName("helpText")
        self.text = QPlainTextEdit(current)
        self.text.setTabChangesFocus(True)
        self.text.setAccessibleName(_("Summary"))
        note.setBuddy(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        save = buttons.addButton(_("&Save summary"), QDialogButtonBox.ButtonRole.AcceptRole)
        save.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.text.setFocus()

    def accept(self) -> None:
        register = self.session.register
        if register is None:
            return
        try:
            register.update_case(self.number, summary=self.text.toPlainText())
        except RegisterError as exc:
            messages.show_error(self, exc, _("The summary was not saved"))
            return
        super().accept()
