"""Reports that never name the wrong person, from the window: whose parent a parent
is, which subjects fit which file, and the review of names nobody is sure of.

Modal dialogs are driven by patching `exec()`, message boxes through
`klasse_desktop.ui.messages` (the `prompts` fixture). The search for unregistered
names is a stand-in (`QuickNames`) except in the last test, which loads `deduce`.
"""

from __future__ import annotations

import re
import threading
from datetime import date

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from klasse_desktop.i18n import _
from klasse_desktop.reports.redaction.pdf_check import HiddenNameInPdf
from klasse_desktop.reports.redaction.redactor import AMBIGUOUS, HANDLE, UNREGISTERED, WORD_OR_NAME
from klasse_desktop.ui import pdf_export, report_flow
from klasse_desktop.ui.case_view_page import party_text
from klasse_desktop.ui.name_review_dialog import ADD, NameReviewDialog
from klasse_desktop.ui.party_dialog import PartyDialog, RelationDialog
from klasse_desktop.ui.report_dialog import ReportDialog
from tests.ui.helpers import QuickNames, settle
from tests.ui.test_case_register_ui import (  # noqa: F401 - fixtures
    data_dir,
    drive,
    prompts,
    seeded,
    win,
)


def _text(path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def _names(register, number) -> dict[str, int]:
    return {p.name: p.id for p in register.get_case(number).parties}


@pytest.fixture
def saved(monkeypatch, tmp_path):
    """Where reports go, and the "PDF saved, open it?" questions asked (answered No)."""
    state = {"targets": [], "asked": []}

    def target(*_a):
        path = tmp_path / f"verslag-{len(state['targets']) + 1}.pdf"
        state["targets"].append(path)
        return path

    monkeypatch.setattr(pdf_export, "choose_target", target)
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda *a: state["asked"].append(a[2]) or QMessageBox.StandardButton.No,
    )
    return state


def _report_about(monkeypatch, subject: str | None = None, file_type: str | None = None):
    def accept(dialog):
        if file_type is not None:
            dialog.file_type.setCurrentIndex(dialog.file_type.findData(file_type))
        if subject is not None:
            index = dialog.subject.findText(subject, Qt.MatchFlag.MatchStartsWith)
            assert index >= 0, subject
            dialog.subject.setCurrentIndex(index)
        dialog.accept()

    return drive(monkeypatch, ReportDialog, accept)


def _make_report(qtbot, window, number, saved, count=1):
    window.register_page.open_case(number)
    settle(window)  # the case is read in the background
    window.register_page.case_page.header.report_button.click()
    qtbot.waitUntil(lambda: len(saved["asked"]) >= count, timeout=30000)


# -- parents and carers -----------------------------------------------------------------------


