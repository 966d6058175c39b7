"""Text as the name matcher sees it: one lower-case ASCII "skeleton" per text,
with a map back to the characters the director typed.

Names are typed in many ways: "Yilmaz" for "Yılmaz", "Zoe" for "Zoë", two spaces or
a line break inside a name, a soft hyphen pasted from a chat. Matching on the
skeleton makes all of those the same, and the index map lets the redactor replace
exactly the characters that were typed, so nothing around the name changes.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii

# Characters that join or split name parts in handles, e-mail addresses and
# double names: all become "-" in the skeleton ("Anne‑Fleur", "Anne–Fleur").
HYPHENS = frozenset("-‐‑‒–—―−﹘﹣－")


@lru_cache(maxsize=8192)
def fold_char(ch: str) -> str:
    """The skeleton of one character: NFKC, transliterated, lower case ("" to drop).

    Format characters (soft hyphen, zero-width space and joiners, bidi controls)
    and combining marks are dropped: they are invisible, so they must not hide a
    name from the matcher. Emoji and other symbols separate words like a space:
    transliterated, "😂" would be ":joy:", and "Jo" + "y" is a name.
    """
    category = unicodedata.category(ch)
    if category in ("Cf", "Mn", "Me", "Cc") and not ch.isspace():
        return ""
    if ch.isspace() or (category in ("So", "Sm", "Sc") and not ch.isascii()):
        return " "
    if ch in HYPHENS:
        return "-"
    folded = anyascii(unicodedata.normalize("NFKC", ch)).casefold()
    return " ".join(folded.split()) if folded.strip() else (" " if folded else "")


@dataclass(frozen=True, slots=True)
class Skeleton:
    """`text` folded; `origin[i]` is the index in the original of skeleton char i."""

    text: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original characters behind skeleton[start:end]."""
        return self.origin[start], self.origin[end - 1] + 1


def skeleton(text: str) -> Skeleton:
    chars: list[str] = []
    origin: list[int] = []
    for index, ch in enumerate(text):
        for out in fold_char(ch):
            if out == " " and (not chars or chars[-1] == " "):
                continue  # any run of spaces, NBSPs and line breaks is one space
            chars.append(out)
            origin.append(index)
    return Skeleton("".join(chars), tuple(origin))


def fold_name(text: str) -> str:
    """The skeleton of a short text as a plain string (keys, comparisons)."""
    return skeleton(unicodedata.normalize("NFC", text)).text.strip()
