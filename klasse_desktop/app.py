"""Start-up and wiring of the desktop app; nothing else.

Only what the first window needs is imported here: the case register (SQLModel)
and reports (ReportLab) load when first used, so a teacher who opens a wizard
never pays for them.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any


def run(
    argv: Sequence[str] | None = None,
    *,
    today: date | None = None,
    on_shown: Callable[[Any], None] | None = None,
) -> int:
    """Start the window; `on_shown(window)` lets benchmarks observe the first paint."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from klasse_desktop import i18n
    from klasse_desktop.i18n import _
    from klasse_desktop.protocol.errors import InvalidRulesError
    from klasse_desktop.protocol.shipped import default_rules
    from klasse_desktop.settings import load_settings
    from klasse_desktop.ui import crash
    from klasse_desktop.ui.main_window import MainWindow
    from klasse_desktop.ui.qt_i18n import install_translators
    from klasse_desktop.ui.style import STYLE_SHEET

    crash.install()
    settings = load_settings()
    i18n.set_language(settings.language)
    app = QApplication.instance() or QApplication(list(argv or sys.argv[:1]))
    app.setApplicationName("Klasse Desktop")
    app.setOrganizationName("Stichting Klasse")
    install_translators(app, settings.language)
    from PySide6.QtGui import QIcon

    from klasse_desktop.resources import resource

    app.setWindowIcon(QIcon(str(resource("icons", "klasse-desktop.svg"))))
    app.setDesktopFileName("klasse-desktop")
    app.setStyleSheet(STYLE_SHEET)
    try:
        rules = default_rules()
    except InvalidRulesError as exc:
        QMessageBox.critical(
            None,
            _("Klasse Desktop cannot start"),
            _("The protocol files of this installation are damaged:\n\n{errors}").format(
                errors="\n".join(str(e) for e in exc.errors[:10])
            ),
        )
        return 2
    window = MainWindow(rules, settings, today)
    window.show()
    if on_shown is not None:
        on_shown(window)
    return app.exec()