def test_only_a_parent_is_asked_whose_parent_and_it_is_saved(qtbot, win, seeded, monkeypatch):  # noqa: F811
    number = seeded["bullying"]
    register = win.register_session.register
    page = win.register_page
    page.open_case(number)
    settle(win)  # the case is read in the background
    view = page.case_page
    zoe = _names(register, number)["Zoë Janssen"]

    dialog = PartyDialog(win.register_session, number, parent=win)
    dialog.show()
    assert not dialog.related_to.isVisibleTo(dialog)
    dialog.role.setCurrentIndex(dialog.role.findData("ouder"))
    assert dialog.related_to.isVisibleTo(dialog) and dialog.relation_help.isVisibleTo(dialog)
    assert [dialog.related_to.itemData(i) for i in range(dialog.related_to.count())] == [None, zoe]
    assert dialog.related_to.currentData() is None  # never a guess
    dialog.role.setCurrentIndex(dialog.role.findData("medewerker"))
    assert not dialog.related_to.isVisibleTo(dialog)
    dialog.close()

    def mother(dialog):
        dialog.role.setCurrentIndex(dialog.role.findData("ouder"))
        dialog.name.setText("Ingrid Janssen")
        dialog.class_or_function.setText("moeder")
        dialog.related_to.setCurrentIndex(dialog.related_to.findData(zoe))
        dialog.accept()

    def teacher(dialog):  # a relation chosen, then the role changed: not saved
        dialog.role.setCurrentIndex(dialog.role.findData("ouder"))
        dialog.related_to.setCurrentIndex(dialog.related_to.findData(zoe))
        dialog.role.setCurrentIndex(dialog.role.findData("medewerker"))
        dialog.name.setText("Els Bakker")
        dialog.accept()

    drive(monkeypatch, PartyDialog, mother)
    view.add_party_button.click()
    settle(win)
    drive(monkeypatch, PartyDialog, teacher)
    view.add_party_button.click()
    settle(win)
    parties = {p.name: p for p in register.get_case(number).parties}
    assert parties["Ingrid Janssen"].related_to_id == zoe
    assert parties["Els Bakker"].related_to_id is None
    texts = [view.parties.item(i).text() for i in range(view.parties.count())]
    mother_text = _("{party} (parent of {pupil})").format(
        party=f"{_('Parent or carer')}: Ingrid Janssen — moeder", pupil="Zoë Janssen"
    )
    assert mother_text in texts

    # Changing it later: the button shows for a parent only.
    view.parties.setCurrentRow(texts.index(f"{_('Pupil')}: Zoë Janssen — groep 7"))
    assert view.relation_button.isHidden()
    view.parties.setCurrentRow(texts.index(mother_text))
    assert not view.relation_button.isHidden()

    def unknown(dialog):
        assert dialog.related_to.currentData() == zoe
        dialog.related_to.setCurrentIndex(dialog.related_to.findData(None))
        dialog.accept()

    drive(monkeypatch, RelationDialog, unknown)
    view.relation_button.click()
    settle(win)
    assert register.get_case(number).parties[1].related_to_id is None
    assert view.parties.currentItem().text() == _("{party} (child not recorded)").format(
        party=f"{_('Parent or carer')}: Ingrid Janssen — moeder"
    )


def test_party_text_names_the_child(win, seeded):  # noqa: F811
    register = win.register_session.register
    number = seeded["bullying"]
    zoe = _names(register, number)["Zoë Janssen"]
    father = register.add_party(number, "ouder", "Kees Janssen", "vader", related_to=zoe)
    names = {p.id: p.name for p in register.get_case(number).parties}
    assert party_text(father, names) == _("{party} (parent of {pupil})").format(
        party=f"{_('Parent or carer')}: Kees Janssen — vader", pupil="Zoë Janssen"
    )


# -- the subject follows the file --------------------------------------------------------------


def test_the_subjects_follow_the_file(win, seeded):  # noqa: F811
    register = win.register_session.register
    number = seeded["bullying"]
    zoe = _names(register, number)["Zoë Janssen"]
    register.add_party(number, "ouder", "Ingrid Janssen", "moeder", related_to=zoe)
    register.add_party(number, "medewerker", "Els Bakker", "leerkracht")
    register.add_party(number, "vrijwilliger", "Piet Hein", "overblijf")
    register.add_party(number, "extern", "Wijkagent Bos")
    dialog = ReportDialog(register.get_case(number), win)
    dialog.show()

    def subjects():
        return [dialog.subject.itemText(i) for i in range(dialog.subject.count())]

    assert dialog.file_type.currentData() == "leerlingendossier"
    assert subjects() == [f"Zoë Janssen ({_('Pupil')})"]
    assert dialog.ok.isEnabled() and not dialog.empty.isVisibleTo(dialog)
    pupil_note = dialog.note.text()
    dialog.file_type.setCurrentIndex(dialog.file_type.findData("personeelsdossier"))
    assert subjects() == [f"Els Bakker ({_('Staff member')})", f"Piet Hein ({_('Volunteer')})"]
    assert dialog.note.text() != pupil_note
    dialog.subject.setCurrentIndex(1)
    assert dialog.chosen() == (_names(register, number)["Piet Hein"], "personeelsdossier")
    dialog.close()

    # A staff case without staff among the parties: a clear sentence, no OK.
    photo = register.get_case(seeded["photo"])
    register.add_party(photo.case.number, "extern", "Fotograaf Jansen")
    dialog = ReportDialog(register.get_case(photo.case.number), win)
    dialog.show()
    dialog.file_type.setCurrentIndex(dialog.file_type.findData("leerlingendossier"))
    assert subjects() == [] and not dialog.ok.isEnabled()
    assert dialog.empty.isVisibleTo(dialog)
    assert dialog.empty.text() == _(
        "No pupil is a party in this case. Add the pupil the report is about first, "
        "or choose the staff file."
    )
    dialog.close()


