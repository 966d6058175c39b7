"""Visual constants: the style sheet, colours, fonts relative to the user's font.

Font sizes are multiples of the application font, so 150 % system scaling keeps
proportions. Colours per outcome kind are in `verdict_style.py`: the first screen
imports this module and should not load the protocol's model classes for them.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

ACCENT = "#1c5d99"
MUTED = "#495057"
HIGHLIGHT = "#ffe066"  # search hits
CLAUSE_HIGHLIGHT = "#dbe9f6"  # the clause opened from an outcome: not a search hit

STYLE_SHEET = f"""
QLabel#helpText, QLabel#protocolInfo {{ color: {MUTED}; }}
QLabel#notice {{ background: #fff4e6; border: 1px solid #ffc078; border-radius: 4px;
                 padding: 6px; }}
QFrame#verdict {{ border: 2px solid palette(mid); border-radius: 6px; }}
QRadioButton {{ padding: 6px 2px; spacing: 10px; }}
QRadioButton::indicator {{ width: 1.1em; height: 1.1em; }}
QPushButton#wizardCard {{ border: 1px solid #adb5bd; border-radius: 6px;
                          background: palette(base); }}
QPushButton#wizardCard:hover {{ border: 1px solid {ACCENT}; background: #f1f6fb; }}
QPushButton#wizardCard:focus {{ border: 2px solid {ACCENT}; }}
QPushButton#wizardCard:pressed {{ background: #e3edf7; }}
QFrame[card="true"] {{ border: 1px solid #adb5bd; border-radius: 6px; background: palette(base); }}
"""


def scale_font(widget: QWidget, factor: float, *, bold: bool = False) -> None:
    font = QFont(widget.font())
    font.setPointSizeF(max(6.0, font.pointSizeF() * factor))
    font.setBold(bold)
    widget.setFont(font)
