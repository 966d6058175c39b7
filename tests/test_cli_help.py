"""`--help` in Dutch has no English lines: argparse's own texts included."""

from __future__ import annotations

import argparse
import inspect
import re

import pytest

from klasse_desktop import i18n
from klasse_desktop.cli import argparse_i18n, build_parser, main


@pytest.fixture(autouse=True)
def _dutch(monkeypatch):
    monkeypatch.setenv("KLASSE_LANG", "nl")
    i18n.set_language("nl")
    argparse_i18n.install()  # as `main` does
    yield
    i18n.set_language("nl")


def commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    """Every (sub)command's argument path, the top level first."""
    yield path
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from commands(sub, (*path, name))


def help_of(capsys, path: tuple[str, ...]) -> str:
    with pytest.raises(SystemExit) as stop:
        main([*path, "--help"])
    assert stop.value.code == 0
    return capsys.readouterr().out


def argparse_english() -> list[str]:
    """argparse's own messages whose Dutch differs from the English."""
    source = inspect.getsource(argparse)
    found = re.findall(r"""(?<![A-Za-z_])_\(\s*(['"])(.*?)\1\s*\)""", source)
    found += [("'", "show program's version number and exit")]
    messages = [text.encode().decode("unicode_escape") for _quote, text in found]
    return [m for m in messages if i18n._(m) != m and len(m) > 6]


def test_the_version_line_is_dutch(capsys):
    out = help_of(capsys, ())
    assert "show program's version number and exit" not in out
    assert i18n._("show program's version number and exit") in out
    assert "toon het versienummer en stop" in out


def test_no_help_page_shows_argparse_english(capsys):
    english = argparse_english()
    assert "usage: " in english and "show this help message and exit" in english
    paths = list(commands(build_parser()))
    assert ("cases", "list") in paths and len(paths) > 20
    for path in paths:
        out = help_of(capsys, path)
        assert out.startswith("gebruik: "), path
        for message in english:
            assert message.strip() not in out, (path, message)


def test_every_help_text_of_ours_is_translated():
    """Built in English and in Dutch, no option or command keeps the same help text
    (a string that slipped past `_()`, or one added after the last translation)."""

    def helps(language: str) -> dict[tuple[str, ...], str]:
        i18n.set_language(language)
        found = {}
        for parser_path, parser in _parsers(build_parser()):
            for action in parser._actions:
                if action.help and action.help != argparse.SUPPRESS and not _values(action):
                    found[(*parser_path, *action.option_strings, action.dest)] = action.help
            if parser.description:
                found[(*parser_path, "description")] = parser.description
        return found

    english, dutch = helps("en"), helps("nl")
    assert english.keys() == dutch.keys()
    same = [key for key in english if english[key] == dutch[key]]
    assert same == []


def _values(action: argparse.Action) -> bool:
    """A help that only lists the stored values ("open, closed"): the same in every
    language."""
    text = str(action.help)
    return "," in text and all(re.fullmatch(r"[a-z_]+", w) for w in re.split(r",\s*", text))


def _parsers(parser, path=()):
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _parsers(sub, (*path, name))


def test_argparse_errors_come_in_dutch(capsys):
    with pytest.raises(SystemExit):
        main(["decide", "plaatsen", "--answer"])
    err = capsys.readouterr().err
    assert "expected one argument" not in err and "verwachtte één argument" in err
    with pytest.raises(SystemExit):
        main(["decide"])
    err = capsys.readouterr().err
    assert "the following arguments are required" not in err
    assert "deze argumenten zijn verplicht" in err


def test_the_marked_argparse_messages_are_argparse_s_own():
    """The list in argparse_i18n only marks texts argparse really uses (a typo there
    would translate nothing)."""
    source = inspect.getsource(argparse)
    for message in argparse_i18n.ARGPARSE_MESSAGES:
        assert message.strip() in source.replace("\\n", "\n"), message
