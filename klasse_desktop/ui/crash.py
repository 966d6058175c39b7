"""What a user sees when something unexpected goes wrong: a calm message, never a
traceback, and nothing personal written anywhere.

Exception messages can carry data (a name in a failed query, a path); so the
stderr line and the log file (`klasse_desktop.logs`) name only the exception's
type and where it happened.
"""

from __future__ import annotations

import sys
from types import TracebackType

from klasse_desktop import logs
from klasse_desktop.i18n import _


def handle(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, tb)
        return
    print(f"klasse-desktop: unexpected {kind.__name__} at {logs.where(tb)}", file=sys.stderr)
    logs.log_unexpected(kind, tb)
    from PySide6.QtWidgets import QApplication, QMessageBox  # installed before Qt loads

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
