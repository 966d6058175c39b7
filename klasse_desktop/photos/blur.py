"""Blurring faces so that neither a person nor the detector recognises them.

Measured in issue 18: pixelation to 8 or 16 blocks left dozens of faces detectable;
a Gaussian blur over the box enlarged 1.2× with a radius of a quarter of the face
height left none at threshold 0.5 but some at 0.3. On the composed photos of
`benchmarks/photos.py` the blurred oval of a head was still found at 0.3 until the
box was enlarged 1.5× (hair and chin included) and blurred twice with a radius of
¾ of the face height; with more and larger photos ¾ still left one, so the radius is
the whole face height: what remains is a smooth patch of colour. Then a head's outline (hair, ears)
around a grey patch was still found at 0.32 twice: at 1.8× it is covered too, and
nothing is found at 0.3. The blur takes the pixels of the enlarged box alone (Pillow
repeats the edge pixels), so no sharp surrounding leaks back in.
"""

from __future__ import annotations

from collections.abc import Iterable

from PIL import Image, ImageFilter

from klasse_desktop.photos.boxes import Face

ENLARGE = 1.8
RADIUS_PER_HEIGHT = 1.0
PASSES = 2
MIN_RADIUS = 3.0


def blur_radius(face: Face) -> float:
    # A Python float: Pillow's GaussianBlur rejects a numpy float.
    return float(max(MIN_RADIUS, face.height * RADIUS_PER_HEIGHT))


def blurred_patch(image: Image.Image, face: Face) -> tuple[tuple[int, int], Image.Image] | None:
    """The blurred pixels over `face` (enlarged) and where they go; None off the image.
    The window shows these patches on its preview, so what it shows is what is saved."""
    area = face.enlarged(ENLARGE, image.size)
    if area.width < 1 or area.height < 1:
        return None
    patch = image.crop((area.x, area.y, area.right, area.bottom))
    blur = ImageFilter.GaussianBlur(blur_radius(face))
    for _ in range(PASSES):
        patch = patch.filter(blur)
    return (area.x, area.y), patch


def blur_faces(image: Image.Image, faces: Iterable[Face]) -> Image.Image:
    """A copy of `image` with every face blurred; `image` itself is left as it is."""
    result = image.copy()
    for face in faces:
        blurred = blurred_patch(result, face)
        if blurred is not None:
            result.paste(blurred[1], blurred[0])
    return result
