"""Runtime data must come from an installed (non-editable) wheel, not the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
         "-w", str(out), str(ROOT)],
        check=True,
        env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
    )  # fmt: skip
    (found,) = out.glob("klasse_desktop-*.whl")
    return found


def test_wheel_carries_resources_and_compiled_catalogs(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "klasse_desktop/resources/protocol/protocol.yaml" in names
    assert "klasse_desktop/resources/contacts.yaml" in names
    assert "klasse_desktop/resources/wizards/coverage.yaml" in names
    assert "klasse_desktop/locale/nl/LC_MESSAGES/klasse_desktop.mo" in names
    assert "klasse_desktop/locale/en/LC_MESSAGES/klasse_desktop.mo" in names
    assert "klasse_desktop/photos/model/centerface.onnx" in names  # fetched at build time
    wizard_files = sorted((ROOT / "resources" / "wizards").glob("*.wizard.yaml"))
    assert wizard_files
    for path in wizard_files:
        assert f"klasse_desktop/resources/wizards/{path.name}" in names


@pytest.mark.slow
def test_installed_wheel_runs_check_rules(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / ("python.exe" if os.name == "nt" else "python")
    subprocess.run(
        [python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
        check=True,
        env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
    )
    # Dependencies come from this test environment's site-packages; a path added
    # through a .pth line does not run the editable install's own .pth hook, so
    # the checkout itself stays invisible to the fresh environment.
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    (Path(purelib) / "test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "KLASSE_LANG"}}
    where = subprocess.run(
        [python, "-c", "import klasse_desktop; print(klasse_desktop.__file__)"],
        cwd=work, check=True, capture_output=True, text=True, env=env,
    ).stdout  # fmt: skip
    assert where.startswith(str(env_dir)), where

    result = subprocess.run(
        [bindir / "klasse-desktop", "check-rules"],
        cwd=work, capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Regels in orde: protocol 2026-02-23")
