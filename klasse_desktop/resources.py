"""The one place that knows where runtime data lives.

Data (protocol, wizards, fonts, compiled catalogs) must be found from a source
checkout, an installed wheel and a PyInstaller bundle alike. The wheel and the
bundle carry `resources/` inside the package as `klasse_desktop/resources`; a
source checkout (editable install, tests) keeps it at the repository root. Every
loader asks this module instead of building paths from `__file__` itself.

A wheel and the bundle both put the package in a folder on disk, so the folder
next to this file is tried first; `importlib.resources` is the fallback for an
install without such a folder (zipped), and is imported only then because it
costs ~2 ms of the window's start-up. `tests/test_wheel_install.py` and
`tests/test_bundle.py` check both installed forms.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

_PACKAGE = "klasse_desktop"
_HERE = Path(__file__).parent


def _packaged(name: str) -> Traversable:
    on_disk = _HERE / name
    if on_disk.is_dir():
        return on_disk
    from importlib.resources import files

    return files(_PACKAGE) / name


def resource_root() -> Traversable:
    """Root of the shipped `resources/` tree, wherever the app was installed from."""
    for on_disk in (_HERE / "resources", _HERE.resolve().parent / "resources"):
        if on_disk.is_dir():  # a wheel or the bundle; a source checkout
            return on_disk
    from importlib.resources import files

    packaged = files(_PACKAGE) / "resources"
    if packaged.is_dir():
        return packaged
    raise FileNotFoundError(f"Klasse Desktop resources not found (looked in {packaged})")


def resource(*parts: str) -> Traversable:
    """A file or directory below `resources/`, e.g. `resource("wizards")`."""
    node = resource_root()
    for part in parts:
        node = node / part
    return node


def locale_dir() -> Traversable:
    """Compiled gettext catalogs (`<lang>/LC_MESSAGES/<domain>.mo`)."""
    return _packaged("locale")
