"""Faces are found (overview and tiles), and after blurring nothing is found; the model
is converted once into the cache folder and never loaded before it is needed."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PIL import Image

from klasse_desktop.photos import detection, model
from klasse_desktop.photos.blur import blur_faces, blur_radius
from klasse_desktop.photos.boxes import Face, iou, parse_box, reading_order
from klasse_desktop.photos.errors import PhotoError
from klasse_desktop.photos.loading import load_photo
from klasse_desktop.photos.summary import faces_found
from tests import photo_samples as samples
from tests.synthetic_faces import CAST, synth_face


def truth(box: tuple[int, int, int, int]) -> Face:
    return Face(*box)


def test_a_face_is_found_where_it_is():
    photo, (box,) = samples.group_photo()
    (found,) = detection.detect_faces(photo)
    assert iou(found, truth(box)) > 0.6
    assert found.score > 0.7 and not found.manual


def test_three_faces_of_different_sizes_in_reading_order():
    photo, boxes = samples.group_photo((1200, 500), heights=(60, 140, 240))
    found = detection.detect_faces(photo)
    assert len(found) == 3
    for face, box in zip(found, boxes, strict=True):  # left to right, as numbered
        assert iou(face, truth(box)) > 0.5


def test_a_large_photo_uses_the_overview_and_tiles():
    """A 3200×2400 photo: a 60 px face in a far corner (found in a full-resolution tile)
    and a 1000 px face (found in the downscaled overview)."""
    canvas = Image.new("RGB", (3200, 2400), (120, 150, 170))
    small = synth_face(60, seed=1, look=CAST[1])
    canvas.paste(small.image, (3000, 2250), small.mask)
    big = synth_face(1000, seed=3, look=CAST[3])
    canvas.paste(big.image, (200, 200), big.mask)
    steps = detection.plan(*canvas.size)
    assert len(steps) == 5 and steps[0].scale == pytest.approx(1280 / 3200)
    seen: list[tuple[int, int]] = []
    found = detection.detect_faces(canvas, progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 5) and seen[-1] == (5, 5)
    (sx, sy, sw, sh), (bx, by, bw, bh) = small.box, big.box
    small_truth, big_truth = Face(3000 + sx, 2250 + sy, sw, sh), Face(200 + bx, 200 + by, bw, bh)
    assert len(found) == 2
    assert any(iou(f, small_truth) > 0.4 for f in found)
    assert any(iou(f, big_truth) > 0.4 for f in found)


def test_the_tiles_cover_the_photo_with_overlap():
    steps = detection.plan(4000, 3000)
    overview, tiles = steps[0], steps[1:]
    assert overview.box == (0, 0, 4000, 3000) and len(tiles) == 4
    assert {t.box[0] for t in tiles} == {0, 4000 - (tiles[-1].box[2] - tiles[-1].box[0])}
    assert max(t.box[2] for t in tiles) == 4000 and max(t.box[3] for t in tiles) == 3000
    left, right = tiles[0].box, tiles[1].box
    assert left[2] - right[0] >= detection.TILE_OVERLAP
    assert detection.plan(1200, 900) == [detection.Pass((0, 0, 1200, 900), 1.0)]


def test_after_blurring_nothing_is_found_even_at_threshold_03():
    photo, boxes = samples.group_photo((1400, 520), heights=(48, 120, 260), first=2)
    faces = detection.detect_faces(photo)
    assert len(faces) == 3
    blurred = blur_faces(photo, faces)
    assert detection.detect_faces(blurred, threshold=0.3) == []
    assert photo.getpixel((boxes[2][0] + 40, boxes[2][1] + 40)) != blurred.getpixel(
        (boxes[2][0] + 40, boxes[2][1] + 40)
    )  # the original image object is left as it was; the copy differs


def test_the_blur_radius_is_a_python_float_and_large_enough():
    radius = blur_radius(Face(0, 0, 50, 80))
    assert type(radius) is float and radius >= 80 / 4


def test_a_sideways_photo_is_checked_upright(tmp_path):
    photo, (box,) = samples.group_photo((700, 500))
    turned = photo.transpose(Image.Transpose.ROTATE_90)  # stored sideways, as phones do
    path = samples.full_jpeg(tmp_path / "phone.jpg", turned, orientation=6)
    loaded = load_photo(path)
    assert loaded.size == (700, 500)
    (found,) = detection.detect_faces(loaded.image)
    assert iou(found, truth(box)) > 0.5


def test_boxes_are_merged_and_never_shrunk():
    whole = Face(100, 100, 80, 100, score=0.9)
    half = Face(100, 100, 40, 100, score=0.95)  # better score, but half the face
    other = Face(400, 100, 80, 100, score=0.8)
    assert detection.merge([whole, half, other]) == [Face(100, 100, 80, 100, 0.95), other]
    assert reading_order([other, whole]) == [whole, other]


@pytest.mark.parametrize(
    ("text", "message"),
    [("1,2,3", "x,y,"), ("a,b,c,d", "x,y,"), ("10,10,0,5", "buiten de foto"),
     ("900,10,5,5", "buiten de foto"), ("-1,0,5,5", "buiten de foto")],
)  # fmt: skip
def test_a_typed_box_must_be_on_the_photo(text, message):
    with pytest.raises(PhotoError, match=message):
        parse_box(text, (800, 600))


def test_a_typed_box_is_clamped_to_the_photo():
    assert parse_box("790,590,50,50", (800, 600)) == Face(790, 590, 10, 10, manual=True)


def test_the_summary_says_what_was_found(english):
    assert faces_found(7) == (
        "7 faces found. Check for yourself that nobody is still recognisable: also names "
        "on clothing, shirt numbers and name badges."
    )
    assert faces_found(1).startswith("1 face found.")
    assert faces_found(0).startswith("No faces found.")


def test_the_summary_in_dutch():
    assert faces_found(7) == (
        "7 gezichten gevonden. Controleer zelf of er niemand meer herkenbaar is: ook namen "
        "op kleding, rugnummers en naambordjes."
    )


def test_the_model_is_converted_once_into_the_cache_folder(tmp_path, monkeypatch):
    import onnx

    monkeypatch.setenv("KLASSE_CACHE_DIR", str(tmp_path / "cache"))
    model.reset()
    try:
        target = model.converted_path()
        assert target.parent == tmp_path / "cache" / "models" and not target.exists()
        model.session()
        assert target.is_file()
        graph = onnx.load(str(target)).graph
        (only_input,) = graph.input  # the initialisers are no longer graph inputs
        dims = [d.dim_param or d.dim_value for d in only_input.type.tensor_type.shape.dim]
        assert dims == ["B", 3, "H", "W"]
        stamp = target.stat().st_mtime_ns
        model.reset()
        model.session()
        assert target.stat().st_mtime_ns == stamp  # read from the cache, not converted again
        target.write_bytes(b"half a file")  # damaged: converted again
        model.reset()
        model.session()
        assert target.stat().st_size > 1_000_000
    finally:
        model.reset()


def test_the_session_runs_on_the_cpu():
    assert model.session().get_providers() == ["CPUExecutionProvider"]


def test_a_missing_model_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setattr(model, "MODEL_FILE", tmp_path / "nothing.onnx")
    monkeypatch.setattr(model, "_session", None)
    with pytest.raises(PhotoError, match="ontbreekt"):
        model.session()


def test_importing_the_cli_and_the_domain_loads_no_model_or_numpy():
    code = (
        "import sys, klasse_desktop.cli, klasse_desktop.photos.boxes, klasse_desktop.photos.summary;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'onnxruntime', 'onnx', 'numpy', 'PIL', 'pi_heif'}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
        env={**os.environ},
    )  # fmt: skip
    assert done.stdout.strip() == "[]"
