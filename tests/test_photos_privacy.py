"""Nothing of a photo is kept: after a check and a safe copy (from the command line,
as a separate process with its own folders), no file in the app's data, config,
cache and log folders or in the temp folder holds the photo, a piece of it, its
hash, its metadata or its name; the only new file elsewhere is the copy asked for."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

from tests import photo_samples as samples


def run(env: dict[str, str], *args: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "klasse_desktop", *args], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def test_a_checked_photo_leaves_no_trace(tmp_path):
    picture, _boxes = samples.group_photo((700, 460), heights=(200,))
    (tmp_path / "photos").mkdir()
    photo = samples.full_jpeg(tmp_path / "photos" / f"canary-{samples.CANARY}.jpg", picture)
    data = photo.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    stamp = photo.stat().st_mtime_ns
    scan = data[len(data) // 2 : len(data) // 2 + 64]  # from the middle of the picture data
    folders = {name: tmp_path / name for name in ("config", "data", "cache", "log", "tmp")}
    for folder in folders.values():
        folder.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("KLASSE_")}
    env |= {f"KLASSE_{name.upper()}_DIR": str(path) for name, path in folders.items()}
    env |= {"TMPDIR": str(folders["tmp"]), "TEMP": str(folders["tmp"]), "TMP": str(folders["tmp"])}
    out = tmp_path / "out" / "veilig.jpg"
    out.parent.mkdir()
    run(env, "photo", "check", str(photo), "--format", "json")
    run(env, "photo", "safe-copy", str(photo), "--out", str(out))
    run(env, "photo", "safe-copy", str(photo), "--out", str(tmp_path / "out" / "meta.png"),
        "--metadata-only")  # fmt: skip

    assert hashlib.sha256(photo.read_bytes()).hexdigest() == digest  # the original: untouched
    assert photo.stat().st_mtime_ns == stamp
    assert sorted(p.name for p in (tmp_path / "photos").iterdir()) == [photo.name]
    assert sorted(p.name for p in out.parent.iterdir()) == ["meta.png", "veilig.jpg"]
    written = []
    for folder in folders.values():
        for path in folder.rglob("*"):
            if not path.is_file():
                continue
            written.append(path)
            content = path.read_bytes()
            assert hashlib.sha256(content).hexdigest() != digest, path
            for needle in (scan, digest.encode(), samples.CANARY.encode(), b"\xff\xd8\xff"):
                assert needle not in content, (path, needle[:16])
            assert not content.startswith((b"\x89PNG", b"II*\x00", b"MM\x00*")), path
    # What is left: the converted model (no photo in it), and onnxruntime's `.ses` file,
    # written when it is imported (a time stamp and a random id; no network traffic:
    # checked with strace, no socket is opened). Neither holds anything of the photo.
    kept = sorted(p.relative_to(tmp_path).parts[:2] for p in written)
    assert kept in ([("cache", "models")], [("cache", "models"), ("tmp", ".ses")]), written
