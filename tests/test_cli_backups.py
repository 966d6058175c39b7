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
    first = next((folder / "backups").iterdir())
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
    newest = sorted((folder / "backups").iterdir())[-1]
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
    newest = sorted((folder / "backups").iterdir())[-1]
    err = one_line_error(*en(capsys, "restore", str(newest)))
    assert "passphrase" in err
    assert (folder / "register.db").read_bytes() == before
    assert not list(folder.glob("register.db.damaged-*"))
