"""What a screen reader and a keyboard user meet, read through Qt's accessibility
API (what NVDA, Orca and UI Automation see): roles, names, first focus, Tab order."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible

from klasse_desktop.protocol.models import OutcomeKind
from klasse_desktop.ui.link_label import LinkLabel


def _accessible(widget):
    return QAccessible.queryAccessibleInterface(widget)


def _to_outcome(window, answers):
    window.open_wizard("melden")
    page = window.wizard_page
    page.run.replay(answers)
    page.refresh()
    return page


MELDEN_SEXUAL = (("gevaar", "nee"), ("wat", "seksueel"), ("seks_wie", "medewerker"))


def test_arriving_at_an_outcome_the_verdict_has_focus_and_is_named(window, qtbot):
    page = _to_outcome(window, MELDEN_SEXUAL)
    view = page.outcome_view
    assert view.verdict.hasFocus()
    name = _accessible(view.verdict).text(QAccessible.Text.Name)
    assert name == f"{view.kind_text}: {view.verdict_text}"
    assert name.startswith("Neem contact op: ")
    # The page is scrolled so the verdict is in sight.
    assert view.verticalScrollBar().value() == 0


def test_clause_references_are_links_with_the_quote(window, qtbot, rules):
    page = _to_outcome(window, MELDEN_SEXUAL)
    links = [w for w in page.outcome_view.widget().findChildren(LinkLabel)
             if w.objectName().startswith("clause_") and w.isVisibleTo(window)]  # fmt: skip
    assert len(links) == len(page.run.outcome.clauses)
    for link in links:
        interface = _accessible(link)
        clause_id = link.objectName().removeprefix("clause_")
        assert interface.role() == QAccessible.Role.Link
        assert interface.text(QAccessible.Text.Name) == f"Artikel {clause_id}"
        quote = rules.protocol.clause(clause_id).text.get("nl")
        assert quote in interface.text(QAccessible.Text.Description)
        assert interface.actionInterface().actionNames() == ["Press"]
    # The Press action opens the clause, like a click or Enter.
    _accessible(links[0]).actionInterface().doAction("Press")
    assert window.pages.currentWidget() is window.protocol_page


def test_tab_reads_the_outcome_in_order_one_stop_per_clause(window, qtbot):
    page = _to_outcome(window, MELDEN_SEXUAL)
    view = page.outcome_view
    order = [window.focusWidget()]
    for _ in range(30):
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
        if window.focusWidget() in order:
            break
        order.append(window.focusWidget())
        if not view.isAncestorOf(window.focusWidget()):
            break
    inside = [w for w in order if view.isAncestorOf(w)]
    names = [w.objectName() for w in inside]
    assert names[0] == "verdict"
    cards = [n for n in names if n.startswith("contact_")]
    assert cards == [f"contact_{c}" for c in page.run.outcome.contacts]
    assert names.index("explanation") > names.index(cards[-1])
    clauses = [n for n in names if n.startswith("clause_")]
    assert clauses == [f"clause_{c}" for c in page.run.outcome.clauses]  # one stop each
    assert all(view.widget().isAncestorOf(w) for w in inside)  # no stop on a container


def test_every_focusable_control_on_an_outcome_has_a_role_and_a_name(window, qtbot):
    from tests.ui.test_window import example_answers

    for kind in OutcomeKind:
        wizard_id, answers = example_answers(window.rules, kind)
        window.open_wizard(wizard_id)
        window.wizard_page.run.replay(tuple(answers.items()))
        window.wizard_page.refresh()
        view = window.wizard_page.outcome_view
        for widget in view.widget().findChildren(type(view.verdict).__mro__[-3]):
            if widget.isVisibleTo(window) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                interface = _accessible(widget)
                assert interface.role() is not None
                assert interface.text(QAccessible.Text.Name).strip(), widget.objectName()


def test_arrow_keys_choose_even_when_nothing_is_chosen(window, qtbot):
    window.open_wizard("plaatsen")
    view = window.wizard_page.question_view
    choices = [c.id for c in view.choices]
    assert view.selected() is None
    view.radios[choices[0]].setFocus()
    qtbot.keyClick(view.radios[choices[0]], Qt.Key.Key_Down)
    assert view.selected() == choices[1] and view.radios[choices[1]].hasFocus()
    qtbot.keyClick(view.radios[choices[1]], Qt.Key.Key_Up)
    assert view.selected() == choices[0]


def test_each_choice_says_where_you_are_the_question_and_its_help(window, qtbot):
    window.open_wizard("plaatsen")
    view = window.wizard_page.question_view
    radio = view.radios[view.choices[0].id]
    description = _accessible(radio).text(QAccessible.Text.Description)
    assert description.startswith("Vraag 2 van maximaal")  # "Wie ben je?" came from the role
    assert view.question.text.get("nl").rstrip("?") in description
    assert view.question.help.get("nl")[:40] in description
    assert _accessible(radio).role() == QAccessible.Role.RadioButton


def test_no_container_takes_a_tab_stop(window, qtbot):
    from PySide6.QtWidgets import QAbstractScrollArea, QListWidget, QTextBrowser

    qtbot.waitUntil(lambda: window.start_page._dates_shown)  # finished after the first paint
    window.open_wizard("plaatsen")
    for page in (window.start_page, window.wizard_page):
        for area in page.findChildren(QAbstractScrollArea):
            if isinstance(area, QListWidget | QTextBrowser):
                continue  # lists and the protocol text hold content a user moves through
            assert not area.focusPolicy() & Qt.FocusPolicy.TabFocus, type(area).__name__


def test_search_results_come_right_after_the_search_box(window, qtbot):
    start = window.start_page
    start.search.setFocus()
    qtbot.keyClicks(start.search, "foto")
    qtbot.keyClick(start.search, Qt.Key.Key_Tab)
    assert window.focusWidget() is start.results
    assert start.results.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff


def test_escape_goes_back_from_the_protocol_and_first_clears_a_search(window, qtbot):
    window.open_wizard("plaatsen")
    window.open_clause("A9")
    page = window.protocol_page
    page.search.setFocus()
    qtbot.keyClicks(page.search, "foto")
    qtbot.keyClick(page.search, Qt.Key.Key_Escape)
    assert page.search.text() == "" and window.pages.currentWidget() is page
    qtbot.keyClick(page.search, Qt.Key.Key_Escape)
    assert window.pages.currentWidget() is window.wizard_page


def test_the_dutch_protocol_starts_with_a_dutch_heading(window):
    window.open_protocol()
    text = window.protocol_page.findChild(__import__("PySide6.QtWidgets").QtWidgets.QTextBrowser)
    plain = text.toPlainText()
    assert "Inleiding" in plain and "Introduction" not in plain


def test_the_window_fits_the_screen_with_its_frame(qtbot, qapp, rules):
    from PySide6.QtWidgets import QApplication

    from klasse_desktop.settings import Settings
    from klasse_desktop.ui.main_window import MainWindow

    main = MainWindow(rules, Settings())
    qtbot.addWidget(main)
    main._restore_geometry()
    main.show()
    qtbot.waitExposed(main)
    QApplication.processEvents()
    screen = main.screen().availableGeometry()
    assert screen.contains(main.frameGeometry()), (screen, main.frameGeometry())


# -- every dialog ----------------------------------------------------------------------

from tests.ui.test_case_register_ui import data_dir, opened, prompts, seeded, win  # noqa: E402, F401


def _focusable_unnamed(root):
    """Visible controls that take Tab focus but have no role or no name."""
    from PySide6.QtWidgets import QWidget

    problems = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if widget.objectName() in ("qt_scrollarea_viewport", "qt_spinbox_lineedit"):
            continue  # a scroll area's own viewport; a spin box's editor (read as the box)
        interface = _accessible(widget)
        name = interface.text(QAccessible.Text.Name).strip() if interface else ""
        if interface is None or not name:
            problems.append((type(widget).__name__, widget.objectName()))
    return problems


def test_every_dialog_names_every_control(win, seeded, qtbot, rules):  # noqa: F811
    from klasse_desktop.settings import Settings
    from klasse_desktop.ui.entry_dialog import EntryDialog
    from klasse_desktop.ui.new_case_dialog import NewCaseDialog
    from klasse_desktop.ui.party_dialog import PartyDialog
    from klasse_desktop.ui.report_dialog import ReportDialog
    from klasse_desktop.ui.settings_dialog import SettingsDialog
    from klasse_desktop.ui.summary_dialog import SummaryDialog
    from klasse_desktop.ui.welcome_dialog import WelcomeDialog

    number = seeded["bullying"]
    opened(win, number)
    session = win.register_session
    detail = session.register.get_case(number)
    dialogs = {
        "settings": SettingsDialog(Settings(role="directeur"), win),
        "welcome": WelcomeDialog(Settings(), on_language=lambda _l: None, parent=win),
        "new case": NewCaseDialog(session, school="OBS De Vlinder",
                                  protocol_version=rules.protocol.version, parent=win),
        "party": PartyDialog(session, number, win),
        "entry": EntryDialog(session, number, parent=win),
        "summary": SummaryDialog(session, number, "", win),
        "report": ReportDialog(detail, win),
    }  # fmt: skip
    found = {}
    for name, dialog in dialogs.items():
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        pages = getattr(dialog, "pages", None) or getattr(dialog, "tabs", None)
        for index in range(pages.count() if pages is not None else 1):
            if pages is not None:
                pages.setCurrentIndex(index)
            found[f"{name} {index}"] = _focusable_unnamed(dialog)
        dialog.close()
    assert {k: v for k, v in found.items() if v} == {}


def test_every_main_screen_names_every_control(win, seeded, qtbot):  # noqa: F811
    screens = {"start": lambda: win.go_home(), "protocol": lambda: win.open_protocol(),
               "register": lambda: win.open_register(),
               "case": lambda: opened(win, seeded["bullying"]),
               "question": lambda: win.open_wizard("contact")}  # fmt: skip
    qtbot.waitUntil(lambda: win.start_page._dates_shown)  # finished after the first paint
    found = {}
    for name, show in screens.items():
        show()
        found[name] = _focusable_unnamed(win)
    assert {k: v for k, v in found.items() if v} == {}


def _tab_walk(window, start, steps=40):
    order, widget = [start], start
    widget.setFocus()
    for _ in range(steps):
        QTest_key_tab(window)
        widget = window.focusWidget()
        if widget is None or widget in order:
            break
        order.append(widget)
    return order


def QTest_key_tab(window):
    from PySide6.QtTest import QTest

    QTest.keyClick(window.focusWidget(), Qt.Key.Key_Tab)


def test_tab_walks_the_start_screen_in_reading_order(window, qtbot):
    start = window.start_page
    order = _tab_walk(window, start.search)
    inside = [w for w in order if start.isAncestorOf(w)]
    cards = [w for w in inside if w in start.buttons.values()]
    assert cards == list(start.buttons.values())  # the wizards in their order
    assert inside.index(cards[0]) == 1  # right after the search box
    assert inside.index(start.protocol_button) > inside.index(cards[-1])


def test_tab_walks_a_question_choices_first_then_the_buttons(window, qtbot):
    window.open_wizard("contact")
    page = window.wizard_page
    radios = list(page.question_view.radios.values())
    order = _tab_walk(window, radios[0])
    # One stop for the group of choices (arrows move inside it), then the buttons.
    assert order[0] is radios[0]
    names = [w.objectName() or type(w).__name__ for w in order]
    assert order[1] is page.back_button, names  # Next is disabled until a choice is made
    assert order.index(page.restart_button) < order.index(page.answers), names
    assert all(r not in order[1:] for r in radios), names


def _ring_pixels(widget, colour):
    """How many pixels of `colour` lie within 3 px of the widget's edge."""
    from PySide6.QtGui import QColor

    image = widget.grab().toImage()
    wanted = QColor(colour)
    count = 0
    for x in range(image.width()):
        for y in (*range(3), *range(image.height() - 3, image.height())):
            pixel = image.pixelColor(x, y)
            near = sum(
                abs(a - b) for a, b in zip(pixel.getRgb()[:3], wanted.getRgb()[:3], strict=True)
            )
            count += near < 60
    return count


