"""A tamper-evident audit log (issue 15, point 7): a keyed chain, an anchor outside
the database, protections that cannot be dropped unnoticed."""

from __future__ import annotations

import shutil

import pytest

from klasse_desktop.cases import keys
from klasse_desktop.cases.database import make_engine
from klasse_desktop.cases.errors import RegisterDamagedError
from klasse_desktop.cli import main
from tests.cases_helpers import PASSPHRASE, PROTOCOL_VERSION, open_register


def _raw(folder, sql):
    key_hex = keys.derive_key(PASSPHRASE, keys.read_params(folder)).hex()
    engine = make_engine(folder / "register.db", key_hex)
    with engine.begin() as conn:
        conn.exec_driver_sql(sql)
    engine.dispose()


def test_audit_rows_are_sealed_with_a_key_from_the_register(tmp_path):
    folder = tmp_path / "r"
    register = open_register(folder)
    register.create_case("T", "anders", "leerlingendossier", protocol_version=PROTOCOL_VERSION)
    with register.session() as session:
        seals = [row[0] for row in session.connection().exec_driver_sql(
            "SELECT hash FROM audit_event")]  # fmt: skip
    assert seals and all(seal.startswith("k1:") for seal in seals)
    anchor = keys.read_params(folder)
    assert anchor.audit_seq == len(seals) and anchor.audit_mac == seals[-1]
    assert register.verify_audit().ok
    register.close()


def test_an_older_copy_put_in_place_is_reported_as_a_rollback(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "data" / "register"
    register = open_register(folder)
    case = register.create_case(
        "T", "anders", "leerlingendossier", protocol_version=PROTOCOL_VERSION
    )
    register.close()
    shutil.copyfile(folder / "register.db", tmp_path / "older.db")
    register = open_register(folder, create=False)
    for n in range(3):
        register.add_entry(case.number, f"Later {n}")
    register.close()
    shutil.copyfile(tmp_path / "older.db", folder / "register.db")  # the rollback
    monkeypatch.setenv("KLASSE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KLASSE_PASSPHRASE", PASSPHRASE)
    code = main(["cases", "verify-audit"])
    out = capsys.readouterr().out
    assert (code == 1 and "teruggezet" in out) or "set back" in out


def test_a_dropped_protection_is_noticed_at_open(tmp_path):
    folder = tmp_path / "r"
    open_register(folder).close()
    _raw(folder, "DROP TRIGGER party_fixed")
    with pytest.raises(RegisterDamagedError, match="party_fixed"):
        open_register(folder, create=False)


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE party SET name = 'Iemand anders'",
        "DELETE FROM party",
        "UPDATE \"case\" SET opened_on = '2020-01-01'",
        'DELETE FROM "case"',
        "UPDATE attachment SET data = x'00'",
        "DELETE FROM attachment",
        "DELETE FROM audit_event",
    ],
)
def test_parties_cases_attachments_and_audit_rows_cannot_be_changed_directly(tmp_path, sql):
    folder = tmp_path / "r"
    register = open_register(folder)
    case = register.create_case(
        "T", "anders", "leerlingendossier", protocol_version=PROTOCOL_VERSION
    )
    register.add_party(case.number, "leerling", "Quirijn Zandbergen")
    register.add_attachment(case.number, "a.png", b"png")
    register.close()
    with pytest.raises(Exception, match=r"fixed|kept until|append-only"):
        _raw(folder, sql)
