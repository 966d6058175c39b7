"""The invented test faces (`tests/synthetic_faces.py`) are what the detection tests and
the benchmark rest on: the same seed gives the same picture, the looks cover every
skin tone and hair style, and the detector finds each kind where the generator says
it drew it (the box tolerance comes from `benchmarks/photos.py --calibrate`: IoU
mean 0.88, 5th percentile 0.79 over 150 faces)."""

from __future__ import annotations

import pytest
from PIL import Image

from klasse_desktop.photos.boxes import Face, iou
from klasse_desktop.photos.detection import DEFAULT_THRESHOLD, detect_faces
from tests.synthetic_faces import (
    CAST,
    HAIR_COLOURS,
    HAIR_STYLES,
    SKIN_TONES,
    FaceLook,
    random_look,
    synth_face,
)


def test_the_same_seed_draws_the_same_face():
    first, again, other = synth_face(80, seed=5), synth_face(80, seed=5), synth_face(80, seed=6)
    assert first.image.tobytes() == again.image.tobytes() and first.box == again.box
    assert first.look == again.look != other.look
    assert first.image.tobytes() != other.image.tobytes()


def test_the_box_has_the_height_asked_for_and_lies_on_the_face():
    person = synth_face(120, seed=1, look=FaceLook(tone=2))
    x, y, width, height = person.box
    assert height == 120 and 0.7 < width / height < 0.85  # an adult face: taller than wide
    assert person.image.getpixel((x + width // 2, y + height // 2)) != person.image.getpixel((2, 2))
    assert person.mask.getpixel((x + width // 2, y + height // 2)) == 255  # the person
    assert person.mask.getpixel((2, 2)) == 0  # the background is not pasted


def test_the_looks_cover_every_tone_style_and_tilt():
    looks = [random_look(seed) for seed in range(300)]
    assert {look.tone for look in looks} == set(range(len(SKIN_TONES)))
    assert {look.hair for look in looks} == set(HAIR_STYLES)
    assert {look.glasses for look in looks} == {True, False}
    assert {look.child for look in looks} == {True, False}
    assert all(-15 <= look.tilt <= 15 for look in looks)
    assert max(abs(look.tilt) for look in looks) > 12
    assert {look.tone for look in CAST} >= {0, 5}  # the tests' group: lightest and darkest


@pytest.mark.parametrize("tone", range(len(SKIN_TONES)))
def test_every_tone_and_hair_style_is_found_where_it_was_drawn(tone):
    """One photo per skin tone with each hair style once, glasses and children among
    them, tilted both ways. All are found at 0.3; at the chosen threshold all but one
    kind: the two darkest tones in a headscarf score 0.36–0.39 here, the weakest
    group in the benchmark too (README, "Photo check")."""
    canvas = Image.new("RGB", (1500, 300), (120, 150, 170))
    truths, left = [], 10
    for index, hair in enumerate(HAIR_STYLES):
        look = FaceLook(
            tone=tone, hair=hair, hair_colour=HAIR_COLOURS[(tone + index) % len(HAIR_COLOURS)],
            glasses=index == 2, child=index % 2 == 0, tilt=(-10.0, 0.0, 10.0)[index % 3],
            asymmetry=0.5,
        )  # fmt: skip
        person = synth_face(90, seed=tone * 10 + index, look=look)
        canvas.paste(person.image, (left, 5), person.mask)
        x, y, w, h = person.box
        truths.append(Face(left + x, 5 + y, w, h))
        left += person.image.width + 10
    assert left < canvas.width
    found = detect_faces(canvas, threshold=0.3)
    assert len(found) == len(HAIR_STYLES)
    for face, truth, hair in zip(found, truths, HAIR_STYLES, strict=True):  # left to right
        assert iou(face, truth) > 0.6, (face, truth)
        weak = hair == "scarf" and tone >= 4
        assert face.score >= DEFAULT_THRESHOLD or weak, (hair, face.score)