def test_the_dialog_says_the_name_search_is_getting_ready(qtbot, win, seeded, monkeypatch):  # noqa: F811
    names = QuickNames(ready=False)
    monkeypatch.setattr(report_flow, "name_search", names)
    seen = []

    def look(dialog):
        seen.append(dialog.preparing.isVisibleTo(dialog))
        names.is_ready = True
        qtbot.waitUntil(lambda: not dialog.preparing.isVisibleTo(dialog), timeout=3000)
        dialog.reject()

    dialog_exec = drive(monkeypatch, ReportDialog, lambda d: d.show(), look)
    win.register_page.open_case(seeded["bullying"])
    settle(win)  # the case is read in the background
    win.register_page.case_page.header.report_button.click()
    assert seen == [True] and names.prepared == 1 and len(dialog_exec) == 1


def test_a_staff_report_names_no_pupil(qtbot, win, seeded, monkeypatch, saved):  # noqa: F811
    register = win.register_session.register
    number = seeded["bullying"]
    register.add_party(number, "medewerker", "Els Bakker", "leerkracht")
    register.add_entry(number, "Zoë kwam huilend bij juf Els.", event_date=date(2026, 3, 3))
    _report_about(monkeypatch, subject="Els Bakker", file_type="personeelsdossier")
    _make_report(qtbot, win, number, saved)
    text = _text(saved["targets"][0])
    assert "Zoë" not in text and "Els Bakker" in text
    assert f"{_('Pupil {letter}').format(letter='A')} kwam huilend" in text


# -- the review ----------------------------------------------------------------------------------


def test_an_unregistered_name_is_hidden_once_decided(qtbot, win, seeded, monkeypatch, saved):  # noqa: F811
    monkeypatch.setattr(report_flow, "name_search", QuickNames("Sem"))
    register = win.register_session.register
    number = seeded["bullying"]
    register.add_entry(
        number, "Sem stuurde de foto van Zoë door naar de hele klas.", event_date=date(2026, 3, 3)
    )
    reviews = []

    def review(dialog):
        reviews.append(dialog)
        assert [(r.flag.text, r.flag.reason) for r in dialog.rows] == [("Sem", UNREGISTERED)]
        row = dialog.rows[0]
        assert row.decision() == ("hide", None)  # the default for a name nobody registered
        assert "<b" in row.sentence.text() and "Sem</b>" in row.sentence.text()
        assert "stuurde de foto" in row.sentence.text()
        assert _("Entry {number}").format(number=1) in row.place.text()
        options = [row.choice.itemText(i) for i in range(row.choice.count())]
        assert options[:2] == [_("hide it"), _("leave it as typed")]
        assert options[-1] == _("add as a party…")
        assert dialog.ok.isEnabled()
        dialog.accept()

    _report_about(monkeypatch)
    drive(monkeypatch, NameReviewDialog, review)
    _make_report(qtbot, win, number, saved)
    assert len(reviews) == 1
    text = _text(saved["targets"][0])
    assert not re.search(r"\bSem\b", text)
    assert _("Person {number}").format(number=1) in text and "Zoë Janssen" in text
    assert register.name_decisions(number) == {"Sem": ("hide", None)}
    assert register.verify_audit().ok

    # The decision is kept with the case: the next report does not ask again.
    _make_report(qtbot, win, number, saved, count=2)
    assert len(reviews) == 1
    assert not re.search(r"\bSem\b", _text(saved["targets"][1]))


