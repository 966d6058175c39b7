"""Put a backup back in place of a damaged (or lost) register.

The backup must open with the key derived from the passphrase the user gives, so a
wrong or foreign file is refused before anything moves. The current register.db
(with its -wal and -shm) is never deleted: it is moved aside as
`register.db.damaged-<timestamp>`. The backup is copied to a temporary file in the
same folder first and then renamed over, so register.db is never half-written.
"""

from __future__ import annotations

import contextlib
import shutil
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import sqlalchemy.exc
import sqlcipher3

from klasse_desktop.cases import keys, passphrases
from klasse_desktop.cases.database import (
    DB_FILE,
    backup_key_file,
    make_engine,
    private,
    refuse_symlinks,
)
from klasse_desktop.cases.errors import RegisterDamagedError, WrongPassphraseError
from klasse_desktop.i18n import _

SIDE_FILES = ("-wal", "-shm")


def _verify(backup_path: Path, key_hex: str, name: str) -> None:
    """The backup (a copy of it) opens with this key and its pages are whole."""
    engine = make_engine(backup_path, key_hex)
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
            result = conn.exec_driver_sql("PRAGMA quick_check").scalar()
            tables = {
                row[0]
                for row in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")
            }
    except (sqlcipher3.DatabaseError, sqlalchemy.exc.DatabaseError):
        raise WrongPassphraseError(
            _(
                "The backup {name} does not open with this passphrase: it is damaged or "
                "belongs to another register."
            ).format(name=name)
        ) from None
    finally:
        engine.dispose()
    if result != "ok" or not {"case", "alembic_version"} <= tables:
        raise RegisterDamagedError(
            _("The backup {name} is damaged or is not a case register backup.").format(name=name)
        )


def restore_backup(
    data_dir: Path, backup_path: Path, passphrase: str, actor: str = "restore"
) -> Path | None:
    """Replace register.db in `data_dir` with `backup_path`; returns where the old
    register.db was moved to (None if there was none)."""
    refuse_symlinks(data_dir)
    if not backup_path.is_file():
        raise RegisterDamagedError(
            _("The backup {name} does not exist.").format(name=backup_path.name)
        )
    candidates: list[keys.KdfParams] = []
    with contextlib.suppress(ValueError):
        current = keys.read_params(data_dir)
        if current is not None:
            candidates.append(current)
    # The backup's own key file counts when the register's is lost or damaged, or when
    # register.db itself is gone (nothing to protect); otherwise a backup of another
    # register that happens to share the passphrase is refused.
    if not candidates or not (data_dir / DB_FILE).exists():
        with contextlib.suppress(ValueError):
            own = keys.read_params_file(backup_key_file(backup_path))
            if own is not None and own not in candidates:
                candidates.append(own)
    if not candidates:
        raise RegisterDamagedError(
            _(
                "register.json is missing or damaged and the backup {name} has no key "
                "file of its own; it cannot be opened."
            ).format(name=backup_path.name)
        )
    # Verify a copy, in the register's folder: the rename below is then atomic. The
    # register's key file is tried first, then the backup's own (the one that counts
    # when register.json was lost or replaced).
    incoming = data_dir / f"{DB_FILE}.restoring"
    refused: Exception | None = None
    tries = [(params, typed) for params in candidates for typed in passphrases.forms(passphrase)]
    for params, typed in tries:
        key = keys.derive_key(typed, params)
        if keys.check_key(params, key) is False:
            refused = WrongPassphraseError(_("That passphrase does not open the case register."))
            continue
        shutil.copyfile(backup_path, incoming)
        try:
            _verify(incoming, key.hex(), backup_path.name)
        except WrongPassphraseError as exc:
            _remove_with_side_files(incoming)
            refused = exc
            continue
        except BaseException:
            _remove_with_side_files(incoming)
            raise
        break
    else:
        assert refused is not None
        raise refused
    _remove_side_files(incoming)
    target = data_dir / DB_FILE
    moved: Path | None = None
    if target.exists():
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        moved = data_dir / f"{DB_FILE}.damaged-{stamp}"
        for suffix in ("", *SIDE_FILES):
            source = data_dir / f"{DB_FILE}{suffix}"
            if source.exists():
                source.replace(data_dir / f"{moved.name}{suffix}")
    else:
        for suffix in SIDE_FILES:  # stray -wal/-shm of a lost file: keep them aside too
            source = data_dir / f"{DB_FILE}{suffix}"
            if source.exists():
                stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
                source.replace(data_dir / f"{DB_FILE}.damaged-{stamp}{suffix}")
    incoming.replace(target)
    if keys.check_key(params, key) is None:
        params = keys.with_check(params, key)
    current = None
    with contextlib.suppress(ValueError):
        current = keys.read_params(data_dir)
    if current != params:  # lost, damaged or without a check: the backup's key file
        keys.write_params(data_dir, params)
    _after_restore(data_dir, target, key.hex(), backup_path, actor)
    private(data_dir)
    return moved


def _after_restore(
    data_dir: Path, target: Path, key_hex: str, backup_path: Path, actor: str
) -> None:
    """Cases purged since the backup are purged again (the ledger), and the restore
    is recorded in the audit log (which backup, by its date; no content)."""
    from sqlmodel import Session

    from klasse_desktop.cases import audit
    from klasse_desktop.cases.database import Database, migrate
    from klasse_desktop.cases.ledger import LEDGER_FILE, reapply

    own = backup_path.with_name(backup_path.name + ".purged.json")
    if not (data_dir / LEDGER_FILE).exists() and own.is_file():
        shutil.copyfile(own, data_dir / LEDGER_FILE)
    database = Database(make_engine(target, key_hex), target, key_hex)
    audit.bind_key(database.engine, bytes.fromhex(key_hex))
    try:
        migrate(database)  # an older backup: the schema the purge expects
        reapply(database, actor)
        with Session(database.engine, expire_on_commit=False) as session:
            event = audit.record(session, actor, "restore", "register", backup_path.name[:40])
            session.commit()
        # A deliberate restore: the audit anchor moves to the restored chain's end.
        params = keys.read_params(data_dir)
        if params is not None:
            keys.write_params(
                data_dir, replace(params, audit_seq=event.id or 0, audit_mac=event.hash)
            )
    finally:
        database.engine.dispose()


def _remove_side_files(path: Path) -> None:
    for suffix in SIDE_FILES:
        with contextlib.suppress(OSError):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


def _remove_with_side_files(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)
    _remove_side_files(path)
