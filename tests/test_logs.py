"""The log file: where it is, what goes in (our fixed messages), what never does
(other libraries' records, exception texts, tracebacks), and that an unwritable
folder never stops anything."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

import pytest

from klasse_desktop import __version__, logs
from klasse_desktop.cli import main as cli_main

CANARY = "Kanarie-Zoë-LG77"


@pytest.fixture
def log_dir(tmp_path, monkeypatch):
    """A fresh log folder; the process's log set-up is undone before and after."""
    folder = tmp_path / "logs"
    monkeypatch.setenv("KLASSE_LOG_DIR", str(folder))
    logs.shutdown()
    yield folder
    logs.shutdown()


def text(folder: Path) -> str:
    return "".join(p.read_text("utf-8") for p in sorted(folder.iterdir()))


def test_the_log_file_is_in_the_log_dir(log_dir):
    assert logs.setup() == log_dir / "klasse-desktop.log"
    logging.getLogger("klasse_desktop.cases.database").info("case register backed up (%s)", "x")
    assert "INFO klasse_desktop.cases.database: case register backed up (x)" in text(log_dir)


def test_it_rotates_at_512_kb_keeping_three_files(log_dir, monkeypatch):
    logs.setup()
    handler = next(
        h for h in logging.getLogger("klasse_desktop").handlers
        if isinstance(h, logging.handlers.RotatingFileHandler)
    )  # fmt: skip
    assert (handler.maxBytes, handler.backupCount) == (512 * 1024, 2)
    handler.maxBytes = 2_000  # the same mechanism, faster
    for n in range(200):
        logging.getLogger("klasse_desktop").info("line %d of a long run", n)
    names = sorted(p.name for p in log_dir.iterdir())
    assert names == ["klasse-desktop.log", "klasse-desktop.log.1", "klasse-desktop.log.2"]


def test_a_second_setup_only_changes_the_level(log_dir):
    first = logs.setup()
    assert logs.setup(logging.WARNING) == first
    logger = logging.getLogger("klasse_desktop")
    assert len(logger.handlers) == 1 and logger.level == logging.WARNING


def test_records_of_other_libraries_stay_out(log_dir):
    logs.setup(logging.DEBUG)
    logging.getLogger("sqlalchemy.engine").warning("INSERT INTO party VALUES (%s)", CANARY)
    logging.getLogger().warning("root: %s", CANARY)
    logging.getLogger("klasse_desktop").warning("ours")
    assert "ours" in text(log_dir) and CANARY not in text(log_dir)


def test_a_traceback_is_cut_to_type_and_place(log_dir):
    logs.setup()
    try:
        raise ValueError(f"no party named {CANARY}")
    except ValueError:
        logging.getLogger("klasse_desktop.x").exception("saving failed")
    written = text(log_dir)
    assert "saving failed [ValueError at test_logs.py:" in written
    assert CANARY not in written and "Traceback" not in written


def test_start_line_names_version_system_and_language_not_the_user(log_dir):
    logs.setup()
    logs.log_start("window", "en", extra="Qt 6.x")
    (line,) = text(log_dir).splitlines()
    assert f"window started: Klasse Desktop {__version__}" in line
    assert "language en, Qt 6.x" in line and "Python 3." in line
    assert str(Path.home()) not in line


def test_an_unwritable_log_dir_logs_to_nowhere(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("KLASSE_LOG_DIR", str(blocker / "logs"))
    logs.shutdown()
    try:
        assert logs.setup() is None
        logging.getLogger("klasse_desktop").error("nowhere to go")
        logs.log_start("window", "nl")
        assert capsys.readouterr().err == ""
    finally:
        logs.shutdown()


def test_a_line_that_cannot_be_written_is_dropped_quietly(log_dir, capsys):
    logs.setup()
    handler = logging.getLogger("klasse_desktop").handlers[0]
    assert isinstance(handler, logging.FileHandler)

    class FullDisk:
        def write(self, _text):
            raise OSError(28, "No space left on device")

        def flush(self):
            raise OSError(28, "No space left on device")

    handler.stream.close()
    handler.stream = FullDisk()
    logging.getLogger("klasse_desktop").error("lost")
    assert capsys.readouterr().err == ""


def test_the_cli_touches_no_file_until_a_warning(log_dir, capsys):
    with pytest.raises(SystemExit):
        cli_main(["--version"])
    assert cli_main(["wizards"]) == 0
    capsys.readouterr()
    assert not log_dir.exists()


def test_the_cli_logs_warnings_only(log_dir, capsys):
    assert cli_main(["wizards"]) == 0
    logging.getLogger("klasse_desktop.x").info("an info line")
    logging.getLogger("klasse_desktop.x").warning("a warning line")
    capsys.readouterr()
    written = text(log_dir)
    assert "a warning line" in written and "info" not in written.lower()


def test_the_cli_logs_an_unexpected_error_without_its_text(log_dir, monkeypatch, capsys):
    from klasse_desktop.cli import rules_commands

    def broken(_args):
        raise RuntimeError(CANARY)

    monkeypatch.setattr(rules_commands, "cmd_wizards", broken)
    with pytest.raises(RuntimeError):
        cli_main(["wizards"])
    written = text(log_dir)
    assert "unexpected RuntimeError at test_logs.py:" in written and CANARY not in written
