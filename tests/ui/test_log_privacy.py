"""No personal data in the log: a whole register flow with an invented name (a
canary) in every field a person can type, then every file in the log folder is
searched for it.

The flow is the window's (welcome, unlock with a passphrase, a case with a party
and entries, a wrong passphrase, an error message, an unexpected error, idle
lock, closing) and the command line's (init, new, add-party, add-entry, an
error). The log is set to DEBUG, so nothing is left out because of its level;
the test also checks that the events were logged, so an empty log cannot pass.
"""

from __future__ import annotations

import logging

import pytest
from PySide6.QtWidgets import QMessageBox

from klasse_desktop import logs
from klasse_desktop.cases.errors import NotFoundError
from klasse_desktop.cli import main as cli_main
from klasse_desktop.settings import Settings
from klasse_desktop.ui import crash, messages
from klasse_desktop.ui.main_window import MainWindow
from klasse_desktop.ui.qt_i18n import install_translators
from klasse_desktop.ui.unlock_dialog import UnlockDialog
from klasse_desktop.ui.welcome_dialog import WelcomeDialog
from tests.ui.conftest import TODAY
from tests.ui.helpers import settle, wait_for

CANARY = "Kanarie-Zoë-LG77"
PASSPHRASE = f"wachtwoord {CANARY} geheim"
FAST_KDF = {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}
# The canary, and parts of it that survive escaping ("Zo\xeb") or encoding.
NEEDLES = [CANARY.encode(), CANARY.encode("utf-16-le"), b"Kanarie", b"LG77", b"geheim"]


@pytest.fixture
def log_dir(tmp_path, monkeypatch):
    folder = tmp_path / "logs"
    monkeypatch.setenv("KLASSE_LOG_DIR", str(folder))
    monkeypatch.setenv("KLASSE_DATA_DIR", str(tmp_path / "data"))
    logs.shutdown()
    assert logs.setup(logging.DEBUG) is not None
    yield folder
    logs.shutdown()


def exec_driving(monkeypatch, cls, *steps):
    def exec_(dialog):
        for step in steps:
            step(dialog)
        return dialog.result()

    monkeypatch.setattr(cls, "exec", exec_)


def unlock_with(passphrase):
    def step(dialog):
        dialog.passphrase.setText(passphrase)
        dialog.repeat.setText(passphrase)
        dialog.accept()
        wait_for(lambda: not dialog.working)  # the register opens in the background

    return step


def window_flow(qtbot, qapp, rules, monkeypatch) -> None:
    install_translators(qapp, "nl")
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)  # message boxes: shown, closed
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: 0)
    win = MainWindow(
        rules, Settings(), today=TODAY, register_kdf=FAST_KDF, show_welcome=True
    )  # fmt: skip
    qtbot.addWidget(win)

    def welcome(dialog):
        dialog.go_to(1)
        dialog.user_name.setText(CANARY)
        dialog.role.setCurrentIndex(dialog.role.findData("directeur"))
        dialog.school.setText(f"OBS {CANARY}")
        dialog.foundation.setText(f"Stichting {CANARY}")
        dialog.go_to(2)
        dialog.setup_register.setChecked(True)
        dialog.finish_button.click()

    exec_driving(monkeypatch, WelcomeDialog, welcome)
    exec_driving(monkeypatch, UnlockDialog, unlock_with(PASSPHRASE))  # creates the register
    win.show()
    qtbot.waitUntil(lambda: win.register_session.is_open)
    settle(win)  # the daily backup after the unlock

    register = win.register_session.register
    case = register.create_case(
        f"Berichten over {CANARY}", "pesten", "leerlingendossier",
        protocol_version=rules.protocol.version, summary=f"Samenvatting {CANARY}",
    )  # fmt: skip
    register.add_party(case.number, "leerling", CANARY, f"groep 7 {CANARY}")
    entry = register.add_entry(case.number, f"Gesprek met {CANARY}.")
    register.add_addendum(case.number, entry.id, f"Aanvulling: {CANARY}")
    register.save_draft(case.number, f"Concept over {CANARY}")
    register.backup()
    win.register_page.list_page.refresh()
    win.register_page.open_case(case.number)
    settle(win)

    messages.show_error(win, NotFoundError(f"There is no case {CANARY}."))
    try:
        raise ValueError(f"could not save {CANARY}")
    except ValueError as exc:
        crash.handle(type(exc), exc, exc.__traceback__)

    win.register_session.watcher.idle.emit()  # idle time reached: locks
    assert not win.register_session.is_open
    exec_driving(
        monkeypatch, UnlockDialog, unlock_with(f"fout {CANARY}"), unlock_with(PASSPHRASE)
    )  # fmt: skip
    assert win.open_register()
    win.lock_register()
    win.close()


def cli_flow(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("KLASSE_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("KLASSE_KDF", "fast")
    data = str(tmp_path / "cli-data")

    def cases(*argv):
        return cli_main(["--data-dir", data, "cases", *argv])

    assert cases("init") == 0
    assert cases("new", "--title", f"Foto van {CANARY}") == 0
    number = next(w.strip(":") for w in capsys.readouterr().out.split() if w.startswith("K-"))
    assert cases("add-party", number, "--role", "leerling", "--name", CANARY) == 0
    assert cases("add-entry", number, "--text", f"Gesprek met {CANARY}") == 0
    assert cases("show", f"K-{CANARY}") == 2  # an error that names the canary
    assert cases("export-person", CANARY) == 0
    capsys.readouterr()


def test_the_canary_is_in_no_log_file(qtbot, qapp, rules, monkeypatch, tmp_path, capsys, log_dir):
    window_flow(qtbot, qapp, rules, monkeypatch)
    cli_flow(tmp_path, monkeypatch, capsys)

    files = [p for p in log_dir.rglob("*") if p.is_file()]
    assert files
    for path in files:
        data = path.read_bytes()
        for needle in NEEDLES:
            assert needle not in data, (path.name, needle)
    written = "".join(p.read_text("utf-8") for p in files)
    for event in (
        "welcome finished",
        "case register set-up requested from the welcome",
        "case register created",
        "case register opened",
        "case register backed up (manual)",
        "error shown: NotFoundError",
        "unexpected ValueError at test_log_privacy.py:",
        "case register idle for",
        "case register locked",
        "passphrase refused (attempt 1)",
        "window closed",
    ):
        assert event in written, event
