"""`klasse-desktop screenshots OUTDIR`: every main screen, in Dutch and English, to PNG.

For looking at the app as a user would (clipping, English in the Dutch UI, a
crowded 1024×600 netbook, 150 % fonts, the dark colour scheme) without clicking
through it by hand. The demo window saves its settings when it closes: while the
screens are made, the app's config, data and log folders are temporary ones, so
the user's own settings (language, name, school) are never overwritten with the
demo's "Sam de Vries" of "De Vlinder".
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

from klasse_desktop import i18n
from klasse_desktop.protocol.graph import all_paths
from klasse_desktop.protocol.models import OutcomeKind, Question, RuleSet
from klasse_desktop.protocol.shipped import default_rules
from klasse_desktop.settings import Settings
from klasse_desktop.ui.main_window import MainWindow
from klasse_desktop.ui.qt_i18n import install_translators
from klasse_desktop.ui.settings_dialog import SettingsDialog
from klasse_desktop.ui.style import apply_style


@dataclass(frozen=True)
class Variant:
    name: str
    width: int
    height: int
    font_scale: float = 1.0
    dark: bool = False


VARIANTS = (
    Variant("1366x768", 1366, 768),
    Variant("1920x1080", 1920, 1080),
    Variant("1366x768-font150", 1366, 768, 1.5),
    Variant("1024x600", 1024, 600),
    Variant("1280x720-font150", 1280, 720, 1.5),
    Variant("1366x768-dark", 1366, 768, dark=True),
)
PRIVATE_FOLDERS = ("KLASSE_CONFIG_DIR", "KLASSE_DATA_DIR", "KLASSE_LOG_DIR")


@contextmanager
def private_folders() -> Iterator[Path]:
    """Point the app's config, data and log folders at a temporary folder, and back."""
    before = {name: os.environ.get(name) for name in PRIVATE_FOLDERS}
    with tempfile.TemporaryDirectory(prefix="klasse-screenshots-") as tmp:
        for name in PRIVATE_FOLDERS:
            os.environ[name] = str(Path(tmp) / name.removeprefix("KLASSE_").lower())
        try:
            yield Path(tmp)
        finally:
            for name, value in before.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


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
    base_font, base_palette, base_sheet = QFont(app.font()), app.palette(), app.styleSheet()
    rules = default_rules()
    outdir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with private_folders():
        for variant in variants:
            apply_style(app, dark=variant.dark)
            font = QFont(base_font)
            font.setPointSizeF(base_font.pointSizeF() * variant.font_scale)
            app.setFont(font)
            for language in languages:
                i18n.set_language(language)
                install_translators(app, language)
                prefix = f"{language}-{variant.name}"
                written += _screens(app, rules, outdir, prefix, language, variant)
    app.setFont(base_font)
    apply_style(app, dark=False)
    app.setPalette(base_palette)
    app.setStyleSheet(base_sheet)
    return written


def _screens(
    app: QApplication, rules: RuleSet, outdir: Path, prefix: str, language: str, variant: Variant
) -> list[Path]:
    settings = Settings(language=language, user_name="Sam de Vries", school="De Vlinder")
    written: list[Path] = []

    def window(today: date | None = None) -> MainWindow:
        win = MainWindow(rules, settings, today=today or date(2026, 11, 25))
        win.show()
        _settle(app)  # the window fits itself to the screen once shown ...
        win.resize(variant.width, variant.height)  # ... the variant's size is what we want
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
    run = win.wizard_page.run
    assert run is not None and isinstance(run.current, Question)
    run.answer(run.offered(run.current)[0].id)  # the question on screen (the role may be given)
    win.wizard_page.refresh()
    shot(win, "04-wizard-second-question")

    for number, kind in enumerate(OutcomeKind, start=5):
        wizard_id, answers = example_answers(rules, kind)
        win.open_wizard(wizard_id)
        run = win.wizard_page.run
        assert run is not None
        for question_id in answers:  # in path order, also a question answered from the role
            run.answer(answers[question_id], question_id)
        win.wizard_page.refresh()
        shot(win, f"{number:02d}-outcome-{kind.value}")

    # An outcome with a phone number (the confidential inspector).
    win.open_wizard("melden")
    run = win.wizard_page.run
    assert run is not None
    for choice in ("nee", "seksueel", "medewerker"):
        if isinstance(run.current, Question) and choice in {c.id for c in run.offered(run.current)}:
            run.answer(choice)  # else the wizard answered that question itself (the role)
    win.wizard_page.refresh()
    shot(win, "09b-outcome-report-phone")

    win.open_clause("A9")
    shot(win, "10-protocol-clause-A9")
    win.open_protocol()

    def search_protocol() -> None:
        win.protocol_page.search.setText("toestemming")
        win.protocol_page.redraw()  # at once, not after the search field's debounce

    shot(win, "11-protocol-search", search_protocol)
    dialog = SettingsDialog(settings, win)
    dialog.show()
    shot(dialog, "12-settings")
    dialog.close()
    _welcome_screens(win, language, shot)
    from klasse_desktop.ui.photo_check_dialog import PhotoCheckDialog

    photo = PhotoCheckDialog(win)
    photo.show()
    shot(photo, "15-photo-check")
    photo.close()
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
