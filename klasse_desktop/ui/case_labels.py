"""Display texts for case data: vocabulary labels and dates, translated when shown.

The register stores values ("pesten", "leerlingendossier"); every view shows
them through these functions, so a language switch needs no new query. Dates go
through Babel: short ones in tables ("16-11-2026", cached per day and language,
so 10 000 rows stay fast), long ones in headers and the timeline ("3 maart 2026").
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import TypeVar

from klasse_desktop.cases.models import (
    CATEGORY_LABELS,
    ENTRY_KIND_LABELS,
    ROLE_LABELS,
    STATUS_LABELS,
    label_of,
)
from klasse_desktop.i18n import _, current_language
from klasse_desktop.protocol.labels import file_type_label as _file_type_label
from klasse_desktop.protocol.models import FileType

_Value = TypeVar("_Value", bound=str)  # a vocabulary's keys: str or one of its StrEnums


def category_label(value: str) -> str:
    return label_of(CATEGORY_LABELS, value)


def status_label(value: str) -> str:
    return label_of(STATUS_LABELS, value)


def role_label(value: str) -> str:
    return label_of(ROLE_LABELS, value)


def entry_kind_label(value: str) -> str:
    return label_of(ENTRY_KIND_LABELS, value)


def file_type_label(value: str) -> str:
    """The label with a capital ("Leerlingendossier"), like every other value shown on its own
    ("Pesten", "Open"); in a sentence the protocol's own label is used."""
    try:
        label = _file_type_label(FileType(value))
    except ValueError:
        return value
    return label[:1].upper() + label[1:]


def vocabulary(labels: Mapping[_Value, str]) -> list[tuple[str, str]]:
    """(value, translated label) pairs in the vocabulary's own order, for combo boxes."""
    return [(str(value), _(label)) for value, label in labels.items()]


def file_types() -> list[tuple[str, str]]:
    return [(f.value, file_type_label(f.value)) for f in FileType]


def short_date(value: date | None) -> str:
    if value is None:
        return ""
    return _short_date(value, current_language())


@lru_cache(maxsize=8192)
def _short_date(value: date, language: str) -> str:
    from klasse_desktop.i18n_dates import format_date

    # Babel's short date: "16-11-2026" (nl), "16/11/2026" (en).
    return format_date(value, language, "short")


def long_date(value: date | None) -> str:
    if value is None:
        return "—"
    return _long_date(value, current_language())


@lru_cache(maxsize=8192)
def _long_date(value: date, language: str) -> str:
    from klasse_desktop.i18n_dates import format_date

    # A long timeline repeats its dates: Babel takes ~0.05 ms a date.
    return format_date(value, language)


def moment(value: datetime) -> str:
    """A stored UTC moment in the computer's local time: "25 november 2026, 14:03".

    SQLite gives the moment back without a time zone; the register writes UTC."""
    local = (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone()
    from klasse_desktop.i18n_dates import format_time

    return _("{date}, {time}").format(
        date=long_date(local.date()), time=format_time(local, current_language())
    )


def size_text(size: int) -> str:
    if size < 1024:
        return _("{n} bytes").format(n=size)
    if size < 1024 * 1024:
        return _("{n} kB").format(n=round(size / 1024))
    from babel.numbers import format_decimal

    from klasse_desktop.i18n import current_language

    return _("{n} MB").format(n=format_decimal(round(size / 2**20, 1), locale=current_language()))
