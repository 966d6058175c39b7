"""The encrypted SQLite (SQLCipher) database: opening, migrating, backing up.

Every connection gets the raw key, secure_delete (deleted rows are overwritten),
temp files in memory, WAL (encrypted like the main file) and foreign keys.
Migrations run at start-up in one transaction, after an encrypted backup.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from importlib.resources import files
from pathlib import Path
from typing import Any

import sqlalchemy.exc
import sqlcipher3
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.pool import QueuePool

from klasse_desktop.cases import keys
from klasse_desktop.cases.errors import (
    RegisterDamagedError,
    RegisterMissingError,
    WrongPassphraseError,
)
from klasse_desktop.i18n import _

DB_FILE = "register.db"
BACKUP_DIR = "backups"
KEEP_BACKUPS = 10


@dataclass
class Database:
    engine: Engine
    path: Path
    key_hex: str

    def close(self) -> None:
        with contextlib.suppress(Exception):
            compact(self, vacuum=False)
        self.engine.dispose()
        self.key_hex = ""


def compact(database: Database, *, vacuum: bool = True) -> None:
    """Fold the WAL back into the file and (optionally) rebuild it without free pages.

    Runs on a raw connection outside any transaction, which both statements need.
    """
    raw = database.engine.raw_connection()
    try:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        if vacuum:
            raw.execute("VACUUM")
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()


def _connect(path: Path, key_hex: str) -> Any:
    conn = sqlcipher3.connect(str(path), check_same_thread=False, isolation_level=None)
    with contextlib.suppress(sqlcipher3.DatabaseError):
        conn.execute("PRAGMA cipher_log_level = NONE")  # no key errors on stderr
    conn.execute(f"PRAGMA key = \"x'{key_hex}'\"")
    return conn


def make_engine(path: Path, key_hex: str) -> Engine:
    engine = create_engine(
        "sqlite://",
        creator=lambda: _connect(path, key_hex),
        module=sqlcipher3.dbapi2,
        hide_parameters=True,  # error messages must never carry names or notes
        poolclass=QueuePool,
        pool_size=2,
        max_overflow=2,
    )

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        for pragma in (
            "PRAGMA foreign_keys = ON",
            "PRAGMA secure_delete = ON",
            "PRAGMA temp_store = MEMORY",
            "PRAGMA journal_mode = WAL",
            "PRAGMA synchronous = FULL",
            "PRAGMA busy_timeout = 5000",
        ):
            dbapi_connection.execute(pragma)

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        # The driver runs in autocommit mode; SQLAlchemy's BEGIN makes every
        # transaction (migrations included) explicit and atomic.
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _check_key(engine: Engine, path: Path) -> None:
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
    except (sqlcipher3.DatabaseError, sqlalchemy.exc.DatabaseError) as exc:
        engine.dispose()
        size = path.stat().st_size if path.exists() else 0
        if size < 1024 or size % 1024:
            raise RegisterDamagedError(
                _("The case register file is damaged or is not a case register.")
            ) from exc
        raise WrongPassphraseError(_("That passphrase does not open the case register.")) from exc


def open_database(
    data_dir: Path, passphrase: str, *, create: bool = False, kdf: dict[str, int] | None = None
) -> Database:
    """Unlock (or with `create`, set up) the register in `data_dir` and migrate it."""
    path = data_dir / DB_FILE
    try:
        params = keys.read_params(data_dir)
    except ValueError:
        raise RegisterDamagedError(_("The key file register.json is damaged.")) from None
    if params is None and path.exists():
        raise RegisterDamagedError(_("register.json is missing; the register cannot be opened."))
    if params is None or not path.exists():
        if not create:
            raise RegisterMissingError(
                _("There is no case register in {path} yet.").format(path=data_dir)
            )
        if len(passphrase) < keys.MIN_PASSPHRASE_LENGTH:
            raise WrongPassphraseError(
                _("Choose a passphrase of at least {n} characters.").format(
                    n=keys.MIN_PASSPHRASE_LENGTH
                )
            )
        params = keys.KdfParams.new(**(kdf or {}))
        keys.write_params(data_dir, params)
    key_hex = keys.derive_key(passphrase, params).hex()
    engine = make_engine(path, key_hex)
    _check_key(engine, path)
    private(data_dir)
    database = Database(engine, path, key_hex)
    migrate(database)
    return database


def private(folder: Path) -> None:
    """Owner-only permissions on the register's files (POSIX; Windows profiles are private)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        folder.chmod(0o700)
        for path in folder.rglob("*"):
            path.chmod(0o700 if path.is_dir() else 0o600)


# -- migrations -----------------------------------------------------------------------


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(files("klasse_desktop.cases") / "migrations"))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(database: Database) -> str | None:
    with database.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(database: Database, target: str = "head") -> None:
    """Upgrade to `target` in one transaction; back up first if there is data."""
    from alembic import command

    config = _alembic_config()
    script = ScriptDirectory.from_config(config)
    current = current_revision(database)
    known = {rev.revision for rev in script.walk_revisions()}
    if current is not None and current not in known:
        raise RegisterDamagedError(
            _("This case register was made by a newer version of Klasse Desktop. Update the app.")
        )
    wanted = script.get_current_head() if target == "head" else target
    if current == wanted:
        return
    if current is not None:
        backup(database, reason=f"before-{wanted}")
    with database.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, target)


# -- backups --------------------------------------------------------------------------


def backup_dir(database: Database) -> Path:
    return database.path.parent / BACKUP_DIR


def backup(database: Database, reason: str = "manual") -> Path:
    """An encrypted copy (same key) made with sqlcipher_export; keeps the newest few."""
    folder = backup_dir(database)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"register-{stamp}-{reason}.db"
    partial = target.with_suffix(".partial")
    raw = database.engine.raw_connection()  # ATTACH/DETACH cannot run inside a transaction
    try:
        raw.execute(f"ATTACH DATABASE ? AS backup KEY \"x'{database.key_hex}'\"", (str(partial),))
        try:
            raw.execute("SELECT sqlcipher_export('backup')")
        finally:
            raw.execute("DETACH DATABASE backup")
    finally:
        raw.close()
    partial.replace(target)
    private(folder)
    for old in list_backups(database)[KEEP_BACKUPS:]:
        old.unlink(missing_ok=True)
    return target


def list_backups(database: Database) -> list[Path]:
    """Newest first."""
    return sorted(backup_dir(database).glob("register-*.db"), reverse=True)


@contextlib.contextmanager
def purging(conn: Any) -> Iterator[None]:
    """Within a transaction: let the append-only triggers allow a retention purge."""
    conn.execute(text("UPDATE register_state SET purging = 1 WHERE id = 1"))
    try:
        yield
    finally:
        conn.execute(text("UPDATE register_state SET purging = 0 WHERE id = 1"))
