"""Schema checks for one YAML document, collecting every error instead of stopping.

An editor fixing a wizard wants the whole list in one run, each error with its
line; so every accessor here records a `RuleError` and returns a harmless value
(`None`, empty) rather than raising.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from klasse_desktop.i18n import _, ngettext
from klasse_desktop.protocol.errors import RuleError
from klasse_desktop.protocol.models import LocalizedText
from klasse_desktop.protocol.yamlsource import YamlList, YamlMap

ID_PATTERN = re.compile(r"^[a-z0-9_]+$")


def _at_least(key: str, n: int) -> str:
    return ngettext(
        "'{key}' needs at least {n} item", "'{key}' needs at least {n} items", n
    ).format(key=key, n=n)


class Reader:
    def __init__(self, file: str, languages: tuple[str, ...], errors: list[RuleError]) -> None:
        self.file = file
        self.languages = languages
        self.errors = errors
        self.wizard: str | None = None
        self.node: str | None = None

    def error(self, line: int, message: str) -> None:
        self.errors.append(RuleError(self.file, line, message, self.wizard, self.node))

    # -- structure ---------------------------------------------------------------

    def mapping(self, value: Any, line: int, what: str) -> YamlMap | None:
        if isinstance(value, YamlMap):
            return value
        self.error(line, _("{what} must be a mapping of keys and values").format(what=what))
        return None

    def keys(self, mapping: YamlMap, required: Iterable[str], optional: Iterable[str] = ()) -> bool:
        """Report missing and unknown keys; True when all required keys are present."""
        required = tuple(required)
        allowed = set(required) | set(optional)
        complete = True
        for key in required:
            if key not in mapping:
                self.error(mapping.line, _("missing key '{key}'").format(key=key))
                complete = False
        for key in mapping:
            if key not in allowed:
                self.error(
                    mapping.line_of(key),
                    _("unknown key '{key}' (allowed: {allowed})").format(
                        key=key, allowed=", ".join(sorted(allowed))
                    ),
                )
        return complete

    def items(self, mapping: YamlMap, key: str, *, min_items: int = 0) -> list[tuple[int, Any]]:
        """The list under `key` as (line, item) pairs; [] if absent or not a list."""
        value = mapping.get(key)
        line = mapping.line_of(key)
        if value is None:
            if min_items:
                self.error(line, _at_least(key, min_items))
            return []
        if not isinstance(value, YamlList):
            self.error(line, _("'{key}' must be a list").format(key=key))
            return []
        if len(value) < min_items:
            self.error(line, _at_least(key, min_items))
        return list(zip(value.item_lines, value, strict=True))

    # -- scalars -----------------------------------------------------------------

    def string(self, mapping: YamlMap, key: str, *, optional: bool = False) -> str | None:
        value = mapping.get(key)
        if value is None and optional:
            return None
        if isinstance(value, bool) or not isinstance(value, str | int) or str(value).strip() == "":
            self.error(mapping.line_of(key), _("'{key}' must be a non-empty text").format(key=key))
            return None
        return str(value).strip()

    def identifier(self, mapping: YamlMap, key: str = "id") -> str | None:
        value = self.string(mapping, key)
        if value is not None and not ID_PATTERN.match(value):
            self.error(
                mapping.line_of(key),
                _("'{value}' is not a valid id (use a-z, 0-9 and _)").format(value=value),
            )
            return None
        return value

    def flag(self, mapping: YamlMap, key: str) -> bool:
        """An optional yes/no key (absent: False)."""
        value = mapping.get(key, False)
        if not isinstance(value, bool):
            self.error(mapping.line_of(key), _("'{key}' must be true or false").format(key=key))
            return False
        return value

    def integer(self, mapping: YamlMap, key: str) -> int | None:
        value = mapping.get(key)
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(mapping.line_of(key), _("'{key}' must be a whole number").format(key=key))
            return None
        return value

    def date(self, mapping: YamlMap, key: str, *, optional: bool = False) -> date | None:
        value = mapping.get(key)
        if value is None and optional:
            return None
        if not isinstance(value, date):
            self.error(
                mapping.line_of(key), _("'{key}' must be a date (YYYY-MM-DD)").format(key=key)
            )
            return None
        return value

    def choice_of(self, mapping: YamlMap, key: str, options: Iterable[str]) -> str | None:
        options = tuple(options)
        value = mapping.get(key)
        if value not in options:
            self.error(
                mapping.line_of(key),
                _("'{key}' must be one of: {options}").format(key=key, options=", ".join(options)),
            )
            return None
        return str(value)

    def id_list(self, mapping: YamlMap, key: str, *, min_items: int = 0) -> tuple[str, ...]:
        result = []
        for line, item in self.items(mapping, key, min_items=min_items):
            if isinstance(item, str) and item.strip():
                result.append(item.strip())
            else:
                self.error(line, _("'{key}' must list ids").format(key=key))
        return tuple(result)

    # -- localized text ----------------------------------------------------------

    def text_value(self, value: Any, line: int, what: str) -> LocalizedText | None:
        if not isinstance(value, YamlMap):
            self.error(
                line,
                _("'{what}' must give the text per language ({languages})").format(
                    what=what, languages=", ".join(self.languages)
                ),
            )
            return None
        ok = True
        for language in self.languages:
            text = value.get(language)
            if isinstance(text, bool | int | float):
                self.error(
                    value.line_of(language),
                    _(
                        "'{what}' in language '{language}' is read as a yes/no value or a "
                        "number; put the text in quotes"
                    ).format(what=what, language=language),
                )
                ok = False
            elif not isinstance(text, str) or not text.strip():
                self.error(
                    value.line_of(language),
                    _("'{what}' has no text in language '{language}'").format(
                        what=what, language=language
                    ),
                )
                ok = False
        for language in value:
            if language not in self.languages:
                self.error(
                    value.line_of(language),
                    _("'{what}' has text in undeclared language '{language}'").format(
                        what=what, language=language
                    ),
                )
        if not ok:
            return None
        return LocalizedText({lang: " ".join(value[lang].split()) for lang in self.languages})

    def text(self, mapping: YamlMap, key: str, *, optional: bool = False) -> LocalizedText | None:
        if key not in mapping and optional:
            return None
        return self.text_value(mapping.get(key), mapping.line_of(key), key)

    def text_list(
        self, mapping: YamlMap, key: str, *, min_items: int = 0
    ) -> tuple[LocalizedText, ...]:
        texts = (
            self.text_value(item, line, key)
            for line, item in self.items(mapping, key, min_items=min_items)
        )
        return tuple(t for t in texts if t is not None)
