"""Slow work off the UI thread (`ui/background.py`) and the register's one task at a
time (`RegisterSession.run`, `ui/busy_guard.py`).

The work here is made slow on purpose with events the test releases, so each test
decides exactly when the work ends: no sleeps, no timing guesses.
"""

from __future__ import annotations

import threading
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from klasse_desktop.ui import background, busy_guard
from klasse_desktop.ui.background import CancelledError, CancelToken, run_in_background
from klasse_desktop.ui.busy_dialog import BusyDialog
from klasse_desktop.ui.register_session import RegisterSession
from tests.cases_helpers import PROTOCOL_VERSION, open_register
from tests.ui.helpers import wait_for


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _busy_dialogs() -> list[BusyDialog]:
    from PySide6.QtWidgets import QApplication

    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, BusyDialog) and w.isVisible()
    ]


def test_the_result_arrives_on_the_ui_thread(parent):
    where, results = [], []

    def work():
        where.append(threading.current_thread() is threading.main_thread())
        return 42

    def done(result):
        where.append(threading.current_thread() is threading.main_thread())
        results.append(result)

    run_in_background(parent, work, done, None, "Rekenen…")
    wait_for(lambda: results)
    assert results == [42] and where == [False, True]  # worked off it, answered on it


def test_an_error_arrives_as_the_exception(parent):
    errors = []

    def work():
        raise OSError(28, "No space left on device")

    run_in_background(parent, work, lambda _r: errors.append("done"), errors.append, "Schrijven…")
    wait_for(lambda: errors)
    assert isinstance(errors[0], OSError) and errors[0].errno == 28


def test_quick_work_shows_no_window_and_slow_work_says_what_happens(parent, monkeypatch):
    monkeypatch.setattr(background, "DIALOG_DELAY_MS", 50)
    results = []
    run_in_background(parent, lambda: "snel", results.append, None, "Snel klaar…")
    wait_for(lambda: results)
    assert _busy_dialogs() == []

    release = threading.Event()
    task = run_in_background(parent, lambda: release.wait(10), results.append, None,
                             "Het register wordt opgeruimd…", "Bewaartermijn")  # fmt: skip
    wait_for(lambda: task.dialog is not None and task.dialog.isVisible())
    dialog = task.dialog
    assert dialog.text.text() == "Het register wordt opgeruimd…"
    assert dialog.windowTitle() == "Bewaartermijn"
    assert dialog.cancel_button is None  # no token: stopping halfway is not safe
    assert not dialog.isModal()  # the rest of the window stays usable
    dialog.reject()  # Escape does nothing either
    assert dialog.isVisible() and task.running
    release.set()
    wait_for(lambda: results == ["snel", True])
    assert _busy_dialogs() == []


def test_cancel_stops_at_a_safe_point_and_nothing_is_delivered(parent, monkeypatch):
    monkeypatch.setattr(background, "DIALOG_DELAY_MS", 0)
    token, started, release = CancelToken(), threading.Event(), threading.Event()
    delivered, cancelled, stopped = [], [], []

    def work():
        started.set()
        release.wait(10)
        try:
            token.check()
        except CancelledError:
            stopped.append(True)
            raise
        return "klaar"

    task = run_in_background(parent, work, delivered.append, delivered.append, "Namen zoeken…",
                             token=token, on_cancel=lambda: cancelled.append(True))  # fmt: skip
    wait_for(lambda: task.dialog is not None and started.is_set())
    assert task.dialog.cancel_button is not None
    task.dialog.cancel_button.click()
    assert cancelled == [True] and task.dialog is None  # the window goes at once
    release.set()
    wait_for(lambda: not task.running)
    assert stopped == [True] and delivered == []


def test_cancel_comes_too_late_once_the_work_commits(parent, monkeypatch):
    monkeypatch.setattr(background, "DIALOG_DELAY_MS", 0)
    token, committed, release = CancelToken(), threading.Event(), threading.Event()
    delivered = []

    def work():
        token.commit()  # from here on it finishes (writing the file, say)
        committed.set()
        release.wait(10)
        return "geschreven"

    task = run_in_background(parent, work, delivered.append, None, "PDF maken…", token=token)
    wait_for(lambda: task.dialog is not None and committed.is_set())
    assert task.cancel() is False
    assert not task.dialog.cancel_button.isEnabled()
    release.set()
    wait_for(lambda: delivered)
    assert delivered == ["geschreven"]
    with pytest.raises(CancelledError):
        cancelled = CancelToken()
        assert cancelled.cancel()
        cancelled.commit()


