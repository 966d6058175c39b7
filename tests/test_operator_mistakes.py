"""Operator mistakes that must not lose data or write where they should not
(issue 15): attachment names that are paths, and numbers that are no numbers."""

from __future__ import annotations

import pytest

from klasse_desktop.cases.errors import InvalidInputError
from klasse_desktop.cases.repository import safe_filename
from tests.cases_helpers import PROTOCOL_VERSION, open_register


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("..\\..\\win.txt", "win.txt"),
        ("../../home/directeur/.bashrc", "bashrc"),
        ("C:\\Users\\juf\\Desktop\\chat.png", "chat.png"),
        ("scherm\x00afdruk.png", "schermafdruk.png"),
        ("CON.txt", "_CON.txt"),
        ("vraag?.jpg", "vraag_.jpg"),
        ("Zoë 😂.png", "Zoë 😂.png"),
    ],
)
def test_attachment_names_are_names_never_paths(tmp_path, given, stored):
    assert safe_filename(given) == stored
    register = open_register(tmp_path / "r")
    case = register.create_case(
        "T", "anders", "leerlingendossier", protocol_version=PROTOCOL_VERSION
    )
    attachment = register.add_attachment(case.number, given, b"data")
    assert attachment.filename == stored
    assert register.get_case(case.number).attachments[0].filename == stored
    register.close()


@pytest.mark.parametrize("given", ["..", ".", "", "/", "\\\\", " . "])
def test_a_name_that_is_only_a_path_is_refused(tmp_path, given):
    register = open_register(tmp_path / "r")
    case = register.create_case(
        "T", "anders", "leerlingendossier", protocol_version=PROTOCOL_VERSION
    )
    with pytest.raises(InvalidInputError):
        register.add_attachment(case.number, given, b"data")
    register.close()


def test_an_open_register_whose_file_was_replaced_refuses_to_write(tmp_path):
    """The lock keeps our own restore away from an open window; anything else that
    swaps register.db (a sync tool, a second copy of the app from another folder)
    makes the open register refuse, instead of writing into a file nobody opens."""
    from klasse_desktop.cases.errors import RegisterReplacedError

    folder = tmp_path / "r"
    register = open_register(folder)
    case = register.create_case(
        "T", "anders", "leerlingendossier", protocol_version=PROTOCOL_VERSION
    )
    db = folder / "register.db"
    db.replace(folder / "register.db.elsewhere")
    (folder / "register.db.elsewhere").replace(folder / "register.db.moved")
    db.write_bytes((folder / "register.db.moved").read_bytes())  # a new file, same content
    with pytest.raises(RegisterReplacedError, match="Er is niets opgeslagen"):
        register.add_entry(case.number, "Dit mag nergens heen.")
    register.database.engine.dispose()


@pytest.mark.skipif(__import__("os").name != "posix", reason="symbolic links as on POSIX")
@pytest.mark.parametrize(
    "planted", ["register.db", "register.json.tmp", "register.db.restoring", "register.db-wal"]
)
def test_no_file_operation_follows_a_planted_link(tmp_path, planted):
    from klasse_desktop.cases.errors import RegisterDamagedError
    from klasse_desktop.cases.restore import restore_backup

    folder = tmp_path / "r"
    register = open_register(folder)
    register.create_case("T", "anders", "leerlingendossier", protocol_version=PROTOCOL_VERSION)
    backup = register.backup()
    register.close()
    outside = tmp_path / "outside.txt"
    outside.write_text("niet van het register")
    outside.chmod(0o644)
    if planted == "register.db":
        (folder / "register.db").replace(tmp_path / "echt.db")
    (folder / planted).unlink(missing_ok=True)
    (folder / planted).symlink_to(outside)
    with pytest.raises(RegisterDamagedError, match=planted.replace(".", r"\.")):
        open_register(folder, create=False)
    with pytest.raises(RegisterDamagedError):
        restore_backup(folder, backup, "paard batterij nietje 42")
    assert outside.read_text() == "niet van het register"
    assert outside.stat().st_mode & 0o777 == 0o644  # no chmod through the link


