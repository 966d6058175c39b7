"""What is kept of what people type.

Directors paste chats, names in other scripts and emoji. Everything visible is
kept, including no-break spaces ("Daan de Vries" typed with NBSPs is not
"DaandeVries") and the zero-width joiners that Persian words and emoji sequences
need. Only characters that hide or reorder text are removed: bidi embeddings,
overrides and isolates (they can make a name display as something else), NUL and
the other control characters apart from line breaks and tabs.
"""

from __future__ import annotations

import unicodedata

# U+202A–U+202E embeddings and overrides, U+2066–U+2069 isolates.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
KEPT_CONTROLS = frozenset("\n\t")


def _dropped(ch: str) -> bool:
    if ch in BIDI_CONTROLS:
        return True
    return unicodedata.category(ch) in ("Cc", "Cs") and ch not in KEPT_CONTROLS


def clean_typed(text: str) -> str:
    """NFC, line breaks as "\\n", and no characters that hide or reorder text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u2029", "\n\n")
    if any(_dropped(ch) for ch in text):
        text = "".join(ch for ch in text if not _dropped(ch))
    return unicodedata.normalize("NFC", text)
