"""Sorting names and titles the way a Dutch (or English) reader expects: QCollator.

`str.casefold()` puts "Émile", "Ömer" and "Şükrü" after "Zoë" and "groep 10"
before "groep 9"; the user's locale puts them where a reader looks for them
(`numericMode` orders numbers by value). One collator per language, made when
first asked for.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from PySide6.QtCore import QCollator, QCollatorSortKey, QLocale, Qt

from klasse_desktop.i18n import current_language
from klasse_desktop.ui.qt_i18n import QT_LOCALES


@cache
def collator(language: str) -> QCollator:
    result = QCollator(QLocale(QT_LOCALES.get(language, language)))
    result.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    result.setNumericMode(True)
    return result


def collation_key(text: str) -> QCollatorSortKey:
    """A sort key for one text in the current language (for short lists)."""
    return collator(current_language()).sortKey(text)


def collation_ranks(texts: Iterable[str]) -> dict[str, int]:
    """Each distinct text's place in the current language's order: sorting by these
    integers is as fast as sorting strings. Made from sort keys (10 000 distinct
    titles: ~75 ms once; comparing through `compare` would take twice as long)."""
    current = collator(current_language())
    keys = {text: current.sortKey(text) for text in set(texts)}
    order = sorted(keys, key=keys.__getitem__)
    return {text: rank for rank, text in enumerate(order)}
