"""Unlocking a damaged register offers its newest backup (message boxes patched)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QDialog

from klasse_desktop.cases.database import backups_in
from klasse_desktop.cases.listing import list_cases
from klasse_desktop.i18n import _
from klasse_desktop.ui import messages
from klasse_desktop.ui.unlock_dialog import UnlockDialog
from tests.cases_helpers import FAST_KDF, PASSPHRASE, PROTOCOL_VERSION, open_register
from tests.ui.helpers import wait_for


@pytest.fixture
def prompts(monkeypatch):
    shown = {"confirm": [], "error": [], "answer": True}

    def confirm(_parent, title, text, yes):
        shown["confirm"].append((title, text, yes))
        return shown["answer"]

    monkeypatch.setattr(messages, "confirm", confirm)
    monkeypatch.setattr(messages, "show_error", lambda _p, e, _t="": shown["error"].append(str(e)))
    return shown


def _damaged(tmp_path, *, with_backup=True):
    folder = tmp_path / "register"
    register = open_register(folder)
    register.create_case(
        title="Meme in de klassenapp", category="memes", file_type="leerlingendossier",
        protocol_version=PROTOCOL_VERSION, opened_on=date(2026, 3, 2),
    )  # fmt: skip
    register.close()
    if with_backup:
        open_register(folder, create=False).close()
        assert backups_in(folder)
    db = folder / "register.db"
    db.write_bytes(bytes(db.stat().st_size))
    return folder


def _unlock(qtbot, folder, passphrase=PASSPHRASE):
    dialog = UnlockDialog(folder, "Els Bakker", kdf=FAST_KDF)
    qtbot.addWidget(dialog)
    dialog.passphrase.setText(passphrase)
    dialog.accept()
    assert dialog.working and not dialog.passphrase.isEnabled()  # opening, off the UI thread
    wait_for(lambda: not dialog.working)  # the open, and a restore if one was agreed to
    return dialog


def test_a_damaged_register_offers_the_newest_backup_and_opens_it(qtbot, tmp_path, prompts):
    folder = _damaged(tmp_path)
    dialog = _unlock(qtbot, folder)
    [(_title, text, yes)] = prompts["confirm"]
    assert yes == _("&Restore the newest backup") == "&Nieuwste reservekopie terugzetten"
    assert "beschadigd" in text  # the reason comes first
    assert prompts["error"] == []
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.register is not None
    assert [r.title for r in list_cases(dialog.register)] == ["Meme in de klassenapp"]
    dialog.register.close()
    assert len(list(folder.glob("register.db.damaged-*"))) == 1


def test_declining_the_restore_changes_nothing(qtbot, tmp_path, prompts):
    folder = _damaged(tmp_path)
    before = (folder / "register.db").read_bytes()
    prompts["answer"] = False
    dialog = _unlock(qtbot, folder)
    assert len(prompts["confirm"]) == 1
    assert dialog.register is None and dialog.result() != QDialog.DialogCode.Accepted
    assert "beschadigd" in dialog.error.text()
    assert (folder / "register.db").read_bytes() == before
    assert not list(folder.glob("register.db.damaged-*"))


def test_without_backups_the_error_is_shown_and_nothing_offered(qtbot, tmp_path, prompts):
    folder = _damaged(tmp_path, with_backup=False)
    dialog = _unlock(qtbot, folder)
    assert prompts["confirm"] == []
    assert len(prompts["error"]) == 1 and "beschadigd" in prompts["error"][0]
    assert dialog.register is None


def test_a_lost_register_file_is_not_offered_as_new_but_restored(qtbot, tmp_path, prompts):
    """register.db moved away by a cleaner: the dialog must not ask for a new
    passphrase (a new key file would lock out every backup) but offer the backup."""
    folder = _damaged(tmp_path)
    (folder / "register.db").unlink()
    salt = __import__("json").loads((folder / "register.json").read_text())["salt"]
    dialog = _unlock(qtbot, folder)
    assert not dialog.creating and dialog.repeat.isHidden()
    [(_title, text, _yes)] = prompts["confirm"]
    assert "register.db" in text and "ontbreekt" in text
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.register is not None
    assert [c.title for c in list_cases(dialog.register)] == ["Meme in de klassenapp"]
    # The same key (salt) as before: no new register was made over the backups.
    assert __import__("json").loads((folder / "register.json").read_text())["salt"] == salt
    dialog.register.close()


def test_wrong_passphrases_make_the_dialog_wait_longer_each_time(qtbot, tmp_path, prompts):
    folder = tmp_path / "register"
    open_register(folder).close()
    dialog = UnlockDialog(folder, "Els Bakker", kdf=FAST_KDF)
    qtbot.addWidget(dialog)
    waits = []
    for _attempt in range(4):
        dialog.ok.setEnabled(True)
        dialog.passphrase.setEnabled(True)
        dialog.passphrase.setText("verkeerd wachtwoord 1")
        dialog.accept()
        wait_for(lambda: not dialog.working)
        waits.append(dialog.wait_seconds())
    assert waits == [0, 2, 4, 8]
    assert not dialog.ok.isEnabled() and not dialog.passphrase.isEnabled()
    assert dialog.warning.text() == "Wacht 8 seconden voor de volgende poging."
