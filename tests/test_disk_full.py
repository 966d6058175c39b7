"""A full disk: saving fails with one clear message, and nothing already saved is harmed.

"Full" is simulated with RLIMIT_FSIZE in a subprocess (SIGXFSZ ignored, so writes
past the limit fail with EFBIG, which SQLite reports as a full disk), and with a
read-only folder where permissions apply (not as root).
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from klasse_desktop.cases.person_export import export_person, to_json
from tests.cases_helpers import PASSPHRASE, PROTOCOL_VERSION, open_register

pytestmark = pytest.mark.skipif(os.name != "posix", reason="RLIMIT_FSIZE is POSIX")

ROOT = Path(__file__).resolve().parent.parent
EARLIER = [f"Eerdere notitie {i}: Zoë zag het bericht." for i in range(5)]

# Opens the register, then lowers the file-size limit and tries a 1.5 MB entry.
WRITER = r"""
import hashlib, json, resource, signal, sys
from pathlib import Path
import sqlalchemy.exc
from klasse_desktop.cases.errors import RegisterError
from tests.cases_helpers import open_register

folder, number = Path(sys.argv[1]), sys.argv[2]
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
register = open_register(folder, create=False)
db = folder / "register.db"
before = hashlib.sha256(db.read_bytes()).hexdigest()
soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
biggest = max(p.stat().st_size for p in folder.iterdir() if p.is_file())
resource.setrlimit(resource.RLIMIT_FSIZE, (biggest + 64 * 1024, hard))
try:
    register.add_entry(number, "Te lang voor de schijf. " * 65_000)
    outcome = "saved"
except RegisterError as exc:
    outcome = f"register {type(exc).__name__}: " + str(exc)
except sqlalchemy.exc.OperationalError as exc:
    outcome = "sqlite: " + str(exc.orig)
resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
after = hashlib.sha256(db.read_bytes()).hexdigest()
# The session is usable again once there is room.
later = register.add_entry(number, "Na het opruimen weer ruimte.")
register.close()
print(json.dumps({"outcome": outcome, "same": before == after, "later": later.id}))
"""


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), **extra}


@pytest.fixture
def filled(tmp_path: Path) -> tuple[Path, str, Path]:
    folder = tmp_path / "register"
    register = open_register(folder)
    case = register.create_case(
        "Volle schijf", "pesten", "leerlingendossier", protocol_version=PROTOCOL_VERSION
    )
    register.add_party(case.number, "leerling", "Zoë Janssen")
    for text in EARLIER:
        register.add_entry(case.number, text)
    export = tmp_path / "export.json"
    export.write_text(to_json(export_person(register, "Zoë")), encoding="utf-8")
    register.close()
    return folder, case.number, export


def _still_whole(folder: Path, number: str) -> list[str]:
    register = open_register(folder, create=False)
    try:
        with register.database.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        texts = [e.text for e in register.get_case(number).entries]
        assert texts[: len(EARLIER)] == EARLIER
        assert not any(t.startswith("Te lang") for t in texts)
        assert register.verify_audit().ok
        return texts
    finally:
        register.close()


def test_a_full_disk_refuses_the_entry_and_harms_nothing(filled):
    folder, number, export = filled
    export_digest = _digest(export)
    done = subprocess.run(
        [sys.executable, "-c", WRITER, str(folder), number],
        capture_output=True, text=True, cwd=ROOT, env=_env(), timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["outcome"] != "saved"
    # SQLite reports EFBIG as "disk I/O error"; the register turns it into a message.
    assert result["outcome"].startswith("register StorageError: "), result
    assert "de schijf is vol" in result["outcome"]  # Dutch by default
    assert result["same"], "the database file changed while the write failed"
    assert _digest(export) == export_digest
    texts = _still_whole(folder, number)
    assert texts[-1] == "Na het opruimen weer ruimte."


def _limited(limit: int):  # type: ignore[no-untyped-def]
    def apply() -> None:
        import resource
        import signal

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))

    return apply


def test_cli_add_entry_on_a_full_disk_prints_one_line(filled, tmp_path):
    folder, number, export = filled
    export_digest = _digest(export)
    biggest = max(p.stat().st_size for p in folder.iterdir() if p.is_file())
    env = _env(
        KLASSE_PASSPHRASE=PASSPHRASE,
        KLASSE_DATA_DIR=str(folder.parent),
        KLASSE_CONFIG_DIR=str(tmp_path / "config"),
        KLASSE_LOG_DIR=str(tmp_path / "log"),
        KLASSE_CACHE_DIR=str(tmp_path / "cache"),
    )
    # Arguments are capped at 128 kB, so the limit is tight: the WAL may grow by
    # the unlock's audit row, not by this entry.
    done = subprocess.run(
        [sys.executable, "-m", "klasse_desktop", "--lang", "en", "cases", "add-entry", number,
         "--text", "Te lang voor de schijf. " * 5000],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=60,
        preexec_fn=_limited(biggest + 16 * 1024),
    )  # fmt: skip
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "the disk is full or cannot be written" in done.stderr, done.stderr
    assert _digest(export) == export_digest
    _still_whole(folder, number)


@pytest.mark.skipif(os.name == "posix" and os.geteuid() == 0, reason="root ignores permissions")
def test_a_read_only_register_folder_refuses_the_entry(filled):
    folder, number, export = filled
    export_digest = _digest(export)
    digest = _digest(folder / "register.db")
    folder.chmod(0o500)
    try:
        with pytest.raises(Exception) as caught:
            register = open_register(folder, create=False)
            try:
                register.add_entry(number, "Geen plek.")
            finally:
                register.close()
        from klasse_desktop.cli.case_commands import _user_message

        message = _user_message(caught.value, __import__("argparse").Namespace())
        assert message is not None and "\n" not in message
    finally:
        folder.chmod(0o700)
    assert _digest(folder / "register.db") == digest
    assert _digest(export) == export_digest
    _still_whole(folder, number)
