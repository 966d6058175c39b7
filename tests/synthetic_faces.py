"""Invented faces for the photo-check tests and benchmark: drawn from numbers, so no
real person is ever in the repository.

A face is an ellipse of skin with soft 3-D shading, eye sockets, eyes, brows, a
nose shadow, lips, ears, hair (or a headscarf), a neck and shoulders; a seed picks
the look (`FaceLook`: one of six skin tones from very light to very dark, hair
colour and style, glasses, child or adult proportions, a head tilt and a little
asymmetry), so the same seed always gives the same picture.

The generator knows where it drew the face, so it returns the box the detector is
expected to report (`SyntheticFace.box`). CenterFace's box runs from the middle of
the forehead to the chin and is a little narrower than the skin; the `BOX_*`
constants were fitted with `benchmarks/photos.py --calibrate` (150 faces, 40–250 px,
tilted up to ±15°): the mean centre offset is under 1 % of the face height, width
and height ratios 1.00 and 0.99 (sd 0.06), IoU mean 0.88, 5th percentile 0.79, lowest 0.63. So
a test may ask for IoU > 0.5 (0.6 for an upright face on a plain background).

The faces are drawings: smoother and simpler than photographs of people, so a
recall measured on them says how the detector does on these drawings, not on
every child in every photo.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageFilter

Colour = tuple[float, float, float]
Box = tuple[int, int, int, int]  # x, y, width, height

SKIN_TONES: tuple[Colour, ...] = (  # very light … very dark (sRGB, 0–1)
    (0.96, 0.80, 0.69),
    (0.92, 0.72, 0.58),
    (0.80, 0.58, 0.43),
    (0.64, 0.44, 0.31),
    (0.45, 0.30, 0.21),
    (0.30, 0.19, 0.13),
)
HAIR_COLOURS: tuple[Colour, ...] = (
    (0.06, 0.05, 0.05),  # black
    (0.18, 0.12, 0.08),  # dark brown
    (0.36, 0.23, 0.13),  # brown
    (0.80, 0.66, 0.40),  # blond
    (0.55, 0.22, 0.10),  # red
    (0.62, 0.62, 0.60),  # grey
)
HAIR_STYLES = ("short", "long", "curly", "shaved", "scarf")
# The expected detector box, in units of the skin ellipse's radii from its centre.
BOX_HALF_WIDTH = 0.92
BOX_TOP = -0.69
BOX_BOTTOM = 0.88


@dataclass(frozen=True)
class FaceLook:
    """What one invented person looks like; `tone` indexes SKIN_TONES."""

    tone: int = 1
    hair: str = "short"
    hair_colour: Colour = HAIR_COLOURS[1]
    glasses: bool = False
    child: bool = False
    tilt: float = 0.0  # degrees, counter-clockwise
    asymmetry: float = 0.0  # 0 … 1
    light: float = 1.0  # +1 lit from the left, -1 from the right


CAST = (  # a fixed group for the tests: light to dark, children and adults, glasses, a scarf
    FaceLook(tone=1, hair="short", hair_colour=HAIR_COLOURS[1], child=True),
    FaceLook(tone=5, hair="curly", hair_colour=HAIR_COLOURS[0], glasses=True, light=-1.0),
    FaceLook(tone=3, hair="scarf", hair_colour=(0.2, 0.3, 0.6), child=True, tilt=-8.0),
    FaceLook(tone=0, hair="long", hair_colour=HAIR_COLOURS[3], tilt=6.0, asymmetry=0.5),
    FaceLook(tone=4, hair="shaved", hair_colour=HAIR_COLOURS[0], asymmetry=0.8),
)


@dataclass(frozen=True)
class SyntheticFace:
    """The picture (RGB, face on a plain background), a mask of the person (for
    pasting onto a scene) and the box the detector should report, in its pixels."""

    image: Image.Image
    mask: Image.Image
    box: Box
    look: FaceLook


def random_look(seed: int, tilt: float = 15.0) -> FaceLook:
    """A look drawn from `seed`: every tone and style equally likely, glasses on a
    quarter, children on half, a tilt of up to ±`tilt` degrees."""
    rng = random.Random(seed)
    hair = rng.choice(HAIR_STYLES)
    return FaceLook(
        tone=rng.randrange(len(SKIN_TONES)),
        hair=hair,
        hair_colour=rng.choice(HAIR_COLOURS)
        if hair != "scarf"
        else (rng.uniform(0.1, 0.9), rng.uniform(0.1, 0.6), rng.uniform(0.1, 0.9)),
        glasses=rng.random() < 0.25,
        child=rng.random() < 0.5,
        tilt=rng.uniform(-tilt, tilt),
        asymmetry=rng.random(),
        light=rng.choice((1.0, -1.0)),
    )


def synth_face(height: int, seed: int = 0, look: FaceLook | None = None) -> SyntheticFace:
    """An invented face whose detector box is about `height` pixels high."""
    look = look or random_look(seed)
    rng = np.random.default_rng(seed)
    ry = height / (BOX_BOTTOM - BOX_TOP)
    rx = ry * (0.74 if look.child else 0.66)
    w, h = math.ceil(rx * 4.2), math.ceil(ry * 3.2)
    cx, cy = w / 2, ry * 1.25
    painter = _Painter(w, h, rng)
    background = np.array([0.35, 0.42, 0.5]) + rng.normal(0, 0.04, 3)
    painter.img[:] = background
    person = _draw_person(painter, look, rng, cx, cy, rx, ry)
    painter.img += rng.normal(0, 0.015, painter.img.shape)
    image = Image.fromarray((np.clip(painter.img, 0, 1) * 255).astype(np.uint8))
    image = image.filter(ImageFilter.GaussianBlur(max(0.4, height / 130)))
    mask = Image.fromarray((person * 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(1))
    box = (cx - rx * BOX_HALF_WIDTH, cy + ry * BOX_TOP, 2 * rx * BOX_HALF_WIDTH, float(height))
    if look.tilt:
        fill = tuple(int(c * 255) for c in np.clip(background, 0, 1))
        image = image.rotate(look.tilt, Image.Resampling.BICUBIC, expand=True, fillcolor=fill)
        mask = mask.rotate(look.tilt, Image.Resampling.BICUBIC, expand=True)
        box = _rotated_box(box, (w, h), image.size, look.tilt)
    x, y, bw, bh = (round(v) for v in box)
    return SyntheticFace(image, mask, (x, y, bw, bh), look)


def _rotated_box(
    box: tuple[float, float, float, float], before: tuple[int, int], after: tuple[int, int],
    angle: float,
) -> tuple[float, float, float, float]:  # fmt: skip
    """The box moved with its centre by PIL's rotation about the image centre; the
    detector keeps an upright box about as large as the untilted face."""
    x, y, bw, bh = box
    ox, oy = x + bw / 2 - before[0] / 2, y + bh / 2 - before[1] / 2
    rad = math.radians(angle)
    nx = ox * math.cos(rad) + oy * math.sin(rad) + after[0] / 2
    ny = -ox * math.sin(rad) + oy * math.cos(rad) + after[1] / 2
    return nx - bw / 2, ny - bh / 2, bw, bh


class _Painter:
    """A float RGB canvas with coordinate grids, and soft Gaussian marks drawn only
    in the window where they matter (large faces stay fast)."""

    def __init__(self, w: int, h: int, rng: np.random.Generator) -> None:
        self.h, self.w, self.rng = h, w, rng
        self.img: NDArray[np.float64] = np.zeros((h, w, 3))
        self.y, self.x = np.mgrid[0:h, 0:w].astype(np.float64)

    def fill(self, where: NDArray[np.bool_], colour: NDArray[np.float64] | Colour) -> None:
        self.img[where] = colour

    def blob(
        self, px: float, py: float, sx: float, sy: float, colour: object, strength: float = 1.0
    ) -> None:
        x0, x1 = max(0, int(px - 3 * sx)), min(self.w, int(px + 3 * sx) + 2)
        y0, y1 = max(0, int(py - 3 * sy)), min(self.h, int(py + 3 * sy) + 2)
        if x0 >= x1 or y0 >= y1:
            return
        ys, xs = np.mgrid[y0:y1, x0:x1].astype(np.float64)
        g = strength * np.exp(-(((xs - px) / sx) ** 2 + ((ys - py) / sy) ** 2))[..., None]
        window = self.img[y0:y1, x0:x1]
        window[:] = window * (1 - g) + np.asarray(colour) * g

    def ring(
        self, px: float, py: float, ax: float, ay: float, width: float, colour: Colour
    ) -> None:
        r = np.sqrt(((self.x - px) / ax) ** 2 + ((self.y - py) / ay) ** 2)
        self.fill(np.abs(r - 1) * min(ax, ay) < width, colour)


def _draw_person(
    p: _Painter, look: FaceLook, rng: np.random.Generator,
    cx: float, cy: float, rx: float, ry: float,
) -> NDArray[np.float64]:  # fmt: skip
    """Paints hair, body, skin and features back to front; returns the person mask."""
    x, y = p.x, p.y
    skin = np.array(SKIN_TONES[look.tone])
    hair = np.array(look.hair_colour) * (0.85 + 0.3 * rng.random())
    nx, ny = (x - cx) / rx, (y - cy) / ry
    r2 = nx**2 + ny**2
    inside = r2 < 1
    person = np.zeros((p.h, p.w))
    hairline = cy - ry * (0.45 if look.child else 0.55)
    wrap = look.hair in ("long", "scarf")
    if wrap:  # long hair or the scarf falls behind the head onto the shoulders
        back = (nx / 1.3) ** 2 + (((y - cy + 0.1 * ry) / (1.25 * ry)) ** 2) < 1
        back |= (np.abs(nx) < 1.3) & (y > cy) & (y < cy + 1.4 * ry)
        p.fill(back, hair)
        person[back] = 1
    shirt = np.array([rng.uniform(0.1, 0.9) for _ in range(3)])
    shoulders = ((x - cx) / (2.0 * rx)) ** 2 + ((y - (cy + 2.0 * ry)) / (0.8 * ry)) ** 2 < 1
    neck = (np.abs(x - cx) < 0.45 * rx) & (y > cy) & (y < cy + 1.5 * ry)
    p.fill(shoulders, shirt)
    if look.hair != "scarf":
        p.fill(neck, skin * 0.7)
    person[shoulders | neck] = 1
    if not wrap:
        for side in (-1, 1):  # ears
            ears = ((x - cx - side * rx) / (0.18 * rx)) ** 2 + ((y - cy) / (0.2 * ry)) ** 2 < 1
            p.fill(ears, skin * 0.8)
            person[ears] = 1
    if look.hair == "curly":
        volume = (nx / 1.3) ** 2 + ((y - cy + 0.45 * ry) / (0.8 * ry)) ** 2 < 1
        p.fill(volume & (~inside | (y < hairline)), hair)
        person[volume] = 1
    shade = np.clip(np.sqrt(np.clip(1 - r2, 0, 1)) * 0.55 + 0.55 - 0.15 * look.light * nx, 0, 1.2)
    p.img[inside] = skin[None, :] * shade[inside][:, None]
    person[inside] = 1
    cap = (nx**2 + ((y - cy + 0.35 * ry) / (0.82 * ry)) ** 2 < 1.25) & (np.abs(nx) < 1.25)
    cap &= ((y < hairline) | ~inside) & (y < cy + (0.25 if look.hair == "long" else -0.05) * ry)
    if look.hair in ("short", "long"):
        p.fill(cap, hair)
        person[cap] = 1
    elif look.hair == "shaved":
        stubble = inside & (y < hairline)
        p.img[stubble] = p.img[stubble] * 0.6 + hair * 0.4
    elif look.hair == "scarf":
        band = ((nx / 1.12) ** 2 + (((y - cy) / (1.1 * ry)) ** 2) < 1) & ((y < hairline) | ~inside)
        band &= y < cy + 1.4 * ry
        p.fill(band, hair)
        person[band] = 1
    _draw_features(p, look, rng, skin, cx, cy, rx, ry)
    return person


def _draw_features(
    p: _Painter, look: FaceLook, rng: np.random.Generator, skin: NDArray[np.float64],
    cx: float, cy: float, rx: float, ry: float,
) -> None:  # fmt: skip
    """Eyes, brows, nose, lips and glasses, with a little asymmetry."""
    a = look.asymmetry

    def jitter(scale: float) -> float:
        return float(rng.uniform(-1, 1)) * a * scale

    eye_y = cy - ry * (0.02 if look.child else 0.12)
    eye_dx, eye_r = rx * 0.44, rx * (0.17 if look.child else 0.15)
    iris = rng.choice([[0.15, 0.1, 0.07], [0.25, 0.35, 0.5], [0.25, 0.35, 0.2]])
    for side in (-1, 1):
        ex, ey = cx + side * (eye_dx + jitter(rx * 0.04)), eye_y + jitter(ry * 0.03)
        p.blob(ex, ey, eye_r * 1.6, ry * 0.11, skin * 0.55, 0.7)  # socket
        p.blob(ex, ey, eye_r, ry * 0.05, [0.92, 0.92, 0.9], 0.95)  # white
        p.blob(ex, ey, eye_r * 0.45, ry * 0.05, iris, 1.0)
        p.blob(ex, ey, eye_r * 0.2, ry * 0.025, [0.03, 0.03, 0.03], 1.0)  # pupil
        brow_y = eye_y - ry * 0.15 + jitter(ry * 0.03)
        p.blob(ex, brow_y, rx * 0.22, ry * 0.03, [0.2, 0.13, 0.09], 0.9)
        if look.glasses:
            p.ring(ex, ey, rx * 0.3, ry * 0.12, max(0.7, rx * 0.02), (0.08, 0.08, 0.1))
    if look.glasses:
        bridge = (np.abs(p.y - eye_y) < max(0.7, ry * 0.012)) & (np.abs(p.x - cx) < eye_dx * 0.5)
        p.fill(bridge, (0.08, 0.08, 0.1))
    nose_x = cx + jitter(rx * 0.05)
    p.blob(nose_x + look.light * rx * 0.08, cy + ry * 0.2, rx * 0.1, ry * 0.15, skin * 0.6, 0.5)
    p.blob(nose_x, cy + ry * 0.3, rx * 0.14, ry * 0.04, skin * 0.5, 0.6)  # nostrils
    lips = skin * 0.55 + np.array([0.28, 0.08, 0.08])
    mouth_y = cy + ry * (0.5 if look.child else 0.55)
    p.blob(cx + jitter(rx * 0.06), mouth_y, rx * 0.27, ry * 0.055, lips, 0.85)
    p.blob(cx, cy + ry * 0.82, rx * 0.5, ry * 0.12, skin * 0.75, 0.4)  # chin shade
    shine = np.clip(skin * 1.3 + 0.08, 0, 1)  # where light catches forehead and nose
    p.blob(cx - look.light * rx * 0.2, cy - ry * 0.38, rx * 0.3, ry * 0.1, shine, 0.35)
    p.blob(nose_x - look.light * rx * 0.03, cy + ry * 0.1, rx * 0.05, ry * 0.12, shine, 0.35)