def test_a_result_for_a_closed_window_is_dropped(qtbot):
    widget = QWidget()
    release, delivered = threading.Event(), []
    run_in_background(widget, lambda: release.wait(10), delivered.append, None, "…")
    widget.deleteLater()
    qtbot.wait(10)
    release.set()
    assert background.wait_for_all()
    assert delivered == []


# -- the register's one task at a time ---------------------------------------------------------


@pytest.fixture
def session(qtbot, tmp_path):
    register = open_register(tmp_path / "register")
    register.create_case(
        "Meme over juf Ayşe", "memes", "leerlingendossier",
        protocol_version=PROTOCOL_VERSION, opened_on=date(2026, 3, 2),
    )  # fmt: skip
    session = RegisterSession(lambda: "Els Bakker", folder=tmp_path / "register")
    session.adopt(register)
    yield session
    session.lock()


def test_one_task_at_a_time_with_the_controls_guarded(qtbot, parent, session, monkeypatch):
    monkeypatch.setattr(busy_guard, "DISABLE_AFTER_MS", 50)
    button, clicks = QPushButton("Nieuwe casus", parent), []
    button.clicked.connect(lambda: clicks.append(1))
    button.show()
    session.guard(button)
    release, results = threading.Event(), []

    def slow_count(register):
        release.wait(10)
        return register.count_cases()

    first = session.run(parent, slow_count, results.append, None, "Tellen…")
    assert first is not None and session.busy
    assert session.run(parent, lambda r: r.count_cases(), results.append, None, "…") is None
    assert not session.ensure_open(parent)  # the register is there, but not free
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert clicks == []  # refused at once, not queued
    assert button.isEnabled()  # not greyed for a quick task: no flicker
    wait_for(lambda: not button.isEnabled())  # a slower one: drawn disabled
    release.set()
    wait_for(lambda: results)
    assert results == [1] and not session.busy and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert clicks == [1]


def test_locking_during_a_task_closes_the_register_when_the_work_returns(
    parent, session, monkeypatch
):
    monkeypatch.setattr(background, "DIALOG_DELAY_MS", 0)
    register = session.register
    release, started, delivered, seen = threading.Event(), threading.Event(), [], []

    def work(register):
        started.set()
        release.wait(10)
        seen.append(register.database.key_hex != "")  # still open under the work
        return register.count_cases()

    task = session.run(parent, work, delivered.append, delivered.append, "bijlage-Zoë.png…")
    wait_for(lambda: started.is_set() and task.dialog is not None)
    session.lock()
    assert not session.is_open  # the views lose it at once
    assert _busy_dialogs() == []  # its text may name a file: gone with the lock
    assert register.database.key_hex != ""  # but it is not closed under the work
    release.set()
    wait_for(lambda: not session.busy)
    assert seen == [True] and delivered == []  # nothing shown after the lock
    assert register.database.key_hex == ""  # closed by the worker once it let go


def test_work_that_holds_no_register_frees_it_on_cancel(parent, session, monkeypatch):
    monkeypatch.setattr(background, "DIALOG_DELAY_MS", 0)
    token, release = CancelToken(), threading.Event()
    task = session.run(parent, lambda _r: release.wait(10), None, None, "PDF maken…",
                       token=token, holds_register=False)  # fmt: skip
    wait_for(lambda: task.dialog is not None)
    assert task.cancel()
    assert not session.busy  # the PDF is still being drawn, but the register is free
    register = session.register
    session.lock()
    assert register.database.key_hex == ""  # nothing uses it: closed at once
    release.set()
    assert background.wait_for_all()


LOAD = """
import builtins, sys, threading
from PySide6.QtWidgets import QApplication
app = QApplication([])
from klasse_desktop.ui import register_session
where, real_import = [], builtins.__import__
def spy(name, *args, **kwargs):
    if name.split(".")[0] == "sqlalchemy" and "sqlalchemy" not in sys.modules:
        where.append(threading.current_thread() is threading.main_thread())
    return real_import(name, *args, **kwargs)
builtins.__import__ = spy
loaded = register_session._load_register_code(None)
print(loaded, where, "klasse_desktop.cases.repository" in sys.modules)
"""


def test_the_register_code_is_first_imported_off_the_ui_thread():
    """SQLAlchemy, SQLCipher and Alembic take most of a second to import the first time
    the register is opened: a worker imports them while the window keeps painting."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", LOAD], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split("\n")[0] == "True [False] True"
