"""The register screens a director fills in: a new case chooses nothing for them, the
file type follows whom the case is about, parties can be corrected and removed,
vocabulary values have consistent capitals, and names and titles sort like a
Dutch reader expects."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from sqlmodel import select

from klasse_desktop.cases.models import AuditEvent
from klasse_desktop.cases.repository import CaseRegister
from klasse_desktop.i18n import _
from klasse_desktop.paths import register_dir
from klasse_desktop.settings import Settings
from klasse_desktop.ui import messages
from klasse_desktop.ui.main_window import MainWindow
from klasse_desktop.ui.new_case_dialog import NewCaseDialog
from klasse_desktop.ui.party_dialog import REMOVED, PartyDialog, relation_combo
from klasse_desktop.ui.qt_i18n import install_translators
from tests.ui.conftest import TODAY
from tests.ui.helpers import finish_writes, settle

FAST_KDF = {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}
PASSPHRASE = "paard batterij nietje 42"
VERSION = "2026-02-23"


@pytest.fixture
def prompts(monkeypatch):
    shown = {"confirm": [], "error": [], "answer": True}

    def confirm(_parent, title, text, _yes):
        shown["confirm"].append((title, text))
        return shown["answer"]

    monkeypatch.setattr(messages, "confirm", confirm)
    monkeypatch.setattr(messages, "show_error", lambda _p, e, _t="": shown["error"].append(str(e)))
    return shown


@pytest.fixture
def win(qtbot, qapp, rules, tmp_path, monkeypatch, prompts):
    monkeypatch.setenv("KLASSE_DATA_DIR", str(tmp_path / "data"))
    install_translators(qapp, "nl")
    window = MainWindow(
        rules, Settings(user_name="Els Bakker", role="directeur", school="OBS De Vlinder"),
        today=TODAY, register_kdf=FAST_KDF,
    )  # fmt: skip
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.lock_register()


@pytest.fixture
def register(win):
    reg = CaseRegister.open(register_dir(), PASSPHRASE, "Els Bakker", create=True, kdf=FAST_KDF)
    win.register_session.adopt(reg)
    assert win.open_register()
    settle(win)
    return reg


def open_case(win, number):
    assert win.register_page.open_case(number)
    settle(win)
    return win.register_page.case_page


def party_texts(view):
    return [view.parties.item(i).text() for i in range(view.parties.count())]


# -- a new case -------------------------------------------------------------------------


def test_a_new_case_has_no_category_or_subject_chosen_and_says_what_is_missing(
    win, register, prompts
):
    dialog = NewCaseDialog(win.register_session, school="OBS De Vlinder", protocol_version=VERSION)
    assert dialog.category.currentIndex() == -1 and dialog.category.currentData() is None
    assert dialog.category.placeholderText() == _("Choose a category…")
    assert dialog.file_type.currentIndex() == -1
    dialog.title.setText("Kwetsende berichten in de groepsapp")
    dialog.accept()
    assert prompts["error"] == [_("Choose a category for the case.")]
    assert dialog.case is None and dialog.title.text() == "Kwetsende berichten in de groepsapp"
    dialog.category.setCurrentIndex(dialog.category.findData("pesten"))
    dialog.accept()
    assert prompts["error"][-1] == _("Choose whom the case is about: a pupil, or a staff member.")
    assert dialog.case is None
    assert register.count_cases() == 0


def test_the_file_type_follows_whom_the_case_is_about(win, register):
    dialog = NewCaseDialog(win.register_session, school="", protocol_version=VERSION)
    assert dialog.file_note.text() == _("This decides the file the case's reports go into.")
    dialog.file_type.setCurrentIndex(dialog.file_type.findText(_("A pupil")))
    assert dialog.file_type.currentData() == "leerlingendossier"
    assert dialog.file_note.text() == _("Its reports go into the {file}.").format(
        file=_("pupil file (leerlingendossier)")
    )
    dialog.file_type.setCurrentIndex(
        dialog.file_type.findText(_("A staff member, intern or volunteer"))
    )
    assert dialog.file_type.currentData() == "personeelsdossier"
    dialog.title.setText("Foto van een leerkracht gedeeld")
    dialog.category.setCurrentIndex(dialog.category.findData("privacy"))
    dialog.accept()
    assert dialog.writer.active and dialog.case is None  # created in the background
    finish_writes(dialog)
    assert dialog.case is not None and dialog.case.file_type == "personeelsdossier"
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.case.category == "privacy"


# -- parties ----------------------------------------------------------------------------


def test_a_party_is_corrected_in_the_dialog_and_the_list_shows_it(win, register, monkeypatch):
    number = register.create_case("Bewerkte foto", "pesten", "leerlingendossier",
                                  protocol_version=VERSION).number  # fmt: skip
    pupil = register.add_party(number, "leerling", "Daan de Vriess", "groep 7")
    view = open_case(win, number)
    assert view.party_actions.correct_button.isHidden()
    view.parties.setCurrentRow(0)
    assert not view.party_actions.correct_button.isHidden()

    def fix(dialog):
        assert dialog.windowTitle() == _("Correct party: {name}").format(name="Daan de Vriess")
        assert dialog.name.text() == "Daan de Vriess" and dialog.role.currentData() == "leerling"
        dialog.name.setText("Daan de Vries")
        dialog.class_or_function.setText("groep 8")
        dialog.accept()
        finish_writes(dialog)  # written in the background, the dialog open meanwhile
        return dialog.result()

    monkeypatch.setattr(PartyDialog, "exec", fix)
    view.party_actions.correct_button.click()
    settle(win)
    assert party_texts(view) == [f"{_('Pupil')}: Daan de Vries — groep 8"]
    assert view.selected_party().id == pupil.id
    with register.reading() as session:
        actions = [e.action for e in session.exec(select(AuditEvent))]
    assert "correct" in actions


def test_a_party_added_by_mistake_is_removed_and_one_in_use_is_not(
    win, register, monkeypatch, prompts
):
    number = register.create_case("Bewerkte foto", "pesten", "leerlingendossier",
                                  protocol_version=VERSION).number  # fmt: skip
    register.add_party(number, "leerling", "Zoë Janssen", "groep 7")
    register.add_party(number, "leerling", "Sem Bakker", "groep 8")
    register.add_entry(number, "Zoë vertelde het aan de juf.", event_date=date(2026, 11, 20))
    view = open_case(win, number)
    results = []

    def remove(dialog):
        dialog.remove_button.click()
        finish_writes(dialog)
        results.append(dialog.result())
        return dialog.result()

    monkeypatch.setattr(PartyDialog, "exec", remove)
    view.parties.setCurrentRow(0)  # Zoë: named in the entry
    view.party_actions.correct()
    settle(win)
    assert "“Zoë”" in prompts["error"][0] and len(party_texts(view)) == 2
    view.parties.setCurrentRow(1)  # Sem: nothing refers to him
    view.party_actions.correct()
    settle(win)
    assert results == [0, REMOVED]
    assert prompts["confirm"][0][0] == _("Remove {name}?").format(name="Sem Bakker")
    assert party_texts(view) == [f"{_('Pupil')}: Zoë Janssen — groep 7"]


def test_the_parent_s_child_list_is_in_collation_order():
    from klasse_desktop.cases.models import Party

    pupils = [Party(id=i, case_id=1, role="leerling", name=name, created_at=TODAY)
              for i, name in enumerate(["Zoë Janssen", "Émile Bakker", "Ömer Yılmaz",
                                        "ayla de Wit"], start=1)]  # fmt: skip
    combo = relation_combo(pupils)
    names = [combo.itemText(i) for i in range(1, combo.count())]
    assert names == ["ayla de Wit", "Émile Bakker", "Ömer Yılmaz", "Zoë Janssen"]
    assert sorted(names, key=str.casefold) != names  # casefold puts É and Ö after Z


# -- the list ---------------------------------------------------------------------------


def test_titles_sort_like_a_reader_expects_and_values_have_capitals(win, register):
    for title in ("Zoë en de groepsapp", "Émile en de foto", "groep 10: memes", "groep 9: memes",
                  "Ömer en het account"):  # fmt: skip
        register.create_case(title, "memes", "leerlingendossier", protocol_version=VERSION)
    page = win.register_page.list_page
    page.refresh()
    page.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    proxy = page.proxy
    titles = [proxy.data(proxy.index(r, 1)) for r in range(proxy.rowCount())]
    assert titles == ["Émile en de foto", "groep 9: memes", "groep 10: memes",
                      "Ömer en het account", "Zoë en de groepsapp"]  # fmt: skip
    files = {proxy.data(proxy.index(r, 4)) for r in range(proxy.rowCount())}
    assert files == {_("pupil file (leerlingendossier)").capitalize()}
    assert all(label[:1].isupper() for label in files)
    combo = page.filters.file_type
    assert all(combo.itemText(i)[:1].isupper() for i in range(combo.count()))
