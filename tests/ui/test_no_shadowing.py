"""No UI class hides a member of its Qt base class under another meaning.

A method called `find` on a QMainWindow, `render` on a QWidget or an attribute
`self.scroll` looks harmless until something calls the Qt member: PySide then runs
ours (or finds a QScrollArea where a method was), and mypy rejects the override.
Qt virtuals we override on purpose are listed below; every other name a class in
`klasse_desktop/ui` shares with its Qt bases fails here.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from types import ModuleType

import pytest
from PySide6.QtWidgets import QDialog, QScrollArea, QWidget

import klasse_desktop.ui

# Qt virtuals overridden on purpose (same meaning, called by Qt itself). Names
# ending in "Event" (paintEvent, keyPressEvent…) are event handlers and always allowed.
OVERRIDABLE = frozenset(
    {
        # QObject
        "event",
        "eventFilter",
        # QWidget (also QLayoutItem)
        "sizeHint",
        "minimumSizeHint",
        "heightForWidth",
        "hasHeightForWidth",
        "focusNextPrevChild",  # the timeline announces the link Tab reached
        # QLayout
        "addItem",
        "count",
        "itemAt",
        "takeAt",
        "expandingDirections",
        "invalidate",
        "minimumSize",
        "setGeometry",
        # QAbstractItemModel, QSortFilterProxyModel
        "data",
        "rowCount",
        "columnCount",
        "headerData",
        "flags",
        "sort",
        "lessThan",
        # QDialog
        "accept",
        "reject",
        "done",
        "exec",
        # QProxyStyle
        "drawPrimitive",
        "drawComplexControl",
        # QTranslator
        "translate",
        "isEmpty",
        # QAccessibleInterface, QAccessibleActionInterface
        "text",
        "actionNames",
        "doAction",
    }
)
# PySide puts these on every wrapped subclass itself.
GENERATED = frozenset({"staticMetaObject"})


def _is_qt(cls: type) -> bool:
    return cls.__module__.startswith(("PySide6.", "Shiboken"))


def qt_members(cls: type) -> set[str]:
    """Every name the Qt classes in `cls`'s bases define."""
    return {name for base in cls.__mro__ if _is_qt(base) for name in vars(base)}


def assigned_attributes(tree: ast.Module, class_name: str) -> set[str]:
    """Names the class's methods assign as `self.<name> = …` (also in tuples)."""
    names: set[str] = set()
    for node in tree.body:
        if not (isinstance(node, ast.ClassDef) and node.name == class_name):
            continue
        for sub in ast.walk(node):
            if isinstance(sub, ast.Assign):
                targets = sub.targets
            elif isinstance(sub, ast.AnnAssign | ast.AugAssign):
                targets = [sub.target]
            else:
                continue
            for target in targets:
                for leaf in target.elts if isinstance(target, ast.Tuple) else [target]:
                    if (
                        isinstance(leaf, ast.Attribute)
                        and isinstance(leaf.value, ast.Name)
                        and leaf.value.id == "self"
                    ):
                        names.add(leaf.attr)
    return names


def collisions(cls: type, tree: ast.Module) -> list[str]:
    """What `cls` defines that hides a Qt member, as readable lines."""
    qt = qt_members(cls)
    found = []
    for name in sorted(vars(cls)):
        if name in qt and not name.startswith("__") and name not in GENERATED:
            if name.endswith("Event") or name in OVERRIDABLE:
                continue
            found.append(f"{cls.__qualname__}.{name} hides a Qt member")
    for name in sorted(assigned_attributes(tree, cls.__name__) & qt):
        found.append(f"{cls.__qualname__}: self.{name} hides a Qt member")
    return found


def ui_modules() -> list[ModuleType]:
    return [
        importlib.import_module(f"{klasse_desktop.ui.__name__}.{info.name}")
        for info in pkgutil.iter_modules(klasse_desktop.ui.__path__)
    ]


def qt_classes(module: ModuleType) -> list[type]:
    return [
        value
        for value in vars(module).values()
        if inspect.isclass(value)
        and value.__module__ == module.__name__
        and any(_is_qt(base) for base in value.__mro__)
    ]


def test_ui_classes_hide_no_qt_member():
    problems, checked = [], 0
    for module in ui_modules():
        tree = ast.parse(inspect.getsource(module))
        for cls in qt_classes(module):
            checked += 1
            problems += collisions(cls, tree)
    assert checked > 50  # every ui module was imported and its classes found
    assert problems == []


def test_every_qobject_class_is_checked():
    classes = {cls.__name__ for module in ui_modules() for cls in qt_classes(module)}
    assert {"MainWindow", "ProtocolPage", "FlowLayout", "GettextTranslator"} <= classes
    assert "_LinkAccessible" in classes  # a Qt class that is no QObject, checked too


# -- the check itself fails on the mistakes it is for -------------------------------


class _Window(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.scroll, self.pane = QScrollArea(), QScrollArea()

    def find(self) -> None:  # QWidget.find(id) is a static lookup
        pass

    def render_text(self) -> None:  # a name of our own: fine
        pass

    def sizeHint(self):  # a Qt virtual, allowed
        return super().sizeHint()

    def paintEvent(self, event):  # an event handler, allowed
        super().paintEvent(event)


class _Dialog(QDialog):
    def result(self) -> str:  # QDialog.result() is the dialog code
        return ""


@pytest.mark.parametrize(
    ("cls", "expected"),
    [
        (
            _Window,
            [
                "_Window.find hides a Qt member",
                "_Window: self.scroll hides a Qt member",
            ],
        ),
        (_Dialog, ["_Dialog.result hides a Qt member"]),
    ],
)
def test_the_check_finds_hidden_members(cls, expected):
    tree = ast.parse(inspect.getsource(inspect.getmodule(cls)))
    assert collisions(cls, tree) == expected
