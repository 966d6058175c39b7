"""File dialogs speak the app's language and open where the user was last."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QDialog, QFileDialog

from klasse_desktop import i18n
from klasse_desktop.ui import file_dialogs
from klasse_desktop.ui.qt_i18n import install_translators


@pytest.fixture(autouse=True)
def _fresh(monkeypatch, qapp):
    file_dialogs._remembered.clear()
    yield
    file_dialogs._remembered.clear()
    i18n.set_language("nl")
    install_translators(qapp, "nl")


@pytest.fixture
def dialogs(monkeypatch):
    """Each dialog as it would open; "choosing" answers with `choose[0]`."""
    seen: list[QFileDialog] = []
    choose: list[object] = [None]

    def exec_(dialog):
        seen.append(dialog)
        if choose[0] is None:
            return QDialog.DialogCode.Rejected
        monkeypatch.setattr(dialog, "selectedFiles", lambda: [str(choose[0])])
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QFileDialog, "exec", exec_)
    return seen, choose


def test_qt_s_own_dialog_speaks_dutch(qapp, dialogs):
    i18n.set_language("nl")
    install_translators(qapp, "nl")
    seen, _choose = dialogs
    file_dialogs.save_file(None, "Verslag opslaan", "verslag.pdf", "PDF-documenten (*.pdf)")
    labels = {which: seen[0].labelText(which) for which in QFileDialog.DialogLabel}
    look_in = labels[QFileDialog.DialogLabel.LookIn].replace("&", "")
    file_type = labels[QFileDialog.DialogLabel.FileType].replace("&", "")
    assert look_in in ("Zoeken in:", i18n._("Look &in:").replace("&", ""))
    assert "Look" not in look_in and "Files of" not in file_type
    assert labels[QFileDialog.DialogLabel.Reject] == "Annuleren"
    i18n.set_language("en")
    install_translators(qapp, "en")
    file_dialogs.save_file(None, "Save report", "report.pdf")
    assert seen[1].labelText(QFileDialog.DialogLabel.LookIn).replace("&", "") == "Look in:"


def test_the_save_dialog_opens_in_the_last_folder_and_remembers_it(tmp_path, dialogs):
    seen, choose = dialogs
    reports = tmp_path / "Verslagen"
    reports.mkdir()
    first = file_dialogs.save_file(None, "Verslag opslaan", "verslag-K-2026-0001.pdf")
    assert first is None  # cancelled: nothing remembered
    assert seen[0].directory().absolutePath() == str(file_dialogs.Path.home())
    choose[0] = reports / "verslag-K-2026-0001.pdf"
    assert file_dialogs.save_file(None, "Verslag opslaan", "verslag.pdf") == choose[0]
    stored = json.loads((tmp_path / "config" / file_dialogs.FOLDER_FILE).read_text("utf-8"))
    assert stored == {"folder": str(reports)}
    file_dialogs._remembered.clear()  # a new session reads it from disk
    file_dialogs.save_file(None, "Verslag opslaan", "verslag-K-2026-0002.pdf")
    assert seen[-1].directory().absolutePath() == str(reports)
    assert seen[-1].acceptMode() == QFileDialog.AcceptMode.AcceptSave


def test_a_folder_that_is_gone_opens_the_home_folder(tmp_path, dialogs):
    seen, choose = dialogs
    usb = tmp_path / "usb"
    usb.mkdir()
    choose[0] = usb
    assert file_dialogs.choose_folder(None, "Reservekopie") == usb
    usb.rmdir()
    file_dialogs.open_file(None, "Kies de reservekopie")
    assert seen[-1].directory().absolutePath() == str(file_dialogs.Path.home())


def test_linux_uses_qt_s_dialog_only_when_the_system_speaks_another_language(monkeypatch):
    monkeypatch.setattr(file_dialogs.sys, "platform", "linux")
    i18n.set_language("nl")
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("nl_NL")))
    assert not file_dialogs.use_qt_dialog()
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("en_US")))
    assert file_dialogs.use_qt_dialog()
    monkeypatch.setattr(file_dialogs.sys, "platform", "win32")
    assert not file_dialogs.use_qt_dialog()
