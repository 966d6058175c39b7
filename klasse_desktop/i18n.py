"""Translation set-up: gettext catalogs compiled from `translations/` by Babel.

Import explicitly — `from klasse_desktop.i18n import _, N_, ngettext` — never
through builtins, so every module says where its strings come from. `N_` marks a
string declared at import time (before a language is chosen); translate it at
display time with `_()`. Source strings are English; Dutch is the default
language of the app.
"""

from __future__ import annotations

import gettext as _gettext
from functools import cache

from klasse_desktop.resources import locale_dir

DOMAIN = "klasse_desktop"
DEFAULT_LANGUAGE = "nl"
SOURCE_LANGUAGE = "en"


def _discover() -> tuple[str, ...]:
    """The languages with a compiled catalog: a translator adds one without Python."""
    found = set()
    root = locale_dir()
    if root.is_dir():
        for entry in root.iterdir():
            if (entry / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file():
                found.add(entry.name)
    found |= {DEFAULT_LANGUAGE, SOURCE_LANGUAGE}
    return (DEFAULT_LANGUAGE, SOURCE_LANGUAGE, *sorted(found - {DEFAULT_LANGUAGE, SOURCE_LANGUAGE}))


SUPPORTED_LANGUAGES = _discover()

_translations: _gettext.NullTranslations = _gettext.NullTranslations()
_language = DEFAULT_LANGUAGE


@cache  # a catalog is read once per process, however often the language switches
def _load(language: str) -> _gettext.NullTranslations:
    mo = locale_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if mo.is_file():
        with mo.open("rb") as fh:
            return _gettext.GNUTranslations(fh)
    return _gettext.NullTranslations()


def set_language(language: str) -> None:
    """Switch every later `_()` call to `language` (falls back to the source text)."""
    global _translations, _language
    if language not in SUPPORTED_LANGUAGES:
        raise ValueError(language)
    _translations = _load(language)
    _language = language


def current_language() -> str:
    return _language


def _(message: str) -> str:
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _translations.pgettext(context, message)


def N_(message: str) -> str:  # noqa: N802 - the conventional gettext marker name
    return message


set_language(DEFAULT_LANGUAGE)
