"""Start-up and wiring of the desktop app; nothing else.

Only what the first window needs is loaded before it is painted: the case
register (SQLModel) and reports (ReportLab) load when first used, Babel and the
log file right after the first paint. The window is painted from the rules'
summary in the cache (`protocol/summary.py`); the full rules load right after.
The plain-Python part (settings, language, summary) runs before PySide6 is
imported, because PySide6 scans the source of every module imported after it
(~0.1 ms each). Start-up is a feature: see benchmarks/startup.py.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from klasse_desktop.protocol.errors import InvalidRulesError


def run(
    argv: Sequence[str] | None = None,
    *,
    today: date | None = None,
    on_shown: Callable[[Any], None] | None = None,
) -> int:
    """Start the window; `on_shown(window)` lets benchmarks observe the first paint.

    The log file is set up right after the first paint; a first start (no settings
    file yet) greets the user with the welcome dialog."""
    from klasse_desktop import i18n, logs
    from klasse_desktop.i18n import _
    from klasse_desktop.protocol.shipped import default_rules, start_summary
    from klasse_desktop.settings import load_settings
    from klasse_desktop.ui import crash

    crash.install()
    settings = load_settings()
    i18n.set_language(settings.language)
    summary = start_summary()
    damaged: InvalidRulesError | None = None
    if summary is None:  # first start after an install or update: validate the rules now
        from klasse_desktop.protocol.errors import InvalidRulesError
        from klasse_desktop.protocol.summary import summarise

        try:
            summary = summarise(default_rules())
        except InvalidRulesError as exc:
            damaged = exc

    from PySide6.QtCore import qVersion
    from PySide6.QtWidgets import QApplication

    from klasse_desktop.ui import single_instance
    from klasse_desktop.ui.first_paint import after_first_paint
    from klasse_desktop.ui.main_window import MainWindow
    from klasse_desktop.ui.qt_i18n import install_translators
    from klasse_desktop.ui.style import apply_style

    existing = QApplication.instance()  # tests start one per session
    if isinstance(existing, QApplication):
        app = existing
    else:
        app = QApplication(list(argv or sys.argv[:1]))
    app.setApplicationName("Klasse Desktop")
    app.setOrganizationName("Stichting Klasse")
    app.setDesktopFileName("klasse-desktop")
    install_translators(app, settings.language)

    lock = single_instance.acquire()  # held (kept alive here) until the window closes
    if lock is None:
        from PySide6.QtWidgets import QMessageBox

        logging.getLogger(__name__).info("second start refused: the window is already open")
        QMessageBox.information(
            None,
            _("Klasse Desktop"),
            _(
                "Klasse Desktop is already open. Switch to the open window (see the taskbar) "
                "instead of starting it again."
            ),
        )
        return 0
    app.aboutToQuit.connect(lock.unlock)
    if summary is None:  # the rules could not be validated
        from PySide6.QtWidgets import QMessageBox

        errors = damaged.errors if damaged is not None else []
        logging.getLogger(__name__).error("protocol files invalid: %d errors", len(errors))
        QMessageBox.critical(
            None,
            _("Klasse Desktop cannot start"),
            _("The protocol files of this installation are damaged:\n\n{errors}").format(
                errors="\n".join(str(e) for e in errors[:10])
            ),
        )
        return 2
    window = MainWindow(
        default_rules, settings, today, summary=summary, show_welcome=not settings.welcomed
    )
    window.show()

    def after_paint() -> None:  # start-up is a feature: nothing here delays the window
        from PySide6.QtGui import QIcon  # the SVG icon plugin costs a few ms

        from klasse_desktop.resources import resource

        apply_style(app)  # light or dark; the start page carries its own sheet until now
        app.setWindowIcon(QIcon(str(resource("icons", "klasse-desktop.svg"))))
        logs.setup()
        logs.log_start("window", settings.language, extra=f"Qt {qVersion()}")

    after_first_paint(window, after_paint)
    if on_shown is not None:
        on_shown(window)
    return app.exec()
