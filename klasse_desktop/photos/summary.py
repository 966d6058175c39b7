"""What the photo check says, in plain words, shared by the window and the CLI.

The detector is good, not perfect: the summary always asks the teacher to look for
themselves, including at what no face detector sees (a name on a shirt, a shirt
number, a name badge), and says that small faces are often missed.
"""

from __future__ import annotations

from klasse_desktop.i18n import _, ngettext

SMALL_FACE = 40  # pixels of face height below which the detector often misses faces


def faces_found(count: int) -> str:
    """For example "7 gezichten gevonden. Controleer zelf of er niemand meer …"."""
    if count == 0:
        found = _("No faces found.")
    else:
        found = ngettext("{n} face found.", "{n} faces found.", count).format(n=count)
    return " ".join((found, check_yourself()))


def check_yourself() -> str:
    return _(
        "Check for yourself that nobody is still recognisable: also names on clothing, "
        "shirt numbers and name badges."
    )


def small_faces_hint() -> str:
    return _(
        "Faces smaller than about {pixels} pixels are often missed: draw a box over any "
        "face the app did not mark."
    ).format(pixels=SMALL_FACE)


def blurred(count: int) -> str:
    return ngettext("{n} face blurred.", "{n} faces blurred.", count).format(n=count)
