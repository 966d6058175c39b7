"""Compile and check the Babel catalogs in `translations/`.

    python packaging/catalogs.py compile   # .po -> klasse_desktop/locale/**.mo
    python packaging/catalogs.py check     # what CI runs (via tasks.py test)

Compiled `.mo` files are build output (git-ignored): `tasks.py` compiles on every
command and the wheel build hook before packaging, so a stale catalog cannot ship.
`check` fails on untranslated or fuzzy messages, on placeholders that differ
between a message and its translation, and on a template that no longer matches
the strings in the code.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "translations"
TARGET = ROOT / "klasse_desktop" / "locale"
DOMAIN = "klasse_desktop"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
_PLACEHOLDER = re.compile(r"\{[a-z_]*(?:![rsa])?(?::[^}]*)?\}|%\([a-z_]+\)[sdr]|%[sd]")


def compile_all(source: Path = SOURCE, target: Path = TARGET) -> list[Path]:
    written = []
    for po_path in sorted(source.glob("*/LC_MESSAGES/*.po")):
        rel = po_path.relative_to(source).with_suffix(".mo")
        out = target / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        with po_path.open("rb") as fh:
            catalog = read_po(fh, locale=po_path.parts[-3])
        tmp = out.with_suffix(".mo.tmp")
        with tmp.open("wb") as fh:
            write_mo(fh, catalog, use_fuzzy=False)
        tmp.replace(out)
        written.append(out)
    return written


def _placeholders(text: str) -> list[str]:
    return sorted(_PLACEHOLDER.findall(text))


def _code_messages() -> set[object]:
    found: set[object] = set()
    for _file, _line, message, _comments, context in extract_from_dir(
        str(ROOT / "klasse_desktop"), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        key = message if isinstance(message, str) else tuple(message)
        found.add((context, key[0] if isinstance(key, tuple) else key))
    return found


def check(source: Path = SOURCE) -> list[str]:
    problems = []
    with (source / f"{DOMAIN}.pot").open("rb") as fh:
        template = read_po(fh)
    template_ids = {
        (m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in template if m.id
    }
    code_ids = _code_messages()
    if code_ids != template_ids:
        added, gone = len(code_ids - template_ids), len(template_ids - code_ids)
        problems.append(
            f"translations/{DOMAIN}.pot is stale ({added} new, {gone} removed strings): "
            "run `python3 tasks.py i18n` and translate the new entries"
        )
    for po_path in sorted(source.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        language = po_path.parts[-3]
        with po_path.open("rb") as fh:
            catalog = read_po(fh, locale=language)
        ids = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in catalog if m.id}
        if ids != template_ids:
            problems.append(
                f"{language}: catalog does not match the template; run `python3 tasks.py i18n`"
            )
        for message in catalog:
            if not message.id:
                continue
            msgid = message.id if isinstance(message.id, str) else message.id[0]
            label = f"{language}: {msgid!r}"
            strings = [message.string] if isinstance(message.string, str) else list(message.string)
            if message.fuzzy:
                problems.append(f"{label} is fuzzy")
            if not all(strings):
                problems.append(f"{label} is not translated")
                continue
            sources = [message.id] if isinstance(message.id, str) else list(message.id)
            for index, translated in enumerate(strings):
                original = sources[min(index, len(sources) - 1)]
                wanted, got = _placeholders(original), _placeholders(translated)
                # A singular may say "1" instead of {n}; otherwise placeholders agree.
                if got != wanted and not (
                    len(strings) > 1 and index == 0 and set(got) <= set(wanted)
                ):
                    problems.append(
                        f"{label}: placeholders {got} in the translation, {wanted} in the source"
                    )
    return problems


if __name__ == "__main__":
    command = sys.argv[1:]
    if command == ["compile"]:
        compile_all()
    elif command == ["check"]:
        found = check()
        for problem in found:
            print(problem, file=sys.stderr)
        print(f"translations: {len(found)} problem(s)" if found else "translations: complete")
        sys.exit(1 if found else 0)
    else:
        sys.exit("usage: catalogs.py compile|check")
