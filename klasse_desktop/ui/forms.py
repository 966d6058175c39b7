"""Labelled form rows, built the same way in every dialog.

Each label is the buddy of its field (so its &-mnemonic moves focus there) and
the field gets the label's text as accessible name, for screen readers.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget


def labelled_form(rows: Iterable[tuple[str, QWidget]]) -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    for text, field in rows:
        label = QLabel(text)
        label.setBuddy(field)
        field.setAccessibleName(text.replace("&", ""))
        form.addRow(label, field)
    return form


def wrapped_label(text: str = "", name: str = "") -> QLabel:
    """A plain-text label that wraps (never interpreted as rich text)."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if name:
        label.setObjectName(name)
    return label
