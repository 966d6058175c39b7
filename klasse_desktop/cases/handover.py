"""Backups that leave the laptop, and handing the register to a new director.

A backup in the register's own folder does not survive a stolen or broken laptop.
`export_backup` writes one self-contained file to a folder the user picks (a USB
stick, a network share): a zip (stored, not compressed) holding the encrypted
database, its key file (salt, parameters, key check; never a key) and the purge
ledger. It opens with the register's passphrase and nothing else.

`import_backup` takes such a file on another laptop: it checks it with the old
passphrase on a copy, then re-keys the database under a new passphrase with a new
salt (`PRAGMA rekey`), so the person who hands over no longer knows the key, and
only then puts it in place. The data folder must be empty of any register.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import zipfile
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import sqlalchemy.exc
import sqlcipher3
from sqlmodel import Session

from klasse_desktop.cases import audit, keys, passphrases
from klasse_desktop.cases.database import (
    DB_FILE,
    NEW,
    Database,
    backup,
    make_engine,
    private,
    refuse_symlinks,
    register_state,
)
from klasse_desktop.cases.errors import (
    InvalidInputError,
    RegisterDamagedError,
    WrongPassphraseError,
)
from klasse_desktop.cases.ledger import LEDGER_FILE
from klasse_desktop.i18n import _

SUFFIX = ".klasse-backup"
_MEMBERS = {"register.db", "register.json"}


def export_backup(database: Database, target_dir: Path) -> Path:
    """A fresh backup, packed as one file in `target_dir`; returns its path."""
    if not target_dir.is_dir():
        raise InvalidInputError(_("Folder not found: {path}").format(path=target_dir))
    made = backup(database, "offsite")
    key_file = made.with_name(made.name + ".key.json")
    stamp = datetime.now().strftime("%Y%m%d-%H%M")
    target = target_dir / f"klasse-register-{stamp}{SUFFIX}"
    partial = target.with_name(target.name + ".partial")
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_STORED) as bundle:
            bundle.write(made, "register.db")
            bundle.write(key_file, "register.json")
            ledger = database.path.parent / LEDGER_FILE
            if ledger.is_file() and not ledger.is_symlink():
                bundle.write(ledger, LEDGER_FILE)
        with partial.open("rb+") as handle:
            os.fsync(handle.fileno())
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    (database.path.parent / "offsite.json").write_text(
        f'{{"last_offsite_backup": "{datetime.now().isoformat(timespec="seconds")}"}}',
        encoding="utf-8",
    )
    return target


def last_offsite(data_dir: Path) -> datetime | None:
    """When the last backup was written outside the register's folder (for the
    window's reminder)."""
    import json

    try:
        raw = json.loads((data_dir / "offsite.json").read_text(encoding="utf-8"))
        return datetime.fromisoformat(raw["last_offsite_backup"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def import_backup(
    data_dir: Path, source: Path, old_passphrase: str, new_passphrase: str, actor: str
) -> None:
    """Take over a register from a backup file, under a new passphrase and salt."""
    refuse_symlinks(data_dir)
    if register_state(data_dir) != NEW:
        raise InvalidInputError(
            _(
                "There is already a case register (or its backups) in {path}. A register "
                "is taken over only into an empty data folder."
            ).format(path=data_dir)
        )
    passphrases.check_new(new_passphrase)
    data_dir.mkdir(parents=True, exist_ok=True)
    work = data_dir / f"{DB_FILE}.importing"
    try:
        with zipfile.ZipFile(source) as bundle:
            names = set(bundle.namelist())
            if not names >= _MEMBERS:
                raise ValueError("not a backup file")
            with bundle.open("register.json") as handle:
                tmp_key = data_dir / "register.json.importing"
                tmp_key.write_bytes(handle.read())
            params = keys.read_params_file(tmp_key)
            tmp_key.unlink()
            with bundle.open("register.db") as handle, work.open("wb") as out:
                shutil.copyfileobj(handle, out)
            ledger = bundle.read(LEDGER_FILE) if LEDGER_FILE in names else None
    except (OSError, ValueError, zipfile.BadZipFile, KeyError):
        _cleanup(work)
        raise RegisterDamagedError(
            _("{name} is not a Klasse Desktop backup file, or it is damaged.").format(
                name=source.name
            )
        ) from None
    assert params is not None
    old_key = keys.derive_key(passphrases.normalised(old_passphrase), params)
    if keys.check_key(params, old_key) is False:
        _cleanup(work)
        raise WrongPassphraseError(_("That passphrase does not open this backup."))
    # The audit chain must be whole under the old key before it is sealed anew.
    checked = Database(make_engine(work, old_key.hex()), work, old_key.hex())
    audit.bind_key(checked.engine, old_key)
    try:
        with Session(checked.engine) as session:
            whole = audit.verify(session, (params.audit_seq, params.audit_mac)).ok
    except (sqlcipher3.DatabaseError, sqlalchemy.exc.DatabaseError):
        whole = False
    finally:
        checked.engine.dispose()
    if not whole:
        _cleanup(work)
        raise RegisterDamagedError(
            _(
                "The backup {name} does not open with this passphrase, or its audit log "
                "was changed; it is not taken over."
            ).format(name=source.name)
        )
    new_params = keys.KdfParams.new(params.time_cost, params.memory_cost, params.parallelism)
    new_key = keys.derive_key(passphrases.normalised(new_passphrase), new_params)
    try:
        raw = sqlcipher3.connect(str(work), isolation_level=None)
        raw.execute(f"PRAGMA key = \"x'{old_key.hex()}'\"")
        if raw.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise sqlcipher3.DatabaseError("quick_check")
        raw.execute(f"PRAGMA rekey = \"x'{new_key.hex()}'\"")
        raw.close()
    except (sqlcipher3.DatabaseError, sqlalchemy.exc.DatabaseError):
        _cleanup(work)
        raise WrongPassphraseError(_("That passphrase does not open this backup.")) from None
    database = Database(make_engine(work, new_key.hex()), work, new_key.hex())
    audit.bind_key(database.engine, new_key)
    try:
        with Session(database.engine, expire_on_commit=False) as session:
            audit.reseal(session)
            event = audit.record(session, actor, "import", "register", source.name[:40])
            session.commit()
    finally:
        database.engine.dispose()
    # The last steps put three files in place; if any fails (a full disk), all are
    # taken back, so the folder is empty again rather than half a register.
    placed: list[Path] = []
    try:
        keys.write_params(
            data_dir,
            replace(keys.with_check(new_params, new_key), audit_seq=event.id or 0,
                    audit_mac=event.hash),
        )  # fmt: skip
        placed.append(data_dir / keys.KDF_FILE)
        if ledger is not None:
            (data_dir / LEDGER_FILE).write_bytes(ledger)
            placed.append(data_dir / LEDGER_FILE)
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(OSError):
                Path(f"{work}{suffix}").unlink(missing_ok=True)
        work.replace(data_dir / DB_FILE)
    except BaseException:
        for path in placed:
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)
        _cleanup(work)
        raise
    private(data_dir)


def _cleanup(work: Path) -> None:
    for path in (work, Path(f"{work}-wal"), Path(f"{work}-shm")):
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)
