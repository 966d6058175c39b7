"""Automatic backups, damaged or foreign register files, and restoring a backup."""

from __future__ import annotations

import os
import shutil
import threading
import time
from datetime import date

import pytest

from klasse_desktop.cases import keys
from klasse_desktop.cases.database import (
    backup,
    backup_if_due,
    backups_in,
    list_backups,
    make_engine,
)
from klasse_desktop.cases.errors import RegisterDamagedError, WrongPassphraseError
from klasse_desktop.cases.restore import restore_backup
from tests.cases_helpers import PASSPHRASE, PROTOCOL_VERSION, open_register


def _new_case(register, title="Meme in de klassenapp"):
    return register.create_case(
        title=title, category="memes", file_type="leerlingendossier",
        protocol_version=PROTOCOL_VERSION, opened_on=date(2026, 3, 2),
    )  # fmt: skip


def _register_with_a_case(folder):
    register = open_register(folder)
    case = _new_case(register)
    register.close()
    return case.number


def _key_hex(folder, passphrase=PASSPHRASE):
    return keys.derive_key(passphrase, keys.read_params(folder)).hex()


def _query(path, key_hex, sql):
    engine = make_engine(path, key_hex)
    try:
        with engine.connect() as conn:
            return conn.exec_driver_sql(sql).fetchall()
    finally:
        engine.dispose()


def _age(path, days):
    old = time.time() - days * 86400
    os.utime(path, (old, old))


# -- automatic backups ----------------------------------------------------------------


def test_an_empty_register_gets_no_backup_but_one_with_cases_does(tmp_path):
    folder = tmp_path / "register"
    open_register(folder).close()
    assert backups_in(folder) == []
    _register_with_a_case(folder)
    assert backups_in(folder) == []  # made at open; the case came afterwards
    open_register(folder, create=False).close()
    assert len(backups_in(folder)) == 1
    assert backups_in(folder)[0].name.endswith("-auto.db")


def test_a_backup_is_made_once_a_day(tmp_path):
    folder = tmp_path / "register"
    _register_with_a_case(folder)
    open_register(folder, create=False).close()
    open_register(folder, create=False).close()
    assert len(backups_in(folder)) == 1  # the newest is less than a day old
    _age(backups_in(folder)[0], 2)
    open_register(folder, create=False).close()
    assert len(backups_in(folder)) == 2


def test_only_the_newest_backups_are_kept(tmp_path):
    folder = tmp_path / "register"
    _register_with_a_case(folder)
    register = open_register(folder, create=False)
    for _n in range(4):
        backup(register.database, keep=3)
    assert len(list_backups(register.database)) == 3
    _age(list_backups(register.database)[0], 2)
    made = backup_if_due(register.database, keep=2)
    assert made is not None and list_backups(register.database) == [made] + [
        p for p in list_backups(register.database) if p != made
    ]
    assert len(list_backups(register.database)) == 2
    register.close()


def test_a_backup_taken_while_entries_are_written_is_consistent(tmp_path):
    folder = tmp_path / "register"
    register = open_register(folder)
    number = _new_case(register).number
    stop = threading.Event()
    written: list[int] = []
    errors: list[BaseException] = []

    def writer():
        try:
            i = 0
            while not stop.is_set() and i < 400:
                register.add_entry(number, text=f"notitie {i:04d}", kind="observation")
                written.append(i)
                i += 1
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    thread = threading.Thread(target=writer)
    thread.start()
    while len(written) < 20:
        time.sleep(0.01)
    copies = [backup(register.database, reason="test") for _n in range(3)]
    stop.set()
    thread.join()
    assert not errors
    register.close()
    key_hex = _key_hex(folder)
    for copy in copies:
        assert _query(copy, key_hex, "PRAGMA integrity_check") == [("ok",)]
        texts = [row[0] for row in _query(copy, key_hex, "SELECT text FROM entry ORDER BY id")]
        assert texts == [f"notitie {i:04d}" for i in range(len(texts))]  # a prefix, no gaps
        assert len(texts) >= 20
        # every entry's audit event came with it (same transaction, same snapshot)
        events = _query(copy, key_hex, "SELECT count(*) FROM audit_event WHERE object_type='entry'")
        assert events[0][0] == len(texts)


