"""Every runtime dependency installs from binary wheels on the platforms the README
promises (Windows x64, macOS 15+ on Apple silicon, Linux x86_64 with glibc 2.34+),
for Python 3.11, at the versions pyproject.toml allows.

pip resolves the dependencies *with* their own dependencies for each platform, from
the package index's metadata (`--dry-run`: nothing is downloaded or installed), and
`--only-binary=:all:` refuses anything that would have to be compiled. Environment
markers that name the operating system are evaluated for this machine (a pip
limitation); none of our dependencies' binary parts hide behind such a marker.

Needs the package index: skipped when it cannot be reached, runs in CI.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINUX = [f"manylinux_2_{minor}_x86_64" for minor in range(34, 16, -1)] + ["manylinux2014_x86_64"]
PLATFORMS = {
    "Windows x64": ["win_amd64"],
    "macOS 15 arm64": ["macosx_15_0_arm64"],
    "Linux x86_64": LINUX,
}

pytestmark = [pytest.mark.network, pytest.mark.slow]


def dependencies() -> list[str]:
    with (ROOT / "pyproject.toml").open("rb") as fh:
        return list(tomllib.load(fh)["project"]["dependencies"])


def resolve(
    platforms: list[str], requirements: list[str], folder: Path
) -> subprocess.CompletedProcess[str]:
    report = folder / "report.json"
    options = [f"--platform={name}" for name in platforms]
    return subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet",
         "--disable-pip-version-check", "--only-binary=:all:", *options,
         "--python-version=3.11", "--implementation=cp", f"--target={folder / 'target'}",
         f"--report={report}", *requirements],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip


@pytest.fixture(scope="module")
def index_reachable(tmp_path_factory) -> None:
    """A Windows-only binary wheel can only come from the index, not from a local cache."""
    probe = resolve(["win_amd64"], ["MarkupSafe"], tmp_path_factory.mktemp("probe"))
    if probe.returncode != 0:
        pytest.skip("the package index cannot be reached")


@pytest.mark.parametrize("platform", sorted(PLATFORMS))
def test_every_dependency_has_a_binary_wheel(platform, index_reachable, tmp_path):
    done = resolve(PLATFORMS[platform], dependencies(), tmp_path)
    assert done.returncode == 0, f"{platform}: {done.stderr[-3000:]}"
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    files = [item["download_info"]["url"].rsplit("/", 1)[-1] for item in report["install"]]
    assert files and all(name.endswith(".whl") for name in files), files
    names = {item["metadata"]["name"].lower().replace("_", "-") for item in report["install"]}
    assert {"onnxruntime", "pi-heif", "pikepdf", "pyside6-essentials", "numpy"} <= names
    assert "opencv-python" not in names and "pillow-heif" not in names  # neither GPL nor OpenCV
