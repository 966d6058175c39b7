"""What a user sees when something unexpected goes wrong: a calm message, never a
traceback, and nothing personal written anywhere.

Exception messages can carry data (a name in a failed query, a path); so the
stderr line names only the exception's type and where it happened.
"""

from __future__ import annotations

import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from klasse_desktop.i18n import _


def _where(tb: TracebackType | None) -> str:
    frames = traceback.extract_tb(tb)
    if not frames:
        return "?"
    last = frames[-1]
    return f"{last.filename.rsplit('/', 1)[-1]}:{last.lineno} in {last.name}"


def handle(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, tb)
        return
    print(f"klasse-desktop: unexpected {kind.__name__} at {_where(tb)}", file=sys.stderr)
    if QApplication.instance() is None:
        return
    QMessageBox.critical(
        QApplication.activeWindow(),
        _("Something went wrong"),
        _(
            "Klasse Desktop ran into an unexpected problem ({kind}). What you saved is safe. "
            "If you were typing an entry, its draft was kept. Try again, or restart the app."
        ).format(kind=kind.__name__),
    )


def install() -> None:
    sys.excepthook = handle
