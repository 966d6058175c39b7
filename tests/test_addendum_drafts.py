"""An addendum being typed survives a lock, like a new entry: drafts per case and per
corrected entry (migration 0006), and saving one text never throws away another."""

from __future__ import annotations

import pytest

from tests.cases_helpers import open_register


@pytest.fixture
def register(tmp_path):
    reg = open_register(tmp_path / "register")
    yield reg
    reg.close()


def _case(register):
    case = register.create_case("Berichten in de groepsapp", "pesten", "leerlingendossier",
                                protocol_version="2026-02-23")  # fmt: skip
    first = register.add_entry(case.number, "Gesprek met Zoë Janssen over de groepsapp.")
    second = register.add_entry(case.number, "Telefoon in bewaring genomen.", kind="measure")
    return case.number, first, second


def test_each_text_being_typed_has_its_own_draft(register):
    number, first, second = _case(register)
    register.save_draft(number, "Nieuwe notitie: vader belde terug.")
    register.save_draft(number, "Correctie: het was dinsdag, niet maandag.", corrects=first.id)
    register.save_draft(number, "Correctie: Samira's telefoon, niet die van Sam.",
                        corrects=second.id)  # fmt: skip
    assert register.get_draft(number).text == "Nieuwe notitie: vader belde terug."
    assert register.get_draft(number, corrects=first.id).text.startswith("Correctie: het was")
    assert register.get_draft(number, corrects=second.id).text.endswith("niet die van Sam.")
    # Typing on replaces that text's draft, not another's.
    register.save_draft(number, "Correctie: het was dinsdag 4 maart.", corrects=first.id)
    assert (
        register.get_draft(number, corrects=first.id).text == "Correctie: het was dinsdag 4 maart."
    )
    assert register.get_draft(number).text == "Nieuwe notitie: vader belde terug."


def test_saving_an_addendum_removes_only_its_own_draft(register):
    number, first, _second = _case(register)
    register.save_draft(number, "Nieuwe notitie, nog niet af.")
    register.save_draft(number, "Correctie: dinsdag.", corrects=first.id)
    register.add_addendum(number, first.id, "Correctie: dinsdag.")
    assert register.get_draft(number, corrects=first.id) is None
    assert register.get_draft(number).text == "Nieuwe notitie, nog niet af."
    register.add_entry(number, "Nieuwe notitie, nu af.")
    assert register.get_draft(number) is None


def test_discarding_an_addendum_draft_keeps_the_new_entry_draft(register):
    number, first, _second = _case(register)
    register.save_draft(number, "Nieuwe notitie.")
    register.save_draft(number, "Correctie.", corrects=first.id)
    register.discard_draft(number, corrects=first.id)
    assert register.get_draft(number, corrects=first.id) is None
    assert register.get_draft(number) is not None
