"""The encrypted SQLite (SQLCipher) database: opening, migrating, backing up.

Every connection gets the raw key, secure_delete (deleted rows are overwritten),
temp files in memory, WAL (encrypted like the main file) and foreign keys.
Migrations run at start-up in one transaction, after an encrypted backup.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
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

from klasse_desktop.cases import keys, passphrases
from klasse_desktop.cases.errors import (
    RegisterBusyError,
    RegisterDamagedError,
    RegisterLostError,
    RegisterMissingError,
    RegisterTooNewError,
    StorageError,
    WeakKeyDerivationError,
    WrongPassphraseError,
)
from klasse_desktop.i18n import _

DB_FILE = "register.db"
BACKUP_DIR = "backups"
KEEP_BACKUPS = 10  # the newest this many backups are kept
BACKUP_EVERY = timedelta(days=1)  # at open, back up if the newest backup is older
SQLITE_HEADER = b"SQLite format 3\x00"  # an unencrypted database: never a register
_log = logging.getLogger(__name__)


@dataclass
class Database:
    engine: Engine
    path: Path
    key_hex: str
    identity: tuple[int, int] | None = None  # (device, inode) of register.db when opened
    read_only: bool = False  # on a read-only drive: cases can be read, nothing is saved

    def __post_init__(self) -> None:
        if self.identity is None:
            self.identity = _identity(self.path)

    def still_in_place(self) -> bool:
        """False when register.db was moved or replaced since it was opened (a restore
        by another program): writing on would put data in a file nobody opens."""
        return _identity(self.path) == self.identity

    def close(self) -> None:
        # Folding the WAL in is tidying, not saving: while another program holds the
        # write lock it is skipped rather than waited for (the window's Ctrl+L froze
        # for the 5 s busy timeout); that program's own close folds it in.
        with contextlib.suppress(Exception):
            compact(self, vacuum=False, wait=False)
        self.engine.dispose()
        self.key_hex = ""


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return (found.st_dev, found.st_ino)


def compact(database: Database, *, vacuum: bool = True, wait: bool = True) -> None:
    """Fold the WAL back into the file and (optionally) rebuild it without free pages.

    Runs on a raw connection outside any transaction, which both statements need.
    `wait=False`: do not wait for another program's write lock (only what can be
    folded in at once is).
    """
    raw = database.engine.raw_connection()
    try:
        if not wait:
            raw.execute("PRAGMA busy_timeout = 0")
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        if vacuum:
            raw.execute("VACUUM")
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()


def _connect(path: Path, key_hex: str, read_only: bool = False) -> Any:
    if read_only:  # a read-only drive: nothing there can change, so "immutable"
        target = f"{path.resolve().as_uri()}?immutable=1"
        conn = sqlcipher3.connect(target, uri=True, check_same_thread=False, isolation_level=None)
    else:
        conn = sqlcipher3.connect(str(path), check_same_thread=False, isolation_level=None)
    with contextlib.suppress(sqlcipher3.DatabaseError):
        conn.execute("PRAGMA cipher_log_level = NONE")  # no key errors on stderr
    conn.execute(f"PRAGMA key = \"x'{key_hex}'\"")
    return conn


READ_ONLY = "klasse_read_only"


def make_engine(path: Path, key_hex: str, *, read_only: bool = False) -> Engine:
    engine = create_engine(
        "sqlite://",
        creator=lambda: _connect(path, key_hex, read_only),
        module=sqlcipher3.dbapi2,
        hide_parameters=True,  # error messages must never carry names or notes
        poolclass=QueuePool,
        pool_size=2,
        max_overflow=2,
    )

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        pragmas = ["PRAGMA foreign_keys = ON", "PRAGMA temp_store = MEMORY",
                   "PRAGMA busy_timeout = 5000"]  # fmt: skip
        if not read_only:
            pragmas += ["PRAGMA secure_delete = ON", "PRAGMA journal_mode = WAL",
                        "PRAGMA synchronous = FULL"]  # fmt: skip
        for pragma in pragmas:
            dbapi_connection.execute(pragma)

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        # The driver runs in autocommit mode; SQLAlchemy's BEGIN makes every
        # transaction (migrations included) explicit and atomic. A connection marked
        # READ_ONLY (the key check) begins a plain read transaction: checking a
        # register must never take its write lock.
        reading = read_only or conn.get_execution_options().get(READ_ONLY, False)
        conn.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")

    return engine


def _damaged() -> RegisterDamagedError:
    return RegisterDamagedError(_("The case register file is damaged or is not a case register."))


def _looks_damaged(path: Path) -> bool:
    """Signs, without the key, that a file cannot be a register: too short, not whole
    pages, unencrypted SQLite, or a first page of zeros."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(1024)
    except OSError:
        return True
    return (
        size < 1024 or size % 1024 != 0 or head.startswith(SQLITE_HEADER) or not head.strip(b"\0")
    )


