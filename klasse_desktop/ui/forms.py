"""Labelled form rows, built the same way in every dialog.

Each label is the buddy of its field (so its &-mnemonic moves focus there) and
the field gets the label's text as accessible name, for screen readers.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QSize, Qt
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


class OneLineFirst(QLabel):
    """A wrapping label that asks for the width of its text on one line.

    Qt's word-wrapping labels ask for a "pleasant" width that already wraps short
    texts; in a `FlowLayout` this label takes a row of its own instead, and wraps
    only when no row is that wide (a date stays "20 november 2026")."""

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        hint = super().sizeHint()
        margins = self.contentsMargins()
        one_line = (
            self.fontMetrics().horizontalAdvance(self.text()) + 2 * self.margin()
            + margins.left() + margins.right() + 1
        )  # fmt: skip
        return QSize(max(hint.width(), one_line), hint.height())
