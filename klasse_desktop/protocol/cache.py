"""A start-up cache of the validated rules, as JSON in the user's cache dir.

Parsing and validating the YAML costs ~60 ms, a quarter of the app's start-up;
reading the same rules back from JSON costs a few. The cache is keyed by a
fingerprint of every rule file and the app version (`cache_file.py`), so an
edited wizard or a new release is validated again. JSON rather than pickle: a
cache file is never code. Beside the rules it holds the start screen's summary
(`summary.py`), which the window reads before these model classes load.
"""

from __future__ import annotations

import contextlib
from dataclasses import fields
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from klasse_desktop.protocol import summary
from klasse_desktop.protocol.cache_file import (
    FILE_NAME,
    START_FILE_NAME,
    fingerprint,
    read,
    write,
)
from klasse_desktop.protocol.models import (
    Audience,
    Choice,
    Clause,
    Condition,
    Contact,
    FileType,
    Informational,
    LocalizedText,
    Outcome,
    OutcomeKind,
    PhotoCheck,
    Protocol,
    ProtocolDates,
    Question,
    RuleSet,
    Section,
    Wizard,
)

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

# -- to and from plain data ---------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, LocalizedText):
        return dict(value.values)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, OutcomeKind | FileType | Audience):
        return value.value
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "__dataclass_fields__"):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value) if f.init}
    return value


def _text(data: Any) -> LocalizedText:
    return LocalizedText(dict(data))


def _date(data: str | None) -> date | None:
    return date.fromisoformat(data) if data else None


def _outcome(d: dict[str, Any]) -> Outcome:
    return Outcome(
        d["id"], OutcomeKind(d["kind"]), _text(d["verdict"]), _text(d["explanation"]),
        tuple(d["clauses"]),
        tuple(Condition(_text(c["text"]), {q: tuple(v) for q, v in c["when"].items()})
              for c in d["conditions"]),
        tuple(d["contacts"]),
        FileType(d["file_type"]) if d["file_type"] else None,
        PhotoCheck(dict(d["photo_check"]["rerun"]),
                   {q: tuple(v) for q, v in d["photo_check"]["when"].items()})
        if d["photo_check"] else None,
    )  # fmt: skip


def _question(d: dict[str, Any]) -> Question:
    choices = tuple(
        Choice(
            c["id"], _text(c["label"]), c["next"], tuple(c["only_for"]), tuple(c["settings_roles"])
        )
        for c in d["choices"]
    )
    return Question(d["id"], _text(d["text"]), _text(d["help"]), choices, d["identity"])


def _wizard(d: dict[str, Any]) -> Wizard:
    return Wizard(
        d["id"], d["order"], Audience(d["audience"]), _text(d["title"]), _text(d["summary"]),
        {k: tuple(v) for k, v in d["keywords"].items()}, d["start"],
        {k: _question(v) for k, v in d["questions"].items()},
        {k: _outcome(v) for k, v in d["outcomes"].items()}, d["source"],
    )  # fmt: skip


def to_plain(rules: RuleSet) -> dict[str, Any]:
    return {
        "protocol": _plain(rules.protocol),
        "contacts": _plain(dict(rules.contacts)),
        "wizards": _plain(dict(rules.wizards)),
        "informational": _plain(rules.informational),
    }


def from_plain(data: dict[str, Any]) -> RuleSet:
    p = data["protocol"]
    dates = p["dates"]
    protocol = Protocol(
        p["id"], p["version"], _text(p["title"]), p["organisation"], _text(p["translation_note"]),
        tuple(p["languages"]),
        ProtocolDates(
            _date(dates["advice_directors"]), _date(dates["consent_gmr"]), _date(dates["rvt"]),
            date.fromisoformat(dates["adopted"]), date.fromisoformat(dates["evaluation"]),
        ),
        tuple(_text(t) for t in p["introduction"]),
        tuple(
            Section(
                s["id"], _text(s["title"]),
                tuple(Clause(c["id"], c["section_id"], _text(c["text"])) for c in s["clauses"]),
                _text(s["heading"]) if s["heading"] else None,
            )
            for s in p["sections"]
        ),
    )  # fmt: skip
    contacts = {
        k: Contact(
            v["id"],
            _text(v["name"]),
            _text(v["description"]),
            v["phone"],
            tuple(v["school_contacts"]),
        )
        for k, v in data["contacts"].items()
    }
    wizards = {k: _wizard(v) for k, v in data["wizards"].items()}
    informational = tuple(
        Informational(i["clause"], _text(i["reason"])) for i in data["informational"]
    )
    return RuleSet(protocol, contacts, wizards, informational)


# -- the cache ------------------------------------------------------------------------


def cached_rules(root: Traversable, cache_dir: Path) -> RuleSet:
    """The validated rules under `root`, from the cache when the files are unchanged.

    Also makes sure the start screen's summary of these rules is in the cache."""
    key = fingerprint(root)
    rules = _read_rules(cache_dir / FILE_NAME, key)
    if rules is None:
        from klasse_desktop.protocol.loader import load_rules

        rules = load_rules(root)
        with contextlib.suppress(OSError):  # a read-only cache dir only costs speed
            write(cache_dir / FILE_NAME, {"fingerprint": key, "rules": to_plain(rules)})
    if read(cache_dir / START_FILE_NAME, key) is None:
        start = summary.to_plain(summary.summarise(rules))
        with contextlib.suppress(OSError):
            write(cache_dir / START_FILE_NAME, {"fingerprint": key, "start": start})
    return rules


def _read_rules(path: Path, key: str) -> RuleSet | None:
    data = read(path, key)
    if data is None:
        return None
    try:
        return from_plain(data["rules"])
    except (KeyError, TypeError, ValueError, AttributeError):
        return None  # damaged: validate the files again