def _raise_if_not_damage(exc: BaseException) -> None:
    """Busy, full and read-only are not damage: each its own message, and no offer to
    restore a backup over a healthy register."""
    text = str(getattr(exc, "orig", None) or exc).lower()
    if "locked" in text or "busy" in text:
        raise RegisterBusyError(
            _(
                "The case register is busy in another program right now. Try again in a few "
                "seconds; nothing was changed."
            )
        ) from None
    if any(word in text for word in ("readonly", "read-only", "disk i/o", "full", "disk is")):
        raise StorageError(
            _(
                "The case register's folder cannot be written: the disk is full, or it is a "
                "read-only drive. The register itself is fine; free some space or use a "
                "writable folder."
            )
        ) from None


def _check_key(engine: Engine, path: Path, key_ok: bool | None = None) -> None:
    """Read the whole file once (SQLCipher checks every page's HMAC on the way).

    `key_ok` is what register.json's key check says (None for an older register.json
    without one): with a known-good key any failure means the file is damaged."""
    try:
        with engine.connect().execution_options(**{READ_ONLY: True}) as conn:
            conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
    except (sqlcipher3.DatabaseError, sqlalchemy.exc.DatabaseError) as exc:
        engine.dispose()
        _raise_if_not_damage(exc)
        if key_ok or (key_ok is None and _looks_damaged(path)):
            raise _damaged() from exc
        raise WrongPassphraseError(_("That passphrase does not open the case register.")) from exc
    try:
        with engine.connect().execution_options(**{READ_ONLY: True}) as conn:
            result = conn.exec_driver_sql("PRAGMA quick_check").scalar()
    except (sqlcipher3.DatabaseError, sqlalchemy.exc.DatabaseError) as exc:
        engine.dispose()
        _raise_if_not_damage(exc)
        raise _damaged() from exc
    if result != "ok":
        engine.dispose()
        raise _damaged()


def _check_with_wal_on_a_copy(path: Path, key_hex: str, key_ok: bool | None) -> None:
    """With a WAL file beside register.db (after a crash), opening would fold the WAL
    into the file and delete it, even when the register then turns out damaged. So the
    check runs first on a copy of both; the originals are only opened once it passed."""
    wal = Path(f"{path}-wal")
    if not wal.is_file() or wal.stat().st_size == 0:
        return
    import shutil

    copy = path.with_name(f"{DB_FILE}.checking")
    try:
        shutil.copyfile(path, copy)
        shutil.copyfile(wal, Path(f"{copy}-wal"))
        engine = make_engine(copy, key_hex)
        try:
            _check_key(engine, copy, key_ok)
        finally:
            engine.dispose()
    finally:
        for leftover in (copy, Path(f"{copy}-wal"), Path(f"{copy}-shm")):
            leftover.unlink(missing_ok=True)