def test_a_focused_control_has_a_clear_ring(qtbot, qapp):
    """At least 2 px in the accent colour (WCAG 2.4.7/2.4.11), on buttons, fields and
    combo boxes, in both schemes; without focus, no ring."""
    from PySide6.QtWidgets import QComboBox, QLineEdit, QPushButton, QVBoxLayout, QWidget

    from klasse_desktop.ui.schemes import DARK, LIGHT
    from klasse_desktop.ui.style import apply_style

    for scheme, dark in ((LIGHT, False), (DARK, True)):
        apply_style(qapp, dark=dark)
        box = QWidget()
        qtbot.addWidget(box)
        layout = QVBoxLayout(box)
        controls = [QPushButton("Volgende"), QLineEdit("foto"), QComboBox()]
        controls[2].addItems(["Leerkracht", "Directeur"])
        for control in controls:
            control.setMinimumWidth(160)
            layout.addWidget(control)
        box.show()
        qtbot.waitExposed(box)
        for control in controls:
            control.setFocus()
            qtbot.waitUntil(control.hasFocus)
            with_focus = _ring_pixels(control, scheme.accent)
            controls[0 if control is not controls[0] else 1].setFocus()
            without = _ring_pixels(control, scheme.accent)
            assert with_focus >= 2 * 2 * 100 and with_focus > 3 * without, (
                scheme.name,
                type(control).__name__,
                with_focus,
                without,
            )
    apply_style(qapp, dark=False)