def test_ambiguous_names_must_be_chosen(qtbot, win, seeded, monkeypatch, saved):  # noqa: F811
    register = win.register_session.register
    number = seeded["bullying"]
    register.add_party(number, "leerling", "Noor Visser", "groep 7")
    register.add_party(number, "leerling", "Noor de Wit", "groep 8")
    register.add_party(number, "leerling", "Ben de Boer", "groep 7")
    register.add_entry(number, "Noor huilde. Ik ben boos, zei Zoë.", event_date=date(2026, 3, 4))
    parties = _names(register, number)
    states = []

    def review(dialog):
        rows = {r.flag.text: r for r in dialog.rows}
        assert {t: r.flag.reason for t, r in rows.items()} == {
            "Noor": AMBIGUOUS, "ben": WORD_OR_NAME,
        }  # fmt: skip
        noor, ben = rows["Noor"], rows["ben"]
        assert noor.decision() is None and ben.decision() is None  # nothing chosen for you
        options = [noor.choice.itemText(i) for i in range(noor.choice.count())]
        assert options[1:] == [
            _("is {name} ({role})").format(name="Noor Visser", role=_("Pupil")),
            _("is {name} ({role})").format(name="Noor de Wit", role=_("Pupil")),
            _("hide it"),
        ]
        states.append((dialog.ok.isEnabled(), dialog.open_rows()))
        noor.choose(("party", parties["Noor de Wit"]))
        states.append((dialog.ok.isEnabled(), dialog.open_rows()))
        ben.choose(("keep", None))
        states.append((dialog.ok.isEnabled(), dialog.open_rows()))
        assert dialog.status.text() == ""
        dialog.accept()

    _report_about(monkeypatch)
    drive(monkeypatch, NameReviewDialog, review)
    _make_report(qtbot, win, number, saved)
    assert states == [(False, 2), (False, 1), (True, 0)]
    assert register.name_decisions(number) == {
        "Noor": ("party", parties["Noor de Wit"]), "ben": ("keep", None),
    }  # fmt: skip
    text = _text(saved["targets"][0])
    assert "Noor" not in text
    # Noor de Wit was added after Noor Visser: "Leerling C" in Zoë's file.
    assert f"{_('Pupil {letter}').format(letter='C')} huilde." in text
    assert "Ik ben boos" in text


def test_adding_a_name_as_a_party_reviews_again(qtbot, win, seeded, monkeypatch, saved):  # noqa: F811
    monkeypatch.setattr(report_flow, "name_search", QuickNames("Sem de Groot", "Sem"))
    register = win.register_session.register
    number = seeded["bullying"]
    register.add_entry(number, "Sem de Groot plaatste de foto.", event_date=date(2026, 3, 3))
    reviews = []

    def add_as_pupil(dialog):
        assert dialog.name.text() == "Sem de Groot"  # prefilled
        dialog.role.setCurrentIndex(dialog.role.findData("leerling"))
        dialog.accept()

    drive(monkeypatch, PartyDialog, add_as_pupil)

    def review(dialog):
        reviews.append([r.flag.text for r in dialog.rows])
        dialog.rows[0].choose(ADD)

    _report_about(monkeypatch)
    drive(monkeypatch, NameReviewDialog, review)
    _make_report(qtbot, win, number, saved)
    assert reviews == [["Sem de Groot"]]  # once: the added pupil is a registered name now
    assert "Sem de Groot" in _names(register, number)
    text = _text(saved["targets"][0])
    assert "Sem" not in text and f"{_('Pupil {letter}').format(letter='B')} plaatste" in text
    view = win.register_page.case_page
    assert any("Sem de Groot" in view.parties.item(i).text() for i in range(view.parties.count()))


def test_a_cancelled_review_writes_nothing(qtbot, win, seeded, monkeypatch, saved):  # noqa: F811
    monkeypatch.setattr(report_flow, "name_search", QuickNames())
    register = win.register_session.register
    number = seeded["bullying"]
    register.add_entry(number, "Mail kwam van sem@example.nl vandaag.", event_date=date(2026, 3, 3))
    reviews = []

    def review(dialog):
        reviews.append([(r.flag.text, r.flag.reason, r.decision()) for r in dialog.rows])
        dialog.reject()

    _report_about(monkeypatch)
    drive(monkeypatch, NameReviewDialog, review)
    win.register_page.open_case(number)
    settle(win)  # the case is read in the background
    win.register_page.case_page.header.report_button.click()
    qtbot.waitUntil(lambda: bool(reviews), timeout=15000)
    assert reviews == [[("sem@example.nl", HANDLE, ("hide", None))]]
    assert saved["targets"] == [] and register.name_decisions(number) == {}


