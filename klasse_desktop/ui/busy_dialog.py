"""The small window that says what slow work is doing (`ui/background.py`).

One sentence and a moving bar: the steps of a key derivation or a VACUUM are not
known in advance, so there is no percentage. Cancel is there only where stopping
is safe; once the work is past its point of no return the button is disabled.
Not modal: the rest of the window stays usable (the wizards, the protocol), and
what would touch the register is disabled by the session meanwhile.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from klasse_desktop.i18n import _
from klasse_desktop.ui.forms import wrapped_label


class BusyDialog(QDialog):
    """What is happening, in one sentence, with Cancel only where that is safe."""

    cancel_requested = Signal()

    def __init__(self, text: str, title: str, cancellable: bool, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("busyDialog")
        self.setWindowTitle(title or _("Please wait"))
        self.cancellable = cancellable
        self.text = wrapped_label(text, "busyText")
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # no percentage: the steps are not known in advance
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName(text)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.bar)
        self.cancel_button: QPushButton | None = None
        if cancellable:
            buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
            self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
            buttons.rejected.connect(self.cancel_requested.emit)
            layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 50)

    def too_late(self) -> None:
        """The work is past the point where it can stop: it finishes."""
        if self.cancel_button is not None:
            self.cancel_button.setEnabled(False)

    def reject(self) -> None:  # Escape
        if self.cancellable:
            self.cancel_requested.emit()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        event.ignore()
        self.reject()
