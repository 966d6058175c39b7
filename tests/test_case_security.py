"""Encryption at rest, the audit chain, and nothing readable left behind."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from klasse_desktop.cases.repository import CaseRegister
from tests.cases_helpers import PROTOCOL_VERSION, open_register

# Invented canaries: if any of these bytes shows up on disk, something leaked.
CANARIES = [
    "Kanarie-Titel-QX71",
    "Zoë Kanariepiet-ZK93",
    "Şükrü Kanarieoglu-SK55",
    "Notitietekst-kanarie-NT28",
    "Concepttekst-kanarie-CT44",
    "Bijlage-kanarie-BL66",
]


def _encodings(value: str) -> list[bytes]:
    return [value.encode("utf-8"), value.encode("utf-16-le"), value.upper().encode("utf-8")]


def _files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def fill(register: CaseRegister) -> None:
    case = register.create_case(
        CANARIES[0], "pesten", "leerlingendossier", protocol_version=PROTOCOL_VERSION
    )
    register.add_party(case.number, "leerling", CANARIES[1])
    register.add_party(case.number, "ouder", CANARIES[2])
    entry = register.add_entry(case.number, CANARIES[3] + " " + "opvulling " * 200)
    register.add_addendum(case.number, entry.id, "Aanvulling " + CANARIES[3])
    register.save_draft(case.number, CANARIES[4])
    register.add_attachment(case.number, "schermafdruk.txt", (CANARIES[5] + "\n").encode() * 50)


def assert_no_canary(folder: Path) -> None:
    files = _files(folder)
    assert files
    for path in files:
        data = path.read_bytes()
        for canary in CANARIES:
            for encoded in _encodings(canary):
                assert encoded not in data, f"{canary!r} readable in {path.name}"


def test_database_side_files_and_backups_hold_no_readable_personal_data(tmp_path):
    folder = tmp_path / "register"
    register = open_register(folder)
    fill(register)
    register.backup()
    # While open: the main file and its WAL/SHM side files.
    assert (folder / "register.db-wal").exists()
    assert_no_canary(folder)
    register.close()
    assert_no_canary(folder)
    assert list((folder / "backups").glob("register-*.db"))


def test_the_register_can_be_read_back_only_with_the_key(tmp_path):
    folder = tmp_path / "register"
    register = open_register(folder)
    fill(register)
    register.close()
    again = open_register(folder, create=False)
    rows = again.get_case("K-" + str(__import__("datetime").date.today().year) + "-0001")
    assert rows.case.title == CANARIES[0]
    again.close()


def test_a_backup_opens_with_the_same_passphrase(tmp_path):
    folder = tmp_path / "register"
    register = open_register(folder)
    fill(register)
    backup = register.backup()
    register.close()
    restored = tmp_path / "restored"
    restored.mkdir()
    (restored / "register.db").write_bytes(backup.read_bytes())
    (restored / "register.json").write_bytes((folder / "register.json").read_bytes())
    reopened = open_register(restored, create=False)
    assert reopened.count_cases() == 1
    reopened.close()


def test_the_key_file_holds_no_key_or_passphrase(tmp_path):
    folder = tmp_path / "register"
    open_register(folder).close()
    content = (folder / "register.json").read_text("utf-8")
    assert "paard" not in content and "argon2id" in content
    assert set(__import__("json").loads(content)) == {
        "salt", "time_cost", "memory_cost", "parallelism", "format", "kdf", "check",
        "audit_seq", "audit_mac",  # the audit anchor: a row number and a seal, no content
    }  # fmt: skip
    # the key check is an HMAC under the key, not the key (nor a plain hash of it)
    from klasse_desktop.cases import keys

    params = keys.read_params(folder)
    key = keys.derive_key("paard batterij nietje 42", params)
    assert (
        key.hex() not in content and params.check != __import__("hashlib").sha256(key).hexdigest()
    )


def test_files_are_private_to_the_user(tmp_path):
    folder = tmp_path / "register"
    register = open_register(folder)
    register.backup()
    register.close()
    for path in _files(folder):
        assert path.stat().st_mode & 0o077 == 0, path


def test_the_audit_chain_detects_an_edited_row(tmp_path):
    register = open_register(tmp_path / "register")
    fill(register)
    check = register.verify_audit()
    assert check.ok and check.events >= 7
    with register.session() as session:
        conn = session.connection()
        # Someone with the key drops the guard and rewrites who did something.
        conn.execute(text("DROP TRIGGER audit_append_only"))
        conn.execute(text("UPDATE audit_event SET actor = 'Iemand Anders' WHERE id = 3"))
    check = register.verify_audit()
    assert not check.ok and check.first_broken_id == 3
    register.close()


def test_the_audit_log_holds_no_content(tmp_path):
    register = open_register(tmp_path / "register")
    fill(register)
    with register.session() as session:
        rows = session.connection().execute(text("SELECT * FROM audit_event")).all()
    dumped = repr(rows)
    for canary in CANARIES:
        assert canary not in dumped
    actions = {(r.action, r.object_type) for r in rows}
    assert {("unlock", "register"), ("create", "case"), ("create", "party"), ("create", "entry"),
            ("create", "addendum"), ("create", "attachment")} <= actions  # fmt: skip
    register.close()


def test_database_errors_never_carry_the_values(tmp_path):
    import sqlalchemy.exc

    register = open_register(tmp_path / "register")
    fill(register)
    try:
        with register.session() as session:
            session.connection().execute(
                text(
                    "INSERT INTO party (case_id, role, name, created_at) VALUES (:c, 'x', :n, 'x')"
                ),
                {"c": 999, "n": CANARIES[1]},
            )
    except sqlalchemy.exc.DBAPIError as exc:
        assert CANARIES[1] not in str(exc)
    else:
        raise AssertionError("the foreign key should have refused the row")
    register.close()
