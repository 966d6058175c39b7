"""The photo check dialog: faces found in the background with progress, numbered boxes,
a box added by dragging and removed, blur per box or for all, the safe copy and the
metadata-only copy, a clear message for what is not a photo, and nothing loaded
before it is needed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from klasse_desktop.i18n import _, ngettext
from klasse_desktop.photos import summary
from klasse_desktop.photos.boxes import intersection
from klasse_desktop.photos.detection import detect_faces
from klasse_desktop.photos.loading import load_photo
from klasse_desktop.ui import background, file_dialogs
from klasse_desktop.ui.photo_check_dialog import PhotoCheckDialog
from tests import photo_samples as samples

TIMEOUT = 60_000  # the first check converts the model (a second or two on a slow machine)


@pytest.fixture
def photo(tmp_path) -> Path:
    picture, _boxes = samples.group_photo((900, 460), heights=(140, 220))
    return samples.full_jpeg(tmp_path / "schoolreis.jpg", picture)


def checked_dialog(qtbot, path: Path | None) -> PhotoCheckDialog:
    dialog = PhotoCheckDialog(None, path)
    qtbot.addWidget(dialog)
    dialog.show()
    if path is not None:
        qtbot.waitUntil(
            lambda: dialog.checked is not None or bool(dialog.error.text()), timeout=TIMEOUT
        )
    return dialog


def item_texts(dialog: PhotoCheckDialog) -> list[str]:
    panel = dialog.panel.boxes_list
    return [panel.item(row).text() for row in range(panel.count())]


def test_faces_are_found_in_the_background_and_numbered(qtbot, photo):
    dialog = PhotoCheckDialog(None)
    qtbot.addWidget(dialog)
    moves: list[tuple[int, int]] = []
    dialog.carrier.moved.connect(lambda done, total: moves.append((done, total)))
    dialog.open_photo(photo)
    assert not dialog.progress.isHidden() and dialog.checked is None
    assert not dialog.save_button.isEnabled()  # nothing to save while it looks
    qtbot.waitUntil(lambda: dialog.checked is not None, timeout=TIMEOUT)
    assert moves and moves[-1] == (1, 1)  # one pass for a small photo, reported as done
    assert dialog.progress.isHidden()
    assert dialog.summary.text() == summary.faces_found(2)
    assert item_texts(dialog) == [_("Face {number}").format(number=n) for n in (1, 2)]
    assert [box.number for box in dialog.view.boxes] == [1, 2]
    assert all(box.blur and box.patch is not None for box in dialog.view.boxes)
    assert _("location (GPS)") in dialog.metadata.text()
    assert dialog.save_button.isEnabled()
    assert dialog.panel.count.text() == ngettext(
        "{n} of {total} box will be blurred.", "{n} of {total} boxes will be blurred.", 2
    ).format(n=2, total=2)


def test_a_box_is_added_by_dragging_and_removed(qtbot, photo):
    dialog = checked_dialog(qtbot, photo)
    view = dialog.view
    area = view.image_rect()
    start = QPoint(round(area.x() + 5), round(area.y() + 5))
    end = QPoint(round(area.x() + area.width() * 0.08), round(area.y() + area.height() * 0.15))
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view, end)
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=end)
    assert len(view.boxes) == 3
    drawn = view.boxes[2]
    assert drawn.face.manual and drawn.number == 3 and drawn.blur and drawn.patch is not None
    assert drawn.face.x < 10 and drawn.face.width > 40
    assert item_texts(dialog)[2] == _("Box {number} (drawn by you)").format(number=3)
    assert view.selected == 2
    dialog.panel.remove_button.click()
    assert len(view.boxes) == 2 and len(item_texts(dialog)) == 2
    # A click on a face selects it in the list.
    face_rect = view.to_widget(view.boxes[0].face)
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=face_rect.center().toPoint())
    assert view.selected == 0 and dialog.panel.boxes_list.currentRow() == 0


def save_to(monkeypatch, target: Path) -> None:
    monkeypatch.setattr(file_dialogs, "save_file", lambda *args, **kwargs: target)


def test_the_safe_copy_blurs_the_ticked_faces_only(qtbot, photo, tmp_path, monkeypatch):
    dialog = checked_dialog(qtbot, photo)
    faces = [box.face for box in dialog.view.boxes]
    first = dialog.panel.boxes_list.item(0)
    first.setCheckState(Qt.CheckState.Unchecked)  # keep face 1 visible
    assert [box.blur for box in dialog.view.boxes] == [False, True]
    target = tmp_path / "out" / "veilig.jpg"
    target.parent.mkdir()
    save_to(monkeypatch, target)
    saved: list[object] = []
    dialog.safe_copy_saved.connect(saved.append)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: bool(saved), timeout=TIMEOUT)
    assert saved == [target]
    assert dialog.result_label.text().splitlines()[0] == _("Safe copy saved: {name}").format(
        name="veilig.jpg"
    )
    assert _("{what}: removed").format(what=_("location (GPS)")) in dialog.result_label.text()
    copy = load_photo(target)
    assert copy.metadata.removed == ()
    left = detect_faces(copy.image)
    assert len(left) == 1 and intersection(left[0], faces[0]) > 0
    assert not any(intersection(found, faces[1]) for found in left)


def test_blur_none_then_all_and_the_metadata_only_copy(qtbot, photo, tmp_path, monkeypatch):
    dialog = checked_dialog(qtbot, photo)
    dialog.panel.blur_none.click()
    assert not any(box.blur for box in dialog.view.boxes)
    dialog.panel.blur_all.click()
    assert all(box.blur for box in dialog.view.boxes)
    dialog.metadata_only.setChecked(True)
    assert not dialog.panel.isEnabled() and not dialog.view.show_blur
    assert dialog.faces_to_blur() == []
    target = tmp_path / "alleen-metadata"  # no suffix typed: .jpg is added
    save_to(monkeypatch, target)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: bool(dialog.result_label.text()), timeout=TIMEOUT)
    written = tmp_path / "alleen-metadata.jpg"
    assert _("Only the metadata was removed; no faces were blurred.") in dialog.result_label.text()
    assert len(detect_faces(load_photo(written).image)) == 2
    assert load_photo(written).metadata.removed == ()


def test_what_is_not_a_photo_gets_a_message(qtbot, tmp_path):
    text = tmp_path / "lijst.jpg"
    text.write_text("namen van de klas")
    dialog = checked_dialog(qtbot, text)
    assert dialog.error.text() == _(
        "“{name}” is not a photo the app can read (JPEG, PNG, HEIC or MPO)."
    ).format(name="lijst.jpg")
    assert dialog.checked is None and not dialog.save_button.isEnabled()
    assert dialog.progress.isHidden()


def test_a_dropped_photo_is_checked(qtbot, photo):
    dialog = checked_dialog(qtbot, None)
    assert dialog.view.empty_text and dialog.view.preview is None
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo))])
    event = QDropEvent(
        QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    dialog.dropEvent(event)
    qtbot.waitUntil(lambda: dialog.checked is not None, timeout=TIMEOUT)
    assert len(dialog.view.boxes) == 2 and dialog.view.preview is not None


def test_closing_during_the_check_forgets_the_photo(qtbot, photo):
    dialog = PhotoCheckDialog(None, photo)
    qtbot.addWidget(dialog)
    dialog.reject()
    assert background.wait_for_all(TIMEOUT)
    assert dialog.checked is None and dialog.view.preview is None and dialog.view.boxes == []


def test_opening_the_dialog_module_loads_no_photo_libraries():
    code = (
        "import sys, klasse_desktop.ui.photo_check_dialog;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'onnxruntime', 'onnx', 'numpy', 'PIL', 'pi_heif'}))"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
