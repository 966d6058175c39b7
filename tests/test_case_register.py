"""The case register's domain: cases, parties, append-only entries, drafts, notes."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
import sqlalchemy.exc
from sqlalchemy import text

from klasse_desktop.cases.errors import (
    InvalidInputError,
    NotFoundError,
    RegisterDamagedError,
    RegisterMissingError,
    WrongPassphraseError,
)
from klasse_desktop.cases.listing import CaseFilter, list_cases
from klasse_desktop.cases.person_export import export_person, to_text
from klasse_desktop.cases.repository import CaseRegister
from klasse_desktop.cases.search import search
from klasse_desktop.cases.wizard_notes import save_wizard_run
from klasse_desktop.i18n_dates import format_date
from klasse_desktop.protocol.engine import WizardRun
from tests.cases_helpers import PASSPHRASE, PROTOCOL_VERSION, open_register


@pytest.fixture
def register(tmp_path):
    reg = open_register(tmp_path / "register")
    yield reg
    reg.close()


def new_case(register, title="Kwetsende berichten in groepsapp", **kw):
    kw.setdefault("protocol_version", PROTOCOL_VERSION)
    return register.create_case(title, kw.pop("category", "pesten"),
                                kw.pop("file_type", "leerlingendossier"), **kw)  # fmt: skip


def test_case_numbers_count_up_per_year(register):
    first = new_case(register, opened_on=date(2026, 3, 1))
    second = new_case(register, opened_on=date(2026, 4, 1))
    other_year = new_case(register, opened_on=date(2025, 12, 1))
    assert (first.number, second.number, other_year.number) == (
        "K-2026-0001",
        "K-2026-0002",
        "K-2025-0001",
    )


def test_a_case_with_parties_and_a_dated_timeline(register):
    case = new_case(register, opened_on=date(2026, 3, 2))
    register.add_party(case.number, "leerling", "Zoë Janssen", "groep 7")
    register.add_party(case.number, "ouder", "Şükrü Yılmaz")
    late = register.add_entry(
        case.number, "Gesprek met ouders.", kind="conversation", event_date=date(2026, 3, 4)
    )
    early = register.add_entry(case.number, "Melding van de mentor.", event_date=date(2026, 3, 1))
    detail = register.get_case(case.number)
    assert [p.name for p in detail.parties] == ["Zoë Janssen", "Şükrü Yılmaz"]
    assert [e.id for e in detail.entries] == [early.id, late.id]  # by event date, not typing order
    assert detail.entries[0].author == "Directeur Test"
    assert detail.entries[0].recorded_at.date() == date.today()
    assert detail.retention_end is None  # open cases are kept


def test_corrections_are_addenda_and_both_are_kept(register):
    case = new_case(register)
    original = register.add_entry(case.number, "Het gebeurde op dinsdag.")
    addendum = register.add_addendum(case.number, original.id, "Correctie: het was woensdag.")
    detail = register.get_case(case.number)
    assert [e.text for e in detail.entries] == [
        "Het gebeurde op dinsdag.",
        "Correctie: het was woensdag.",
    ]
    assert detail.addenda == {original.id: [addendum]}
    assert addendum.corrects_id == original.id


def test_entries_cannot_be_changed_or_deleted_even_with_sql(register):
    case = new_case(register)
    entry = register.add_entry(case.number, "Oorspronkelijke tekst.")
    assert not [
        name for name in dir(CaseRegister) if "edit" in name or name.startswith("update_entry")
    ]
    refused = pytest.raises(sqlalchemy.exc.DatabaseError, match="append-only")
    with register.session() as session, refused:
        session.connection().execute(
            text("UPDATE entry SET text = 'vervalst' WHERE id = :id"), {"id": entry.id}
        )
    refused = pytest.raises(sqlalchemy.exc.DatabaseError, match="append-only")
    with register.session() as session, refused:
        session.connection().execute(text("DELETE FROM entry WHERE id = :id"), {"id": entry.id})
    assert register.get_case(case.number).entries[0].text == "Oorspronkelijke tekst."


def test_an_addendum_must_belong_to_the_same_case(register):
    one, two = new_case(register), new_case(register)
    entry = register.add_entry(one.number, "Tekst.")
    with pytest.raises(NotFoundError):
        register.add_addendum(two.number, entry.id, "Elders.")


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda r, n: r.add_entry(n, "   "), "De tekst mag niet leeg zijn."),
        (lambda r, n: r.add_entry(n, "x", event_date=date.today() + timedelta(days=1)),
         "De datum van de gebeurtenis kan niet in de toekomst liggen."),
        (lambda r, n: r.add_entry(n, "x", kind="roddel"), "'roddel' is geen geldige"),
        (lambda r, n: r.add_party(n, "buurman", "Sam"), "'buurman' is geen geldige"),
        (lambda r, n: r.add_party(n, "leerling", ""), "De naam mag niet leeg zijn."),
        (lambda r, n: r.add_entry("K-1999-0001", "x"), "Er is geen dossier K-1999-0001."),
    ],
)  # fmt: skip
def test_bad_input_gets_a_clear_dutch_message(register, call, message):
    case = new_case(register)
    with pytest.raises((InvalidInputError, NotFoundError)) as exc:
        call(register, case.number)
    assert str(exc.value).startswith(message)


def test_invalid_category_lists_the_options(register):
    with pytest.raises(InvalidInputError) as exc:
        new_case(register, category="ruzie")
    assert "hacken, radicalisering, sexting, pesten" in str(exc.value)


def test_control_characters_are_dropped_but_text_is_kept(register):
    case = new_case(register)
    entry = register.add_entry(case.number, "Regel één\x00\x07\nregel twee\tmet tab")
    assert entry.text == "Regel één\nregel twee\tmet tab"


def test_drafts_are_kept_until_the_entry_is_saved(register):
    case = new_case(register)
    register.save_draft(case.number, "Half getypte notitie over Zoë", kind="conversation")
    draft = register.get_draft(case.number)
    assert draft.text == "Half getypte notitie over Zoë" and draft.kind == "conversation"
    register.add_entry(case.number, "Definitieve notitie.")
    assert register.get_draft(case.number) is None


def test_attachments_are_stored_inside_the_encrypted_file(register):
    case = new_case(register)
    png = b"\x89PNG\r\n\x1a\n" + b"schermafbeelding" * 100
    attachment = register.add_attachment(case.number, "/home/x/screenshot 1.png", png)
    assert attachment.filename == "screenshot 1.png" and attachment.media_type == "image/png"
    assert register.attachment_data(attachment.id) == png
    assert register.get_case(case.number).attachments[0].data == b""  # lists never carry the bytes
    with pytest.raises(InvalidInputError):
        register.add_attachment(case.number, "leeg.txt", b"")


def test_a_wizard_run_becomes_a_note_that_keeps_the_answers(register, rules):
    case = new_case(register)
    run = WizardRun.start(rules, "opnemen")
    run.answer("medewerker")
    run.answer("afstand")
    entry = save_wizard_run(register, case.number, run, rules, "nl")
    data = json.loads(entry.wizard_record)
    assert entry.kind == "wizard_outcome"
    assert data["wizard"] == "opnemen" and data["protocol_version"] == "2026-02-23"
    assert data["answers"] == [
        {"question": "wie", "choice": "medewerker"},
        {"question": "wat", "choice": "afstand"},
    ]
    assert data["outcome"] == "afstand" and data["kind"] == "not_allowed"
    assert data["clauses"] == ["A7", "B1"] and data["clause_texts"]["A7"].startswith(
        "Het is ouders"
    )
    assert entry.text.startswith("Mag ik dit opnemen of fotograferen? — Dit mag niet: Nee")


def test_search_finds_titles_parties_and_entries(register):
    case = new_case(register, title="Nepaccount op Instagram")
    register.add_party(case.number, "leerling", "Zoë Janssen")
    register.add_entry(case.number, "De schermafdrukken tonen bedreigingen.")
    assert [h.source for h in search(register, "nepaccount")] == ["case"]
    assert [h.source for h in search(register, "zoe")] == ["party"]  # accents optional
    hit = search(register, "bedreig")[0]  # prefix
    assert hit.case_number == case.number and "[bedreigingen]" in hit.snippet
    assert search(register, '") OR * NEAR(') == []  # query syntax is never interpreted


def test_list_filters(register):
    a = new_case(register, title="Sexting groep 8", category="sexting", opened_on=date(2026, 1, 5))
    new_case(register, title="Hack van schoolaccount", category="hacken", file_type="personeelsdossier",
             opened_on=date(2026, 2, 5))  # fmt: skip
    register.close_case(a.number, date(2026, 2, 1))
    assert [r.number for r in list_cases(register)] == ["K-2026-0002", "K-2026-0001"]
    assert [r.title for r in list_cases(register, CaseFilter(status="closed"))] == [
        "Sexting groep 8"
    ]
    assert [
        r.category for r in list_cases(register, CaseFilter(file_type="personeelsdossier"))
    ] == ["hacken"]
    assert [r.number for r in list_cases(register, CaseFilter(opened_from=date(2026, 2, 1)))] == [
        "K-2026-0002"
    ]
    assert [r.number for r in list_cases(register, CaseFilter(text="schoolaccount"))] == [
        "K-2026-0002"
    ]


def test_export_for_one_person(register):
    case = new_case(register)
    register.add_party(case.number, "leerling", "Zoë Janssen", "groep 7")
    register.add_entry(case.number, "Gesprek met Zoë.")
    other = new_case(register, title="Ander dossier")
    register.add_party(other.number, "leerling", "Sam de Vries")
    export = export_person(register, "zoe janssen")
    assert [c["case"]["number"] for c in export["cases"]] == [case.number]
    assert export["cases"][0]["as_party"][0]["class_or_function"] == "groep 7"
    assert "Sam de Vries" not in json.dumps(export)
    text = to_text(export)
    assert "Gesprek met Zoë." in text
    # Words and dates as the reader (a parent, often) says them, not stored codes.
    assert "  Als leerling: Zoë Janssen groep 7" in text
    assert "(Waarneming, " in text and "observation" not in text
    assert "; status open; dossier leerlingendossier." in text
    day = format_date(date.today(), "nl")
    assert f"  [{day}] (Waarneming, " in text and f"Geopend {day};" in text
    with pytest.raises(NotFoundError):
        export_person(register, "Niemand Bekend")


def test_wrong_passphrase_missing_and_damaged_registers(tmp_path):
    folder = tmp_path / "register"
    with pytest.raises(RegisterMissingError):
        open_register(folder, create=False)
    open_register(folder).close()
    with pytest.raises(WrongPassphraseError) as exc:
        open_register(folder, create=False, passphrase="verkeerd wachtwoord")
    assert str(exc.value) == "Met dit wachtwoord gaat het dossierregister niet open."
    open_register(folder, create=False, passphrase=PASSPHRASE).close()  # retry works
    (folder / "register.db").write_bytes(b"\x00" * 100)
    with pytest.raises(RegisterDamagedError):
        open_register(folder, create=False)


def test_a_short_passphrase_is_refused_when_creating(tmp_path):
    with pytest.raises(WrongPassphraseError, match="minstens 10 tekens"):
        open_register(tmp_path / "r", passphrase="kort")