def open_database(
    data_dir: Path, passphrase: str, *, create: bool = False, kdf: dict[str, int] | None = None,
    backup: bool = True,
) -> Database:  # fmt: skip
    """Unlock (or with `create`, set up) the register in `data_dir` and migrate it.

    With `backup` the daily backup is made here if due (`auto_backup`); the window
    passes False and makes it after the unlock, in the background."""
    path = data_dir / DB_FILE
    refuse_symlinks(data_dir)
    try:
        params = keys.read_params(data_dir)
    except ValueError:
        raise RegisterDamagedError(_("The key file register.json is damaged.")) from None
    if params is None and path.exists():
        raise RegisterDamagedError(_("register.json is missing; the register cannot be opened."))
    if params is None or not path.exists():
        if register_state(data_dir) == LOST:
            # A new salt over register.json would make every backup unreadable.
            raise RegisterLostError(
                _(
                    "The register file register.db is missing from {path}, but its key "
                    "file or backups are still there. Restore the newest backup (klasse-"
                    "desktop cases restore BACKUP, or “Restore” when unlocking) instead of "
                    "making a new register: a new one would make the backups unreadable."
                ).format(path=data_dir)
            )
        if not create:
            raise RegisterMissingError(
                _("There is no case register in {path} yet.").format(path=data_dir)
            )
        passphrases.check_new(passphrase, context=(data_dir.name,))
        params = keys.KdfParams.new(**(kdf or {}))
        keys.write_params(data_dir, params)
    if keys.is_weak(params) and not passphrases.fast_kdf_allowed():
        raise WeakKeyDerivationError(
            _(
                "This case register was made with the weak key derivation meant for tests "
                "(KLASSE_KDF=fast), so its passphrase can be guessed quickly. It is not "
                "opened. Make a new register, or open this one with KLASSE_KDF=fast to "
                "move its cases."
            )
        )
    key, key_ok = b"", None
    for typed in passphrases.forms(passphrase):  # NFC first; as typed for older registers
        key = keys.derive_key(typed, params)
        key_ok = keys.check_key(params, key)
        if key_ok is not False:
            break
    if key_ok is False:
        raise WrongPassphraseError(_("That passphrase does not open the case register."))
    key_hex = key.hex()
    if not create and not os.access(data_dir, os.W_OK):
        return _open_read_only(path, key, key_ok)
    _check_with_wal_on_a_copy(path, key_hex, key_ok)
    engine = make_engine(path, key_hex)
    _check_key(engine, path, key_ok)
    from klasse_desktop.cases import audit

    audit.bind_key(engine, key)
    no_core_dumps()
    if key_ok is None:  # an older register.json: remember the check from now on
        keys.write_params(data_dir, keys.with_check(params, key))
    private(data_dir)
    from klasse_desktop.cases.ledger import clean_leftovers

    clean_leftovers(data_dir)
    database = Database(engine, path, key_hex)
    try:
        migrate(database)
    except (sqlcipher3.DatabaseError, sqlalchemy.exc.DatabaseError) as exc:
        engine.dispose()
        _raise_if_not_damage(exc)
        raise _damaged() from exc
    except RegisterDamagedError:
        engine.dispose()
        raise
    _require_protections(database)
    if backup:
        auto_backup(database)
    return database


def auto_backup(database: Database) -> Path | None:
    """The daily backup, if due (`backup_if_due`, keeping the number from the
    settings). A failure is logged, never raised: a full disk must not lock the user
    out of the register, and the next open tries again."""
    try:
        from klasse_desktop.settings import load_settings

        return backup_if_due(database, keep=load_settings().keep_backups)
    except (OSError, sqlcipher3.Error, sqlalchemy.exc.SQLAlchemyError) as exc:
        _log.warning("automatic backup failed: %s", type(exc).__name__)
        for partial in backup_dir(database).glob("*.partial*"):
            partial.unlink(missing_ok=True)
        return None


def _require_protections(database: Database) -> None:
    missing = missing_protections(database)
    if missing:
        database.engine.dispose()
        raise RegisterDamagedError(
            _(
                "The case register's protections were changed outside Klasse Desktop "
                "({names} missing). It is not opened; restore a backup or ask for help."
            ).format(names=", ".join(missing))
        )


