"""The one place that knows where runtime data lives.

Data (protocol, wizards, fonts, compiled catalogs) must be found from a source
checkout, an installed wheel and a PyInstaller bundle alike. The wheel and the
bundle carry `resources/` inside the package as `klasse_desktop/resources`; a
source checkout (editable install, tests) keeps it at the repository root. Every
loader asks this module instead of building paths from `__file__` itself.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

_PACKAGE = "klasse_desktop"


def resource_root() -> Traversable:
    """Root of the shipped `resources/` tree, wherever the app was installed from."""
    packaged = files(_PACKAGE) / "resources"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parent.parent / "resources"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"Klasse Desktop resources not found (looked in {packaged})")


def resource(*parts: str) -> Traversable:
    """A file or directory below `resources/`, e.g. `resource("wizards")`."""
    node = resource_root()
    for part in parts:
        node = node / part
    return node


def locale_dir() -> Traversable:
    """Compiled gettext catalogs (`<lang>/LC_MESSAGES/<domain>.mo`)."""
    return files(_PACKAGE) / "locale"
