"""Start-up and wizard-step speed of the desktop app, against a bare PySide6 window.

    python benchmarks/startup.py [--runs N]

Cold start: a fresh process from launch to the first paint of the main window,
for a bare QMainWindow (the baseline, measured in the same run) and for Klasse
Desktop as a teacher starts it every day: welcome seen, rules cache filled,
bytecode compiled. Step: clicking Next on a chosen answer until the next page is painted.
Goals (issue 3): start ≤ 1.3× the bare window; a step under 16 ms. Prints a
table; gates nothing.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv[:1])
win = QMainWindow(); win.setCentralWidget(QLabel("hello")); win.resize(1366, 768)
class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print(time.time(), flush=True); QTimer.singleShot(0, app.quit); win.removeEventFilter(self)
        return False
watch = Watch(); win.installEventFilter(watch); win.show(); app.exec()
"""

APP = """
import sys, time
from klasse_desktop.app import run  # as `python -m klasse_desktop` does: no PySide6 yet
def shown(window):
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication
    class Watch(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                print(time.time(), flush=True)
                QTimer.singleShot(0, QApplication.instance().quit); obj.removeEventFilter(self)
            return False
    window.watch = Watch(); window.resize(1366, 768); window.installEventFilter(window.watch)
run(sys.argv[:1], on_shown=shown)
heavy = [m for m in ("sqlmodel", "sqlalchemy", "reportlab") if m in sys.modules]
print("heavy:" + ",".join(heavy), flush=True)
"""


def cold_start(code: str, env: dict[str, str]) -> tuple[float, str]:
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    return float(out[0]) - start, (out[1] if len(out) > 1 else "")


def step_times(samples: int) -> tuple[list[float], list[float]]:
    """Seconds per step: (to the next question, to the outcome page)."""
    from PySide6.QtWidgets import QApplication

    from klasse_desktop.protocol.graph import all_paths
    from klasse_desktop.protocol.shipped import default_rules
    from klasse_desktop.settings import Settings
    from klasse_desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    rules = default_rules()
    window = MainWindow(rules, Settings())
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    paths = [p for w in rules.wizards.values() for p in all_paths(w)]
    times: list[float] = []
    to_outcome: list[float] = []
    page = window.wizard_page
    while len(times) < samples:
        for path in paths:
            window.open_wizard(path.steps[0][0].id and next(
                w.id for w in rules.wizards.values() if path.outcome.id in w.outcomes
                and path.steps[0][0].id == w.start
            ))  # fmt: skip
            window.repaint()
            for index, (_question, choice) in enumerate(path.steps, start=1):
                page.question_view.radios[choice.id].setChecked(True)
                t0 = time.perf_counter()
                page.next()
                window.repaint()  # paint synchronously: the user sees the next page
                elapsed = time.perf_counter() - t0
                (to_outcome if index == len(path.steps) else times).append(elapsed)
            if len(times) >= samples:
                break
    window.close()
    return times, to_outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--steps", type=int, default=400)
    args = parser.parse_args()
    config = tempfile.mkdtemp(prefix="klasse-bench-")
    # A teacher's everyday start: the first-run welcome has been seen.
    settings = {"language": "nl", "welcomed": True}
    (Path(config) / "settings.json").write_text(json.dumps(settings), encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KLASSE_CONFIG_DIR": config}
    os.environ.update({"QT_QPA_PLATFORM": "offscreen", "KLASSE_CONFIG_DIR": config})

    # An installed app starts from bytecode (pip and PyInstaller both ship .pyc files);
    # a source checkout with PYTHONDONTWRITEBYTECODE would compile every module anew.
    import klasse_desktop

    compileall.compile_dir(Path(klasse_desktop.__file__).parent, quiet=1)
    cold_start(BARE, env)  # warm the OS file cache for both
    cold_start(APP, env)
    bare, app, heavy = [], [], ""
    for _ in range(args.runs):  # interleaved, so machine noise hits both alike
        bare.append(cold_start(BARE, env)[0])
        seconds, heavy = cold_start(APP, env)
        app.append(seconds)
    steps, outcomes = step_times(args.steps)

    b, a = statistics.median(bare), statistics.median(app)
    p95 = sorted(steps)[int(len(steps) * 0.95)]
    o50 = statistics.median(outcomes)
    o95 = sorted(outcomes)[int(len(outcomes) * 0.95)]
    rows = [
        ("measure", "median", "baseline", "ratio", "goal"),
        ("cold start, bare PySide6 window", f"{b * 1000:.0f} ms", "—", "1.00×", ""),
        ("cold start, Klasse Desktop", f"{a * 1000:.0f} ms", f"{b * 1000:.0f} ms", f"{a / b:.2f}×", "≤ 1.30×"),
        ("step to next question, painted", f"{statistics.median(steps) * 1000:.1f} ms",
         "16 ms frame", f"{statistics.median(steps) / 0.016:.2f}×", "< 16 ms (p95 "
         f"{p95 * 1000:.1f} ms)"),
        ("step to the outcome, painted", f"{o50 * 1000:.1f} ms",
         "16 ms frame", f"{o50 / 0.016:.2f}×", f"< 16 ms (p95 {o95 * 1000:.1f} ms)"),
    ]  # fmt: skip
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    for index, row in enumerate(rows):
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)))
        if index == 0:
            print("  ".join("-" * w for w in widths))
    print(f"\n{args.runs} cold starts each, interleaved; {len(steps)} wizard steps; "
          f"heavy modules loaded at start: {heavy.removeprefix('heavy:') or 'none'}")  # fmt: skip


if __name__ == "__main__":
    main()
    sys.stdout.flush()
    os._exit(0)  # skip PySide6's teardown at interpreter exit; nothing is left to save
