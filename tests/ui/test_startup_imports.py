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
    window.wizard_page.run.answer("medewerker")
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
