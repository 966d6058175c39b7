"""One window per data folder: a second start is refused, a crashed one's lock is not."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time

from klasse_desktop.settings import Settings, save_settings
from klasse_desktop.ui import single_instance

FIRST = """
import sys
from klasse_desktop.app import run

sys.exit(run(["klasse-desktop"], on_shown=lambda window: print("READY", flush=True)))
"""

SECOND = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

def information(_parent, title, text, *args, **kwargs):
    print("MESSAGE:", text.replace("\\n", " "), flush=True)
    return QMessageBox.StandardButton.Ok

QMessageBox.information = staticmethod(information)
from klasse_desktop.app import run

def shown(window):
    print("WINDOW", flush=True)
    QTimer.singleShot(0, QApplication.instance().quit)

sys.exit(run(["klasse-desktop"], on_shown=shown))
"""


def _env(tmp_path):
    config = tmp_path / "config"
    env = {
        **os.environ, "QT_QPA_PLATFORM": "offscreen", "KLASSE_DATA_DIR": str(tmp_path / "data"),
        "KLASSE_CONFIG_DIR": str(config), "KLASSE_LANG": "en",
    }  # fmt: skip
    old = os.environ.get("KLASSE_CONFIG_DIR")
    os.environ["KLASSE_CONFIG_DIR"] = str(config)
    try:
        save_settings(Settings(language="en", welcomed=True))  # no first-run dialog
    finally:
        if old is None:
            os.environ.pop("KLASSE_CONFIG_DIR")
        else:
            os.environ["KLASSE_CONFIG_DIR"] = old
    return env


def _start_first(env):
    first = subprocess.Popen(
        [sys.executable, "-c", FIRST], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    assert first.stdout is not None
    while time.monotonic() < deadline:
        ready, _w, _x = select.select([first.stdout], [], [], 1)
        if ready and first.stdout.readline().strip() == "READY":
            return first
        assert first.poll() is None, first.stderr.read() if first.stderr else ""
    first.kill()
    raise AssertionError("the first window did not come up")


def _second(env):
    return subprocess.run(
        [sys.executable, "-c", SECOND], env=env, capture_output=True, text=True, timeout=120
    )


def test_a_second_start_is_refused_with_a_message(tmp_path):
    env = _env(tmp_path)
    first = _start_first(env)
    try:
        second = _second(env)
        assert second.returncode == 0, second.stderr
        assert "MESSAGE: Klasse Desktop is already open." in second.stdout
        assert "WINDOW" not in second.stdout
    finally:
        first.terminate()
        first.wait(30)


def test_the_lock_of_a_killed_window_does_not_block_the_next_start(tmp_path):
    env = _env(tmp_path)
    first = _start_first(env)
    os.kill(first.pid, signal.SIGKILL)
    first.wait(30)
    lock = tmp_path / "data" / single_instance.LOCK_FILE
    assert lock.exists()  # left behind, as after a crash
    second = _second(env)
    assert second.returncode == 0, second.stderr
    assert "WINDOW" in second.stdout and "MESSAGE" not in second.stdout
    assert not lock.exists()  # a normal quit removes it


def test_acquire_in_process(tmp_path):
    lock = single_instance.acquire(tmp_path)
    assert lock is not None and lock.isLocked()
    assert single_instance.acquire(tmp_path) is None  # held, by a live process
    lock.unlock()
    again = single_instance.acquire(tmp_path)
    assert again is not None
    again.unlock()
