"""A full disk while saving an entry: a clear message, the dialog and the text stay."""

from __future__ import annotations

from klasse_desktop.cases.errors import StorageError
from klasse_desktop.ui.entry_dialog import EntryDialog
from tests.ui.helpers import finish_writes
from tests.ui.test_case_register_ui import data_dir, prompts, seeded, win  # noqa: F401 - fixtures


def test_the_typed_text_survives_a_full_disk(win, seeded, prompts, monkeypatch):  # noqa: F811
    register = win.register_session.register
    number = seeded["bullying"]

    def full(*_args, **_kwargs):
        raise StorageError("De schijf is vol.")

    monkeypatch.setattr(register, "add_entry", full)
    dialog = EntryDialog(win.register_session, number, parent=win)
    dialog.text.setPlainText("Belangrijk gesprek met de ouders; niet kwijtraken.")
    dialog.accept()
    finish_writes(dialog)  # written in the background; the dialog waits for the answer
    assert prompts["error"] == ["De schijf is vol."]
    assert dialog.result() != EntryDialog.DialogCode.Accepted
    assert dialog.text.toPlainText() == "Belangrijk gesprek met de ouders; niet kwijtraken."
