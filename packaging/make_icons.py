"""Render the app icon (resources/icons/klasse-desktop.svg) in the usual sizes.

    python packaging/make_icons.py OUTDIR

Writes PNGs (16–512 px), a Windows .ico and a macOS .icns; build output, not
committed: the SVG is the source.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication, QIcon, QImageWriter

ROOT = Path(__file__).resolve().parents[1]
SVG = ROOT / "resources" / "icons" / "klasse-desktop.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def make_icons(outdir: Path) -> list[Path]:
    app = QGuiApplication.instance() or QGuiApplication([])
    icon = QIcon(str(SVG))
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for size in SIZES:
        image = icon.pixmap(QSize(size, size)).toImage()
        target = outdir / f"klasse-desktop-{size}.png"
        if not image.save(str(target)):
            raise RuntimeError(f"could not write {target}")
        written.append(target)
    for suffix in ("ico", "icns"):
        target = outdir / f"klasse-desktop.{suffix}"
        writer = QImageWriter(str(target), suffix.encode())
        if not writer.write(icon.pixmap(QSize(256, 256)).toImage()):
            raise RuntimeError(f"could not write {target}: {writer.errorString()}")
        written.append(target)
    del app
    return written


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    for path in make_icons(Path(sys.argv[1])):
        print(path)
