"""Correcting and removing parties: audited, refused when something refers to the
party, impossible behind the app's back, and reports use the corrected values."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy.exc
from sqlmodel import col, select

from klasse_desktop import i18n
from klasse_desktop.cases.errors import InvalidInputError, NotFoundError
from klasse_desktop.cases.models import AuditEvent
from klasse_desktop.cases.party_changes import (
    PartyInUseError,
    correct_party,
    mentioned_part,
    removal_refused,
    remove_party,
)
from klasse_desktop.cases.search import search
from klasse_desktop.i18n import _
from klasse_desktop.reports.redaction.unregistered import no_names
from klasse_desktop.reports.report_model import ReportContext, build_report_model, texts
from tests.cases_helpers import PROTOCOL_VERSION, open_register

CONTEXT = ReportContext(
    "Stichting Klasse", "OBS De Vlinder", "Els Bakker", "nl", date(2026, 11, 25)
)


@pytest.fixture(autouse=True)
def _dutch():
    i18n.set_language("nl")
    yield
    i18n.set_language("nl")


@pytest.fixture
def register(tmp_path):
    reg = open_register(tmp_path / "register")
    yield reg
    reg.close()


@pytest.fixture
def case(register):
    return register.create_case(
        "Bewerkte foto in de klassenapp", "pesten", "leerlingendossier",
        protocol_version=PROTOCOL_VERSION, opened_on=date(2026, 11, 2),
    ).number  # fmt: skip


def audit_rows(register, action):
    with register.reading() as session:
        rows = session.exec(
            select(AuditEvent).where(AuditEvent.action == action).order_by(col(AuditEvent.id))
        )
        return [(r.object_type, r.object_id, r.case_number, r.actor) for r in rows]


def test_a_misspelt_name_is_corrected_audited_and_found_by_search(register, case):
    party = register.add_party(case, "leerling", "Daan de Vriess", "groep 7")
    corrected = correct_party(
        register,
        case,
        party.id,
        role="leerling",
        name=" Daan  de Vries ",
        class_or_function="groep 8",
    )
    assert (corrected.name, corrected.class_or_function) == ("Daan  de Vries", "groep 8")
    detail = register.get_case(case)
    assert [(p.name, p.class_or_function) for p in detail.parties] == [
        ("Daan  de Vries", "groep 8")
    ]
    assert audit_rows(register, "correct") == [("party", str(party.id), case, "Directeur Test")]
    assert [h.source for h in search(register, "Vries")] == ["party"]
    assert search(register, "Vriess") == []  # the old spelling left the search index
    assert register.verify_audit().ok


def test_a_correction_that_changes_nothing_writes_no_audit_event(register, case):
    party = register.add_party(case, "medewerker", "Els Bakker", "leerkracht")
    correct_party(register, case, party.id, role="medewerker", name="Els Bakker",
                  class_or_function="leerkracht")  # fmt: skip
    assert audit_rows(register, "correct") == []


def test_a_parent_filed_as_pupil_becomes_a_parent_and_a_parent_of_no_one_when_changed(
    register, case
):
    pupil = register.add_party(case, "leerling", "Zoë Janssen", "groep 7")
    wrong = register.add_party(case, "leerling", "Ingrid Janssen")
    parent = correct_party(register, case, wrong.id, role="ouder", name="Ingrid Janssen",
                           class_or_function="moeder", related_to=pupil.id)  # fmt: skip
    assert (parent.role, parent.related_to_id) == ("ouder", pupil.id)
    # Correcting the name again keeps the link; another role drops it.
    parent = correct_party(register, case, wrong.id, role="ouder", name="Ingrid Jansen")
    assert parent.related_to_id == pupil.id
    staff = correct_party(register, case, wrong.id, role="medewerker", name="Ingrid Jansen")
    assert staff.related_to_id is None


def test_a_pupil_with_a_linked_parent_keeps_the_pupil_role(register, case):
    pupil = register.add_party(case, "leerling", "Zoë Janssen")
    register.add_party(case, "ouder", "Ingrid Janssen", related_to=pupil.id)
    with pytest.raises(PartyInUseError, match="Ingrid Janssen"):
        correct_party(register, case, pupil.id, role="medewerker", name="Zoë Janssen")
    assert register.get_case(case).parties[0].role == "leerling"


def test_bad_corrections_are_refused_with_a_message(register, case, tmp_path):
    party = register.add_party(case, "leerling", "Sam de Vries")
    with pytest.raises(InvalidInputError, match=_("The name").split()[0]):
        correct_party(register, case, party.id, role="leerling", name="   ")
    with pytest.raises(InvalidInputError):
        correct_party(register, case, party.id, role="koning", name="Sam de Vries")
    other = register.create_case("Ander dossier", "anders", "personeelsdossier",
                                 protocol_version=PROTOCOL_VERSION).number  # fmt: skip
    with pytest.raises(NotFoundError):
        correct_party(register, other, party.id, role="leerling", name="Sam")
    with pytest.raises(InvalidInputError):  # a parent of a pupil of another case
        correct_party(register, other, register.add_party(other, "ouder", "Ria").id,
                      role="ouder", name="Ria", related_to=party.id)  # fmt: skip


def test_a_party_nothing_refers_to_is_removed_and_the_removal_audited(register, case):
    keep = register.add_party(case, "leerling", "Zoë Janssen")
    mistake = register.add_party(case, "leerling", "Sem Bakker")
    register.add_entry(case, "Zoë vertelt over de foto.")
    assert removal_refused(register, case, mistake.id) is None
    remove_party(register, case, mistake.id)
    assert [p.id for p in register.get_case(case).parties] == [keep.id]
    assert audit_rows(register, "remove") == [("party", str(mistake.id), case, "Directeur Test")]
    assert search(register, "Sem") == []
    assert register.verify_audit().ok


def test_a_party_that_is_referred_to_is_not_removed(register, case):
    pupil = register.add_party(case, "leerling", "Zoë Janssen")
    register.add_party(case, "ouder", "Ingrid Janssen", related_to=pupil.id)
    with pytest.raises(PartyInUseError, match="Ingrid Janssen"):
        remove_party(register, case, pupil.id)

    named = register.add_party(case, "leerling", "Sem Bakker")
    register.add_entry(case, "Volgens de klas plaatste Sem de foto.")
    reason = removal_refused(register, case, named.id)
    assert reason is not None and "“Sem”" in reason
    with pytest.raises(PartyInUseError):
        remove_party(register, case, named.id)

    decided = register.add_party(case, "medewerker", "Anouk Visser")
    register.save_name_decisions(case, {"juf Anouk": ("party", decided.id)})
    with pytest.raises(PartyInUseError, match="juf Anouk"):
        remove_party(register, case, decided.id)
    assert len(register.get_case(case).parties) == 4
    assert audit_rows(register, "remove") == []


def test_a_duplicate_whose_name_is_in_the_notes_can_still_be_removed(register, case):
    register.add_party(case, "leerling", "Sam de Vries", "groep 7")
    twice = register.add_party(case, "leerling", "Sam de Vries")
    register.add_entry(case, "Gesprek met Sam de Vries.")
    remove_party(register, case, twice.id)
    assert len(register.get_case(case).parties) == 1


def test_mentions_are_whole_words_whatever_the_accents():
    assert mentioned_part("Şükrü Yılmaz", [], ["Gesprek met meneer Yilmaz."]) == "Yılmaz"
    assert mentioned_part("Jo de Wit", [], ["Johan en de Witte Zaal"]) is None
    assert mentioned_part("Jo de Wit", ["Jo Bakker"], ["Jo belde."]) is None  # shared part
    assert mentioned_part("Jo de Wit", [], ["Het dossier van de klas."]) is None  # particles
    assert mentioned_part("Floor 't Hart", [], ["Dat 't klopt, zegt Floor."]) == "Floor"


def test_a_party_cannot_be_changed_or_deleted_without_its_audit_event(register, case):
    party = register.add_party(case, "leerling", "Sam de Vries")
    register.add_party(case, "leerling", "Zoë Janssen")
    with register.session() as session, pytest.raises(sqlalchemy.exc.IntegrityError):
        conn = session.connection()
        conn.exec_driver_sql(f"UPDATE party SET class_or_function = 'x' WHERE id = {party.id}")
    # An audit event for another party does not open this one.
    other = register.get_case(case).parties[1].id
    correct_party(register, case, other, role="leerling", name="Zoë Jansen")
    with register.session() as session, pytest.raises(sqlalchemy.exc.IntegrityError):
        session.connection().exec_driver_sql(f"DELETE FROM party WHERE id = {party.id}")
    assert [p.name for p in register.get_case(case).parties] == ["Sam de Vries", "Zoë Jansen"]


def test_reports_use_the_corrected_name_and_role(register, case, rules):
    subject = register.add_party(case, "leerling", "Fenna Oosterwijk", "groep 6")
    other = register.add_party(case, "leerling", "Quirijn Zandbergen", "groep 6")
    correct_party(register, case, subject.id, role="leerling", name="Fenna Oosterwijck",
                  class_or_function="groep 7")  # fmt: skip
    correct_party(register, case, other.id, role="leerling", name="Quirijn Zandberg")
    model, _redactor = build_report_model(
        register.get_case(case), subject.id, "leerlingendossier", CONTEXT, rules, {}, no_names
    )
    joined = "\n".join(texts(model))
    assert "Fenna Oosterwijck" in joined and "groep 7" in joined
    assert "Oosterwijk " not in joined and "Zandberg" not in joined
    assert "Leerling B" in joined
