"""What a photo file carries besides its pixels, in words a teacher understands.

A camera or phone writes far more than the picture: where it was taken (GPS), the
camera and its serial number, the time, the maker's hidden notes, a small preview
that still shows every face even after the big picture is blurred; an editor adds
XMP and IPTC (captions, names, keywords), a comment, PNG text fields; an MPO file
holds a second picture. The safe copy removes all of it (it is made from the pixels
alone) and keeps only the colour profile. `find_metadata` reads what is there, so
the user can be told what was removed ("locatie (GPS): verwijderd").
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import ExifTags, Image

from klasse_desktop.i18n import N_, _

# Each kind, in the order shown, with its label (translated when shown).
KINDS: dict[str, str] = {
    "gps": N_("location (GPS)"),
    "camera": N_("camera make and model"),
    "serial": N_("camera serial number and owner"),
    "date": N_("date and time taken"),
    "author": N_("photographer and copyright"),
    "description": N_("title, description and keywords"),
    "maker_note": N_("maker notes (the camera maker's own data)"),
    "exif_other": N_("other camera data (EXIF)"),
    "thumbnail": N_("embedded preview image (can still show the faces)"),
    "xmp": N_("XMP data (can hold names, captions and edit history)"),
    "iptc": N_("IPTC data (caption, keywords, photographer)"),
    "comment": N_("comment"),
    "text": N_("text fields"),
    "extra_images": N_("extra images in the file (such as an MPO's second image)"),
    "app_data": N_("other data from apps and editors"),
}
KEPT: dict[str, str] = {"icc": N_("colour profile")}

_IFD0 = {
    0x010F: "camera", 0x0110: "camera", 0x0132: "date", 0x013B: "author", 0x8298: "author",
    0x9C9D: "author", 0x010E: "description", 0x9C9B: "description", 0x9C9C: "description",
    0x9C9E: "description", 0x9C9F: "description",
}  # fmt: skip
_EXIF_IFD = {
    0x927C: "maker_note", 0x9003: "date", 0x9004: "date", 0x9286: "description",
    0xA430: "serial", 0xA431: "serial", 0xA435: "serial", 0xA433: "camera", 0xA434: "camera",
}  # fmt: skip
_POINTERS = {int(ExifTags.IFD.Exif), int(ExifTags.IFD.GPSInfo), int(ExifTags.IFD.Interop)}
_PNG_XMP = "XML:com.adobe.xmp"
_HARMLESS_APP = {"APP0", "APP14"}  # JFIF density, Adobe colour transform
_XMP_HEADERS = (b"http://ns.adobe.com/xap/1.0/", b"http://ns.adobe.com/xmp/extension/")


@dataclass(frozen=True)
class Found:
    """The kinds of metadata in one file (keys of `KINDS` / `KEPT`), in display order."""

    removed: tuple[str, ...]
    kept: tuple[str, ...]

    def removed_lines(self) -> list[str]:
        """Each kind as "location (GPS): removed", in the current language."""
        return [_("{what}: removed").format(what=_(KINDS[key])) for key in self.removed]

    def kept_lines(self) -> list[str]:
        return [_("{what}: kept").format(what=_(KEPT[key])) for key in self.kept]

    def found_lines(self) -> list[str]:
        return [_(KINDS[key]) for key in self.removed]


def find_metadata(image: Image.Image) -> Found:
    """Read (never change) what `image`, just opened, carries besides its pixels."""
    kinds: set[str] = set()
    _exif(image, kinds)
    info = image.info
    if info.get("xmp") or info.get(_PNG_XMP):
        kinds.add("xmp")
    if info.get("photoshop"):
        kinds.add("iptc")
    if info.get("comment"):
        kinds.add("comment")
    if info.get("thumbnails"):  # HEIC previews
        kinds.add("thumbnail")
    if getattr(image, "n_frames", 1) > 1 or info.get("depth_images") or info.get("aux"):
        kinds.add("extra_images")
    text = getattr(image, "text", None) if image.format == "PNG" else None
    if text and any(key != _PNG_XMP for key in text):
        kinds.add("text")
    _jpeg_segments(image, kinds)
    kept = ("icc",) if info.get("icc_profile") else ()
    return Found(tuple(key for key in KINDS if key in kinds), kept)


def _exif(image: Image.Image, kinds: set[str]) -> None:
    try:
        exif = image.getexif()
    except Exception:  # a damaged EXIF block: still metadata, and still removed
        kinds.add("exif_other")
        return
    if not exif and not image.info.get("exif"):
        return
    other = False
    for tag in exif:
        if tag in _IFD0:
            kinds.add(_IFD0[tag])
        elif tag not in _POINTERS:
            other = True
    sub_ifds = (ExifTags.IFD.Exif, ExifTags.IFD.GPSInfo, ExifTags.IFD.IFD1)
    exif_ifd, gps, ifd1 = (_ifd(exif, which) for which in sub_ifds)
    for tag in exif_ifd:
        if tag in _EXIF_IFD:
            kinds.add(_EXIF_IFD[tag])
        else:
            other = True
    if gps:
        kinds.add("gps")
    if ifd1:
        kinds.add("thumbnail")
    if other or not kinds:
        kinds.add("exif_other")


def _ifd(exif: Image.Exif, which: ExifTags.IFD) -> dict[int, object]:
    try:
        return exif.get_ifd(which)
    except Exception:  # a broken pointer: that part is unreadable, and removed anyway
        return {}


def _jpeg_segments(image: Image.Image, kinds: set[str]) -> None:
    for marker, data in getattr(image, "applist", []):
        if marker in _HARMLESS_APP:
            continue
        if marker == "COM":
            kinds.add("comment")
        elif marker == "APP13":
            kinds.add("iptc")
        elif marker == "APP1" and data.startswith(_XMP_HEADERS):
            kinds.add("xmp")
        elif not _known_segment(marker, data):
            kinds.add("app_data")


def _known_segment(marker: str, data: bytes) -> bool:
    """EXIF (read above), the colour profile (kept) and the MPO index (counted above)."""
    if marker == "APP1":
        return data.startswith(b"Exif")
    return marker == "APP2" and data.startswith((b"ICC_PROFILE", b"MPF"))
