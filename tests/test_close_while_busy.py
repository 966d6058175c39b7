"""Closing the register never waits for another program's write (issue 16).

Closing folds the WAL back into the file with a checkpoint, which waits for the
busy timeout (5 s) while another program (the CLI) holds the write lock: locking
the window froze that long. Now the checkpoint is skipped then; the data is all
there, and a later close folds the WAL in.
"""

from __future__ import annotations

import time

from klasse_desktop.cases.database import make_engine
from tests.cases_helpers import PROTOCOL_VERSION, open_register


def test_closing_while_another_program_writes_is_immediate_and_loses_nothing(tmp_path):
    folder = tmp_path / "register"
    register = open_register(folder)
    case = register.create_case(
        "Berichten in de groepsapp", "pesten", "leerlingendossier",
        protocol_version=PROTOCOL_VERSION,
    )  # fmt: skip
    register.add_entry(case.number, "Gesprek met Yusuf Aydın en zijn moeder.")
    other = make_engine(register.database.path, register.database.key_hex)
    holder = other.connect()
    holder.begin()  # BEGIN IMMEDIATE: the write lock, as a CLI command holds it
    try:
        start = time.perf_counter()
        register.close()
        took = time.perf_counter() - start
    finally:
        holder.rollback()
        holder.close()
        other.dispose()
    assert took < 2.5, took  # it waited the 5 s busy timeout before (margin: a loaded CI machine)
    assert register.database.key_hex == ""  # the key is dropped all the same

    again = open_register(folder, create=False)
    try:
        texts = [e.text for e in again.get_case(case.number).entries]
        assert texts == ["Gesprek met Yusuf Aydın en zijn moeder."]
    finally:
        again.close()
    assert not (folder / "register.db-wal").exists() or (
        (folder / "register.db-wal").stat().st_size == 0
    )  # the next close, with nobody writing, folded the WAL in
