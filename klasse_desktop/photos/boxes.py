"""Face boxes in photo pixels (after the EXIF orientation is applied), and the
geometry both the detector and the blur need: overlap, enlarging, clamping."""

from __future__ import annotations

from dataclasses import dataclass, replace

from klasse_desktop.i18n import _
from klasse_desktop.photos.errors import PhotoError


@dataclass(frozen=True)
class Face:
    """A box on the photo: found by the detector (`score` > 0) or drawn by the user."""

    x: int
    y: int
    width: int
    height: int
    score: float = 0.0
    manual: bool = False

    @property
    def right(self) -> int:
        return self.x + self.width

    @property
    def bottom(self) -> int:
        return self.y + self.height

    @property
    def area(self) -> int:
        return self.width * self.height

    def enlarged(self, factor: float, size: tuple[int, int]) -> Face:
        """The box grown by `factor` around its centre, kept inside an image of `size`."""
        cx, cy = self.x + self.width / 2, self.y + self.height / 2
        half_w, half_h = self.width * factor / 2, self.height * factor / 2
        return self.clamped_to(
            size, round(cx - half_w), round(cy - half_h), round(cx + half_w), round(cy + half_h)
        )

    def clamped_to(
        self, size: tuple[int, int], left: int, top: int, right: int, bottom: int
    ) -> Face:
        width, height = size
        left, top = max(0, min(left, width)), max(0, min(top, height))
        right, bottom = max(left, min(right, width)), max(top, min(bottom, height))
        return replace(self, x=left, y=top, width=right - left, height=bottom - top)

    def as_dict(self) -> dict[str, object]:
        return {
            "x": self.x, "y": self.y, "width": self.width, "height": self.height,
            "score": round(self.score, 3), "manual": self.manual,
        }  # fmt: skip


def intersection(a: Face, b: Face) -> int:
    width = min(a.right, b.right) - max(a.x, b.x)
    height = min(a.bottom, b.bottom) - max(a.y, b.y)
    return max(0, width) * max(0, height)


def iou(a: Face, b: Face) -> float:
    inter = intersection(a, b)
    union = a.area + b.area - inter
    return inter / union if union else 0.0


def overlap_of_smaller(a: Face, b: Face) -> float:
    """How much of the smaller box lies inside the other: a half face cut off at a
    tile's edge lies wholly inside the whole face found in the next tile."""
    smaller = min(a.area, b.area)
    return intersection(a, b) / smaller if smaller else 0.0


def parse_box(text: str, size: tuple[int, int]) -> Face:
    """`x,y,w,h` in pixels of the upright photo, as typed on the command line."""
    parts = [part.strip() for part in text.split(",")]
    try:
        x, y, width, height = (int(part) for part in parts)
    except ValueError:
        raise PhotoError(
            _("Write a box as x,y,width,height in pixels, e.g. 120,80,60,60 (got “{text}”).")
            .format(text=text)
        ) from None  # fmt: skip
    if width <= 0 or height <= 0 or x < 0 or y < 0 or x >= size[0] or y >= size[1]:
        raise PhotoError(
            _("The box {text} is not on the photo ({width}×{height} pixels).").format(
                text=text, width=size[0], height=size[1]
            )
        )
    return Face(x, y, width, height, manual=True).clamped_to(size, x, y, x + width, y + height)


def reading_order(faces: list[Face]) -> list[Face]:
    """Numbered as a reader scans a group photo: row by row, left to right."""
    if not faces:
        return []
    heights = sorted(face.height for face in faces)
    band = max(1, heights[len(heights) // 2])
    return sorted(faces, key=lambda f: (round((f.y + f.height / 2) / band), f.x))
