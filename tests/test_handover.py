"""Off-device backup and handover (issue 15): one self-contained file that opens with
the passphrase only, taken over on another laptop under a new passphrase."""

from __future__ import annotations

import zipfile

from klasse_desktop.cli import main
from tests.cases_helpers import PASSPHRASE

NEW = "zeilboot tulpenbol kaasschaaf 77"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_backup_to_a_usb_stick_and_hand_over_under_a_new_passphrase(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KLASSE_PASSPHRASE", PASSPHRASE)
    old_laptop, new_laptop, usb = tmp_path / "oud", tmp_path / "nieuw", tmp_path / "usb"
    usb.mkdir()
    assert run(capsys, "--data-dir", str(old_laptop), "cases", "init")[0] == 0
    run(capsys, "--data-dir", str(old_laptop), "cases", "new", "--title", "Overdracht")
    code, out, err = run(capsys, "--data-dir", str(old_laptop), "cases", "backup", "--to", str(usb))
    assert code == 0, err
    [made] = list(usb.glob("*.klasse-backup"))
    with zipfile.ZipFile(made) as bundle:
        assert {"register.db", "register.json"} <= set(bundle.namelist())
        assert b"Overdracht" not in bundle.read("register.db")  # encrypted
        assert b"paard" not in bundle.read("register.json")
    # Without a new passphrase the handover is refused, and nothing is made.
    monkeypatch.delenv("KLASSE_NEW_PASSPHRASE", raising=False)
    monkeypatch.setattr("sys.stdin", None)
    code, _out, err = run(capsys, "--data-dir", str(new_laptop), "cases", "import", str(made))
    assert code == 2 and "KLASSE_NEW_PASSPHRASE" in err
    assert not (new_laptop / "register" / "register.db").exists()
    monkeypatch.setenv("KLASSE_NEW_PASSPHRASE", NEW)
    code, out, err = run(capsys, "--data-dir", str(new_laptop), "cases", "import", str(made))
    assert code == 0, err
    # The new director's passphrase opens it; the old one does not any more.
    monkeypatch.setenv("KLASSE_PASSPHRASE", NEW)
    code, out, _err = run(capsys, "--data-dir", str(new_laptop), "cases", "list")
    assert code == 0 and "Overdracht" in out
    code, out, _err = run(capsys, "--data-dir", str(new_laptop), "cases", "verify-audit")
    assert code == 0, out
    monkeypatch.setenv("KLASSE_PASSPHRASE", PASSPHRASE)
    code, _out, err = run(capsys, "--data-dir", str(new_laptop), "cases", "list")
    assert code == 2
    # Taking over into a folder that already has a register is refused.
    code, _out, err = run(capsys, "--data-dir", str(new_laptop), "cases", "import", str(made))
    assert code == 2


def test_a_file_that_is_not_a_backup_is_one_clear_message(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KLASSE_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("KLASSE_NEW_PASSPHRASE", NEW)
    junk = tmp_path / "junk.klasse-backup"
    junk.write_bytes(b"PK\x03\x04 not really")
    code, _out, err = run(capsys, "--data-dir", str(tmp_path / "d"), "cases", "import", str(junk))
    assert code == 2 and "junk.klasse-backup" in err and "Traceback" not in err