def test_refusals_are_messages_and_write_nothing(qtbot, win, seeded, monkeypatch, saved, prompts):  # noqa: F811
    register = win.register_session.register
    number = seeded["bullying"]
    register.add_party(number, "medewerker", "Els Bakker", "leerkracht")
    els = _names(register, number)["Els Bakker"]

    # A subject that does not fit the file (the dialog prevents it; the model refuses it).
    def mismatched(dialog):
        dialog.accept()

    drive(monkeypatch, ReportDialog, mismatched)
    monkeypatch.setattr(ReportDialog, "chosen", lambda _d: (els, "leerlingendossier"))
    win.register_page.open_case(number)
    settle(win)  # the case is read in the background
    win.register_page.case_page.header.report_button.click()
    qtbot.waitUntil(lambda: bool(prompts["error"]), timeout=15000)
    assert "Els Bakker" in prompts["error"][0] and saved["targets"] == []


def test_a_name_found_in_the_pdf_stops_the_file(qtbot, win, seeded, monkeypatch, saved, prompts):  # noqa: F811
    def leaking(_model, _redactor):
        raise HiddenNameInPdf(2, "Tijdlijn")

    monkeypatch.setattr(report_flow, "_checked_pdf", leaking)
    _report_about(monkeypatch)
    win.register_page.open_case(seeded["bullying"])
    settle(win)  # the case is read in the background
    win.register_page.case_page.header.report_button.click()
    qtbot.waitUntil(lambda: bool(prompts["error"]), timeout=15000)
    assert prompts["error"] == [str(HiddenNameInPdf(2, "Tijdlijn"))]
    assert len(saved["targets"]) == 1 and not saved["targets"][0].exists()
    assert saved["asked"] == []


# -- with deduce itself ------------------------------------------------------------------------


def test_deduce_is_loaded_off_the_ui_thread(qtbot, win, seeded, monkeypatch, saved):  # noqa: F811
    from klasse_desktop.reports.redaction import unregistered

    threads = []
    load = unregistered.load

    def watched_load():
        threads.append(threading.current_thread() is threading.main_thread())
        return load()

    monkeypatch.setattr(unregistered, "load", watched_load)
    monkeypatch.setattr(report_flow, "name_search", report_flow.NameSearch())
    register = win.register_session.register
    number = seeded["bullying"]
    register.add_entry(
        number, "Gisteren stuurde Lotte van der Berg een bericht aan Zoë.",
        event_date=date(2026, 3, 3),
    )  # fmt: skip
    flagged = []

    def review(dialog):
        flagged.extend(r.flag.text for r in dialog.rows)
        dialog.accept()  # hide: the default

    _report_about(monkeypatch)
    drive(monkeypatch, NameReviewDialog, review)
    _make_report(qtbot, win, number, saved)
    assert any("Lotte" in text for text in flagged)
    assert threads and not any(threads)  # never on the UI thread
    assert "Lotte" not in _text(saved["targets"][0])


def test_every_new_control_has_an_accessible_name(win, seeded):  # noqa: F811
    from klasse_desktop.reports.redaction.redactor import Flag
    from tests.ui.test_case_register_ui import _unnamed

    register = win.register_session.register
    number = seeded["bullying"]
    zoe = _names(register, number)["Zoë Janssen"]
    mother = register.add_party(number, "ouder", "Ingrid Janssen", "moeder", related_to=zoe)
    detail = register.get_case(number)
    party = PartyDialog(win.register_session, number, parent=win)
    party.role.setCurrentIndex(party.role.findData("ouder"))
    flags = [
        Flag("Sem", UNREGISTERED, (), "Sem stuurde de foto door.", "Notitie 1"),
        Flag("Janssen", AMBIGUOUS, (zoe, mother.id), "Janssen belde.", "Notitie 2"),
    ]
    for dialog in (
        party,
        RelationDialog(win.register_session, number, mother, detail.parties, parent=win),
        ReportDialog(detail, win, search_ready=lambda: False),
        NameReviewDialog(flags, detail.parties, parent=win, add_party=lambda *_a: False),
    ):
        assert _unnamed(dialog) == [], type(dialog).__name__
        dialog.deleteLater()
    view = win.register_page.case_page
    win.register_page.open_case(number)
    settle(win)  # the case is read in the background
    view.parties.setCurrentRow(1)
    assert not view.relation_button.isHidden() and _unnamed(view) == []
