"""Choosing files and folders: in the app's language, starting where the user was last.

The native dialog of Windows, macOS or GNOME speaks the system's language; Qt's
own dialog (used on Linux without a native one, and by us on Linux when the
system speaks another language than the app) speaks ours, except for two labels
that `qtbase_nl.qm` lacks ("&Look in:", "Files of &type:"), which are set here.
The folder of the last file chosen is remembered in `last-folder.json` next to
the settings, so the next "Save as PDF" opens there instead of in the home folder.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QFileDialog, QWidget

from klasse_desktop.i18n import N_, _, current_language
from klasse_desktop.paths import config_dir

FOLDER_FILE = "last-folder.json"
log = logging.getLogger(__name__)
_remembered: list[Path] = []  # this session's last folder (read from disk once)

# Labels of Qt's own dialog that Qt's Dutch catalog does not have with these mnemonics:
# ours (translated in our catalog), and Qt's own text without the mnemonic as fallback.
_LABELS = (
    (QFileDialog.DialogLabel.LookIn, N_("Look &in:"), "Look in:"),
    (QFileDialog.DialogLabel.FileType, N_("Files of &type:"), "Files of type:"),
)


def last_folder() -> Path:
    """The folder of the last file or folder chosen, if it still exists; else home."""
    if not _remembered:
        try:
            data = json.loads((config_dir() / FOLDER_FILE).read_text(encoding="utf-8"))
            _remembered.append(Path(str(data["folder"])))
        except (OSError, ValueError, KeyError, TypeError):
            _remembered.append(Path.home())
    folder = _remembered[-1]
    return folder if folder.is_dir() else Path.home()


def remember(folder: Path) -> None:
    """Keep `folder` for the next dialog (written at once; a failure only logs)."""
    from klasse_desktop.atomic_write import write_atomically

    _remembered[:] = [folder]
    data = json.dumps({"folder": str(folder)}, ensure_ascii=False).encode("utf-8")
    try:
        write_atomically(data, config_dir() / FOLDER_FILE, prefix=".last-folder-")
    except OSError as exc:  # the path itself can carry a name: never logged
        log.warning("last folder not saved: %s", type(exc).__name__)


def use_qt_dialog() -> bool:
    """Qt's own dialog on Linux when the system speaks another language than the app
    (a native GTK dialog would be English in a Dutch app); native everywhere else."""
    if not sys.platform.startswith("linux"):
        return False
    return not QLocale.system().name().startswith(current_language())


def _label(ours: str, qt_source: str) -> str:
    translated = _(ours)
    if translated != ours or current_language() == "en":
        return translated
    return QCoreApplication.translate("QFileDialog", qt_source)


def _dialog(parent: QWidget | None, title: str, start: Path, filters: str) -> QFileDialog:
    dialog = QFileDialog(parent, title, str(start), filters)
    if use_qt_dialog():
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    for which, ours, qt_source in _LABELS:
        dialog.setLabelText(which, _label(ours, qt_source))
    return dialog


def _run(dialog: QFileDialog) -> list[Path]:
    chosen = [Path(name) for name in dialog.selectedFiles()] if dialog.exec() else []
    dialog.deleteLater()
    if chosen:
        remember(chosen[0] if chosen[0].is_dir() else chosen[0].parent)
    return chosen


def save_file(parent: QWidget | None, title: str, suggested: str, filters: str = "") -> Path | None:
    """Ask where to save; starts in the last folder with `suggested` as the name."""
    dialog = _dialog(parent, title, last_folder() / suggested, filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    chosen = _run(dialog)
    return chosen[0] if chosen else None


def open_file(parent: QWidget | None, title: str, filters: str = "") -> Path | None:
    dialog = _dialog(parent, title, last_folder(), filters)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    chosen = _run(dialog)
    return chosen[0] if chosen else None


def open_files(parent: QWidget | None, title: str, filters: str = "") -> list[Path]:
    dialog = _dialog(parent, title, last_folder(), filters)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    return _run(dialog)


def choose_folder(parent: QWidget | None, title: str) -> Path | None:
    dialog = _dialog(parent, title, last_folder(), "")
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    chosen = _run(dialog)
    return chosen[0] if chosen else None
