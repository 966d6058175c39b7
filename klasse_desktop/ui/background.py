"""The one way the window runs slow work: in a worker thread, never on the UI thread.

Unlocking (Argon2id, SQLCipher reading every page), the daily backup, a purge with
VACUUM, a restore, a report's search for names, a PDF: each takes from a few
hundred milliseconds to seconds, and on a school laptop two to four times that.
`run_in_background` hands `work` to a thread pool and delivers its result (or its
exception) back on the UI thread through a queued signal, so message boxes and
widgets are only ever touched there. Work that takes longer than about a second
(`DIALOG_DELAY_MS`) gets a small window with one sentence saying what happens;
quicker work shows nothing at all, so nothing flickers. Quiet work (a draft saved
while the user types) shows no window unless someone comes to wait for it.

Cancel is offered only where stopping is safe, through a `CancelToken` the work
checks: it stops at a safe point (`check`), and once it starts what cannot be
undone (`commit`, say writing the PDF) Cancel is no longer honoured. Work that
touches the register goes through `RegisterSession.run`, which adds "one task at
a time" and disables the register's controls meanwhile.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from klasse_desktop.ui.busy_dialog import BusyDialog

DIALOG_DELAY_MS = 1000  # quicker work shows no window at all
log = logging.getLogger(__name__)


class CancelledError(Exception):
    """The user stopped the work at a point where stopping is safe."""


class CancelToken:
    """Shared by the UI thread (`cancel`) and the work (`check`, `commit`)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._state = "running"  # running | cancelled | committed

    def cancel(self) -> bool:
        """Ask the work to stop; False if it is already past its point of no return."""
        with self._lock:
            if self._state == "committed":
                return False
            self._state = "cancelled"
            return True

    @property
    def cancelled(self) -> bool:
        return self._state == "cancelled"

    def check(self) -> None:
        """In the work, at a safe point: stop here if Cancel was pressed."""
        if self.cancelled:
            raise CancelledError

    def commit(self) -> None:
        """In the work, just before what cannot be undone: from here on it finishes."""
        with self._lock:
            if self._state == "cancelled":
                raise CancelledError
            self._state = "committed"


class _Dispatcher(QObject):
    """The one object the workers signal: it lives on the UI thread for the whole
    run, so the connection is queued and no worker ever holds the last reference to
    a Qt object (deleting one from another thread can hang the app)."""

    arrived = Signal(int, object, object)  # task number, result, error

    def __init__(self) -> None:
        super().__init__()
        self.arrived.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @Slot(int, object, object)
    def _deliver(self, number: int, result: object, error: object) -> None:
        task = _running.pop(number, None)
        if task is not None:
            task._arrived(result, error)


class _Job:
    """What a pool thread runs: the work, then one signal to the dispatcher. The
    work is let go before the signal, in this thread, so nothing it held lingers."""

    def __init__(self, number: int, work: Callable[[], object], dispatcher: _Dispatcher) -> None:
        self.number, self.dispatcher = number, dispatcher
        self.work: Callable[[], object] | None = work

    def __call__(self) -> None:
        work, self.work = self.work, None
        assert work is not None
        try:
            outcome: tuple[object, object] = (work(), None)
        except BaseException as exc:  # every outcome goes to the UI thread
            outcome = (None, exc)
        del work
        self.dispatcher.arrived.emit(self.number, *outcome)


_pool: QThreadPool | None = None
_dispatcher: _Dispatcher | None = None
_running: dict[int, BackgroundTask] = {}  # kept alive until their outcome arrives
_numbers = itertools.count(1)


def _thread_pool() -> QThreadPool:
    global _pool, _dispatcher
    if _dispatcher is None:
        _dispatcher = _Dispatcher()
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(2)
        app = QCoreApplication.instance()
        if app is not None:  # quitting waits for running work (a purge finishes)
            app.aboutToQuit.connect(lambda: wait_for_all(60_000))
    return _pool


def wait_for_all(timeout_ms: int = 30_000) -> bool:
    """Wait for every running task's work, then deliver what arrived (tests, quitting)."""
    done = _pool is None or _pool.waitForDone(timeout_ms)
    QCoreApplication.sendPostedEvents()
    return done


def wait_until(done: Callable[[], object], timeout_s: float = 60.0) -> bool:
    """Run the event loop until `done()` holds; False after `timeout_s`. For scripts
    that drive the window step by step (the screenshots): results of background work
    arrive through the event loop. The app itself never waits like this."""
    import time

    from PySide6.QtCore import QEventLoop

    deadline = time.monotonic() + timeout_s
    while not done():
        if time.monotonic() > deadline:
            return False
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.002)
    return True