def _open_read_only(path: Path, key: bytes, key_ok: bool | None) -> Database:
    """A register on a read-only drive (a CD, a write-protected stick, a read-only
    share): it can be read, nothing is written (no migration, backup, audit event or
    clean-up; saving anything says the drive cannot be written)."""
    from klasse_desktop.cases import audit

    key_hex = key.hex()
    wal = Path(f"{path}-wal")
    if wal.is_file() and wal.stat().st_size:
        raise StorageError(
            _(
                "This case register was not closed properly and is on a read-only drive, "
                "so its last changes cannot be read. Copy the folder to a writable place."
            )
        )
    engine = make_engine(path, key_hex, read_only=True)
    _check_key(engine, path, key_ok)
    audit.bind_key(engine, key)
    no_core_dumps()
    database = Database(engine, path, key_hex, read_only=True)
    if current_revision(database) != head_revision():
        engine.dispose()
        raise StorageError(
            _(
                "This case register is from an older version and must be updated, which "
                "cannot be done on a read-only drive. Copy the folder to a writable place."
            )
        )
    _require_protections(database)
    return database


NEW, PRESENT, LOST = "new", "present", "lost"


def register_state(data_dir: Path) -> str:
    """NEW (nothing there: a register may be made), PRESENT (register.db is there) or
    LOST (register.db is gone but its key file or a backup is left: restore, never
    start over)."""
    if (data_dir / DB_FILE).exists():
        return PRESENT
    if (data_dir / keys.KDF_FILE).exists() or backups_in(data_dir):
        return LOST
    return NEW


def backup_key_file(backup_path: Path) -> Path:
    """The key file (salt, parameters, key check) kept beside each backup, so a backup
    opens with the passphrase even when register.json is lost."""
    return backup_path.with_name(backup_path.name + ".key.json")


# The triggers that keep entries, audit rows, parties, cases and attachments from
# being changed or deleted behind the app's back (migrations 0001 and 0004).
PROTECTIONS = (
    "entry_append_only", "entry_no_delete", "audit_append_only", "audit_no_delete",
    "party_fixed", "party_no_delete", "case_fixed", "case_no_delete", "attachment_fixed",
    "attachment_no_delete",
)  # fmt: skip


def _reading(database: Database) -> Any:
    """A connection whose transactions are plain reads (BEGIN, not BEGIN IMMEDIATE):
    checking something never waits for another program's write."""
    return database.engine.connect().execution_options(**{READ_ONLY: True})


def missing_protections(database: Database) -> list[str]:
    with _reading(database) as conn:
        found = {
            row[0]
            for row in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='trigger'")
        }
    return [name for name in PROTECTIONS if name not in found]


def no_core_dumps() -> None:
    """An unlocked process holds the key and case data in memory: never dump it to disk."""
    if os.name != "posix":
        return
    import resource

    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def private(folder: Path) -> None:
    """Owner-only permissions on the register's files (POSIX; Windows profiles are private)."""
    if os.name != "posix":
        return
    if folder.is_symlink():
        return
    with contextlib.suppress(OSError):
        folder.chmod(0o700)
        for path in folder.rglob("*"):
            if path.is_symlink():
                continue  # never change a file outside the register through a link
            path.chmod(0o700 if path.is_dir() else 0o600)


# Every name the register writes or moves in its folder.
REGISTER_NAMES = (DB_FILE, f"{DB_FILE}-wal", f"{DB_FILE}-shm", f"{DB_FILE}.restoring",
                  f"{DB_FILE}.checking", f"{DB_FILE}.checking-wal", "purged.json",
                  "purged.json.tmp",
                  keys.KDF_FILE, f"{keys.KDF_FILE}.tmp", BACKUP_DIR)  # fmt: skip


