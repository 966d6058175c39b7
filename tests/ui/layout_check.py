"""What a user would call "cut off" or "on top of each other", found from widget geometry.

`layout_problems(window)` looks at every visible label, button, check box and
field in a window and reports:

- clipped: the widget reaches outside its parent (a check box half off the window);
- squeezed: it is smaller than its text needs (a wrapped label shorter than its
  lines, a button narrower than its caption), or so narrow that a date or a name
  wraps one word per line;
- overlapping: two of them cover each other.

Inside a scroll area, reaching beyond the viewport is what scrolling is for; only
the squeeze check applies there.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QTabBar,
    QToolButton,
    QWidget,
)

CHECKED = (QLabel, QAbstractButton, QLineEdit, QComboBox, QDateEdit)


def _in_scroll_area(widget: QWidget, root: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent.parentWidget(), QAbstractScrollArea):
            return True  # parent is a viewport (or its content)
        parent = parent.parentWidget()
    return False


def _part_of_a_compound(widget: QWidget) -> bool:
    """Buttons and fields inside Qt's own compound widgets (a combo's line edit, a tab
    bar's scroll buttons, a line edit's clear button) are laid out by Qt."""
    parent = widget.parentWidget()
    return isinstance(parent, QComboBox | QDateEdit | QLineEdit | QTabBar) or (
        isinstance(widget, QToolButton) and not widget.text()
    )


def _name(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QLabel | QAbstractButton) else ""
    text = " ".join(text.replace("&", "").split())[:40]
    return f"{type(widget).__name__} {widget.objectName() or ''} {text!r}".replace("  ", " ")


def _squeezed(widget: QWidget) -> str | None:
    size = widget.size()
    if isinstance(widget, QLabel):
        if not widget.text() or (widget.pixmap() is not None and not widget.pixmap().isNull()):
            return None
        if widget.wordWrap():
            needed = widget.heightForWidth(size.width())
            if needed > size.height() + 1:
                return f"needs {needed}px height, has {size.height()}"
            words = len(widget.text().split())
            lines = round(needed / max(1, widget.fontMetrics().lineSpacing()))
            if words >= 2 and lines >= words:
                return f"one word per line ({words} words, {size.width()}px wide)"
            return None
        hint = widget.minimumSizeHint()
        if hint.width() > size.width() + 1 or hint.height() > size.height() + 1:
            return f"needs {hint.width()}x{hint.height()}, has {size.width()}x{size.height()}"
        return None
    if isinstance(widget, QAbstractButton) and not widget.text():
        return None  # a card or an icon: its own labels are checked
    hint = widget.minimumSizeHint()
    if isinstance(widget, QAbstractButton):
        hint = widget.sizeHint()  # a button's minimum hint allows a cut-off caption
        if hint.width() > size.width() + 1:
            return f"needs {hint.width()}px width, has {size.width()}"
        return None
    if hint.height() > size.height() + 1:
        return f"needs {hint.height()}px height, has {size.height()}"
    return None


def layout_problems(root: QWidget) -> list[str]:
    problems: list[str] = []
    shown: list[tuple[QWidget, QRect]] = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CHECKED) or widget.isWindow() or not widget.isVisibleTo(root):
            continue
        if _part_of_a_compound(widget):
            continue
        squeezed = _squeezed(widget)
        if squeezed:
            problems.append(f"squeezed: {_name(widget)}: {squeezed}")
        if _in_scroll_area(widget, root):
            continue
        parent = widget.parentWidget()
        if parent is not None and not parent.rect().contains(widget.geometry()):
            problems.append(
                f"clipped: {_name(widget)} at {widget.geometry().getRect()} "
                f"in {type(parent).__name__} of {parent.width()}x{parent.height()}"
            )
        top_left = widget.mapTo(root, widget.rect().topLeft())
        shown.append((widget, QRect(top_left, widget.size())))
    for i, (first, a) in enumerate(shown):
        for second, b in shown[i + 1 :]:
            if first.isAncestorOf(second) or second.isAncestorOf(first):
                continue
            overlap = a.intersected(b)
            if overlap.width() > 1 and overlap.height() > 1:
                problems.append(f"overlapping: {_name(first)} and {_name(second)}")
    return problems
