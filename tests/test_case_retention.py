"""Retention: exactly the expired cases go, legal hold and open cases stay, receipts remain."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from klasse_desktop.cases.errors import InvalidInputError
from klasse_desktop.cases.retention import (
    expired_cases,
    purge_expired,
    receipts,
    retention_end,
    set_retention_years,
)
from klasse_desktop.cases.search import search
from tests.cases_helpers import PROTOCOL_VERSION, open_register

TODAY = date(2026, 11, 25)


@pytest.fixture
def register(tmp_path):
    reg = open_register(tmp_path / "register")
    yield reg
    reg.close()


def closed_case(register, title, closed_on, file_type="leerlingendossier", hold=False):
    case = register.create_case(title, "pesten", file_type, protocol_version=PROTOCOL_VERSION,
                                opened_on=date(2020, 1, 1))  # fmt: skip
    register.add_party(case.number, "leerling", f"Leerling van {title}")
    entry = register.add_entry(case.number, f"Notitie bij {title}", event_date=date(2020, 1, 2))
    register.add_addendum(
        case.number, entry.id, f"Aanvulling bij {title}", event_date=date(2020, 1, 3)
    )
    register.add_attachment(case.number, "bewijs.png", b"\x89PNG" + title.encode())
    register.close_case(case.number, closed_on)
    if hold:
        register.update_case(case.number, legal_hold=True)
    return register.get_case(case.number).case


def test_retention_end_is_two_years_after_closing_by_default(register):
    case = closed_case(register, "Schrikkeldag", date(2024, 2, 29))
    with register.session() as session:
        assert retention_end(case, session) == date(2026, 2, 28)


def test_exactly_the_expired_cases_are_deleted(register):
    expired = closed_case(register, "Verlopen", date(2024, 11, 24))  # ends 2026-11-24
    due_today = closed_case(register, "Vandaag", date(2024, 11, 25))  # ends today
    not_yet = closed_case(register, "Nog niet", date(2024, 11, 26))
    held = closed_case(register, "Juridisch", date(2020, 1, 1), hold=True)
    still_open = register.create_case("Nog open", "pesten", "leerlingendossier",
                                      protocol_version=PROTOCOL_VERSION, opened_on=date(2019, 1, 1))  # fmt: skip
    assert [c.number for c, _end in expired_cases(register, TODAY)] == [
        expired.number,
        due_today.number,
    ]

    done = purge_expired(register, TODAY)
    assert [r.case_number for r in done] == [expired.number, due_today.number]
    remaining = {c.number for c in [not_yet, held, still_open]}
    assert {row[0] for row in _numbers(register)} == remaining
    assert search(register, "Verlopen") == [] and search(register, "Vandaag") == []
    assert search(register, "Juridisch")


def test_receipts_hold_counts_and_dates_but_no_personal_data(register):
    closed_case(register, "Zoë Geheim", date(2023, 1, 1))
    (receipt,) = purge_expired(register, TODAY)
    assert (receipt.parties, receipt.entries, receipt.attachments) == (1, 2, 1)
    assert receipt.retention_end == date(2025, 1, 1)
    assert "Zoë" not in repr(receipt) and "Geheim" not in repr(receipt)
    assert [r.case_number for r in receipts(register)] == [receipt.case_number]
    with register.session() as session:
        conn = session.connection()
        for table in ("party", "entry", "attachment", "draft"):
            assert conn.execute(text(f"SELECT count(*) FROM {table}")).scalar() == 0
    assert register.verify_audit().ok


def test_numbers_of_deleted_cases_are_never_reused(register):
    old = closed_case(register, "Oud", date(2020, 6, 1))
    purge_expired(register, TODAY)
    new = register.create_case("Nieuw", "pesten", "leerlingendossier", protocol_version=PROTOCOL_VERSION,
                               opened_on=date(2020, 7, 1))  # fmt: skip
    assert new.number != old.number and new.number == "K-2020-0002"


def test_retention_per_file_type_is_configurable(register):
    staff = closed_case(register, "Personeel", date(2022, 1, 1), file_type="personeelsdossier")
    set_retention_years(register, "personeelsdossier", 7)
    assert expired_cases(register, TODAY) == []
    with register.session() as session:
        assert retention_end(staff, session) == date(2029, 1, 1)
    with pytest.raises(InvalidInputError):
        set_retention_years(register, "personeelsdossier", 0)


def test_nothing_expired_means_nothing_deleted(register):
    closed_case(register, "Recent", date(2026, 1, 1))
    assert purge_expired(register, TODAY) == []


def _numbers(register):
    with register.session() as session:
        return session.connection().execute(text('SELECT number FROM "case"')).all()
