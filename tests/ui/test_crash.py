"""An unexpected error shows a calm message and prints no personal data."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from klasse_desktop.ui import crash


def test_unexpected_error_shows_a_message_without_the_details(qapp, monkeypatch, capsys):
    shown = []
    monkeypatch.setattr(
        QMessageBox, "critical", lambda _p, title, text: shown.append((title, text))
    )
    try:
        raise ValueError("Zoë Janssen, groep 7")  # a message that must not leak
    except ValueError as exc:
        crash.handle(type(exc), exc, exc.__traceback__)
    title, text = shown[0]
    assert title == "Er ging iets mis"
    assert "ValueError" in text and "Zoë" not in text
    err = capsys.readouterr().err
    assert "ValueError" in err and "test_crash.py" in err and "Zoë" not in err


def test_unexpected_error_is_logged_as_type_and_place_only(qapp, monkeypatch, tmp_path, capsys):
    from klasse_desktop import logs

    monkeypatch.setattr(QMessageBox, "critical", lambda *_args: None)
    logs.shutdown()
    try:
        logs.setup(directory=tmp_path)
        try:
            raise KeyError("Zoë Janssen")
        except KeyError as exc:
            crash.handle(type(exc), exc, exc.__traceback__)
    finally:
        logs.shutdown()
    capsys.readouterr()
    written = (tmp_path / logs.FILE_NAME).read_text("utf-8")
    assert "ERROR klasse_desktop: unexpected KeyError at test_crash.py:" in written
    assert "Zoë" not in written
