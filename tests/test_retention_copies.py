"""Retention reaches every copy (issue 15, point 6): backups lose purged cases too, a
restore never brings one back, half-written and old damaged copies are cleaned."""

from __future__ import annotations

import os
import shutil
import time
from datetime import date

from sqlmodel import select

from klasse_desktop.cases import keys
from klasse_desktop.cases.database import backups_in, make_engine
from klasse_desktop.cases.ledger import LEDGER_FILE, read_ledger
from klasse_desktop.cases.models import AuditEvent
from klasse_desktop.cases.restore import restore_backup
from klasse_desktop.cases.retention import purge_expired
from tests.cases_helpers import PASSPHRASE, PROTOCOL_VERSION, open_register

TODAY = date(2026, 11, 25)


def _numbers(path, key_hex):
    engine = make_engine(path, key_hex)
    try:
        with engine.connect() as conn:
            return sorted(r[0] for r in conn.exec_driver_sql('SELECT number FROM "case"'))
    finally:
        engine.dispose()


def _expired_and_kept(register):
    old = register.create_case("Oud dossier", "pesten", "leerlingendossier",
                               protocol_version=PROTOCOL_VERSION, opened_on=date(2020, 1, 1))  # fmt: skip
    register.add_party(old.number, "leerling", "Quirijn Zandbergen")
    register.add_entry(old.number, "Notitie over Quirijn.", event_date=date(2020, 1, 2))
    register.close_case(old.number, date(2021, 1, 1))
    kept = register.create_case("Lopend dossier", "pesten", "leerlingendossier",
                                protocol_version=PROTOCOL_VERSION)  # fmt: skip
    return old.number, kept.number


def test_a_purge_reaches_every_backup_and_a_restore_never_brings_the_case_back(tmp_path):
    folder = tmp_path / "register"
    register = open_register(folder)
    old, kept = _expired_and_kept(register)
    first = register.backup()
    off_device = tmp_path / "usb"
    off_device.mkdir()
    for path in (first, first.with_name(first.name + ".key.json")):
        shutil.copyfile(path, off_device / path.name)  # a copy taken away before the purge
    assert purge_expired(register, TODAY)
    key_hex = register.database.key_hex
    for backup in backups_in(folder):
        assert _numbers(backup, key_hex) == [kept], backup.name
    assert [e["case_number"] for e in read_ledger(folder)] == [old]
    assert "Quirijn" not in (folder / LEDGER_FILE).read_text()
    register.close()
    # Restoring the copy from before the purge: the ledger purges the case again.
    (folder / "register.db").unlink()
    restore_backup(folder, off_device / first.name, PASSPHRASE, actor="Directeur Test")
    register = open_register(folder, create=False)
    assert [c.number for c in __import__("klasse_desktop.cases.listing", fromlist=["x"])
            .list_cases(register)] == [kept]  # fmt: skip
    with register.session() as session:
        actions = [e.action for e in session.exec(select(AuditEvent))]
    assert "restore" in actions
    assert register.verify_audit().ok
    register.close()


def test_half_written_backups_are_private_and_cleaned_and_old_damaged_copies_go(tmp_path):
    folder = tmp_path / "register"
    open_register(folder).close()
    partial = folder / "backups" / "register-20260101-000000-000000-auto.partial"
    partial.parent.mkdir(exist_ok=True)
    partial.write_bytes(b"half")
    old_damaged = folder / "register.db.damaged-20250101-000000"
    old_damaged.write_bytes(b"x")
    month_ago = time.time() - 40 * 86400
    os.utime(old_damaged, (month_ago, month_ago))
    recent_damaged = folder / "register.db.damaged-20261120-000000"
    recent_damaged.write_bytes(b"y")
    register = open_register(folder, create=False)
    assert not partial.exists() and not old_damaged.exists() and recent_damaged.exists()
    made = register.backup()
    assert made.stat().st_mode & 0o777 == 0o600
    register.close()
    assert keys.read_params(folder) is not None
