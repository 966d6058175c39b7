"""Photos with every kind of metadata a camera, a phone or an editor leaves behind,
made here with Pillow and a few bytes by hand (no exiftool, no piexif), so the
safe-copy tests can check that each kind is gone.

The invented photographer is "Fatma Yıldız"; the invented pupil in captions is
"Daan de Vries". Each text also carries a canary word, so a test can search the
output's bytes for it.
"""

from __future__ import annotations

import io
import struct
from pathlib import Path

from PIL import Image, ImageDraw, PngImagePlugin

from tests.synthetic_faces import CAST, synth_face

DATA = Path(__file__).parent / "data"
CANARY = "KANARIE7Q"
PHOTOGRAPHER = f"Fatma Yildiz {CANARY}"
PUPIL = f"Daan de Vries {CANARY}"
MAKER_NOTE = f"MAKERNOTE-{CANARY}".encode()
SERIAL = f"SN-{CANARY}"
GPS_LATITUDE = (52.0, 22.0, 12.34)  # 52° 22' 12.34" N (Amsterdam)
GPS_LONGITUDE = (4.0, 53.0, 56.78)


def plain_picture(size: tuple[int, int] = (240, 160)) -> Image.Image:
    """Colour bands and a marker in the top-left corner, so rotation shows."""
    image = Image.new("RGB", size, (40, 120, 200))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, size[0] // 4, size[1] // 4), fill=(250, 20, 20))
    draw.rectangle((0, size[1] // 2, size[0], size[1]), fill=(30, 160, 60))
    return image


def exif_bytes(orientation: int = 1, thumbnail: bytes | None = None) -> bytes:
    """EXIF with camera, date, serial, maker note, GPS and (optionally) an IFD1
    thumbnail: Pillow writes IFD0 and its sub-IFDs; the thumbnail IFD is appended."""
    exif = Image.Exif()
    exif[0x010F] = "Voorbeeld"
    exif[0x0110] = "Voorbeeld K7"
    exif[0x0112] = orientation
    exif[0x0131] = "Editor 1.0"
    exif[0x0132] = "2026:05:12 10:30:00"
    exif[0x013B] = PHOTOGRAPHER
    sub = exif.get_ifd(0x8769)
    sub[0x9003] = "2026:05:12 10:30:00"
    sub[0x927C] = MAKER_NOTE
    sub[0xA431] = SERIAL
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", GPS_LATITUDE, "E", GPS_LONGITUDE
    data = exif.tobytes()
    if thumbnail is None:
        return data
    return _with_thumbnail(data, thumbnail)


def _with_thumbnail(data: bytes, thumbnail: bytes) -> bytes:
    prefix = b"Exif\x00\x00" if data.startswith(b"Exif") else b""
    tiff = bytearray(data[len(prefix) :])
    endian = "<" if tiff[:2] == b"II" else ">"
    (ifd0,) = struct.unpack(endian + "I", tiff[4:8])
    (count,) = struct.unpack(endian + "H", tiff[ifd0 : ifd0 + 2])
    next_pointer = ifd0 + 2 + 12 * count
    ifd1 = len(tiff) + (len(tiff) % 2)
    tiff.extend(b"\x00" * (ifd1 - len(tiff)))
    struct.pack_into(endian + "I", tiff, next_pointer, ifd1)
    thumb_at = ifd1 + 2 + 3 * 12 + 4
    entries = [(0x0103, 3, 1, 6), (0x0201, 4, 1, thumb_at), (0x0202, 4, 1, len(thumbnail))]
    tiff.extend(struct.pack(endian + "H", len(entries)))
    for tag, kind, number, value in entries:
        if kind == 3:
            tiff.extend(struct.pack(endian + "HHIHH", tag, kind, number, value, 0))
        else:
            tiff.extend(struct.pack(endian + "HHII", tag, kind, number, value))
    tiff.extend(struct.pack(endian + "I", 0))
    tiff.extend(thumbnail)
    return prefix + bytes(tiff)


def xmp_packet() -> bytes:
    return (
        '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:creator><rdf:Seq><rdf:li>{PHOTOGRAPHER}</rdf:li></rdf:Seq></dc:creator>"
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{PUPIL} op schoolreis'
        "</rdf:li></rdf:Alt></dc:description>"
        '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    ).encode()


def iptc_segment() -> bytes:
    """An APP13 "Photoshop 3.0" segment with IPTC By-line (2:80) and Caption (2:120)."""
    records = b""
    for dataset, text in ((80, PHOTOGRAPHER), (120, f"{PUPIL} op schoolreis")):
        value = text.encode()
        records += bytes((0x1C, 2, dataset)) + struct.pack(">H", len(value)) + value
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\x00\x00" + struct.pack(">I", len(records))
    resource += records + (b"\x00" if len(records) % 2 else b"")
    payload = b"Photoshop 3.0\x00" + resource
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


def thumbnail_jpeg(picture: Image.Image) -> bytes:
    small = picture.copy()
    small.thumbnail((80, 80))
    out = io.BytesIO()
    small.save(out, "JPEG", quality=80)
    return out.getvalue()


def srgb_profile() -> bytes:
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def full_jpeg(path: Path, picture: Image.Image | None = None, orientation: int = 1) -> Path:
    """A JPEG with GPS, camera, serial, maker note, thumbnail, XMP, IPTC, a comment
    and an ICC profile."""
    picture = picture or plain_picture()
    picture.save(
        path, "JPEG", quality=90,
        exif=exif_bytes(orientation, thumbnail_jpeg(picture)),
        xmp=xmp_packet(), comment=f"Gemaakt door {PHOTOGRAPHER}".encode(),
        icc_profile=srgb_profile(), extra=iptc_segment(),
    )  # fmt: skip
    return path


def mpo(path: Path, picture: Image.Image | None = None) -> Path:
    """Two images in one file, as a 3D camera or some phones write them."""
    picture = picture or plain_picture()
    second = picture.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    picture.save(path, "MPO", save_all=True, append_images=[second], exif=exif_bytes(), quality=90)
    return path


def png_with_text(path: Path, picture: Image.Image | None = None) -> Path:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", PHOTOGRAPHER)
    info.add_text("Comment", f"{PUPIL} op schoolreis", zip=True)
    info.add_itxt("Description", f"{PUPIL} — beschrijving", lang="nl")
    info.add_itxt("XML:com.adobe.xmp", xmp_packet().decode())
    (picture or plain_picture()).save(path, "PNG", pnginfo=info, exif=exif_bytes())
    return path


def group_photo(
    size: tuple[int, int] = (900, 600), heights: tuple[int, ...] = (220,), first: int = 0
) -> tuple[Image.Image, list[tuple[int, int, int, int]]]:
    """Invented faces (`synthetic_faces.CAST`, from `first` on) side by side on a calm
    background, left to right, with the face boxes the detector should report."""
    canvas = Image.new("RGB", size, (120, 150, 170))
    ImageDraw.Draw(canvas).rectangle((0, size[1] * 2 // 3, size[0], size[1]), fill=(90, 110, 60))
    boxes, left = [], 20
    for index, height in enumerate(heights):
        number = (first + index) % len(CAST)
        person = synth_face(height, seed=number, look=CAST[number])
        top = max(0, (size[1] - person.image.height) // 2)
        canvas.paste(person.image, (left, top), person.mask)
        x, y, w, h = person.box
        boxes.append((left + x, top + y, w, h))
        left += person.image.width + 10
    return canvas, boxes
