"""The photo check where a teacher needs it: a card on the start screen, and on an
outcome about a photo; after a safe copy, the outcome again with nobody recognisable."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from klasse_desktop.protocol.models import OutcomeKind

PRIVATE_PHOTO_OF_PUPILS = (
    ("wie", "medewerker"), ("kanaal", "eigen_account"), ("wat_prive", "beeld"),
    ("herkenbaar", "leerlingen"),
)  # fmt: skip


def _outcome(window, answers):
    window.open_wizard("plaatsen")
    page = window.wizard_page
    page.run.replay(answers)
    page.refresh()
    return page


def _fake_dialog(monkeypatch, saved: list):
    """The dialog is tested on its own (test_photo_check.py); here it saves at once."""
    import klasse_desktop.ui.photo_check_dialog as module

    def exec_(self):
        saved.append(self)
        self.safe_copy_saved.emit(Path("/tmp/veilig.jpg"))
        return 1

    monkeypatch.setattr(module.PhotoCheckDialog, "exec", exec_)


def test_a_photo_with_recognisable_pupils_offers_to_blur_then_to_look_again(
    window, qtbot, monkeypatch
):
    page = _outcome(window, PRIVATE_PHOTO_OF_PUPILS)
    view = page.outcome_view
    assert page.run.outcome.id == "prive_herkenbaar"
    assert view.photo_button.isVisibleTo(window)
    assert view.photo_button.text() == "&Maak gezichten onherkenbaar…"
    assert not view.rerun_button.isVisibleTo(window)
    saved: list = []
    _fake_dialog(monkeypatch, saved)
    qtbot.mouseClick(view.photo_button, Qt.MouseButton.LeftButton)
    assert len(saved) == 1
    assert view.rerun_button.isVisibleTo(window)
    qtbot.mouseClick(view.rerun_button, Qt.MouseButton.LeftButton)
    assert page.run.answers["herkenbaar"] == "niemand"
    assert page.run.outcome is not None
    assert page.run.outcome.kind in (OutcomeKind.ALLOWED, OutcomeKind.ALLOWED_IF)
    assert page.run.outcome.clauses[0] == "A9"  # allowed because nobody is recognisable


def test_a_text_on_the_school_account_offers_no_photo_check(window, qtbot):
    page = _outcome(window, (("wie", "medewerker"), ("kanaal", "schoolaccount"),
                             ("school_wat", "tekst"), ("school_gegevens", "nee"),
                             ("school_toon", "nee")))  # fmt: skip
    assert page.run.outcome.id == "school_mag"
    assert not page.outcome_view.photo_button.isVisibleTo(window)


def test_the_start_screen_has_a_photo_card(window, qtbot, monkeypatch):
    saved: list = []
    _fake_dialog(monkeypatch, saved)
    card = window.start_page.photo_card
    assert card.isVisibleTo(window)
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
    assert len(saved) == 1 and saved[0].parent() is window
