"""Names nobody registered: found with `deduce`, a Dutch de-identification library.

A pasted chat says "Sem" and "Lotte van der Berg"; neither is a party of the case.
`deduce` recognises Dutch (and many other) person names from its lookup lists and
patterns. Its results are only ever *flags* for the director's review: a name it
finds is never printed without a decision, and a word it takes for a name costs one
click. Titles ("juf", "meneer"), weekdays, months, the school's and foundation's
names and the apps people mention are never flagged.

Loading `deduce` takes seconds (its lookup structures are built once, when the
project is installed or bundled: `python -m klasse_desktop.reports.redaction.unregistered
--prepare`), so it is loaded on first use, off the UI thread, and kept.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from klasse_desktop.reports.redaction.folding import fold_name

# A finder returns (start, end) spans of person names in a text.
NameFinder = Callable[[str], list[tuple[int, int]]]

_TITLES = """juf juffrouw meester meneer mevrouw mevr mevr. mw mw. dhr dhr. heer de mr mr. dr dr.
familie fam fam. oma opa tante oom mama papa mam pap moeder vader broer zus
collega stagiair stagiaire leerling ouder leerkracht directeur"""
_NEVER = """maandag dinsdag woensdag donderdag vrijdag zaterdag zondag
januari februari maart april mei juni juli augustus september oktober november december
klasse stichting protocol juf meester groep whatsapp instagram tiktok snapchat facebook
youtube teams google parro social schools signal telegram x twitter discord roblox fortnite
minecraft ib'er ib vertrouwenspersoon politie inspectie halt veilig thuis ggd leerplicht
mr cvb bestuur"""
TITLES = frozenset(_TITLES.split())
NEVER_NAMES = frozenset(fold_name(word) for word in _NEVER.split())

_lock = threading.Lock()
_model: Any = None


# Where the built lookup structures are kept: next to this module when the project
# was installed or bundled (`--prepare`), else in the user's cache folder. A cache
# folder without deduce's source lists is never judged stale by file dates, so a
# bundle's copy stays valid whatever dates the installer gives the files.
PACKAGED_CACHE = Path(__file__).parent / "_deduce_cache"
_PICKLE = Path("cache") / "lookup_structs.pickle"


def _cache_folders() -> list[Path]:
    from platformdirs import user_cache_dir

    return [PACKAGED_CACHE, Path(user_cache_dir("klasse-desktop", appauthor=False)) / "deduce"]


def _writable(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".probe"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError:
        return False
    return True


def load() -> Any:
    """The `deduce` model, loaded once per process (thread-safe; seconds, or about a
    minute and a half the very first time, when its lookup structures are built)."""
    global _model
    with _lock:
        if _model is None:
            import logging

            from deduce import Deduce

            logging.getLogger().setLevel(max(logging.getLogger().level, logging.WARNING))
            folders = _cache_folders()
            built = [f for f in folders if (f / _PICKLE).is_file()]
            target = next(iter(built), None) or next((f for f in folders if _writable(f)), None)
            _model = Deduce(cache_path=target) if target else Deduce()
            # Its lookup lists are millions of objects that live until the process
            # ends: frozen, no garbage collection walks them again (each full
            # collection took seconds, the window frozen meanwhile, and so did exit).
            import gc

            gc.freeze()
        return _model


def is_loaded() -> bool:
    return _model is not None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop leading titles ("Juf Els" → "Els") and surrounding punctuation."""
    while True:
        head = text[start:end]
        first = head.split(maxsplit=1)
        if len(first) == 2 and fold_name(first[0]).rstrip(".") in {t.rstrip(".") for t in TITLES}:
            start += head.index(first[1])
            continue
        break
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return start, end


def deduce_finder(ignore: Iterable[str] = ()) -> NameFinder:
    """A finder backed by `deduce`; `ignore` adds names that are never flagged (the
    school's and the foundation's names)."""
    ignored = set(NEVER_NAMES) | {fold_name(word) for word in ignore if word.strip()}
    for word in list(ignored):
        ignored.update(word.split())

    def find(text: str) -> list[tuple[int, int]]:
        if not text.strip():
            return []
        document = load().deidentify(text)
        spans = []
        for annotation in document.annotations:
            if not any(tag in annotation.tag for tag in ("persoon", "patient", "person")):
                continue
            start, end = _trim(text, annotation.start_char, annotation.end_char)
            folded = fold_name(text[start:end])
            if not folded or folded in ignored or all(w in ignored for w in folded.split()):
                continue
            spans.append((start, end))
        return sorted(spans)

    return find


def no_names(_text: str) -> list[tuple[int, int]]:
    """A finder that finds nothing: for tests whose texts hold registered names only."""
    return []


def main(argv: list[str]) -> int:
    if argv[1:] == ["--prepare"]:
        load()
        print("deduce lookup structures ready")
        return 0
    print("usage: python -m klasse_desktop.reports.redaction.unregistered --prepare")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
