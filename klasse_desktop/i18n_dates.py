"""Locale-aware dates through Babel ("23 februari 2026"), imported only when used."""

from __future__ import annotations

from datetime import date, datetime, time

# British English: day-month order like the Dutch original ("23 February 2026").
# Any other language code is a Babel locale as it is ("de", "tr", "ar").
BABEL_LOCALES = {"nl": "nl_NL", "en": "en_GB"}


def format_date(value: date, language: str, format: str = "long") -> str:
    from babel.dates import format_date as babel_format_date

    return babel_format_date(value, format=format, locale=BABEL_LOCALES.get(language, language))


def format_time(value: time | datetime, language: str) -> str:
    """Hours and minutes in the language's convention ("14:03", "2:03 pm")."""
    from babel.dates import format_time as babel_format_time

    return babel_format_time(value, format="short", locale=BABEL_LOCALES.get(language, language))


def version_label(version: str, language: str) -> str:
    """A protocol version as a reader says it: "versie van 23 februari 2026" for the
    dated versions the protocol uses ("2026-02-23"), "versie 3" for any other."""
    from klasse_desktop.i18n import _

    try:
        day = date.fromisoformat(version)
    except ValueError:
        return _("version {version}").format(version=version)
    return _("version of {date}").format(date=format_date(day, language))
