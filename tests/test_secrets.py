"""Case data stays where it belongs: a realistic session through the CLI and the
domain leaves an invented canary only in the exports the user asked for, and an
unlocked process cannot dump its memory (key, case texts) to a core file."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from klasse_desktop import logs
from klasse_desktop.cases.errors import InvalidInputError, NotFoundError
from klasse_desktop.cli import main
from klasse_desktop.settings import Settings, save_settings
from tests.cases_helpers import PASSPHRASE, open_register

CANARY = "Kanarie-Geheim-QZ88"
ROOT = Path(__file__).resolve().parent.parent


def _encodings(value: str) -> list[bytes]:
    return [
        value.encode("utf-8"),
        value.encode("utf-16-le"),
        value.encode("utf-16-be"),
        value.upper().encode("utf-8"),
        value.lower().encode("utf-8"),
    ]


def _leaks(folder: Path, allowed: Path) -> list[str]:
    found = []
    for path in folder.rglob("*"):
        if not path.is_file() or path.is_relative_to(allowed):
            continue
        data = path.read_bytes()
        if any(encoded in data for encoded in _encodings(CANARY)):
            found.append(str(path.relative_to(folder)))
    return found


@pytest.fixture
def sandbox(tmp_path, monkeypatch):
    for name in ("DATA", "CONFIG", "CACHE", "LOG"):
        monkeypatch.setenv(f"KLASSE_{name}_DIR", str(tmp_path / name.lower()))
    monkeypatch.setenv("KLASSE_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("KLASSE_KDF", "fast")
    monkeypatch.chdir(tmp_path)
    save_settings(Settings(user_name="Directeur Test", school="OBS De Klasse"))
    logs.shutdown()  # the log file follows KLASSE_LOG_DIR from the next setup()
    yield tmp_path
    logs.shutdown()


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_the_canary_stays_in_the_register_and_the_exports(sandbox, capsys, monkeypatch):
    exports = sandbox / "exports"
    exports.mkdir()
    number = f"K-{date.today().year}-0001"
    assert run(capsys, "cases", "init")[0] == 0
    code, _out, err = run(
        capsys, "cases", "new", "--title", f"Pesten {CANARY}", "--category", "pesten"
    )
    assert code == 0, err
    assert run(capsys, "cases", "add-party", number, "--role", "leerling",
               "--name", f"Zoë {CANARY}")[0] == 0  # fmt: skip
    assert run(capsys, "cases", "add-entry", number, "--text", f"Bericht van {CANARY}.")[0] == 0
    assert run(capsys, "cases", "search", CANARY)[0] == 0
    assert run(capsys, "cases", "show", number, "--format", "json")[0] == 0
    code, _out, err = run(capsys, "report", number, "--subject", f"Zoë {CANARY}",
                          "--out", str(exports / "verslag.pdf"))  # fmt: skip
    assert code == 0, err
    assert (exports / "verslag.pdf").stat().st_size > 0
    code, _out, err = run(capsys, "cases", "export-person", CANARY,
                          "--out", str(exports / "export.txt"))  # fmt: skip
    assert code == 0, err
    assert CANARY in (exports / "export.txt").read_text(encoding="utf-8")
    # Errors that carry the canary in their input.
    assert run(capsys, "cases", "add-party", number, "--role", CANARY, "--name", "X")[0] == 2
    assert run(capsys, "cases", "add-entry", "K-1999-0001", "--text", CANARY)[0] == 2
    assert run(capsys, "report", number, "--subject", CANARY, "--out", "x.pdf")[0] == 2

    # An unexpected error whose message names a person: logged as type and place only.
    from klasse_desktop.cli import case_parser

    def explode(_args):  # type: ignore[no-untyped-def]
        raise RuntimeError(f"onverwacht bij {CANARY}")

    monkeypatch.setattr(case_parser, "cmd_list", explode)
    with pytest.raises(RuntimeError):
        main(["cases", "list"])
    capsys.readouterr()

    # The domain, with its own refusals.
    register = open_register(sandbox / "data" / "register", create=False)
    try:
        register.save_draft(number, f"Concept {CANARY}")
        register.add_entry(number, f"Tweede bericht {CANARY}")
        with pytest.raises(InvalidInputError) as refused:
            register.add_party(number, CANARY, "Y")
        with pytest.raises(NotFoundError):
            register.add_entry(f"{CANARY}-0001", "tekst")
        register.backup()
    finally:
        register.close()
    logs.shutdown()

    assert "Traceback" not in str(refused.value)
    assert (sandbox / "log").exists() and list((sandbox / "log").rglob("*"))
    assert _leaks(sandbox, allowed=exports) == []


CORE_CHECK = r"""
import resource, sys
from pathlib import Path
from tests.cases_helpers import open_register
soft, hard = resource.getrlimit(resource.RLIMIT_CORE)
resource.setrlimit(resource.RLIMIT_CORE, (hard, hard))  # as permissive as allowed
register = open_register(Path(sys.argv[1]))
print(resource.getrlimit(resource.RLIMIT_CORE))
register.close()
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_CORE on Linux")
def test_an_unlocked_process_cannot_dump_core(tmp_path):
    # Run alone, the subprocess starts with the environment's limit (dumps allowed up
    # to the hard limit); after another test has opened a register in this process,
    # it inherits (0, 0) already.
    done = subprocess.run(
        [sys.executable, "-c", CORE_CHECK, str(tmp_path / "register")],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "(0, 0)"
