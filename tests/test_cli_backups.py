"""`klasse-desktop cases backups` and `cases restore BACKUP_FILE`."""

from __future__ import annotations

import json
import os
import time

import pytest

from klasse_desktop.settings import Settings, save_settings
from tests.test_cli_cases import PASSPHRASE, en, one_line_error


@pytest.fixture
def folder(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("KLASSE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KLASSE_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("KLASSE_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("KLASSE_KDF", "fast")
    save_settings(Settings(user_name="Directeur Test", school="OBS De Klasse"))
    assert en(capsys, "init")[0] == 0
    assert en(capsys, "new", "--title", "Kwetsende berichten", "--opened", "2026-03-02")[0] == 0
    assert en(capsys, "list")[0] == 0  # this open makes the first automatic backup
    return tmp_path / "data" / "register"


def test_backups_are_listed_newest_first_with_dates(folder, capsys):
    first = next((folder / "backups").glob("register-*.db"))
    old = time.time() - 3 * 86400
    os.utime(first, (old, old))
    assert en(capsys, "list")[0] == 0  # older than a day: a second backup
    code, out, _err = en(capsys, "backups")
    lines = out.strip().splitlines()
    assert code == 0 and len(lines) == 2
    assert lines[1].endswith(str(first)) and lines[1][:10] == time.strftime(
        "%Y-%m-%d", time.localtime(old)
    )
    code, out, _err = en(capsys, "--format", "json", "backups")
    data = json.loads(out)
    assert [d["file"] for d in data][1] == str(first)


def test_no_backups_yet(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("KLASSE_DATA_DIR", str(tmp_path / "leeg"))
    code, out, _err = en(capsys, "backups")
    assert code == 0 and out.startswith("There are no backups in")


def test_restore_a_damaged_register_from_a_listed_backup(folder, capsys):
    db = folder / "register.db"
    db.write_bytes(bytes(db.stat().st_size))  # zeroed
    err = one_line_error(*en(capsys, "list"))
    assert "damaged" in err
    newest = sorted((folder / "backups").glob("register-*.db"))[-1]
    code, out, _err = en(capsys, "restore", newest.name)
    assert code == 0, _err
    assert f"restored from {newest.name}" in out and "register.db.damaged-" in out
    assert len(list(folder.glob("register.db.damaged-*"))) == 1
    code, out, _err = en(capsys, "list")
    assert code == 0 and "Kwetsende berichten" in out


def test_restore_refuses_a_wrong_passphrase_and_a_missing_file(folder, monkeypatch, capsys):
    before = (folder / "register.db").read_bytes()
    err = one_line_error(*en(capsys, "restore", "bestaat-niet.db"))
    assert "bestaat-niet.db" in err
    monkeypatch.setenv("KLASSE_PASSPHRASE", "iets heel anders 99")
    newest = sorted((folder / "backups").glob("register-*.db"))[-1]
    err = one_line_error(*en(capsys, "restore", str(newest)))
    assert "passphrase" in err
    assert (folder / "register.db").read_bytes() == before
    assert not list(folder.glob("register.db.damaged-*"))


# -- operator mistakes (issue 15, point 1) -------------------------------------------------


def test_init_refuses_when_the_register_file_was_moved_and_restore_still_works(
    folder, tmp_path, capsys
):
    key_file = folder / "register.json"
    before = key_file.read_bytes()
    (folder / "register.db").replace(tmp_path / "moved-away.db")
    code, out, err = en(capsys, "init")
    assert code == 2 and out == ""
    assert "register.db is missing" in err and "cases restore" in err
    assert key_file.read_bytes() == before  # no new salt: the backups still open
    code, _out, err = en(capsys, "list")
    assert code == 2 and "Restore the newest backup" in err and "cases init" not in err
    newest = sorted((folder / "backups").glob("register-*.db"))[-1]
    code, out, err = en(capsys, "restore", newest.name)
    assert code == 0, err
    code, out, _err = en(capsys, "list")
    assert code == 0 and "Kwetsende berichten" in out


def test_every_backup_carries_its_key_file_and_opens_without_register_json(folder, capsys):
    newest = sorted((folder / "backups").glob("register-*.db"))[-1]
    own = newest.with_name(newest.name + ".key.json")
    fields = ("salt", "time_cost", "memory_cost", "parallelism", "format", "kdf", "check")
    theirs, ours = json.loads(own.read_text()), json.loads((folder / "register.json").read_text())
    assert {k: theirs[k] for k in fields} == {k: ours[k] for k in fields}
    assert theirs["audit_seq"] <= ours["audit_seq"]  # the anchor as it was at the backup
    assert own.stat().st_mode & 0o777 == 0o600
    (folder / "register.json").unlink()
    (folder / "register.db").unlink()
    code, out, err = en(capsys, "restore", newest.name)
    assert code == 0, err
    restored = json.loads((folder / "register.json").read_text())
    assert {k: restored[k] for k in fields} == {k: theirs[k] for k in fields}
    code, out, _err = en(capsys, "list")
    assert code == 0 and "Kwetsende berichten" in out


def test_a_key_file_replaced_by_a_mistaken_init_does_not_lock_out_the_backups(
    folder, monkeypatch, capsys
):
    """Even if register.json was replaced (by an older app's `init`), a backup opens
    with its own key file and the register's key file is put right."""
    from klasse_desktop.cases import keys

    newest = sorted((folder / "backups").glob("register-*.db"))[-1]
    keys.write_params(folder, keys.KdfParams.new(time_cost=1, memory_cost=1024, parallelism=1))
    (folder / "register.db").unlink()
    code, _out, err = en(capsys, "restore", newest.name)
    assert code == 0, err
    code, out, _err = en(capsys, "list")
    assert code == 0 and "Kwetsende berichten" in out


@pytest.mark.parametrize(
    "change",
    [
        {"time_cost": 10**9},  # would hang for hours
        {"memory_cost": 2**40},  # would ask for a petabyte
        {"parallelism": 0},
        {"time_cost": "3"},
        {"salt": "c2hvcnQ="},  # 5 bytes
        {"salt": "@@@ not base64"},
        {"format": 99},
        {"kdf": "md5"},
        {"check": 12345},
        {"surprise": True},
    ],
)
def test_a_damaged_key_file_is_one_clear_message(folder, capsys, change):
    key_file = folder / "register.json"
    key_file.write_text(json.dumps({**json.loads(key_file.read_text()), **change}))
    started = time.monotonic()
    code, out, err = en(capsys, "list")
    assert time.monotonic() - started < 10
    assert code == 2 and out == ""
    assert err.strip() == "klasse-desktop: The key file register.json is damaged."


def test_a_key_file_that_is_not_json_at_all(folder, capsys):
    (folder / "register.json").write_bytes(b"\xff\xfe not json")
    code, _out, err = en(capsys, "list")
    assert code == 2 and "register.json is damaged" in err and "Traceback" not in err


def test_a_backup_dated_in_the_future_does_not_stop_automatic_backups(folder, capsys):
    planted = folder / "backups" / "register-29991231-235959-000000-auto.db"
    newest = sorted((folder / "backups").glob("register-*.db"))[-1]
    planted.write_bytes(newest.read_bytes())
    future = time.time() + 400 * 86400
    os.utime(planted, (future, future))
    old = time.time() - 3 * 86400
    os.utime(newest, (old, old))
    before = set((folder / "backups").glob("register-*.db"))
    assert en(capsys, "list")[0] == 0
    made = set((folder / "backups").glob("register-*.db")) - before
    assert len(made) == 1  # a new automatic backup despite the "future" one


def test_restore_and_every_register_command_wait_for_an_open_window(folder, capsys):
    """A window holds the data folder's lock: a restore would pull the register from
    under it, so the CLI refuses and changes nothing (issue 15, point 2)."""
    from klasse_desktop.ui import single_instance

    window = single_instance.acquire(folder.parent)
    assert window is not None
    try:
        before = (folder / "register.db").read_bytes()
        newest = sorted((folder / "backups").glob("register-*.db"))[-1]
        for argv in (("restore", newest.name), ("list",), ("new", "--title", "x")):
            code, out, err = en(capsys, *argv)
            assert code == 2 and out == "", argv
            assert "has this case register open" in err and "nothing was changed" in err
        assert (folder / "register.db").read_bytes() == before
        assert not list(folder.glob("register.db.damaged-*"))
    finally:
        window.unlock()
    assert en(capsys, "list")[0] == 0  # free again once the window is gone