def refuse_symlinks(data_dir: Path) -> None:
    """No file operation in the register's folder may follow a symbolic link: a link
    planted there would make the app write, move or chmod a file somewhere else."""
    suspects = [data_dir, *(data_dir / name for name in REGISTER_NAMES)]
    backups = data_dir / BACKUP_DIR
    if backups.is_dir() and not backups.is_symlink():
        suspects += list(backups.iterdir())
    for path in suspects:
        if path.is_symlink():
            raise RegisterDamagedError(
                _(
                    "{name} in the case register's folder is a link to somewhere else. "
                    "The register does not follow links; replace the link by the file "
                    "itself (or remove it)."
                ).format(name=path.name)
            )


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
    with _reading(database) as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(database: Database, target: str = "head") -> None:
    """Upgrade to `target` in one transaction; back up first if there is data."""
    from alembic import command

    config = _alembic_config()
    script = ScriptDirectory.from_config(config)
    current = current_revision(database)
    known = {rev.revision for rev in script.walk_revisions()}
    if current is not None and current not in known:
        raise RegisterTooNewError(
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
    # Revision numbers only; `_log` is ours, not Alembic's or SQLAlchemy's.
    _log.info("case register schema upgraded from %s to %s", current or "empty", wanted)


# -- backups --------------------------------------------------------------------------


def backup_dir(database: Database) -> Path:
    return database.path.parent / BACKUP_DIR


def backup(database: Database, reason: str = "manual", *, keep: int = KEEP_BACKUPS) -> Path:
    """An encrypted copy (same key) made with sqlcipher_export; keeps the newest `keep`.

    The export runs in one read transaction, so writers carry on and the copy is
    one consistent moment of the register."""
    folder = backup_dir(database)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"register-{stamp}-{reason}.db"
    partial = target.with_suffix(".partial")
    # Private from the first byte: SQLite would create it with the umask (often 0644).
    os.close(
        os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    )
    raw = database.engine.raw_connection()  # ATTACH/DETACH cannot run inside a transaction
    try:
        raw.execute(f"ATTACH DATABASE ? AS backup KEY \"x'{database.key_hex}'\"", (str(partial),))
        try:
            raw.execute("BEGIN")
            try:
                raw.execute("SELECT sqlcipher_export('backup')")
            finally:
                raw.execute("COMMIT")
        finally:
            raw.execute("DETACH DATABASE backup")
    finally:
        raw.close()
    params = keys.read_params(database.path.parent)
    if params is not None:
        keys.write_params_file(backup_key_file(target), params)
    partial.replace(target)
    ledger = database.path.parent / "purged.json"
    if ledger.is_file() and not ledger.is_symlink():  # the purge ledger travels along
        import shutil

        shutil.copyfile(ledger, target.with_name(target.name + ".purged.json"))
    private(folder)
    for old in list_backups(database)[max(keep, 1) :]:
        old.unlink(missing_ok=True)
        backup_key_file(old).unlink(missing_ok=True)
    _log.info("case register backed up (%s)", reason)  # a code-made reason, never a path
    return target


def list_backups(database: Database) -> list[Path]:
    """Newest first."""
    return backups_in(database.path.parent)


def backups_in(data_dir: Path) -> list[Path]:
    """The backups of the register in `data_dir`, newest first (no key needed)."""
    return sorted((data_dir / BACKUP_DIR).glob("register-*.db"), reverse=True)


def has_data(database: Database) -> bool:
    with _reading(database) as conn:
        return bool(conn.exec_driver_sql('SELECT EXISTS (SELECT 1 FROM "case")').scalar())


def backup_if_due(
    database: Database, *, keep: int = KEEP_BACKUPS, every: timedelta = BACKUP_EVERY
) -> Path | None:
    """At open: a backup if the newest is older than `every` (or there is none yet
    and the register holds cases). Returns the new backup, if one was made."""
    backups = list_backups(database)
    now = datetime.now()
    # The newest backup decides; one dated in the future (by its name or its file
    # time: a clock that was off, a copied file) does not count, or it would stop the
    # automatic backups for good.
    stamp_now = now.strftime("register-%Y%m%d-%H%M%S")
    dated = [
        (b, now - datetime.fromtimestamp(b.stat().st_mtime))
        for b in backups
        if b.name[: len(stamp_now)] <= stamp_now
    ]
    current = [(b, age) for b, age in dated if age >= timedelta(0)]
    if current and current[0][1] < every:
        return None
    if not backups and not has_data(database):
        return None
    return backup(database, reason="auto", keep=keep)


@contextlib.contextmanager
def purging(conn: Any) -> Iterator[None]:
    """Within a transaction: let the append-only triggers allow a retention purge."""
    conn.execute(text("UPDATE register_state SET purging = 1 WHERE id = 1"))
    try:
        yield
    finally:
        conn.execute(text("UPDATE register_state SET purging = 0 WHERE id = 1"))
