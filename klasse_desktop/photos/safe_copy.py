"""The safe copy: chosen faces blurred, and no metadata at all.

Measured with Pillow 13 (issue 18): a plain `open().save()` drops EXIF but keeps the
JPEG comment and saves the photo sideways; `exif_transpose()` keeps EXIF, XMP and
Photoshop data in `.info`. What works: the upright pixels in a fresh image (empty
`.info`, `loading.py`), saved with only the colour profile. Re-encoding is also
what removes an MPO's second image and the EXIF preview that still shows the faces.

Before anything is written, the encoded bytes are read back and checked: if any
metadata other than the colour profile is found, nothing is written (like the PDF
check of the reports). The copy is written atomically next to where the user asked;
the original is never opened for writing, and a target that is the original is
refused.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from klasse_desktop.i18n import _
from klasse_desktop.photos.blur import blur_faces
from klasse_desktop.photos.boxes import Face
from klasse_desktop.photos.errors import PhotoError
from klasse_desktop.photos.loading import Photo, load_photo
from klasse_desktop.photos.metadata import KINDS, Found, find_metadata

OUTPUT_FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG"}
JPEG_QUALITY = 92  # for photos that were not JPEG, or whose tables are unknown


@dataclass(frozen=True)
class SafeCopy:
    path: Path
    blurred: int  # how many boxes were blurred
    metadata: Found  # what the original held: all of it removed, the profile kept


def suggested_name(source: Path) -> str:
    """`klas-5b.heic` → `klas-5b-veilig.jpg` (PNG stays PNG, for its transparency)."""
    suffix = ".png" if source.suffix.lower() == ".png" else ".jpg"
    return _("{name}-safe").format(name=source.stem) + suffix


def output_format(target: Path) -> str:
    fmt = OUTPUT_FORMATS.get(target.suffix.lower())
    if fmt is None:
        raise PhotoError(
            _("Save the safe copy as a .jpg or .png file (not “{name}”).").format(name=target.name)
        )
    return fmt


def _same_file(source: Path, target: Path) -> bool:
    if target.exists():
        try:
            return source.samefile(target)
        except OSError:
            return False
    return source.resolve() == target.resolve()


def encode(image: Image.Image, photo: Photo, fmt: str) -> bytes:
    """`image` as a file of format `fmt` with the colour profile and nothing else."""
    options: dict[str, object] = {}
    if photo.icc_profile:
        options["icc_profile"] = photo.icc_profile
    if fmt == "JPEG":
        if image.mode == "RGBA":  # JPEG has no transparency: on white, as a viewer shows it
            flat = Image.new("RGB", image.size, (255, 255, 255))
            flat.paste(image, mask=image.getchannel("A"))
            image = flat
        if photo.quantization:
            options["qtables"] = photo.quantization
            if photo.subsampling >= 0:
                options["subsampling"] = photo.subsampling
        else:
            options["quality"] = JPEG_QUALITY
    else:
        options["optimize"] = True
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def check_clean(data: bytes) -> None:
    """Refuse bytes that still carry metadata (the last line of defence)."""
    with Image.open(io.BytesIO(data)) as written:
        left = find_metadata(written).removed
    if left:
        raise PhotoError(
            _("The copy still contained metadata ({what}); nothing was saved.").format(
                what=", ".join(_(KINDS[key]) for key in left)
            )
        )


def write_safe_copy(
    source: Path, target: Path, faces: Sequence[Face] = (), photo: Photo | None = None
) -> SafeCopy:
    """Write the copy of `source` with `faces` blurred (none: metadata only) to `target`.

    `photo` is the already loaded `source` (the window has it); else it is read here.
    """
    from klasse_desktop.atomic_write import write_atomically

    source, target = Path(source).expanduser(), Path(target).expanduser()
    fmt = output_format(target)
    if _same_file(source, target):
        raise PhotoError(_("The safe copy cannot replace the original photo; choose another name."))
    if not target.parent.is_dir():
        raise PhotoError(_("Folder not found: {path}").format(path=target.parent))
    photo = photo or load_photo(source)
    image = blur_faces(photo.image, faces) if faces else photo.image
    data = encode(image, photo, fmt)
    check_clean(data)
    try:
        write_atomically(data, target, prefix=".klasse-photo-")
        with contextlib.suppress(OSError):  # the temp file was private; a copy to share is not
            target.chmod(0o644)
    except OSError:
        raise PhotoError(
            _("The safe copy could not be saved in {folder}: the disk is full or not writable.")
            .format(folder=target.parent)
        ) from None  # fmt: skip
    return SafeCopy(target, len(faces), photo.metadata)
