#!/usr/bin/env python3
"""Project commands that work on a fresh machine with nothing but Python 3.11.

Every command first makes sure `.venv` exists and holds the project with its
dependencies (re-installing only when `pyproject.toml` changed), so the README
can promise two commands and no third set-up step.

    python3 tasks.py run [ARGS]     start Klasse Desktop
    python3 tasks.py test [ARGS]    lint, translation check and the whole test suite (CI)
    python3 tasks.py lint           ruff check, ruff format --check, mypy --strict
    python3 tasks.py i18n           extract strings, update and compile the catalogs
    python3 tasks.py dist           build the app bundle (PyInstaller) and smoke-test it
    python3 tasks.py help           this text
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")


def _stamp() -> Path:
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()[:16]
    return VENV / f".installed-{digest}"


def ensure_venv() -> None:
    """Create the venv and install the project (editable, with dev extras) once."""
    if not PY.exists():
        print("» creating .venv", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    stamp = _stamp()
    if not stamp.exists():
        print("» installing klasse-desktop and its dependencies into .venv", flush=True)
        env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
        subprocess.run([PY, "-m", "pip", "install", "-q", "--upgrade", "pip"], check=True, env=env)
        subprocess.run(
            [PY, "-m", "pip", "install", "-q", "-e", f"{ROOT}[dev]"], check=True, env=env
        )
        for old in VENV.glob(".installed-*"):
            old.unlink()
        stamp.touch()
    compile_catalogs()
    prepare_name_finder()


NAME_CACHE = ROOT / "klasse_desktop/reports/redaction/_deduce_cache/cache/lookup_structs.pickle"


def prepare_name_finder() -> None:
    """Build `deduce`'s lookup structures once (about 90 s), at set-up rather than on a
    director's first report."""
    if NAME_CACHE.exists():
        return
    print("» preparing the name finder for report reviews (once, about 90 s)", flush=True)
    module = "klasse_desktop.reports.redaction.unregistered"
    subprocess.run([PY, "-m", module, "--prepare"], check=True)


def compile_catalogs() -> None:
    subprocess.run([PY, ROOT / "packaging" / "catalogs.py", "compile"], check=True)


def run(cmd: list[str | Path], env: dict[str, str] | None = None) -> int:
    return subprocess.run(cmd, env={**os.environ, **(env or {})}, cwd=ROOT).returncode


def cmd_run(args: list[str]) -> int:
    return run([BIN / "klasse-desktop", *args])


def cmd_lint(_args: list[str]) -> int:
    rc = run([BIN / "ruff", "check", "."])
    rc = rc or run([BIN / "ruff", "format", "--check", "."])
    return rc or run([BIN / "mypy"])


def cmd_test(args: list[str]) -> int:
    rc = cmd_lint([])
    rc = rc or run([PY, ROOT / "packaging" / "catalogs.py", "check"])
    if rc:
        return rc
    # Two workers (pytest-xdist): the suite is CPU-bound and CI has two cores; each
    # worker has its own QApplication and temp folders. `-n 0` runs it in one process.
    chosen = any(a.startswith(("-n", "--numprocesses")) for a in args)
    workers = [] if chosen else ["-n", "2"]
    return run([PY, "-m", "pytest", *workers, *args], env={"QT_QPA_PLATFORM": "offscreen"})


def cmd_i18n(_args: list[str]) -> int:
    """Re-extract the code's strings and merge them into every language's catalog."""
    pot = ROOT / "translations" / "klasse_desktop.pot"
    rc = run(
        [
            BIN / "pybabel", "--quiet", "extract", "-F", "babel.cfg", "-o", pot,
            "-k", "N_", "-k", "ngettext:1,2", "-k", "pgettext:1c,2",
            "--no-location", "--sort-output", "--project", "Klasse Desktop",
            "--copyright-holder", "Stichting Klasse", "--msgid-bugs-address", "ict@klasse.invalid",
            "klasse_desktop",
        ]
    )  # fmt: skip
    if rc:
        return rc
    for po in sorted((ROOT / "translations").glob("*/LC_MESSAGES/klasse_desktop.po")):
        lang = po.parts[-3]
        rc = rc or run(
            [BIN / "pybabel", "--quiet", "update", "-i", pot, "-d", "translations",
             "-D", "klasse_desktop", "-l", lang, "--no-fuzzy-matching", "--ignore-obsolete"]
        )  # fmt: skip
    compile_catalogs()
    return rc


def cmd_dist(_args: list[str]) -> int:
    """The one-folder bundle for this platform, checked by running it (packaging/build.py)."""
    return run([PY, ROOT / "packaging" / "build.py"])


COMMANDS = {"run": cmd_run, "test": cmd_test, "lint": cmd_lint, "i18n": cmd_i18n, "dist": cmd_dist}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in COMMANDS:
        print(__doc__)
        return 0 if argv[:1] in ([], ["help"]) else 2
    ensure_venv()
    return COMMANDS[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
