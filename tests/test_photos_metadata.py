"""The safe copy carries no metadata: every kind a camera, phone or editor leaves is
found in the original and gone from the copy, read back with Pillow, in the raw
bytes, and (where installed) with exiftool. Only the colour profile stays."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from klasse_desktop.i18n import _
from klasse_desktop.photos.errors import PhotoError
from klasse_desktop.photos.loading import load_photo
from klasse_desktop.photos.metadata import KINDS, find_metadata
from klasse_desktop.photos.safe_copy import check_clean, suggested_name, write_safe_copy
from tests import photo_samples as samples

HEIC = samples.DATA / "photos" / "sample.heic"
EXIF_KINDS = {"gps", "camera", "serial", "date", "author", "maker_note", "exif_other"}
EXPECTED = {
    "full.jpg": EXIF_KINDS | {"thumbnail", "xmp", "iptc", "comment"},
    "two.mpo": EXIF_KINDS | {"extra_images"},
    "text.png": EXIF_KINDS | {"xmp", "text"},
    "sample.heic": EXIF_KINDS | {"thumbnail", "xmp"},
}
EXIFTOOL = shutil.which("exiftool")
# What exiftool may still report for a clean file: about the file itself, the JPEG or
# PNG structure, the colour profile, and values it computes.
CLEAN_GROUPS = {"SourceFile", "ExifTool", "System", "File", "JFIF", "PNG", "Composite"}


def make(name: str, folder: Path) -> Path:
    path = folder / name
    if name == "full.jpg":
        return samples.full_jpeg(path)
    if name == "two.mpo":
        return samples.mpo(path)
    if name == "text.png":
        return samples.png_with_text(path)
    shutil.copy(HEIC, path)
    return path


@pytest.fixture(params=sorted(EXPECTED))
def original(request, tmp_path) -> Path:
    return make(request.param, tmp_path)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def png_chunks(data: bytes) -> list[bytes]:
    chunks, at = [], 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        chunks.append(data[at + 4 : at + 8])
        at += 12 + length
    return chunks


def test_every_kind_is_found_in_the_original(original):
    assert set(load_photo(original).metadata.removed) == EXPECTED[original.name]


def test_the_safe_copy_has_no_metadata_read_back_with_pillow_and_bytes(original, tmp_path):
    before = digest(original)
    target = tmp_path / "out" / ("copy.png" if original.suffix == ".png" else "copy.jpg")
    target.parent.mkdir()
    written = write_safe_copy(original, target)
    assert set(written.metadata.removed) == EXPECTED[original.name]
    assert digest(original) == before  # the original is never changed
    data = target.read_bytes()
    assert samples.CANARY.encode() not in data
    for marker in (b"Exif", b"http://ns.adobe.com", b"Photoshop 3.0", b"8BIM", b"MPF\x00",
                   b"Voorbeeld", b"MAKERNOTE", b"GPS"):  # fmt: skip
        assert marker not in data, marker
    with Image.open(target) as copy:
        assert not copy.getexif()
        assert getattr(copy, "n_frames", 1) == 1
        assert find_metadata(copy).removed == ()
        for key in ("exif", "xmp", "photoshop", "comment", "XML:com.adobe.xmp"):
            assert key not in copy.info
        if copy.format == "JPEG":
            assert data.count(b"\xff\xd8") == 1  # no embedded preview JPEG
            markers = {marker for marker, _content in copy.applist}
            assert markers <= {"APP0", "APP2"}
        else:
            assert copy.text == {}
            assert set(png_chunks(data)) <= {b"IHDR", b"iCCP", b"IDAT", b"IEND"}


def test_only_the_colour_profile_is_kept(tmp_path):
    original = samples.full_jpeg(tmp_path / "full.jpg")
    write_safe_copy(original, tmp_path / "copy.jpg")
    with Image.open(original) as before, Image.open(tmp_path / "copy.jpg") as after:
        assert after.info["icc_profile"] == before.info["icc_profile"]
    assert load_photo(tmp_path / "copy.jpg").metadata.kept == ("icc",)


@pytest.mark.skipif(EXIFTOOL is None, reason="exiftool (libimage-exiftool-perl) not installed")
def test_exiftool_finds_nothing_but_file_structure_and_profile(original, tmp_path):
    target = tmp_path / ("copy.png" if original.suffix == ".png" else "copy.jpg")
    write_safe_copy(original, target)
    raw = subprocess.run(
        [EXIFTOOL, "-j", "-a", "-G1", "-ee", "-b", str(original), str(target)],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    before, after = json.loads(raw)
    groups_before = {key.split(":")[0] for key in before}
    groups_after = {key.split(":")[0] for key in after}
    assert {"GPS", "IFD0", "ExifIFD"} <= groups_before  # exiftool sees them in the original
    leftover = {g for g in groups_after if g not in CLEAN_GROUPS and not g.startswith("ICC")}
    assert leftover == set(), leftover
    assert "File:Comment" not in after
    assert samples.CANARY not in json.dumps(after)


def test_the_photo_is_upright_in_the_copy(tmp_path):
    original = samples.full_jpeg(tmp_path / "turned.jpg", orientation=6)  # rotate 90° CW
    write_safe_copy(original, tmp_path / "copy.jpg")
    with Image.open(tmp_path / "copy.jpg") as copy:
        assert copy.size == (160, 240)
        red, green, blue = copy.convert("RGB").getpixel((150, 10))  # the marker, now top right
        assert red > 200 and green < 80 and blue < 80


def test_removed_in_words(english, tmp_path):
    found = load_photo(samples.full_jpeg(tmp_path / "full.jpg")).metadata
    lines = found.removed_lines()
    assert lines[0] == "location (GPS): removed"
    assert "embedded preview image (can still show the faces): removed" in lines
    assert found.kept_lines() == ["colour profile: kept"]


def test_removed_in_words_in_dutch(tmp_path):
    found = load_photo(samples.full_jpeg(tmp_path / "full.jpg")).metadata
    lines = found.removed_lines()
    assert lines == [_("{what}: removed").format(what=_(KINDS[key])) for key in found.removed]
    assert lines[0] == "locatie (GPS): verwijderd"


def test_a_copy_over_the_original_is_refused(tmp_path):
    original = samples.full_jpeg(tmp_path / "full.jpg")
    before = digest(original)
    with pytest.raises(PhotoError, match="oorspronkelijke foto"):
        write_safe_copy(original, tmp_path / "." / "full.jpg")
    assert digest(original) == before


@pytest.mark.parametrize(
    ("target", "message"),
    [("copy.gif", ".jpg"), ("missing/copy.jpg", "Map niet gevonden")],
)
def test_bad_targets_are_refused_with_a_message(tmp_path, target, message):
    original = samples.full_jpeg(tmp_path / "full.jpg")
    with pytest.raises(PhotoError, match=message):
        write_safe_copy(original, tmp_path / target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["full.jpg"]


@pytest.mark.parametrize("content", [b"", b"just text\n", b"\xff\xd8\xff\xe0 truncated"])
def test_what_is_not_a_photo_is_a_clear_error(tmp_path, content):
    path = tmp_path / "foto.jpg"
    path.write_bytes(content)
    with pytest.raises(PhotoError, match="is geen foto die de app kan lezen"):
        load_photo(path)


def test_a_missing_file_and_another_format_are_clear_errors(tmp_path):
    with pytest.raises(PhotoError, match="niet gevonden"):
        load_photo(tmp_path / "nope.jpg")
    Image.new("RGB", (10, 10)).save(tmp_path / "plaatje.bmp")
    with pytest.raises(PhotoError, match=r"plaatje\.bmp"):
        load_photo(tmp_path / "plaatje.bmp")


def test_transparency_and_other_modes(tmp_path):
    rgba = Image.new("RGBA", (40, 30), (255, 0, 0, 0))
    rgba.save(tmp_path / "clear.png")
    write_safe_copy(tmp_path / "clear.png", tmp_path / "clear-copy.png")
    write_safe_copy(tmp_path / "clear.png", tmp_path / "clear-copy.jpg")
    with (
        Image.open(tmp_path / "clear-copy.png") as png,
        Image.open(tmp_path / "clear-copy.jpg") as jpg,
    ):
        assert png.mode == "RGBA" and png.getpixel((0, 0))[3] == 0
        assert jpg.mode == "RGB" and jpg.getpixel((0, 0)) >= (250, 250, 250)  # on white
    Image.new("CMYK", (40, 30), (0, 255, 255, 0)).save(tmp_path / "print.jpg")
    assert load_photo(tmp_path / "print.jpg").image.mode == "RGB"
    Image.new("P", (40, 30)).save(tmp_path / "palette.png")
    assert load_photo(tmp_path / "palette.png").image.mode == "RGB"


def test_bytes_with_metadata_are_never_written():
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, "JPEG", comment=b"hallo")
    with pytest.raises(PhotoError, match=r"nothing was saved|niets opgeslagen"):
        check_clean(out.getvalue())


def test_the_suggested_name(english):
    assert suggested_name(Path("klas-5b.HEIC")) == "klas-5b-safe.jpg"
    assert suggested_name(Path("logo.png")) == "logo-safe.png"
