"""Opening a photo: upright, as pixels only, with a note of what else the file held.

The EXIF orientation is applied first (a phone stores most photos sideways with a
"rotate" flag): boxes, blur and the safe copy all work on the upright picture, and
the copy, which has no EXIF any more, still stands the right way up. HEIC (iPhone)
is decoded by `pi-heif` (decode only, LGPL libraries kept as separate files; not
`pillow-heif`, whose wheels are GPL), which applies the rotation itself. An MPO
file's first picture is used; the second one is dropped.

The returned image is built anew from the pixels, so its `.info` is empty: nothing
of the file's metadata can reach a copy by accident. The file is only read.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from klasse_desktop.i18n import _
from klasse_desktop.photos.errors import PhotoError
from klasse_desktop.photos.metadata import Found, find_metadata

FORMATS = ("JPEG", "MPO", "PNG", "HEIF")
SUFFIXES = (".jpg", ".jpeg", ".png", ".heic", ".heif", ".mpo")
log = logging.getLogger(__name__)
_heif_ready = False


@dataclass(frozen=True)
class Photo:
    """An upright photo as pixels (`image.info` is empty) and what its file held."""

    image: Image.Image
    source_format: str  # JPEG, MPO, PNG or HEIF
    metadata: Found
    icc_profile: bytes | None = None
    # A JPEG's own quantisation tables and subsampling: a copy without blurring is
    # re-encoded at the original's quality instead of a fixed one.
    quantization: dict[int, list[int]] | None = field(default=None, repr=False)
    subsampling: int = -1

    @property
    def size(self) -> tuple[int, int]:
        return self.image.size


def _register_heif() -> None:
    global _heif_ready
    if not _heif_ready:
        from pi_heif import register_heif_opener

        register_heif_opener()
        _heif_ready = True


def unreadable(path: Path) -> PhotoError:
    return PhotoError(
        _("“{name}” is not a photo the app can read (JPEG, PNG, HEIC or MPO).").format(
            name=path.name
        )
    )


def load_photo(path: Path) -> Photo:
    """Read `path`; a PhotoError with a clear message for anything that is not a
    readable JPEG, PNG, HEIC or MPO photo."""
    path = Path(path).expanduser()
    if not path.is_file():
        raise PhotoError(_("File not found: {path}").format(path=path))
    _register_heif()
    try:
        with Image.open(path) as opened:
            if opened.format not in FORMATS:
                raise unreadable(path)
            return _photo(opened)
    except PhotoError:
        raise
    except Image.DecompressionBombError:
        raise PhotoError(
            _("“{name}” is too large to check safely.").format(name=path.name)
        ) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        log.info("photo not readable: %s", type(exc).__name__)
        raise unreadable(path) from None


def _photo(opened: Image.Image) -> Photo:
    found = find_metadata(opened)
    icc = opened.info.get("icc_profile") or None
    quantization: dict[int, list[int]] | None = None
    subsampling = -1
    if opened.format in ("JPEG", "MPO"):
        from PIL import JpegImagePlugin

        quantization = dict(getattr(opened, "quantization", {}) or {}) or None
        subsampling = JpegImagePlugin.get_sampling(opened)
    opened.load()
    upright = ImageOps.exif_transpose(opened) or opened
    pixels, icc = _plain_mode(upright, icc)
    return Photo(pixels, str(opened.format), found, icc, quantization, subsampling)


def _plain_mode(image: Image.Image, icc: bytes | None) -> tuple[Image.Image, bytes | None]:
    """RGB, RGBA or L, built from the pixels alone (so `.info` is empty)."""
    if image.mode == "CMYK":
        return _from_cmyk(image, icc), None
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        import numpy as np

        values = np.asarray(image, dtype=np.uint32)
        image = Image.fromarray((values >> 8 if values.max() > 255 else values).astype(np.uint8))
    elif image.mode in ("1", "P", "PA", "LA", "F", "YCbCr", "LAB", "HSV", "RGBX", "RGBa", "La"):
        transparent = image.mode in ("PA", "LA", "La", "RGBa") or (
            image.mode == "P" and "transparency" in image.info
        )
        image = image.convert("RGBA" if transparent else ("L" if image.mode == "1" else "RGB"))
    if image.mode not in ("RGB", "RGBA", "L"):
        image = image.convert("RGB")
    return Image.frombytes(image.mode, image.size, image.tobytes()), icc


def _from_cmyk(image: Image.Image, icc: bytes | None) -> Image.Image:
    """A CMYK JPEG (print workflows) as RGB; its CMYK profile no longer applies."""
    rgb = None
    if icc:
        try:
            import io

            from PIL import ImageCms

            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            rgb = ImageCms.profileToProfile(
                image, source, ImageCms.createProfile("sRGB"), outputMode="RGB"
            )
        except Exception:  # an unusable profile: a plain conversion is close enough
            rgb = None
    rgb = rgb or image.convert("RGB")
    return Image.frombytes("RGB", rgb.size, rgb.tobytes())
