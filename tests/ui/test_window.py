"""Main window: language switch in place, settings, geometry, accessibility, no English."""

from __future__ import annotations

import json

from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QWidget,
)

from klasse_desktop import i18n
from klasse_desktop.settings import Settings, load_settings, settings_path
from klasse_desktop.ui.main_window import MainWindow
from klasse_desktop.ui.screenshots import example_answers
from klasse_desktop.ui.settings_dialog import SettingsDialog
from tests.ui.conftest import TODAY
from tests.ui.helpers import choose, visible_texts


def english_only_strings() -> set[str]:
    """Source strings whose Dutch translation differs: these must never show in Dutch."""
    from babel.messages.pofile import read_po

    from klasse_desktop.resources import resource_root

    root = __import__("pathlib").Path(str(resource_root())).parent / "translations"
    with (root / "nl" / "LC_MESSAGES" / "klasse_desktop.po").open("rb") as fh:
        catalog = read_po(fh)
    found = set()
    for message in catalog:
        if message.id and isinstance(message.id, str) and message.string != message.id:
            cleaned = " ".join(message.id.replace("&", "").split())
            if "{" not in cleaned and len(cleaned) > 3:
                found.add(cleaned)
    return found


def screens(window):
    """Put the window on every main screen in turn, yielding a name for each."""
    yield "start"
    window.open_wizard("plaatsen")
    yield "question"
    for kind in ("allowed", "allowed_if", "not_allowed", "ask_first", "report"):
        from klasse_desktop.protocol.models import OutcomeKind

        wizard_id, answers = example_answers(window.rules, OutcomeKind(kind))
        window.open_wizard(wizard_id)
        window.wizard_page.run.replay(tuple(answers.items()))
        window.wizard_page.refresh()
        yield f"outcome-{kind}"
    window.open_clause("A9")
    yield "protocol"


def test_no_english_anywhere_in_the_dutch_ui(window):
    english = english_only_strings()
    for name in screens(window):
        shown = set(visible_texts(window))
        assert not (shown & english), (name, shown & english)


def test_every_control_has_an_accessible_name(window):
    for name in screens(window):
        controls = [
            w
            for w in window.findChildren(QWidget)
            if isinstance(w, QAbstractButton | QLineEdit | QComboBox | QListWidget)
        ]
        for widget in controls:
            if not widget.isVisibleTo(window) or widget.objectName().startswith("qt_"):
                continue
            label = widget.accessibleName() or (
                widget.text() if isinstance(widget, QAbstractButton) else ""
            )
            if type(widget).__name__ in {"QToolButton"} and not label:
                continue  # Qt's own scroll/extension arrows
            assert label, (name, type(widget).__name__, widget.objectName())


def test_switching_language_keeps_the_wizard_and_its_answers(qtbot, window):
    window.open_wizard("contact")
    choose(qtbot, window, "medewerker")
    window.set_language("en")
    page = window.wizard_page
    assert window.pages.currentWidget() is page
    assert page.run.answers == {"wie": "medewerker"}
    assert page.question_view.text.text() == page.run.current.text.get("en")
    assert page.next_button.text() == "&Next"
    assert window.file_menu.title() == "&File"
    english_ui = set(visible_texts(window))
    assert "Vorige" not in english_ui and "Jouw antwoorden" not in english_ui
    window.set_language("nl")
    assert page.next_button.text() == "&Volgende"


def test_settings_are_saved_per_user(qtbot, window):
    dialog = SettingsDialog(window.settings, window)
    qtbot.addWidget(dialog)
    dialog.user_name.setText("Şükrü Yılmaz")
    dialog.school.setText("OBS De Regenboog")
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.accept()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    saved = load_settings()
    assert saved.user_name == "Şükrü Yılmaz" and saved.school == "OBS De Regenboog"
    assert saved.language == "en"


def test_a_failing_save_keeps_the_dialog_open_with_a_message(qtbot, window, monkeypatch):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))

    def disk_full(_settings, _path=None):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("klasse_desktop.ui.settings_dialog.save_settings", disk_full)
    dialog = SettingsDialog(window.settings, window)
    qtbot.addWidget(dialog)
    dialog.user_name.setText("Zoë")
    dialog.accept()
    assert dialog.result() != SettingsDialog.DialogCode.Accepted
    assert dialog.user_name.text() == "Zoë"
    assert warnings and "No space left on device" in warnings[0]
    assert "konden niet worden opgeslagen" in warnings[0]


def test_window_geometry_is_remembered(qtbot, rules):
    first = MainWindow(rules, Settings(), today=TODAY)
    qtbot.addWidget(first)
    first.resize(760, 560)  # inside the offscreen screen (800×600)
    first.show()
    first.close()
    stored = json.loads(settings_path().read_text("utf-8"))["window_geometry"]
    assert stored
    second = MainWindow(rules, load_settings(), today=TODAY)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (760, 560)


def test_about_names_app_and_protocol_version(window, monkeypatch):
    shown = []
    monkeypatch.setattr(
        QMessageBox, "about", lambda _parent, title, text: shown.append((title, text))
    )
    window.about()
    title, text = shown[0]
    assert title == "Over Klasse Desktop"
    assert "Klasse Desktop 0.1.0" in text and "23 februari 2026;" in text  # the version, as a date
    assert "2026-02-23" not in text


def test_dutch_is_the_default(window):
    assert i18n.current_language() == "nl"
    assert window.windowTitle() == "Klasse Desktop — protocol sociale media"
