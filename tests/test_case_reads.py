"""Reading the register never waits for a writer, and a case is read without its files.

Issue 16: every transaction began with BEGIN IMMEDIATE, so a write held by another
program (the CLI) held up every view for the busy timeout (5 s); and showing a case
read every attachment's bytes. The daily backup can run after the unlock instead of
inside it (the window makes it in the background).
"""

from __future__ import annotations

import time
from datetime import date

import pytest
from sqlalchemy import event

from klasse_desktop.cases import retention
from klasse_desktop.cases.database import backups_in, make_engine
from klasse_desktop.cases.listing import list_cases
from klasse_desktop.cases.person_export import export_person
from klasse_desktop.cases.repository import CaseRegister
from klasse_desktop.cases.search import search
from tests.cases_helpers import FAST_KDF, PASSPHRASE, PROTOCOL_VERSION, open_register

PICTURE = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40


@pytest.fixture
def register(tmp_path):
    register = open_register(tmp_path / "register")
    yield register
    register.close()


def _case_with_files(register: CaseRegister) -> str:
    case = register.create_case(
        "Schermafdrukken uit de groepsapp", "pesten", "leerlingendossier",
        protocol_version=PROTOCOL_VERSION, opened_on=date(2026, 3, 2),
    )  # fmt: skip
    register.add_party(case.number, "leerling", "Yusuf Aydın", "groep 6")
    register.add_entry(case.number, "Yusuf liet de berichten zien.")
    register.add_attachment(case.number, "bericht-1.png", PICTURE)
    register.add_attachment(case.number, "bericht-2.png", PICTURE[::-1])
    return case.number


class Statements:
    """Every SQL statement the register's engine sends, in order."""

    def __init__(self, register: CaseRegister) -> None:
        self.engine, self.sent = register.database.engine, []
        event.listen(self.engine, "before_cursor_execute", self._seen)

    def _seen(self, _conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        self.sent.append(" ".join(statement.split()))

    def stop(self) -> list[str]:
        event.remove(self.engine, "before_cursor_execute", self._seen)
        return self.sent


def test_a_case_is_read_without_the_bytes_of_its_attachments(register):
    number = _case_with_files(register)
    seen = Statements(register)
    detail = register.get_case(number)
    sent = seen.stop()
    assert [a.filename for a in detail.attachments] == ["bericht-1.png", "bericht-2.png"]
    assert [a.size for a in detail.attachments] == [len(PICTURE)] * 2
    assert all(a.data == b"" for a in detail.attachments)
    reads = [s for s in sent if "FROM attachment" in s]
    assert len(reads) == 1 and "attachment.data" not in reads[0], reads
    assert "attachment.filename" in reads[0]
    # One file's bytes are read when it is opened or saved.
    assert register.attachment_data(detail.attachments[1].id) == PICTURE[::-1]


def test_the_person_export_lists_files_without_reading_them(register):
    _case_with_files(register)
    seen = Statements(register)
    export = export_person(register, "Yusuf Aydın")
    sent = seen.stop()
    [case] = export["cases"]
    assert [a["filename"] for a in case["attachments"]] == ["bericht-1.png", "bericht-2.png"]
    assert not [s for s in sent if "attachment.data" in s], sent


def test_reads_begin_a_plain_transaction_and_writes_an_immediate_one(register):
    number = _case_with_files(register)
    seen = Statements(register)
    list_cases(register)
    register.count_cases()
    register.name_decisions(number)
    retention.expired_cases(register)
    register.add_entry(number, "Ouders gebeld.")
    sent = seen.stop()
    begins = [s for s in sent if s.startswith("BEGIN")]
    assert begins == ["BEGIN"] * 4 + ["BEGIN IMMEDIATE"], sent


def test_reads_are_not_held_up_by_a_write_lock_of_another_program(register):
    """Another program (the CLI) holding the write lock: the list, the counts, the
    retention view, the name decisions and the audit check are read at once."""
    number = _case_with_files(register)
    other = make_engine(register.database.path, register.database.key_hex)
    holder = other.connect()
    holder.begin()  # BEGIN IMMEDIATE: the write lock, held like a long CLI command
    try:
        start = time.perf_counter()
        assert [row.number for row in list_cases(register)] == [number]
        assert register.count_cases() == 1
        assert retention.expired_cases(register) == []
        assert register.name_decisions(number) == {}
        assert register.verify_audit().ok
        took = time.perf_counter() - start
    finally:
        holder.rollback()
        holder.close()
        other.dispose()
    assert took < 1.0, took  # each would have waited for the 5 s busy timeout


def test_a_read_transaction_refuses_to_change_anything(register):
    number = _case_with_files(register)
    with pytest.raises(RuntimeError), register.reading() as session:
        case = register._case(session, number)
        case.title = "Veranderd"
        session.add(case)
    assert register.get_case(number).case.title == "Schermafdrukken uit de groepsapp"


def test_search_reads_without_the_write_lock(register):
    number = _case_with_files(register)
    seen = Statements(register)
    hits = search(register, "groepsapp")
    sent = seen.stop()
    assert [h.case_number for h in hits] == [number]
    # The search itself is a plain read; only its audit event is a write.
    assert [s for s in sent if s.startswith("BEGIN")] == ["BEGIN", "BEGIN IMMEDIATE"]


def test_the_daily_backup_can_be_left_out_of_the_unlock_and_made_after(tmp_path):
    folder = tmp_path / "register"
    register = open_register(folder)
    _case_with_files(register)
    register.close()
    assert backups_in(folder) == []
    register = CaseRegister.open(folder, PASSPHRASE, "Directeur Test", kdf=FAST_KDF, backup=False)
    try:
        assert backups_in(folder) == []  # the unlock itself made none
        made = register.backup_if_due()
        assert made is not None and backups_in(folder) == [made]
        assert made.name.endswith("-auto.db")
        assert register.backup_if_due() is None  # one a day
    finally:
        register.close()
    open_register(folder, create=False).close()  # the CLI's open still makes it if due
    assert len(backups_in(folder)) == 1
