"""`klasse-desktop` from a fresh process, as a user or a script starts it: `--version`
and `--help` answer and exit 0, and no arguments start the window (which, on a
first start, greets the user and writes its start line to the log)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from klasse_desktop import __version__

SCRIPT = Path(sys.executable).parent / (
    "klasse-desktop.exe" if os.name == "nt" else "klasse-desktop"
)
COMMANDS = [pytest.param([str(SCRIPT)], id="script"),
            pytest.param([sys.executable, "-m", "klasse_desktop"], id="module")]  # fmt: skip


@pytest.fixture
def env(tmp_path):
    """A user with no config, data or log yet, on a screen-less Qt."""
    values = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for name in ("CONFIG", "DATA", "CACHE", "LOG"):
        values[f"KLASSE_{name}_DIR"] = str(tmp_path / name.lower())
    values.pop("KLASSE_LANG", None)
    return values


def run(command, *args, env):
    return subprocess.run(
        [*command, *args], env=env, capture_output=True, text=True, timeout=60
    )  # fmt: skip


@pytest.mark.parametrize("command", COMMANDS)
def test_version(command, env, tmp_path):
    if not Path(command[0]).exists():
        pytest.skip("the console script is not installed in this environment")
    done = run(command, "--version", env=env)
    assert (done.returncode, done.stdout.strip(), done.stderr) == (
        0, f"klasse-desktop {__version__}", ""
    )  # fmt: skip
    assert not (tmp_path / "log").exists()  # a script's --version writes nothing


@pytest.mark.parametrize("command", COMMANDS)
def test_help_in_dutch_and_english(command, env):
    if not Path(command[0]).exists():
        pytest.skip("the console script is not installed in this environment")
    dutch = run(command, "--help", env=env)
    assert dutch.returncode == 0 and dutch.stderr == ""
    assert dutch.stdout.startswith("gebruik: klasse-desktop") and "cases" in dutch.stdout
    english = run(command, "--lang", "en", "--help", env=env)
    assert english.returncode == 0 and english.stdout.startswith("usage: klasse-desktop")


def _wait_for(path: Path, text: str, process: subprocess.Popen[str], seconds: float = 30) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        if path.exists() and text in (found := path.read_text("utf-8")):
            return found
        time.sleep(0.1)
    raise AssertionError(f"{text!r} not in {path}")


def test_no_arguments_start_the_window(env, tmp_path):
    if not SCRIPT.exists():
        pytest.skip("the console script is not installed in this environment")
    log = tmp_path / "log" / "klasse-desktop.log"
    process = subprocess.Popen(
        [str(SCRIPT)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )  # fmt: skip
    try:
        found = _wait_for(log, "window started", process)
        assert f"Klasse Desktop {__version__}" in found and "language nl" in found
        time.sleep(1.0)  # the window (and the welcome) on screen: it keeps running
        assert process.poll() is None
    finally:
        process.terminate()
        process.communicate(timeout=30)


CHECK_WELCOME = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from klasse_desktop.app import run

def shown(window):
    def look():
        modal = QApplication.activeModalWidget()
        print(type(modal).__name__ if modal else "none", flush=True)
        QApplication.instance().quit()
    QTimer.singleShot(300, look)

run(["klasse-desktop"], on_shown=shown)
"""


def test_the_welcome_shows_on_the_first_start_only(env, tmp_path):
    def start() -> str:
        done = run([sys.executable, "-c", CHECK_WELCOME], env=env)
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    assert start() == "WelcomeDialog"
    # Quitting with the welcome open counts as skipping it: it is not shown again.
    saved = json.loads((tmp_path / "config" / "settings.json").read_text("utf-8"))
    assert saved["welcomed"] is True and saved["user_name"] == ""
    assert start() == "none"
