"""The photo check's slow part, run in a worker thread: read, find faces, and make
the preview the window shows (with each face's blurred patch ready).

Everything here stays in memory: the preview and the patches are QImages (safe to
make outside the UI thread); nothing is written to disk. Progress goes to the
dialog through a queued signal; `token.check()` between the detector's passes lets
a closed dialog or a newly opened photo stop the work early.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

if TYPE_CHECKING:
    from PIL import Image

    from klasse_desktop.photos.boxes import Face
    from klasse_desktop.photos.loading import Photo
    from klasse_desktop.ui.background import CancelToken

PREVIEW_SIDE = 1600  # the window never shows more; the full photo stays for saving


class ProgressCarrier(QObject):
    """Lives in the UI thread; `moved` is emitted from the worker (queued)."""

    moved = Signal(int, int)  # passes done, passes in all


@dataclass
class Patch:
    """A face's blur as the safe copy will make it, at preview scale."""

    x: int
    y: int
    image: QImage


@dataclass
class Checked:
    path: Path
    photo: Photo
    faces: list[Face]
    preview: QImage
    scale: float  # preview pixels per photo pixel
    preview_image: Image.Image  # the same preview for PIL: patches for boxes drawn later
    patches: list[Patch | None] = field(default_factory=list)


def to_qimage(image: Image.Image) -> QImage:
    """A PIL image as a QImage that owns its pixels (the bytes may be freed)."""
    rgba = image if image.mode == "RGBA" else image.convert("RGBA")
    data = rgba.tobytes()
    qimage = QImage(data, rgba.width, rgba.height, rgba.width * 4, QImage.Format.Format_RGBA8888)
    return qimage.copy()


def preview_of(photo: Photo) -> tuple[Image.Image, float]:
    from PIL import Image

    width, height = photo.size
    scale = min(1.0, PREVIEW_SIDE / max(width, height))
    if scale == 1.0:
        return photo.image, 1.0
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    return photo.image.resize(size, Image.Resampling.BILINEAR, reducing_gap=2.0), scale


def patch_for(preview: Image.Image, scale: float, face: Face) -> Patch | None:
    """The blurred patch of `face` (photo pixels) on the preview."""
    from dataclasses import replace

    from klasse_desktop.photos.blur import blurred_patch

    small = replace(
        face,
        x=round(face.x * scale), y=round(face.y * scale),
        width=max(1, round(face.width * scale)), height=max(1, round(face.height * scale)),
    )  # fmt: skip
    made = blurred_patch(preview, small)
    if made is None:
        return None
    (x, y), image = made
    return Patch(x, y, to_qimage(image))


def check_photo(path: Path, token: CancelToken, progress: Callable[[int, int], None]) -> Checked:
    """Read `path`, find its faces and prepare the preview; raises PhotoError."""
    from klasse_desktop.photos.detection import detect_faces
    from klasse_desktop.photos.loading import load_photo

    photo = load_photo(path)
    token.check()

    def step(done: int, total: int) -> None:
        token.check()
        progress(done, total)

    faces = detect_faces(photo.image, progress=step)
    preview, scale = preview_of(photo)
    patches = [patch_for(preview, scale, face) for face in faces]
    return Checked(path, photo, faces, to_qimage(preview), scale, preview, patches)


def save_copy(checked: Checked, target: Path, faces: list[Face]) -> object:
    from klasse_desktop.photos.safe_copy import write_safe_copy

    return write_safe_copy(checked.path, target, faces, photo=checked.photo)