class BackgroundTask(QObject):
    """One piece of work off the UI thread; see `run_in_background`."""

    ended = Signal()  # the work has returned (also after a cancel)
    cancelled = Signal()  # Cancel was pressed in time: no result will be delivered

    def __init__(
        self, parent: QWidget | None, work: Callable[[], object],
        on_done: Callable[[object], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        text: str = "", title: str = "", *, token: CancelToken | None = None,
        on_cancel: Callable[[], None] | None = None, delay_ms: int | None = None,
        quiet: bool = False,
    ) -> None:  # fmt: skip
        super().__init__()  # no parent: it must outlive nothing but its own work
        self.parent_widget = parent
        self.work: Callable[[], object] | None = work
        self.on_done, self.on_error, self.on_cancel = on_done, on_error, on_cancel
        self.text, self.title, self.token = text, title, token
        self.delay_ms = DIALOG_DELAY_MS if delay_ms is None else delay_ms
        self.dialog: BusyDialog | None = None
        self.running = False
        self.was_cancelled = False
        self.hidden = False
        self.quiet = quiet  # no window unless someone waits for it (`reveal`)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._show_dialog)

    def start(self) -> None:
        pool, number = _thread_pool(), next(_numbers)
        assert _dispatcher is not None
        self.running = True
        _running[number] = self
        self._timer.start(self.delay_ms)
        work, self.work = self.work, None  # held by the job only, let go in its thread
        assert work is not None
        pool.start(_Job(number, work, _dispatcher))

    def hide_window(self) -> None:
        """No busy window for this task, now or later (the register was locked: its
        text may name a file of a case)."""
        self.hidden = True
        self._close_dialog()

    def reveal(self) -> None:
        """Quiet work (a draft saved while typing) that someone now waits for: its
        window is shown after all, at once if it already took longer than the delay."""
        if not self.quiet:
            return
        self.quiet = False
        if self.running and not self._timer.isActive():
            self._show_dialog()

    def _show_dialog(self) -> None:
        if (not self.running or self.was_cancelled or self.hidden or self.quiet
                or self.dialog is not None or not self._window_alive()):  # fmt: skip
            return
        self.dialog = BusyDialog(self.text, self.title, self.token is not None, self.parent_widget)
        self.dialog.cancel_requested.connect(self.cancel)
        self.dialog.show()

    def _window_alive(self) -> bool:
        return self.parent_widget is None or isValid(self.parent_widget)

    def _close_dialog(self) -> None:
        self._timer.stop()
        dialog, self.dialog = self.dialog, None
        if dialog is not None and isValid(dialog):
            dialog.hide()
            dialog.deleteLater()

    def cancel(self) -> bool:
        """Cancel, if this work can be stopped and is not past its point of no return."""
        if self.token is None or not self.running or self.was_cancelled:
            return False
        if not self.token.cancel():
            if self.dialog is not None:
                self.dialog.too_late()
            return False
        self.was_cancelled = True
        self._close_dialog()
        log.info("background work cancelled")
        self.cancelled.emit()
        if self.on_cancel is not None and self._window_alive():
            self.on_cancel()
        return True

    def _arrived(self, result: object, error: object) -> None:
        self.running = False
        self._close_dialog()
        self.ended.emit()
        if self.was_cancelled or isinstance(error, CancelledError):
            return
        if not self._window_alive():  # its window is gone: nobody to tell
            log.info("background work finished after its window closed")
            return
        if error is None:
            if self.on_done is not None:
                self.on_done(result)
        elif self.on_error is not None and isinstance(error, Exception):
            self.on_error(error)
        else:
            assert isinstance(error, BaseException)  # what _Job caught
            raise error  # the crash handler's calm message


def run_in_background(
    parent: QWidget | None, work: Callable[[], object],
    on_done: Callable[[object], None] | None,
    on_error: Callable[[Exception], None] | None, busy_text: str, title: str = "", *,
    token: CancelToken | None = None, on_cancel: Callable[[], None] | None = None,
) -> BackgroundTask:  # fmt: skip
    """Run `work` in a worker thread; then `on_done(result)` or `on_error(exception)`
    on the UI thread. After about a second a window says `busy_text` (with Cancel if
    `token` is given). Without `on_error` an exception goes to the crash handler."""
    task = BackgroundTask(
        parent, work, on_done, on_error, busy_text, title, token=token, on_cancel=on_cancel
    )
    task.start()
    return task
