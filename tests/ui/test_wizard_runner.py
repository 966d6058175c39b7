"""Every wizard driven through the UI to an outcome and back, and by keyboard alone."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame

from klasse_desktop.protocol.graph import all_paths
from klasse_desktop.protocol.labels import kind_label
from klasse_desktop.protocol.shipped import default_rules
from tests.ui.helpers import choose, go_to_answer

RULES = default_rules()
# For every wizard: its first and its last path (different outcomes, different branches).
PATHS = [
    pytest.param(wizard.id, path, id=f"{wizard.id}-{path.outcome.id}")
    for wizard in RULES.wizards.values()
    for path in (lambda ps: [ps[0], ps[-1]])(list(all_paths(wizard)))
]


@pytest.mark.parametrize(("wizard_id", "path"), PATHS)
def test_click_through_to_the_outcome_and_back(qtbot, window, wizard_id, path):
    window.open_wizard(wizard_id)
    page = window.wizard_page
    for number, (question, choice) in enumerate(path.steps, start=1):
        if question.identity and page.run.current.id != question.id:
            if page.run.answer_for(question.id) == choice.id:
                continue  # answered from the role in the settings, shown in the answers
            go_to_answer(qtbot, window, question.id)
        assert page.question_view.text.text() == question.text.get("nl")
        assert page.question_view.help.text() == question.help.get("nl")
        assert page.progress_text.text().startswith(f"Vraag {number} van maximaal")
        choose(qtbot, window, choice.id)

    outcome = path.outcome
    view = page.outcome_view
    assert page.stack.currentWidget() is view
    assert view.kind_text == kind_label(outcome.kind)
    assert view.verdict_text == outcome.verdict.get("nl")
    for clause in outcome.clauses:
        assert view.widget().findChild(type(page.title), f"clause_{clause}") is not None
    assert not page.next_button.isVisible()
    assert page.answers.count() == len(path.steps)

    # Back: the last question again, with its answer still selected.
    qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    last_question, last_choice = path.steps[-1]
    assert page.question_view.text.text() == last_question.text.get("nl")
    assert page.question_view.selected() == last_choice.id
    assert page.answers.count() == len(path.steps)


def test_outcome_shows_contacts_with_phone_and_opens_clauses(qtbot, window):
    window.open_wizard("melden")
    for choice in ("nee", "seksueel", "medewerker"):
        choose(qtbot, window, choice)
    view = window.wizard_page.outcome_view
    assert "Landelijke Vertrouwensinspecteur 0900-1113111" in view.contact_texts["lvi"]
    assert view.widget().findChild(QFrame, "contact_lvi").isVisibleTo(window)
    link = view.widget().findChild(type(window.wizard_page.title), "clause_S4")
    qtbot.mouseClick(link, Qt.MouseButton.LeftButton)  # one click on the clause reference
    assert window.pages.currentWidget() is window.protocol_page
    assert window.protocol_page.highlight == "S4"
    window.go_back()
    assert window.pages.currentWidget() is window.wizard_page
    assert window.wizard_page.run.finished


def test_clicking_an_earlier_answer_goes_back_there_and_keeps_answers(qtbot, window):
    window.open_wizard("contact")
    for choice in ("medewerker", "verzoek", "leerling"):
        choose(qtbot, window, choice)
    page = window.wizard_page
    first = page.answers.item(0)
    page.answers.itemClicked.emit(first)
    assert page.question_view.question.id == "wie"
    assert page.question_view.selected() == "medewerker"
    choose(qtbot, window, "medewerker")  # same answer: the next answered question follows
    assert page.question_view.question.id == "situatie"
    assert page.question_view.selected() == "verzoek"


def test_start_over_clears_the_answers(qtbot, window):
    """All answers go, except who you are: that comes from the settings again."""
    window.open_wizard("opnemen")
    choose(qtbot, window, "medewerker")
    choose(qtbot, window, "les")
    qtbot.mouseClick(window.wizard_page.restart_button, Qt.MouseButton.LeftButton)
    assert window.wizard_page.question_view.question.id == "wat"
    assert window.wizard_page.question_view.selected() is None
    assert window.wizard_page.run.answers == {"wie": "medewerker"}


def test_keyboard_only_from_start_screen_to_outcome_and_back(qtbot, window):
    """Tab to a wizard, Space to open, number keys and Enter to answer, Escape to go back."""
    start = window.start_page
    start.search.setFocus()
    qtbot.keyClick(start.search, Qt.Key.Key_Tab)
    focused = window.focusWidget()
    assert focused is start.buttons["plaatsen"]
    qtbot.keyClick(focused, Qt.Key.Key_Tab)
    assert window.focusWidget() is start.buttons["opnemen"]
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Space)
    assert window.wizard_page.run.wizard.id == "opnemen"

    page = window.wizard_page
    # "Wie ben je?" is answered from the role (leerkracht: medewerker); "Wat wil je
    # doen?" → the remote-lesson choice
    assert page.question_view.question.id == "wat"
    number = [c.id for c in page.question_view.question.choices].index("afstand") + 1
    qtbot.keyClick(window.focusWidget(), getattr(Qt.Key, f"Key_{number}"))
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Return)
    assert page.run.outcome.id == "afstand"

    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Escape)
    assert page.question_view.question.id == "wat"
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Escape)  # to "Wie ben je?"
    assert page.question_view.question.id == "wie"
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Escape)
    assert window.pages.currentWidget() is window.start_page


def test_arrow_keys_move_between_choices_and_space_selects(qtbot, window):
    window.open_wizard("plaatsen")
    view = window.wizard_page.question_view
    first, second = view.question.choices[0].id, view.question.choices[1].id
    view.radios[first].setFocus()
    qtbot.keyClick(view.radios[first], Qt.Key.Key_Down)
    assert view.radios[second].hasFocus()
    qtbot.keyClick(view.radios[second], Qt.Key.Key_Space)
    assert view.selected() == second


def test_the_next_outcome_shows_nothing_of_the_previous_one(qtbot, window):
    """The outcome page is filled in place: contact cards and quoted clauses of an
    earlier outcome must not linger."""
    window.open_wizard("melden")
    for choice in ("nee", "seksueel", "medewerker"):
        choose(qtbot, window, choice)
    view = window.wizard_page.outcome_view
    first = window.wizard_page.run.current
    assert first.contacts and view.widget().findChild(QFrame, "contact_lvi").isVisibleTo(window)

    window.open_wizard("plaatsen")
    path = next(p for p in all_paths(RULES.wizard("plaatsen")) if not p.outcome.contacts)
    for _question, choice in path.steps:
        choose(qtbot, window, choice.id)
    body = view.widget()
    cards = [f for f in body.findChildren(QFrame) if f.objectName().startswith("contact_")]
    assert not any(card.isVisibleTo(window) for card in cards)
    assert view.contact_texts == {}
    shown = [
        label.objectName()
        for label in body.findChildren(type(window.wizard_page.title))
        if label.objectName().startswith("clause_") and label.isVisibleTo(window)
    ]
    assert shown == [f"clause_{c}" for c in path.outcome.clauses]
    assert view.sentence.text() == path.outcome.verdict.get("nl")
    assert view.verticalScrollBar().value() == 0
