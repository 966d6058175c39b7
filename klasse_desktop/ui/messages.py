"""Message boxes, the busy cursor and "close everything with case data", in one place.

The case register's windows are marked with a property, so locking the register
can find and close every one of them, message boxes included. Tests patch the
functions here (`messages.confirm`, `messages.show_error`) instead of Qt's static
QMessageBox functions, which the rest of the app keeps using.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from klasse_desktop.i18n import _

CASE_DATA = "klasseCaseData"
log = logging.getLogger(__name__)


def mark(widget: QWidget) -> None:
    """Mark a top-level window as showing case data: locking the register closes it."""
    widget.setProperty(CASE_DATA, True)


def holds_case_data(widget: QWidget) -> bool:
    return bool(widget.property(CASE_DATA))


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # case data is never read as HTML
    mark(box)
    return box


def confirm(parent: QWidget | None, title: str, text: str, yes_text: str) -> bool:
    """Ask before something that cannot be undone; Cancel is the default and Escape."""
    box = _box(parent, QMessageBox.Icon.Warning, title, text)
    yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is yes


def show_error(parent: QWidget | None, error: Exception | str, title: str = "") -> None:
    """A register error as one clear sentence; whatever the user typed stays put.
    The log gets the error's type only: its text can name a person or a case."""
    log.warning("error shown: %s", type(error).__name__ if isinstance(error, Exception) else "text")
    box = _box(parent, QMessageBox.Icon.Warning, title or _("Case register"), str(error))
    box.addButton(QMessageBox.StandardButton.Ok)
    box.exec()


def inform(parent: QWidget | None, title: str, text: str) -> None:
    box = _box(parent, QMessageBox.Icon.Information, title, text)
    box.addButton(QMessageBox.StandardButton.Ok)
    box.exec()


@contextlib.contextmanager
def busy() -> Iterator[None]:
    """A wait cursor around a blocking call (key derivation, purge, first import).

    Paint events are let through so the cursor shows; clicks and keys are not, so
    nothing can be pressed twice meanwhile."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def close_case_windows() -> int:
    """Close every open window marked as showing case data; returns how many.

    A window with a `lock()` method gets to save its work first (the entry dialog
    saves its draft while the register is still open)."""
    closed = 0
    for widget in QApplication.topLevelWidgets():
        if not (widget.isVisible() and holds_case_data(widget)):
            continue
        lock = getattr(widget, "lock", None)
        if callable(lock):
            lock()
        elif isinstance(widget, QDialog):
            widget.done(QDialog.DialogCode.Rejected)
        else:
            widget.close()
        closed += 1
    return closed