# -- damaged and foreign files ----------------------------------------------------------


def _damage(path, how):
    data = bytearray(path.read_bytes())
    if how == "truncated":
        path.write_bytes(bytes(data[: len(data) // 2 + 100]))
    elif how == "zeroed":
        path.write_bytes(bytes(len(data)))
    elif how == "flipped-first-page":
        data[200] ^= 0xFF
        path.write_bytes(bytes(data))
    elif how == "flipped-later-page":
        data[len(data) - 500] ^= 0xFF
        path.write_bytes(bytes(data))
    elif how == "text":
        path.write_text("Dit is geen register.\n" * 100, encoding="utf-8")
    elif how == "plain-sqlite":
        import sqlite3

        path.unlink()
        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE t (x)")
            conn.executemany("INSERT INTO t VALUES (?)", [("x" * 500,)] * 50)
        conn.close()


DAMAGE = ["truncated", "zeroed", "flipped-first-page", "flipped-later-page", "text", "plain-sqlite"]


@pytest.mark.parametrize("how", DAMAGE)
def test_a_damaged_register_is_reported_and_left_untouched(tmp_path, how):
    folder = tmp_path / "register"
    _register_with_a_case(folder)
    open_register(folder, create=False).close()  # checkpointed, no -wal left
    db = folder / "register.db"
    _damage(db, how)
    before = db.read_bytes()
    with pytest.raises(RegisterDamagedError, match="beschadigd"):
        open_register(folder, create=False)
    assert db.read_bytes() == before
    with pytest.raises(RegisterDamagedError):  # and again: still untouched
        open_register(folder, create=False)
    assert db.read_bytes() == before


@pytest.mark.parametrize("how", ["truncated", "zeroed", "text", "plain-sqlite"])
def test_without_a_key_check_obvious_damage_is_still_named(tmp_path, how):
    """A register.json from before the key check (older app versions)."""
    folder = tmp_path / "register"
    _register_with_a_case(folder)
    params = keys.read_params(folder)
    keys.write_params(folder, keys.KdfParams(**{**params.__dict__, "check": ""}))
    _damage(folder / "register.db", how)
    before = (folder / "register.db").read_bytes()
    with pytest.raises(RegisterDamagedError):
        open_register(folder, create=False)
    assert (folder / "register.db").read_bytes() == before


def test_a_wrong_passphrase_is_still_a_wrong_passphrase(tmp_path):
    folder = tmp_path / "register"
    _register_with_a_case(folder)
    before = (folder / "register.db").read_bytes()
    with pytest.raises(WrongPassphraseError):
        open_register(folder, create=False, passphrase="iets heel anders 99")
    assert (folder / "register.db").read_bytes() == before


def test_an_older_register_json_gets_the_key_check_on_open(tmp_path):
    folder = tmp_path / "register"
    _register_with_a_case(folder)
    params = keys.read_params(folder)
    keys.write_params(folder, keys.KdfParams(**{**params.__dict__, "check": ""}))
    with pytest.raises(WrongPassphraseError):
        open_register(folder, create=False, passphrase="iets heel anders 99")
    assert keys.read_params(folder).check == ""  # a wrong key writes nothing
    open_register(folder, create=False).close()
    assert keys.read_params(folder).check == params.check


# -- restoring ------------------------------------------------------------------------


def _damaged_register_with_backup(tmp_path):
    folder = tmp_path / "register"
    number = _register_with_a_case(folder)
    open_register(folder, create=False).close()  # the automatic backup
    _damage(folder / "register.db", "zeroed")
    return folder, number


def test_restore_puts_the_backup_back_and_keeps_the_damaged_file(tmp_path):
    folder, number = _damaged_register_with_backup(tmp_path)
    damaged = (folder / "register.db").read_bytes()
    (folder / "register.db-wal").write_bytes(b"wal")
    newest = backups_in(folder)[0]
    moved = restore_backup(folder, newest, PASSPHRASE)
    assert moved is not None and moved.name.startswith("register.db.damaged-")
    assert moved.read_bytes() == damaged
    assert (folder / f"{moved.name}-wal").read_bytes() == b"wal"
    assert not (folder / "register.db-wal").exists()
    assert newest.exists()  # the backup itself stays
    assert not list(folder.glob("*.restoring*"))
    register = open_register(folder, create=False)
    assert register.get_case(number).case.title == "Meme in de klassenapp"
    register.close()


def test_restore_refuses_a_wrong_passphrase_and_a_foreign_backup(tmp_path):
    folder, _number = _damaged_register_with_backup(tmp_path)
    damaged = (folder / "register.db").read_bytes()
    with pytest.raises(WrongPassphraseError):
        restore_backup(folder, backups_in(folder)[0], "iets heel anders 99")
    other = tmp_path / "other"
    _register_with_a_case(other)
    open_register(other, create=False).close()
    foreign = backups_in(other)[0]
    with pytest.raises(WrongPassphraseError, match=foreign.name):
        restore_backup(folder, foreign, PASSPHRASE)
    junk = tmp_path / "junk.db"
    junk.write_bytes(os.urandom(8192))
    with pytest.raises(WrongPassphraseError):
        restore_backup(folder, junk, PASSPHRASE)
    with pytest.raises(RegisterDamagedError):
        restore_backup(folder, tmp_path / "missing.db", PASSPHRASE)
    assert (folder / "register.db").read_bytes() == damaged
    assert sorted(p.name for p in folder.iterdir() if p.is_file()) == [
        "register.db",
        "register.json",
    ]


def test_restore_when_the_register_file_is_gone(tmp_path):
    folder, number = _damaged_register_with_backup(tmp_path)
    (folder / "register.db").unlink()
    assert restore_backup(folder, backups_in(folder)[0], PASSPHRASE) is None
    register = open_register(folder, create=False)
    assert register.get_case(number).case.number == number
    register.close()


def test_a_backup_copied_elsewhere_can_be_restored(tmp_path):
    folder, number = _damaged_register_with_backup(tmp_path)
    outside = tmp_path / "usb" / "kopie.db"
    outside.parent.mkdir()
    shutil.copy(backups_in(folder)[0], outside)
    restore_backup(folder, outside, PASSPHRASE)
    register = open_register(folder, create=False)
    assert register.get_case(number).case.number == number
    register.close()


def test_a_failed_automatic_backup_does_not_lock_the_user_out(tmp_path, monkeypatch):
    from klasse_desktop.cases import database

    folder = tmp_path / "register"
    number = _register_with_a_case(folder)

    def full(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(database, "backup", full)
    register = open_register(folder, create=False)
    assert register.get_case(number).case.number == number
    register.close()
    assert backups_in(folder) == []


def test_the_number_of_backups_kept_comes_from_the_settings(tmp_path, monkeypatch):
    from klasse_desktop.cases.database import backup, list_backups
    from klasse_desktop.settings import Settings, save_settings

    monkeypatch.setenv("KLASSE_CONFIG_DIR", str(tmp_path / "config"))
    save_settings(Settings(keep_backups=2))
    register = open_register(tmp_path / "register")
    for _ in range(4):
        backup(register.database, "manual", keep=2)
    assert len(list_backups(register.database)) == 2
    register.close()
    # opening again makes no new backup today, and never keeps more than the setting
    again = open_register(tmp_path / "register", create=False)
    assert len(list_backups(again.database)) <= 2
    again.close()
