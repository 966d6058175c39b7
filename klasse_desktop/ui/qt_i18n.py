"""Qt's side of translation: Qt's own buttons and `tr()` calls, through gettext.

`GettextTranslator` answers Qt's lookups from our Babel catalogs, so there is one
set of catalogs for everything; `qtbase_<lang>.qm` (shipped with PySide6) turns
Qt's standard buttons and dialogs ("Cancel", "OK") into the user's language.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from klasse_desktop import i18n

QT_LOCALES = {"nl": "nl_NL", "en": "en_GB"}


class GettextTranslator(QTranslator):
    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        # None becomes a null QString, which tells Qt "not translated here, ask the
        # next translator"; an empty string would count as a translation.
        if not source:  # gettext("") would return the catalog's header
            return None
        translated = i18n._(source)
        return translated if translated != source else None

    def isEmpty(self) -> bool:  # noqa: N802 - Qt API
        return False


_installed: list[QTranslator] = []


def install_translators(app: QCoreApplication, language: str) -> None:
    """(Re)install translators for `language`; safe to call on every language switch."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    locale = QLocale(QT_LOCALES.get(language, language))
    QLocale.setDefault(locale)
    qtbase = QTranslator(app)
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qtbase.load(locale, "qtbase", "_", path):
        app.installTranslator(qtbase)
        _installed.append(qtbase)
    ours = GettextTranslator(app)
    app.installTranslator(ours)
    _installed.append(ours)
