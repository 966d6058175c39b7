"""A teacher who opens a wizard never pays for the database or the PDF engine."""

from __future__ import annotations

import os
import subprocess
import sys

CHECK = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from klasse_desktop.app import run

def shown(window):
    window.open_wizard("plaatsen")
    window.wizard_page.run.replay((("wie", "medewerker"),))
    window.wizard_page.refresh()
    QTimer.singleShot(0, QApplication.instance().quit)

run(["klasse-desktop"], on_shown=shown)
heavy = sorted(m for m in sys.modules if m.split(".")[0] in {"sqlmodel", "sqlalchemy", "reportlab", "yaml"})
print(",".join(heavy))
"""


def test_window_and_wizard_do_not_import_sqlmodel_reportlab_or_yaml(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    first = subprocess.run([sys.executable, "-c", CHECK], env=env, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    # The first start validates the YAML and fills the rules cache; the second reads it.
    second = subprocess.run([sys.executable, "-c", CHECK], env=env, capture_output=True, text=True)
    assert second.returncode == 0, second.stderr
    assert second.stdout.strip() == ""


AT_FIRST_PAINT = """
import sys
from klasse_desktop.app import run

def shown(window):
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    class Watch(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                obj.removeEventFilter(self)
                import PySide6.QtCore
                loaded = [m for m in ("klasse_desktop.protocol.models", "babel",
                          "logging.handlers", "klasse_desktop.protocol.search") if m in sys.modules]
                if "Qt" in vars(PySide6.QtCore):
                    loaded.append("the Qt namespace")
                print("at first paint:", ",".join(loaded))
                QTimer.singleShot(200, QApplication.instance().quit)  # after the deferred work
            return False

    window.watch = Watch()
    window.installEventFilter(window.watch)

run(["klasse-desktop"], on_shown=shown)
print("after:", "klasse_desktop.protocol.models" in sys.modules, "babel" in sys.modules)
"""


def test_the_first_paint_waits_for_nothing_it_does_not_show(tmp_path):
    """Start-up is a feature: with the rules cache filled, the window is painted from
    the summary; the model classes, Babel, the log handlers, the search and Qt's
    `Qt` namespace (~12 ms) all load after the first paint."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    first = subprocess.run([sys.executable, "-c", CHECK], env=env, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr  # fills the rules cache
    second = subprocess.run(
        [sys.executable, "-c", AT_FIRST_PAINT], env=env, capture_output=True, text=True
    )
    assert second.returncode == 0, second.stderr
    assert second.stdout.splitlines() == ["at first paint: ", "after: True True"]
