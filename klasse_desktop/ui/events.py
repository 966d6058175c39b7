"""App-wide events as signals, so views do not need references to each other."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class AppEvents(QObject):
    open_wizard = Signal(str)  # wizard id
    open_clause = Signal(str)  # clause id, shown highlighted in the protocol view
    open_protocol_search = Signal(str)  # query
    go_home = Signal()
    language_changed = Signal(str)
