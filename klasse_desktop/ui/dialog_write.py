"""A dialog's Save, written off the UI thread, the dialog held until the register answers.

A write waits for the register's write lock, for up to five seconds when another
program (the CLI) holds it; on the UI thread that froze the window. Here Save
hands the write to `RegisterSession.run_soon` and the dialog stays open: input to
its fields and buttons is refused at once and they are drawn disabled after a
moment (`BusyGuard`, so a quick save does not flicker), the busy window says why
after about a second, and a second click on Save writes nothing. Then the dialog
closes (the caller's `on_done`), or the error is said in one sentence and
everything typed is still there to try again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QWidget

from klasse_desktop.i18n import _
from klasse_desktop.ui import messages
from klasse_desktop.ui.busy_guard import BusyGuard
from klasse_desktop.ui.register_session import RegisterSession
from klasse_desktop.ui.register_writes import Write


class DialogWrite(QObject):
    """One write at a time for `dialog`; `widgets` are held while it runs."""

    def __init__(self, dialog: QDialog, session: RegisterSession, *widgets: QWidget) -> None:
        super().__init__(dialog)
        self.dialog, self.session = dialog, session
        self.guard = BusyGuard(self)
        self.guard.add(*widgets)
        self.active = False  # asked for and not answered yet (running or waiting)
        dialog.finished.connect(self._end)  # closed by a lock meanwhile
        session.locked.connect(self._end)

    def start(
        self, work: Write, on_done: Callable[[object], None], error_title: str, text: str,
        on_failed: Callable[[], None] | None = None,
    ) -> bool:  # fmt: skip
        """Write in the background, then `on_done(result)` on the UI thread. A
        register error is shown under `error_title`, then `on_failed()`. False (and
        nothing written) if a write already runs or the register is locked."""
        if self.active:
            return False

        def done(result: object) -> None:
            self._end()
            on_done(result)

        def failed(error: Exception) -> None:
            from klasse_desktop.cases.errors import RegisterError

            self._end()
            if not isinstance(error, RegisterError):
                raise error
            messages.show_error(self.dialog, error, error_title)
            if on_failed is not None:
                on_failed()

        self.active = True
        self.guard.engage()
        if not self.session.run_soon(self.dialog, work, done, failed, text, _("Case register")):
            self._end()
            return False
        return True

    def _end(self, *_args: object) -> None:
        self.active = False
        self.guard.release()
