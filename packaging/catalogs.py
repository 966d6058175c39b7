"""Compile the Babel catalogs in `translations/` into `klasse_desktop/locale/`.

Compiled `.mo` files are build output (git-ignored): `tasks.py` runs this on
every command and the wheel build hook runs it before packaging, so a stale
catalog cannot ship.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "translations"
TARGET = ROOT / "klasse_desktop" / "locale"


def compile_all(source: Path = SOURCE, target: Path = TARGET) -> list[Path]:
    written = []
    for po_path in sorted(source.glob("*/LC_MESSAGES/*.po")):
        rel = po_path.relative_to(source).with_suffix(".mo")
        out = target / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        with po_path.open("rb") as fh:
            catalog = read_po(fh, locale=po_path.parts[-3])
        tmp = out.with_suffix(".mo.tmp")
        with tmp.open("wb") as fh:
            write_mo(fh, catalog, use_fuzzy=False)
        tmp.replace(out)
        written.append(out)
    return written


if __name__ == "__main__":
    if sys.argv[1:] != ["compile"]:
        sys.exit("usage: catalogs.py compile")
    compile_all()
