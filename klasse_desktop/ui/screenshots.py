"""`klasse-desktop screenshots OUTDIR`: every main screen, in Dutch and English, to PNG.

For looking at the app as a user would (clipping, English in the Dutch UI, a
crowded 1366×768 laptop, 150 % fonts) without clicking through it by hand.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

from klasse_desktop import i18n
from klasse_desktop.protocol.graph import all_paths
from klasse_desktop.protocol.models import OutcomeKind, RuleSet
from klasse_desktop.protocol.shipped import default_rules
from klasse_desktop.settings import Settings
from klasse_desktop.ui.main_window import MainWindow
from klasse_desktop.ui.qt_i18n import install_translators
from klasse_desktop.ui.settings_dialog import SettingsDialog
from klasse_desktop.ui.style import STYLE_SHEET


@dataclass(frozen=True)
class Variant:
    name: str
    width: int
    height: int
    font_scale: float = 1.0


VARIANTS = (
    Variant("1366x768", 1366, 768),
    Variant("1920x1080", 1920, 1080),
    Variant("1366x768-font150", 1366, 768, 1.5),
)


def example_answers(rules: RuleSet, kind: OutcomeKind) -> tuple[str, dict[str, str]]:
    """The first path (wizard order) that ends in an outcome of `kind`."""
    for wizard in rules.wizards.values():
        for path in all_paths(wizard):
            if path.outcome.kind is kind:
                return wizard.id, path.answers()
    raise LookupError(kind)


def _settle(app: QApplication) -> None:
    for _ in range(3):
        app.processEvents()


def _save(widget: QWidget, app: QApplication, target: Path) -> Path:
    _settle(app)
    widget.grab().save(str(target))
    return target


def take_screenshots(
    outdir: Path,
    languages: Iterable[str] = i18n.SUPPORTED_LANGUAGES,
    variants: Iterable[Variant] = VARIANTS,
) -> list[Path]:
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    app.setStyleSheet(STYLE_SHEET)
    base_font = QFont(app.font())
    rules = default_rules()
    outdir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for variant in variants:
        font = QFont(base_font)
        font.setPointSizeF(base_font.pointSizeF() * variant.font_scale)
        app.setFont(font)
        for language in languages:
            i18n.set_language(language)
            install_translators(app, language)
            prefix = f"{language}-{variant.name}"
            written += _screens(app, rules, outdir, prefix, language, variant)
    app.setFont(base_font)
    return written


def _screens(
    app: QApplication, rules: RuleSet, outdir: Path, prefix: str, language: str, variant: Variant
) -> list[Path]:
    settings = Settings(language=language, user_name="Sam de Vries", school="De Vlinder")
    written: list[Path] = []

    def window(today: date | None = None) -> MainWindow:
        win = MainWindow(rules, settings, today=today or date(2026, 11, 25))
        win.resize(variant.width, variant.height)
        win.show()
        return win

    def shot(win: QWidget, name: str, prepare: Callable[[], object] | None = None) -> None:
        if prepare is not None:
            prepare()
        written.append(_save(win, app, outdir / f"{prefix}-{name}.png"))

    win = window()
    shot(win, "01-start")
    shot(win, "02-start-search", lambda: win.start_page.search.setText("groepsapp"))
    win.start_page.search.clear()

    win.open_wizard("plaatsen")
    shot(win, "03-wizard-first-question")
    first = rules.wizard("plaatsen").questions[rules.wizard("plaatsen").start]
    win.wizard_page.run.answer(first.choices[0].id)  # type: ignore[union-attr]
    win.wizard_page.refresh()
    shot(win, "04-wizard-second-question")

    for number, kind in enumerate(OutcomeKind, start=5):
        wizard_id, answers = example_answers(rules, kind)
        win.open_wizard(wizard_id)
        run = win.wizard_page.run
        assert run is not None
        for question_id in answers:
            run.answer(answers[question_id])
        win.wizard_page.refresh()
        shot(win, f"{number:02d}-outcome-{kind.value}")

    # An outcome with a phone number (the confidential inspector).
    win.open_wizard("melden")
    for choice in ("nee", "seksueel", "medewerker"):
        win.wizard_page.run.answer(choice)  # type: ignore[union-attr]
    win.wizard_page.refresh()
    shot(win, "09b-outcome-report-phone")

    win.open_clause("A9")
    shot(win, "10-protocol-clause-A9")
    win.open_protocol()
    shot(win, "11-protocol-search", lambda: (win.protocol_page.search.setText("toestemming"),
                                             win.protocol_page.render()))  # fmt: skip
    dialog = SettingsDialog(settings, win)
    dialog.show()
    shot(dialog, "12-settings")
    dialog.close()
    _welcome_screens(win, language, shot)
    from klasse_desktop.ui.register_screenshots import register_screens

    register_screens(win, rules, shot)
    win.close()

    review = window(today=date(2028, 3, 1))
    shot(review, "13-start-review-due")
    review.close()
    return written


def _welcome_screens(win: MainWindow, language: str, shot: Callable[[QWidget, str], None]) -> None:
    """The first-run welcome: each page, and the last one for a director and a teacher."""
    from klasse_desktop.ui.welcome_dialog import WelcomeDialog

    welcome = WelcomeDialog(Settings(language=language), parent=win)
    welcome.show()
    shot(welcome, "14-welcome")
    welcome.user_name.setText("Sam de Vries")
    welcome.role.setCurrentIndex(welcome.role.findData("directeur"))
    welcome.school.setText("OBS De Vlinder")
    welcome.go_to(1)
    shot(welcome, "14b-welcome-about-you")
    welcome.go_to(2)
    shot(welcome, "14c-welcome-ready-director")
    welcome.go_to(1)
    welcome.role.setCurrentIndex(welcome.role.findData("leerkracht"))
    welcome.go_to(2)
    shot(welcome, "14d-welcome-ready-teacher")
    welcome.done(0)
    welcome.deleteLater()
