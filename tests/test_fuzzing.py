"""Random input never crashes: broken wizard files give rule errors, random command
lines give usage errors, and odd text is stored as cleaned or refused clearly."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from klasse_desktop.cases.errors import InvalidInputError
from klasse_desktop.cli import main
from klasse_desktop.protocol.errors import RuleError
from klasse_desktop.protocol.loader import validate_rules
from klasse_desktop.protocol.models import RuleSet
from klasse_desktop.resources import resource_root
from klasse_desktop.typed_text import clean_typed
from tests.cases_helpers import PASSPHRASE, PROTOCOL_VERSION, open_register
from tests.conftest import SAMPLE_WIZARD

FUZZ = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,  # the same inputs on every run and machine
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

ODD = [
    "\u202e", "\u200f", "\u200b", "\u0301", "\u0338", "\ufeff", "\x00", "\x07", "\x1b[31m",
    "\r", "\r\n", "\t", "\u2028", "\ud800", "\U0001f600", "ﷺ", "שלום", "مرحبا", "Zoë", "\x7f",
]  # fmt: skip
odd_text = st.lists(st.one_of(st.sampled_from(ODD), st.text(max_size=8)), max_size=30).map("".join)


# -- (a) wizard files ---------------------------------------------------------------


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["delete-bytes", "delete-line", "insert", "unicode", "dup"]))
        at = draw(st.integers(0, len(data)))
        if kind == "delete-bytes":
            del data[at : at + draw(st.integers(1, 40))]
        elif kind == "delete-line":
            lines = bytes(data).split(b"\n")
            if lines:
                del lines[draw(st.integers(0, len(lines) - 1))]
            data = bytearray(b"\n".join(lines))
        elif kind == "insert":
            data[at:at] = draw(st.binary(max_size=30))
        elif kind == "unicode":
            data[at:at] = draw(odd_text).encode("utf-8", "surrogatepass")
        else:
            lines = bytes(data).split(b"\n")
            i = draw(st.integers(0, len(lines) - 1))
            lines.insert(i, lines[i])
            data = bytearray(b"\n".join(lines))
    return bytes(data)


def test_mutated_wizard_files_give_rule_errors_not_crashes(tmp_path):
    root = tmp_path / "resources"
    shipped = Path(str(resource_root()))
    (root / "wizards").mkdir(parents=True)
    shutil.copytree(shipped / "protocol", root / "protocol")
    shutil.copy(shipped / "contacts.yaml", root / "contacts.yaml")
    wizard = root / "wizards" / SAMPLE_WIZARD.name
    original = SAMPLE_WIZARD.read_bytes()
    outcomes = {"rules": 0, "errors": 0}

    @FUZZ
    @given(mutated(original))
    def check(data: bytes) -> None:
        wizard.write_bytes(data)
        rules, errors = validate_rules(root)
        assert (rules is None) == bool(errors)
        assert all(isinstance(e, RuleError) for e in errors)
        assert all(str(e) for e in errors)
        if rules is not None:
            assert isinstance(rules, RuleSet)
        outcomes["rules" if rules else "errors"] += 1

    check()
    assert outcomes["errors"] > 0


def test_a_wizard_file_that_is_not_utf8_is_a_located_error(resources_copy, english):
    # Found by the fuzzer above: this used to raise UnicodeDecodeError.
    wizard = resources_copy / "wizards" / SAMPLE_WIZARD.name
    lines = wizard.read_bytes().split(b"\n")
    lines[2] = b"order: \xff1"
    wizard.write_bytes(b"\n".join(lines))
    rules, errors = validate_rules(resources_copy)
    assert rules is None
    assert [str(e) for e in errors] == [
        "wizards/sample.wizard.yaml:3: not valid YAML: invalid start byte"
    ]


# -- (b) the command line ---------------------------------------------------------------

POOL = [
    "wizards", "decide", "paths", "protocol", "check-rules", "cases", "report", "advice",
    "init", "list", "show", "new", "add-party", "add-entry", "close", "search", "export-person",
    "backups", "audit", "purge", "retention", "--lang", "en", "nl", "de", "--format", "json",
    "text", "--data-dir", "data", "--help", "-h", "--version", "--answer", "-a", "--search",
    "--title", "--category", "pesten", "--file", "leerlingendossier", "--role", "leerling",
    "--name", "--text", "--kind", "--date", "2026-02-30", "--corrects", "--out", "x.pdf",
    "--subject", "--yes", "--years", "7", "-1", "K-2026-0001", "plaatsen", "opnemen",
    "wie=medewerker", "=", "--resources", "A9", "--status", "open", "--", "-",
]  # fmt: skip
# Real argv cannot hold NUL, and path separators would let random text point at
# folders outside the sandbox. Undecodable bytes (lone surrogates in argv) need the
# real stderr's backslashreplace, so they are tried in a subprocess below.
arg_text = st.text(
    alphabet=st.characters(blacklist_characters="\x00/\\~", blacklist_categories=["Cs"]),
    max_size=12,
) | st.sampled_from(["Zoë", "\u202e", "K-2026-0001'", "a=b=c"])
argv_strategy = st.lists(st.sampled_from(POOL) | arg_text, max_size=8)


def test_random_command_lines_never_print_a_traceback(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KLASSE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KLASSE_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("KLASSE_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("KLASSE_KDF", "fast")
    monkeypatch.setattr(sys, "stdin", None)
    assert main(["cases", "init"]) == 0

    @FUZZ
    @given(argv_strategy)
    def check(argv: list[str]) -> None:
        if "screenshots" in argv:  # starts Qt; covered by its own tests
            return
        try:
            code = main(argv)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
        out, err = capsys.readouterr()
        assert isinstance(code, int) and code in (0, 1, 2), (argv, code, err)
        assert "Traceback" not in out + err, argv
        assert PASSPHRASE not in out + err

    check()


@pytest.mark.skipif(sys.platform == "win32", reason="argv bytes are POSIX")
def test_undecodable_arguments_give_one_line(tmp_path):
    import os
    import subprocess

    bad = os.fsencode("x") + b"\xff"
    env = {**os.environ, "KLASSE_DATA_DIR": str(tmp_path / "data"), "KLASSE_PASSPHRASE": "-"}
    for argv in ([bad], [b"decide", bad], [b"protocol", bad], [b"cases", b"show", bad]):
        done = subprocess.run(
            [sys.executable, "-m", "klasse_desktop", *argv], capture_output=True, env=env
        )
        assert done.returncode == 2, argv
        assert b"Traceback" not in done.stderr and done.stderr.count(b"klasse-desktop") >= 1


# -- (c) text fields ----------------------------------------------------------------


def cleaned(value: str) -> str:
    return clean_typed(value).strip()


long_text = st.builds(
    lambda piece, times: piece * times, odd_text, st.integers(1, 120_000)
)  # up to a few MB, over the 2 MB limit sometimes
field_text = st.one_of(odd_text, odd_text, long_text)


@pytest.fixture(scope="module")
def register(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    register = open_register(tmp_path_factory.mktemp("fuzz") / "register")
    yield register
    register.close()


def _stores(action, value: str, read) -> None:  # type: ignore[no-untyped-def]
    try:
        result = action(value)
    except InvalidInputError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert read(result) == cleaned(value)


@settings(FUZZ, max_examples=40)
@given(title=field_text, name=field_text, text=field_text)
def test_odd_text_is_stored_cleaned_or_refused(register, title, name, text):
    case_holder: list[str] = []

    def create(value: str):  # type: ignore[no-untyped-def]
        case = register.create_case(
            value, "pesten", "leerlingendossier", protocol_version=PROTOCOL_VERSION
        )
        case_holder.append(case.number)
        return case

    _stores(create, title, lambda case: register.get_case(case.number).case.title)
    if not case_holder:
        case_holder.append(
            register.create_case(
                "Reserve", "pesten", "leerlingendossier", protocol_version=PROTOCOL_VERSION
            ).number
        )
    number = case_holder[0]

    def party_name(party):  # type: ignore[no-untyped-def]
        return next(p.name for p in register.get_case(number).parties if p.id == party.id)

    def entry_text(entry):  # type: ignore[no-untyped-def]
        return next(e.text for e in register.get_case(number).entries if e.id == entry.id)

    _stores(lambda v: register.add_party(number, "leerling", v), name, party_name)
    _stores(lambda v: register.add_entry(number, v), text, entry_text)


# Every argument of every command, with the values that used to end in a traceback.
BAD_VALUES = ["\udcff\udcfe", "99999999999999999999999", "²", "", "-1", "../..\\win.txt"]


def _commands(parser, path=()):
    """(command path, actions) for every leaf command of the parser."""
    import argparse

    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        yield path, parser._actions
        return
    for name, sub in subs[0].choices.items():
        yield from _commands(sub, (*path, name))


def _argv_for(path, actions, bad_dest=None, bad_value=""):
    argv = list(path)
    for action in actions:
        if action.dest in ("help", "version") or action.nargs == 0:
            continue
        value = bad_value if action.dest == bad_dest else (
            action.choices[0] if action.choices else "x")  # fmt: skip
        if not action.option_strings:
            argv.append(str(value))
        elif action.required or action.dest == bad_dest:
            argv += [action.option_strings[-1], str(value)]
    return argv


def test_every_argument_of_every_command_survives_bad_values(tmp_path, monkeypatch, capsys):
    from klasse_desktop.cli import build_parser

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KLASSE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KLASSE_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("KLASSE_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("KLASSE_KDF", "fast")
    monkeypatch.setattr(sys, "stdin", None)
    assert main(["cases", "init"]) == 0
    assert main(["cases", "new", "--title", "Test"]) == 0
    capsys.readouterr()
    checked = 0
    for path, actions in _commands(build_parser()):
        if not path or path[0] == "screenshots" or path[-1] in ("init", "restore"):
            continue
        for action in actions:
            if action.dest in ("help", "version") or action.nargs == 0:
                continue
            for value in BAD_VALUES:
                argv = _argv_for(path, actions, action.dest, value)
                try:
                    code = main(argv)
                except SystemExit as exc:
                    code = exc.code if isinstance(exc.code, int) else 2
                out, err = capsys.readouterr()
                assert code in (0, 1, 2, 3), (argv, code, err)
                assert "Traceback" not in out + err, argv
                assert "\udcff" not in out + err
                checked += 1
    assert checked > 150
