"""Backups off the laptop from the window: "Back up to…", its reminder, and taking a
register over from such a file in the unlock dialog (file dialogs and message boxes
patched; fast key derivation)."""

# ruff: noqa: F811 - the fixtures imported below are used as arguments
from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtWidgets import QDialog

from klasse_desktop.cases.errors import WrongPassphraseError
from klasse_desktop.cases.handover import export_backup
from klasse_desktop.cases.listing import list_cases
from klasse_desktop.cases.repository import CaseRegister
from klasse_desktop.i18n import _
from klasse_desktop.ui import file_dialogs, offsite_backup
from klasse_desktop.ui.offsite_backup import REMINDER_DAYS, backup_due
from klasse_desktop.ui.takeover_dialog import TakeoverDialog
from klasse_desktop.ui.unlock_dialog import UnlockDialog
from tests.cases_helpers import FAST_KDF, PASSPHRASE, PROTOCOL_VERSION, open_register
from tests.ui.test_case_register_ui import (  # noqa: F401 - fixtures
    ACTOR,
    data_dir,
    new_register,
    prompts,
    win,
)

NEW_PASSPHRASE = "zeilboot tulpenbol kaasschaaf 77"


def _open_in_window(win, data_dir):
    register = new_register(data_dir)
    register.create_case(
        "Kwetsende berichten in de groepsapp", "pesten", "leerlingendossier",
        protocol_version=PROTOCOL_VERSION, opened_on=date(2026, 3, 2),
    )  # fmt: skip
    win.register_session.adopt(register)
    assert win.open_register()
    return win.register_page.list_page


def test_back_up_to_a_folder_writes_one_file_and_ends_the_reminder(
    qtbot,
    win,
    data_dir,
    prompts,
    monkeypatch,
    tmp_path,
):
    page = _open_in_window(win, data_dir)
    reminder = page.reminder
    assert reminder.isVisible()
    assert reminder.text.text() == offsite_backup.reminder_text(None)
    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(file_dialogs, "choose_folder", lambda *_a, **_k: usb)
    page.offsite_button.click()
    qtbot.waitUntil(lambda: bool(prompts["inform"]), timeout=15000)
    [made] = list(usb.iterdir())
    assert made.name.startswith("klasse-register-") and made.suffix == ".klasse-backup"
    assert str(made) in prompts["inform"][0] and prompts["error"] == []
    assert not reminder.isVisible()
    page.refresh()  # stays hidden: the backup is recent
    assert not reminder.isVisible()


def test_the_reminder_button_and_the_menu_start_the_backup(
    qtbot,
    win,
    data_dir,
    prompts,
    monkeypatch,
):
    page = _open_in_window(win, data_dir)
    asked = []
    monkeypatch.setattr(file_dialogs, "choose_folder", lambda *_a, **_k: asked.append(1))
    page.reminder.backup_button.click()
    assert win.offsite_action.isEnabled()
    win.offsite_action.trigger()
    assert asked == [1, 1]
    assert prompts["inform"] == [] and page.reminder.isVisible()  # cancelled: nothing made


def test_an_old_backup_is_named_and_not_now_hides_until_the_next_unlock(
    qtbot,
    win,
    data_dir,
    prompts,
):
    page = _open_in_window(win, data_dir)
    old = datetime.now() - timedelta(days=REMINDER_DAYS + 5)
    folder = win.register_session.register.database.path.parent
    (folder / "offsite.json").write_text(
        json.dumps({"last_offsite_backup": old.isoformat(timespec="seconds")})
    )
    page.refresh()
    assert page.reminder.isVisible()
    assert str(old.year) in page.reminder.text.text()
    page.reminder.dismiss_button.click()
    assert not page.reminder.isVisible()
    page.refresh()
    assert not page.reminder.isVisible()
    win.lock_register()
    win.register_session.adopt(CaseRegister.open(folder, PASSPHRASE, ACTOR, kdf=FAST_KDF))
    win.open_register()
    assert page.reminder.isVisible()


def test_backup_due():
    now = datetime(2026, 11, 25, 12, 0)
    assert backup_due(None, now)
    assert not backup_due(now - timedelta(days=REMINDER_DAYS - 1), now)
    assert backup_due(now - timedelta(days=REMINDER_DAYS), now)


# -- taking a register over ------------------------------------------------------------


@pytest.fixture
def backup_file(tmp_path):
    register = open_register(tmp_path / "old-laptop")
    register.create_case(
        title="Meme in de klassenapp", category="memes", file_type="leerlingendossier",
        protocol_version=PROTOCOL_VERSION, opened_on=date(2026, 3, 2),
    )  # fmt: skip
    usb = tmp_path / "usb"
    usb.mkdir()
    made = export_backup(register.database, usb)
    register.close()
    return made


def _take_over(qtbot, monkeypatch, folder, source, old, new=NEW_PASSPHRASE):
    monkeypatch.setattr(file_dialogs, "open_file", lambda *_a, **_k: source)
    seen = []

    def exec_(dialog):
        seen.append(dialog)
        dialog.old.setText(old)
        dialog.new.setText(new)
        dialog.repeat.setText(new)
        dialog.accept()
        qtbot.waitUntil(lambda: not dialog.working, timeout=15000)
        if dialog.result() != QDialog.DialogCode.Accepted:
            dialog.reject()
        return dialog.result()

    monkeypatch.setattr(TakeoverDialog, "exec", exec_)
    dialog = UnlockDialog(folder, ACTOR, kdf=FAST_KDF)
    qtbot.addWidget(dialog)
    assert dialog.creating and dialog.takeover is not None
    dialog.takeover.click()
    assert len(seen) == 1
    return dialog


def test_a_register_is_taken_over_and_opens_under_the_new_passphrase(
    qtbot,
    tmp_path,
    monkeypatch,
    backup_file,
    prompts,
):
    folder = tmp_path / "new-laptop"
    dialog = _take_over(qtbot, monkeypatch, folder, backup_file, PASSPHRASE)
    assert prompts["error"] == []
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.register is not None
    assert [c.title for c in list_cases(dialog.register)] == ["Meme in de klassenapp"]
    dialog.register.close()
    with pytest.raises(WrongPassphraseError):
        CaseRegister.open(folder, PASSPHRASE, ACTOR, kdf=FAST_KDF)
    CaseRegister.open(folder, NEW_PASSPHRASE, ACTOR, kdf=FAST_KDF).close()


def test_a_wrong_old_passphrase_is_said_and_leaves_the_folder_empty(
    qtbot,
    tmp_path,
    monkeypatch,
    backup_file,
    prompts,
):
    folder = tmp_path / "new-laptop"
    dialog = _take_over(qtbot, monkeypatch, folder, backup_file, "verkeerd wachtwoord 1")
    assert prompts["error"] == [_("That passphrase does not open this backup.")]
    assert dialog.register is None and dialog.result() != QDialog.DialogCode.Accepted
    assert not folder.exists() or list(folder.iterdir()) == []
    assert dialog.creating  # still offered as a new register, or to take one over


def test_a_weak_new_passphrase_is_refused_before_anything_is_written(
    qtbot,
    tmp_path,
    monkeypatch,
    backup_file,
    prompts,
):
    folder = tmp_path / "new-laptop"
    dialog = _take_over(qtbot, monkeypatch, folder, backup_file, PASSPHRASE, "1234567890ab")
    assert len(prompts["error"]) == 1 and dialog.register is None
    assert not folder.exists() or list(folder.iterdir()) == []
