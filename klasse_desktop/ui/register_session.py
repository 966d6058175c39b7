"""The open case register (or none), and the one way to open and to lock it.

Holding the register in one object makes "locked" a single state: every view
asks the session for the register and gets None once it is locked. Nothing of
`klasse_desktop.cases` is imported until a user actually goes to the register,
so a teacher who only uses the wizards is never asked for a passphrase and
never pays for SQLAlchemy. Opening and locking are logged as bare events:
which register, whose name or which case is never written to the log.
"""

from __future__ import annotations

import gc
import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal
from shiboken6 import isValid

from klasse_desktop import paths
from klasse_desktop.ui.idle_lock import IdleWatcher
from klasse_desktop.ui.register_writes import (
    Waiting,
    Write,
    close_in_background,
    finish_then_close,
    keep_trying,
)

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from klasse_desktop.cases.repository import CaseRegister
    from klasse_desktop.ui.background import BackgroundTask, CancelToken
    from klasse_desktop.ui.busy_guard import BusyGuard

log = logging.getLogger(__name__)
_Outcome = TypeVar("_Outcome")  # a result (object) or an error (Exception)


def default_folder() -> Path:
    return paths.register_dir()


class RegisterSession(QObject):
    """The open register, and the one background task that may use it at a time.

    Slow register work runs through `run` (`ui/background.py`): one task at a time;
    a second is refused, not queued, and the controls passed to `guard` are
    disabled until the first is done. Writes never run on the UI thread: one the
    user asked for waits for a running task instead (`run_soon`), and so does one
    that must not be lost (`write_later`, `before_close`; `ui/register_writes.py`).
    Locking during a task takes the register away from every view at once; the
    database itself is closed (and its key wiped) by the worker as soon as the
    task's work and the last writes return, never under them."""

    opened = Signal()
    locked = Signal()
    idle = Signal()  # nobody touched the app for `lock_after_minutes`
    busy_changed = Signal(bool)  # a background task started (True) or ended (False)

    def __init__(
        self,
        actor: Callable[[], str],
        *,
        folder: Path | None = None,
        kdf: dict[str, int] | None = None,
        lock_after_minutes: int = 5,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.actor = actor
        self._folder = folder
        self.kdf = kdf  # cheap key derivation for tests and screenshots
        self.register: CaseRegister | None = None
        self.watcher = IdleWatcher(lock_after_minutes, self)
        self.watcher.idle.connect(self._on_idle)
        self.task: BackgroundTask | None = None
        self._guard: BusyGuard | None = None  # made when first needed (no Qt namespace
        self._opening = False  # before the first paint)
        # Shared with the worker thread: whether it holds the register, and the
        # register to close once it lets go (locked meanwhile).
        self._state = threading.Lock()
        self._in_use = False
        self._close_after: CaseRegister | None = None
        self._finals_after: list[Write] = []  # the last writes before that close
        self._waiting: list[Waiting] = []  # writes waiting for the running task (UI thread)
        self._finals: list[Write] = []  # writes for the moment the register locks
        self._closing: BackgroundTask | None = None  # those writes, then the close

    def _on_idle(self) -> None:
        if self.register is not None:
            log.info("case register idle for %d minutes", self.watcher.minutes)
        self.idle.emit()

    @property
    def folder(self) -> Path:
        # Resolved when used, so KLASSE_DATA_DIR set after start-up still counts.
        return self._folder or default_folder()

    @property
    def is_open(self) -> bool:
        return self.register is not None

    @property
    def busy(self) -> bool:
        """A background task is using the register (or is about to)."""
        return self.task is not None

    @property
    def writes_waiting(self) -> int:
        """Writes waiting for the running task (`run_soon`, `write_later`): they start
        when it ends, after its result is shown (a case read again first)."""
        return len(self._waiting)

    def _closed(self, closing: BackgroundTask) -> None:
        if self._closing is closing:
            self._closing = None

    def _wait_for_close(self) -> None:
        """The last writes of a lock (the text of a dialog, kept as a draft) are done
        before the register opens again, so the draft is there after the unlock. It
        takes milliseconds, unless another program holds the register: then the busy
        window says what is being waited for."""
        closing = self._closing
        if closing is None:
            return
        from PySide6.QtCore import QEventLoop

        loop = QEventLoop()
        closing.ended.connect(loop.quit)
        closing.reveal()
        if self._closing is closing:
            loop.exec()

    def ensure_open(self, parent: QWidget | None) -> bool:
        """The register, unlocked; asks for the passphrase (or sets one up) if needed.

        False while a background task runs or an unlock is under way: the action
        that asked is not queued. After an unlock the daily backup is made in the
        background (`back_up_if_due`), once the caller has shown its page."""
        if self.register is not None:
            return not self.busy
        if self.busy or self._opening:
            return False
        self._opening = True
        try:
            self._wait_for_close()
            if not _load_register_code(parent):
                return False
            from klasse_desktop.ui.unlock_dialog import UnlockDialog

            dialog = UnlockDialog(self.folder, self.actor(), kdf=self.kdf, parent=parent)
            accepted = dialog.exec() == UnlockDialog.DialogCode.Accepted
            register, dialog.register = dialog.register, None
            dialog.deleteLater()
        finally:
            self._opening = False
        if not accepted or register is None:
            if register is not None:
                register.close()
            return False
        self.adopt(register)
        QTimer.singleShot(0, lambda: self.back_up_if_due(parent))
        return True

    def back_up_if_due(self, parent: QWidget | None) -> BackgroundTask | None:
        """The daily automatic backup, in the background (a failure is logged only)."""
        from klasse_desktop.i18n import _

        return self.run(
            parent, lambda register: register.backup_if_due(), None, None,
            _("Making today's backup of the case register…"), _("Backup"),
        )  # fmt: skip

    # -- background work ----------------------------------------------------------------

    @property
    def busy_guard(self) -> BusyGuard:
        if self._guard is None:
            from klasse_desktop.ui.busy_guard import BusyGuard

            self._guard = BusyGuard(self)
        return self._guard

    def guard(self, *widgets: QWidget) -> None:
        """Widgets that touch the register: no input while a background task runs,
        and drawn disabled if it takes a while (`ui/busy_guard.py`)."""
        self.busy_guard.add(*widgets)

    def run(
        self, parent: QWidget | None, work: Callable[[CaseRegister], object],
        on_done: Callable[[object], None] | None,
        on_error: Callable[[Exception], None] | None, text: str, title: str = "", *,
        token: CancelToken | None = None, on_cancel: Callable[[], None] | None = None,
        holds_register: bool = True, quiet: bool = False,
    ) -> BackgroundTask | None:  # fmt: skip
        """Run `work(register)` in the background, if the register is open and no other
        task runs (else None: refused, not queued). The guarded controls are disabled
        until it ends. If the register is locked meanwhile, the result is dropped.

        `holds_register=False` is work that only uses what was read before (a report
        being drawn): Cancel then frees the register at once, and locking closes it at
        once. Without `on_error`, an error is logged and dropped (the daily backup).
        `quiet`: no busy window unless a write comes to wait for it (a draft saved
        while typing)."""
        from klasse_desktop.ui.background import BackgroundTask

        register = self.register
        if register is None or self.task is not None:
            return None

        def job() -> object:
            try:
                return work(register)
            finally:
                if holds_register:
                    self._let_go()

        def delivered(handle: Callable[[_Outcome], None] | None) -> Callable[[_Outcome], None]:
            def deliver(outcome: _Outcome) -> None:
                if self.register is not register:  # locked meanwhile: show nothing
                    log.info("background result dropped: the register was locked")
                    return
                if handle is not None:
                    handle(outcome)
                elif isinstance(outcome, Exception):
                    log.warning("background work failed: %s", type(outcome).__name__)

            return deliver

        if holds_register:
            with self._state:
                self._in_use = True
        task = BackgroundTask(
            parent, job, delivered(on_done), delivered(on_error), text, title,
            token=token, on_cancel=on_cancel, quiet=quiet,
        )  # fmt: skip
        task.ended.connect(lambda: self._ended(task))
        if not holds_register:
            task.cancelled.connect(lambda: self._ended(task))
        self.task = task
        self.busy_guard.engage()
        self.busy_changed.emit(True)
        task.start()
        return task

    def run_soon(
        self, parent: QWidget | None, work: Write, on_done: Callable[[object], None] | None,
        on_error: Callable[[Exception], None] | None, text: str, title: str = "",
    ) -> bool:  # fmt: skip
        """`run` for a write the user asked for (Save in a dialog): if another task uses
        the register, it starts as soon as that one ends, and that task's window is
        shown meanwhile (if it takes a while), instead of being refused. False if the
        register is locked; a lock before it starts drops it."""
        return self._enqueue(Waiting(parent, work, on_done, on_error, text, title, keep=False))

    def write_later(self, work: Write, text: str) -> None:
        """A write nobody waits for that must not be lost (a draft thrown away, the
        audit event of an export): in the background as soon as no task runs, quietly,
        waiting out another program's lock a few times; if the register locks first,
        just before it closes. Failures are logged, without content."""
        self._enqueue(Waiting(None, work, None, None, text, "", keep=True))

    def before_close(self, work: Write) -> None:
        """A write for the moment the register locks (the text of an entry dialog, kept
        as a draft): it runs in the background just before the database closes, after
        any task still running. Call it just before `lock`."""
        if self.register is not None:
            self._finals.append(work)

    def _enqueue(self, waiting: Waiting) -> bool:
        if self.register is None:
            return False
        self._waiting.append(waiting)
        if self.task is not None and not waiting.keep:
            self.task.reveal()  # someone waits for it now: say what it does
        self._start_waiting()
        return True

    def _start_waiting(self) -> None:
        while self._waiting and self.task is None and self.register is not None:
            w = self._waiting.pop(0)
            if w.parent is not None and not isValid(w.parent):
                continue  # its window was closed meanwhile
            work = keep_trying(w.work) if w.keep else w.work
            self.run(w.parent, work, w.on_done, w.on_error, w.text, w.title, quiet=w.keep)

    def _let_go(self) -> None:
        """In the worker, when its work returns: if the register was locked meanwhile,
        the last writes, then close it."""
        with self._state:
            self._in_use = False
            pending, self._close_after = self._close_after, None
            finals, self._finals_after = self._finals_after, []
        if pending is not None:
            finish_then_close(pending, finals)

    def _ended(self, task: BackgroundTask) -> None:
        if self.task is not task:
            return
        self.task = None
        self.busy_guard.release()
        self.busy_changed.emit(False)
        if self._waiting:  # after this task's result is delivered
            QTimer.singleShot(0, self._start_waiting)

    def adopt(self, register: CaseRegister) -> None:
        """Take an already unlocked register (the unlock dialog's, or a test's)."""
        self.register = register
        log.info("case register opened")
        self.watcher.start()
        self.opened.emit()

    def set_lock_minutes(self, minutes: int) -> None:
        self.watcher.set_minutes(minutes)

    def lock(self) -> None:
        """Close the database (the key is dropped with it) and tell the views.

        During a background task the views lose the register at once; the worker
        closes the database as soon as the task's work returns. Writes that must not
        be lost (`before_close`, `write_later`) run in the worker first."""
        register, self.register = self.register, None
        self.watcher.stop()
        finals = self._finals + [w.work for w in self._waiting if w.keep]
        self._finals, self._waiting = [], []  # a Save not yet started is dropped
        if register is None:
            return
        with self._state:
            in_use = self._in_use
            if in_use:
                self._close_after, self._finals_after = register, finals
        if not in_use and finals:
            closing = self._closing = close_in_background(register, finals)
            closing.ended.connect(lambda: self._closed(closing))
        elif not in_use:
            register.close()
        if self.task is not None:
            self.task.hide_window()
        log.info("case register locked")
        self.locked.emit()


def _load_register_code(parent: QWidget | None) -> bool:
    """Import the register's code (SQLAlchemy, SQLCipher, Alembic: most of a second
    the first time) in a worker thread, the window painting meanwhile. False if the
    window was closed while it loaded."""
    if "klasse_desktop.cases.repository" in sys.modules:
        return True
    from PySide6.QtCore import QEventLoop, Qt
    from PySide6.QtWidgets import QApplication

    from klasse_desktop.i18n import _
    from klasse_desktop.ui.background import run_in_background

    loop = QEventLoop()
    failure: list[Exception] = []

    def work() -> None:
        import klasse_desktop.cases.repository  # noqa: F401 - the import is the work

    def failed(error: Exception) -> None:
        failure.append(error)
        loop.quit()

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        run_in_background(
            parent, work, lambda _r: loop.quit(), failed, _("Loading the case register…")
        )
        loop.exec()
    finally:
        QApplication.restoreOverrideCursor()
    if failure:
        raise failure[0]
    # ~100 000 objects that live as long as the process (SQLAlchemy's, Alembic's, the
    # rules'): out of the garbage collector's sight, a full collection pauses every
    # thread for ~10 ms instead of ~80 ms (`benchmarks/stalls.py`).
    gc.freeze()
    return parent is None or (isValid(parent) and parent.isVisible())
