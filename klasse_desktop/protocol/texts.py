"""One text in every language the protocol declares.

Its own module because the start screen's summary (`summary.py`) needs it before
the rest of the model classes are loaded.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LocalizedText:
    """One text in every supported language; Dutch is authoritative."""

    values: Mapping[str, str]

    def get(self, language: str) -> str:
        return self.values.get(language) or self.values.get("nl") or ""

    def all(self) -> Iterator[str]:
        return iter(self.values.values())
