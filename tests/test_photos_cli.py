"""`klasse-desktop photo check` and `photo safe-copy`: the faces and metadata found,
the copy written, and one clear line (exit 2, no traceback) for every wrong input."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from PIL import Image

from klasse_desktop.cli import main
from klasse_desktop.photos.boxes import intersection
from klasse_desktop.photos.detection import detect_faces
from klasse_desktop.photos.loading import load_photo
from tests import photo_samples as samples


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def two_faces(tmp_path_factory) -> Path:
    """A JPEG with two faces and every kind of metadata."""
    picture, _boxes = samples.group_photo((900, 460), heights=(140, 220))
    return samples.full_jpeg(tmp_path_factory.mktemp("in") / "klas.jpg", picture)


def test_check_lists_faces_and_metadata(two_faces, capsys):
    code, out, err = run(capsys, "--lang", "en", "photo", "check", str(two_faces))
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "klas.jpg: 900×460 pixels (JPEG)"
    assert lines[1].startswith(
        "2 faces found. Check for yourself that nobody is still recognisable"
    )
    assert lines[2].startswith("  1. x=") and lines[3].startswith("  2. x=")
    assert "  • location (GPS)" in lines
    assert "  • embedded preview image (can still show the faces)" in lines
    assert "  • colour profile: kept" in lines


def test_check_as_json(two_faces, capsys):
    code, out, _err = run(capsys, "photo", "check", str(two_faces), "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["width"] == 900 and data["format"] == "JPEG"
    assert [face["number"] for face in data["faces"]] == [1, 2]
    assert data["faces"][0]["x"] < data["faces"][1]["x"]  # numbered left to right
    assert all(face["score"] > 0.5 for face in data["faces"])
    assert {"gps", "maker_note", "thumbnail", "xmp", "iptc", "comment"} <= set(
        data["metadata"]["found"]
    )
    assert data["metadata"]["kept"] == ["icc"]


def test_safe_copy_blurs_every_face_and_removes_the_metadata(two_faces, tmp_path, capsys):
    before = hashlib.sha256(two_faces.read_bytes()).hexdigest()
    out_path = tmp_path / "veilig.jpg"
    code, out, err = run(capsys, "photo", "safe-copy", str(two_faces), "--out", str(out_path))
    assert code == 0, err
    assert out.splitlines()[0] == f"Veilige kopie opgeslagen: {out_path}"
    assert "  • locatie (GPS): verwijderd" in out.splitlines()
    assert hashlib.sha256(two_faces.read_bytes()).hexdigest() == before
    copy = load_photo(out_path)
    assert copy.metadata.removed == ()
    faces = detect_faces(load_photo(two_faces).image)
    assert len(faces) == 2
    left = detect_faces(copy.image, threshold=0.3)
    assert not any(intersection(found, face) for found in left for face in faces)


def test_blur_chosen_faces_and_extra_boxes(two_faces, tmp_path, capsys):
    out_path = tmp_path / "een.png"
    code, out, _err = run(
        capsys, "photo", "safe-copy", str(two_faces), "--out", str(out_path), "--blur", "2",
        "--add-box", "10,10,40,40", "--format", "json",
    )  # fmt: skip
    data = json.loads(out)
    assert code == 0 and data["faces_found"] == 2
    assert [face["manual"] for face in data["blurred"]] == [False, True]
    with Image.open(out_path) as copy:
        assert copy.format == "PNG"
        left = detect_faces(copy.convert("RGB"))
    assert len(left) == 1 and left[0].x < data["blurred"][0]["x"]  # face 1 stays


def test_blur_none_and_metadata_only_keep_the_faces(two_faces, tmp_path, capsys):
    for extra in (["--blur", "none"], ["--metadata-only"]):
        out_path = tmp_path / f"kopie{len(extra)}.jpg"
        code, out, _err = run(
            capsys, "--lang", "en", "photo", "safe-copy", str(two_faces), "--out", str(out_path),
            *extra,
        )  # fmt: skip
        assert code == 0
        assert len(detect_faces(load_photo(out_path).image)) == 2
        assert load_photo(out_path).metadata.removed == ()
    assert "Only the metadata was removed; no faces were blurred." in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "{missing}"], "Bestand niet gevonden"),
        (["check", "{text}"], "is geen foto die de app kan lezen"),
        (["safe-copy", "{photo}", "--out", "{out}", "--blur", "1,a"], "Schrijf --blur als"),
        (["safe-copy", "{photo}", "--out", "{out}", "--blur", "0"], "Schrijf --blur als"),
        (["safe-copy", "{photo}", "--out", "{out}", "--blur", "3"], "Er is geen gezicht 3"),
        (["safe-copy", "{photo}", "--out", "{out}", "--add-box", "1,2,3"], "x,y,breedte,hoogte"),
        (["safe-copy", "{photo}", "--out", "{out}", "--add-box", "5000,1,9,9"], "buiten de foto"),
        (["safe-copy", "{photo}", "--out", "{photo}"], "oorspronkelijke foto niet vervangen"),
        (["safe-copy", "{photo}", "--out", "{gif}"], ".jpg- of .png-bestand"),
        (["safe-copy", "{photo}", "--out", "{nofolder}"], "Map niet gevonden"),
        (["safe-copy", "{photo}", "--out", "{out}", "--metadata-only", "--blur", "1"],
         "--metadata-only vervaagt niets"),
    ],
)  # fmt: skip
def test_wrong_input_is_one_clear_line(two_faces, tmp_path, capsys, args, message):
    text = tmp_path / "notities.jpg"
    text.write_text("geen foto")
    values = {
        "missing": str(tmp_path / "weg.jpg"), "text": str(text), "photo": str(two_faces),
        "out": str(tmp_path / "uit.jpg"), "gif": str(tmp_path / "uit.gif"),
        "nofolder": str(tmp_path / "nergens" / "uit.jpg"),
    }  # fmt: skip
    before = hashlib.sha256(two_faces.read_bytes()).hexdigest()
    code, out, err = run(capsys, "photo", *(arg.format(**values) for arg in args))
    assert code == 2 and out == ""
    assert err.startswith("klasse-desktop: ") and message in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not (tmp_path / "uit.jpg").exists()
    assert hashlib.sha256(two_faces.read_bytes()).hexdigest() == before


def test_photo_without_a_subcommand_shows_help(capsys):
    code, out, _err = run(capsys, "photo")
    assert code == 0 and "safe-copy" in out and "check" in out
