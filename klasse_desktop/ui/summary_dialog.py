"""Write or change the summary a case's reports open with.

The summary is the director's own description of the case (not an entry, so it can
be changed; each change is audited). Saved in `accept()`, in the background
(`ui/dialog_write.py`): the dialog stays open until the register answers, so a
refused save, or a register busy in another program, keeps what was typed on screen.
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

from klasse_desktop.i18n import _
from klasse_desktop.ui import messages
from klasse_desktop.ui.dialog_write import DialogWrite
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
        self.writer = DialogWrite(self, session, self.text, buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.text.setFocus()

    def accept(self) -> None:
        """Save the summary in the background; closes once it is saved."""
        number, summary = self.number, self.text.toPlainText()
        self.writer.start(
            lambda register: register.update_case(number, summary=summary),
            lambda _result: super(SummaryDialog, self).accept(),
            _("The summary was not saved"),
            _("Saving the summary… (another program may be using the case register)"),
            on_failed=self.text.setFocus,
        )  # fmt: skip

    def reject(self) -> None:
        if not self.writer.active:  # the save under way finishes first
            super().reject()
