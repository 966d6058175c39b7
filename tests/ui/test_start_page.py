"""Start screen: the wizards as large choices, search, protocol dates, review notice."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from klasse_desktop.protocol.summary import summarise
from klasse_desktop.settings import Settings
from klasse_desktop.ui.main_window import MainWindow


def test_the_wizards_are_offered_in_dutch(window):
    buttons = window.start_page.buttons
    assert list(buttons) == [
        "plaatsen",
        "opnemen",
        "contact",
        "discussie",
        "melden",
        "vervolgstappen",
        "iemand_anders",
    ]
    assert buttons["plaatsen"].title() == "Mag ik dit plaatsen?"
    assert buttons["vervolgstappen"].title().endswith("(voor directeuren)")
    assert all(b.accessibleName() for b in buttons.values())


def test_protocol_dates_are_shown_in_dutch(qtbot, window):
    # Babel formats the dates just after the first paint (start-up is a feature).
    qtbot.waitUntil(lambda: window.start_page.protocol_info.text() != "")
    # non-breaking spaces keep each date on one line
    assert window.start_page.protocol_info.text().replace("\u00a0", " ") == (
        "Protocol sociale media, vastgesteld op 23 februari 2026. "
        "Volgende evaluatie: 23 februari 2028."
    )
    assert not window.start_page.notice.isVisible()


def test_a_calm_notice_once_the_evaluation_date_has_passed(qtbot, rules):
    win = MainWindow(rules, Settings(), today=date(2028, 2, 24))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: "23\u00a0februari\u00a02028" in win.start_page.notice.text())
    assert win.start_page.notice.isVisible()
    assert "De evaluatie was gepland op" in win.start_page.protocol_info.text()
    assert "blijven gelden" in win.start_page.notice.text()


def test_search_finds_wizards_and_clauses(qtbot, window):
    page = window.start_page
    qtbot.keyClicks(page.search, "groepsapp")
    items = [page.results.item(i) for i in range(page.results.count())]
    kinds = [item.data(Qt.ItemDataRole.UserRole) for item in items]
    assert kinds[0] == ("wizard", "contact")
    assert ("clause", "B2") in kinds
    assert items[0].text() == "Vraag: Mag ik in deze groepsapp of dit contact aangaan?"
    b2 = next(i for i in items if i.data(Qt.ItemDataRole.UserRole) == ("clause", "B2"))
    assert b2.text().startswith("Artikel B2: Het is niet toegestaan")


def test_enter_opens_the_first_hit(qtbot, window):
    qtbot.keyClicks(window.start_page.search, "groepsapp")
    qtbot.keyClick(window.start_page.search, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.wizard_page
    assert window.wizard_page.run.wizard.id == "contact"


def test_searching_nonsense_says_so(qtbot, window):
    qtbot.keyClicks(window.start_page.search, "zwembadpasje")
    assert window.start_page.results.count() == 0
    assert window.start_page.no_results.text().startswith("Niets gevonden voor “zwembadpasje”")


def test_a_clause_hit_opens_the_protocol_at_that_clause(qtbot, window):
    page = window.start_page
    qtbot.keyClicks(page.search, "vrienden")
    row = next(
        i for i in range(page.results.count())
        if page.results.item(i).data(Qt.ItemDataRole.UserRole) == ("clause", "A6")
    )  # fmt: skip
    page.results.itemActivated.emit(page.results.item(row))
    assert window.pages.currentWidget() is window.protocol_page
    assert window.protocol_page.highlight == "A6"


def test_the_window_paints_from_the_summary_and_loads_the_rules_just_after(qtbot, rules):
    loads: list[str] = []

    def load():
        loads.append("rules")
        return rules

    win = MainWindow(load, Settings(), today=date(2026, 11, 25), summary=summarise(rules))
    qtbot.addWidget(win)
    assert loads == []  # built without the full rules
    assert win.start_page.buttons["melden"].title() == "Hoe meld ik dit?"
    win.show()
    qtbot.waitUntil(lambda: loads == ["rules"])  # right after the first paint, once
    qtbot.waitUntil(lambda: win.start_page.protocol_info.text() != "")
    win.open_wizard("melden")
    assert loads == ["rules"]
