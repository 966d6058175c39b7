"""The one exception the photo check raises for something the user can fix or should
know: its message is translated and says what to do; the CLI and the window show it
as it is (never a traceback)."""

from __future__ import annotations


class PhotoError(Exception):
    """A photo that cannot be read or written, or a face model that is missing."""