@pytest.mark.skipif(__import__("os").name != "posix", reason="symbolic links as on POSIX")
def test_init_never_creates_the_register_at_a_dangling_links_target(tmp_path):
    from klasse_desktop.cases.errors import RegisterDamagedError

    folder = tmp_path / "r"
    folder.mkdir()
    target = tmp_path / "elders.db"
    (folder / "register.db").symlink_to(target)
    with pytest.raises(RegisterDamagedError):
        open_register(folder)
    assert not target.exists()


def test_a_damaged_register_with_a_wal_file_is_refused_untouched(tmp_path):
    """Opening used to fold the WAL into the damaged file and delete it, then refuse:
    the check now runs on a copy, so both files stay as they were for recovery."""
    import shutil

    from klasse_desktop.cases.errors import RegisterDamagedError

    folder = tmp_path / "r"
    register = open_register(folder)
    case = register.create_case(
        "T", "anders", "leerlingendossier", protocol_version=PROTOCOL_VERSION
    )
    for n in range(60):
        register.add_entry(case.number, f"Notitie {n} " * 40)
    register.close()  # checkpointed: the entries are in register.db
    register = open_register(folder, create=False)
    register.add_entry(case.number, "Nog een notitie, alleen in de WAL.")
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for name in ("register.db", "register.db-wal"):
        shutil.copyfile(folder / name, crashed / name)  # the files as a crash left them
    register.close()
    for name in ("register.db", "register.db-wal"):
        shutil.copyfile(crashed / name, folder / name)
    (folder / "register.db-shm").unlink(missing_ok=True)
    db = folder / "register.db"
    data = bytearray(db.read_bytes())
    data[len(data) // 2 : len(data) // 2 + 4096] = bytes(4096)  # a damaged page
    db.write_bytes(bytes(data))
    before = {name: (folder / name).read_bytes() for name in ("register.db", "register.db-wal")}
    assert before["register.db-wal"]  # there is a WAL to fold
    with pytest.raises(RegisterDamagedError):
        open_register(folder, create=False)
    for name, content in before.items():
        assert (folder / name).read_bytes() == content, name
    assert not list(folder.glob("register.db.checking*"))


def test_busy_is_its_own_message_and_nothing_is_called_damaged(tmp_path):
    """Another program holding a write transaction: "busy, try again", not "damaged"."""
    import sqlcipher3

    from klasse_desktop.cases import keys
    from klasse_desktop.cases.errors import RegisterBusyError

    folder = tmp_path / "r"
    register = open_register(folder)
    case = register.create_case(
        "T", "anders", "leerlingendossier", protocol_version=PROTOCOL_VERSION
    )
    key_hex = keys.derive_key("paard batterij nietje 42", keys.read_params(folder)).hex()
    other = sqlcipher3.connect(str(folder / "register.db"), isolation_level=None)
    other.execute(f"PRAGMA key = \"x'{key_hex}'\"")
    other.execute("BEGIN IMMEDIATE")  # holds the write lock
    register.database.engine.pool.dispose()  # new connections get the short timeout below
    import sqlalchemy

    @sqlalchemy.event.listens_for(register.database.engine, "connect")
    def _short(dbapi_connection, _record):
        dbapi_connection.execute("PRAGMA busy_timeout = 50")

    try:
        with pytest.raises(RegisterBusyError, match=r"bezig|busy"):
            register.add_entry(case.number, "Komt zo.")
    finally:
        other.execute("ROLLBACK")
        other.close()
    register.add_entry(case.number, "Nu wel.")  # free again: works
    register.close()


def test_viewing_works_when_the_view_cannot_be_audited(tmp_path, monkeypatch):
    """On a full or read-only disk the audit row of a view cannot be written; the
    director can still read the case (the README says so)."""
    from klasse_desktop.cases import audit
    from klasse_desktop.cases.errors import StorageError

    folder = tmp_path / "r"
    register = open_register(folder)
    case = register.create_case(
        "T", "anders", "leerlingendossier", protocol_version=PROTOCOL_VERSION
    )
    register.add_entry(case.number, "Te lezen.")

    real = audit.record

    def full_disk(session, actor, action, *args, **kwargs):
        if action == "view":
            raise StorageError("vol")
        return real(session, actor, action, *args, **kwargs)

    monkeypatch.setattr(audit, "record", full_disk)
    detail = register.get_case(case.number)
    assert [e.text for e in detail.entries] == ["Te lezen."]
    register.close()


@pytest.mark.parametrize(
    ("reason", "expected"),
    [
        ("attempt to write a readonly database", "StorageError"),
        ("disk I/O error", "StorageError"),
        ("database is locked", "RegisterBusyError"),
        ("file is not a database", "RegisterDamagedError"),
    ],
)
def test_read_only_full_busy_and_damaged_are_four_different_answers(tmp_path, monkeypatch,
                                                                    reason, expected):  # fmt: skip
    """What SQLite says when the register is opened decides the message: only real
    damage is called damage (and only then is a backup offered)."""
    import sqlcipher3

    from klasse_desktop.cases import database
    from klasse_desktop.cases import errors as register_errors

    folder = tmp_path / "r"
    open_register(folder).close()
    real = database.make_engine

    def failing(path, key_hex):
        engine = real(path, key_hex)

        @__import__("sqlalchemy").event.listens_for(engine, "connect")
        def _fail(_dbapi, _record):
            raise sqlcipher3.DatabaseError(reason)

        return engine

    monkeypatch.setattr(database, "make_engine", failing)
    with pytest.raises(getattr(register_errors, expected)) as caught:
        open_register(folder, create=False)
    if expected != "RegisterDamagedError":
        assert not isinstance(caught.value, register_errors.RegisterDamagedError)


def test_the_key_check_at_open_takes_no_write_lock(tmp_path):
    """Checking the register while another program writes to it must not wait for, or
    block, that writer: the check is a plain read transaction."""
    import sqlcipher3

    from klasse_desktop.cases import keys
    from klasse_desktop.cases.database import _check_key, make_engine

    folder = tmp_path / "r"
    open_register(folder).close()
    key_hex = keys.derive_key("paard batterij nietje 42", keys.read_params(folder)).hex()
    writer = sqlcipher3.connect(str(folder / "register.db"), isolation_level=None)
    writer.execute(f"PRAGMA key = \"x'{key_hex}'\"")
    writer.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    engine = make_engine(folder / "register.db", key_hex)
    try:
        _check_key(engine, folder / "register.db", True)  # does not wait 5 s or fail
    finally:
        engine.dispose()
        writer.execute("ROLLBACK")
        writer.close()


@pytest.mark.skipif(__import__("os").geteuid() != 0 if hasattr(__import__("os"), "geteuid")
                    else True, reason="mounting a read-only folder needs root")  # fmt: skip
def test_a_register_on_a_read_only_drive_can_be_read_not_changed(tmp_path, monkeypatch, capsys):
    """A read-only drive (a real read-only mount): the cases can be read; saving says
    the drive cannot be written; nothing is called damaged, nothing is a traceback."""
    import subprocess

    from klasse_desktop.cli import main

    drive = tmp_path / "stick"
    drive.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "tmpfs", str(drive)]).returncode != 0:
        pytest.skip("cannot mount here")
    try:
        register = open_register(drive / "register")
        register.create_case("Op de stick", "anders", "leerlingendossier",
                             protocol_version=PROTOCOL_VERSION)  # fmt: skip
        register.close()
        subprocess.run(["mount", "-o", "remount,ro", str(drive)], check=True)
        monkeypatch.setenv("KLASSE_PASSPHRASE", "paard batterij nietje 42")
        code = main(["--data-dir", str(drive), "cases", "list"])
        out, err = capsys.readouterr()
        assert code == 0 and "Op de stick" in out, err
        number = out.split()[0]
        code = main(["--data-dir", str(drive), "cases", "add-entry", number, "--text", "x"])
        err = capsys.readouterr().err
        assert code == 2 and "niet op geschreven" in err and "beschadigd" not in err, err
    finally:
        subprocess.run(["umount", str(drive)])
