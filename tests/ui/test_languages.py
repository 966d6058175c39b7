"""Every screen, the case register included, speaks one language at a time."""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po

from klasse_desktop.resources import resource_root
from tests.ui.helpers import settle, visible_texts
from tests.ui.test_case_register_ui import data_dir, prompts, seeded, win  # noqa: F401 - fixtures
from tests.ui.test_window import screens

CATALOG = Path(str(resource_root())).parent / "translations/nl/LC_MESSAGES/klasse_desktop.po"


def _clean(text: str) -> str:
    return " ".join(text.replace("&", "").split())


def _sources() -> set[str]:
    with CATALOG.open("rb") as fh:
        catalog = read_po(fh)
    return {_clean(m.id) for m in catalog if isinstance(m.id, str)}


def _translations() -> set[str]:
    with CATALOG.open("rb") as fh:
        catalog = read_po(fh)
    return {_clean(m.string) for m in catalog if isinstance(m.string, str) and m.string}


def _pairs() -> list[tuple[str, str]]:
    with CATALOG.open("rb") as fh:
        catalog = read_po(fh)
    pairs = []
    for message in catalog:
        if message.id and isinstance(message.id, str) and isinstance(message.string, str):
            english = " ".join(message.id.replace("&", "").split())
            dutch = " ".join(message.string.replace("&", "").split())
            if english != dutch and "{" not in english and len(english) > 3:
                pairs.append((english, dutch))
    return pairs


def register_screens(window, numbers):
    window.open_register()
    yield "case list"
    window.register_page.open_case(numbers["bullying"])
    settle(window)  # the case is read in the background
    yield "case view"


def shown(window) -> set[str]:
    return set(visible_texts(window))


def test_dutch_register_screens_show_no_english(win, seeded):  # noqa: F811
    pairs = _pairs()
    english = {e for e, _d in pairs} - _translations()  # "Open" is Dutch too
    for name in register_screens(win, seeded):
        leaked = shown(win) & english
        assert not leaked, (name, leaked)


def test_english_screens_show_no_dutch(win, seeded):  # noqa: F811
    dutch_only = {d for _e, d in _pairs()} - _sources()  # "Open" is English too
    win.set_language("en")
    try:
        for name in [*screens(win), *register_screens(win, seeded)]:
            leaked = shown(win) & dutch_only
            assert not leaked, (name, leaked)
    finally:
        win.set_language("nl")
