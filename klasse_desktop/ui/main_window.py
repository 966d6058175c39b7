"""The main window: pages (start, wizard, protocol, case register), menus, shortcuts,
geometry, the first-run welcome, and locking the case register (Ctrl+L, idle time,
closing the window).

The register is for directors (`settings.keeps_register`): for anyone else its
menu, its toolbar button and "Save as case note" are not there at all."""

from __future__ import annotations

import base64
import logging
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QMainWindow,
    QStackedWidget,
    QStyle,
    QWidget,
)

from klasse_desktop import __version__, i18n
from klasse_desktop.i18n import _, current_language
from klasse_desktop.logs import errno_name
from klasse_desktop.protocol.summary import RulesSummary, summarise
from klasse_desktop.settings import Settings, keeps_register, save_settings
from klasse_desktop.ui.evaluation_entry import EvaluationEntry
from klasse_desktop.ui.first_paint import after_first_paint
from klasse_desktop.ui.qt_i18n import install_translators
from klasse_desktop.ui.register_session import RegisterSession
from klasse_desktop.ui.start_page import StartPage
from klasse_desktop.ui.style import minimum_page_size
from klasse_desktop.ui.window_keys import PassWindowKeys

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QKeyEvent, QShowEvent

    from klasse_desktop.protocol.models import RuleSet
    from klasse_desktop.ui.protocol_page import ProtocolPage
    from klasse_desktop.ui.register_page import RegisterPage
    from klasse_desktop.ui.wizard_page import WizardPage

log = logging.getLogger(__name__)


def _shortcut(standard: QKeySequence.StandardKey, fallback: str) -> list[QKeySequence]:
    """The platform's standard key, or a fallback where the platform has none."""
    keys = QKeySequence.keyBindings(standard)
    return keys or [QKeySequence(fallback)]


class MainWindow(QMainWindow):
    def __init__(
        self, rules: RuleSet | Callable[[], RuleSet], settings: Settings,
        today: date | None = None, *, summary: RulesSummary | None = None,
        register_kdf: dict[str, int] | None = None, show_welcome: bool = False,
    ) -> None:  # fmt: skip
        """`rules`, or a function that loads them: with `summary` the start page is
        painted from the summary and the rules load right after the first paint (the
        app's start; see `protocol/summary.py`).

        `show_welcome`: greet a first-time user once the window is on screen (only
        `app.run` asks for it, so tests and screenshots get a window without a dialog)."""
        super().__init__()
        self._rules: RuleSet | None = None if callable(rules) else rules
        self._load_rules = rules if callable(rules) else None
        self.settings = settings
        self._welcome_pending = show_welcome
        self.history: list[QWidget] = []
        # The register is opened when a user first goes to it, never here.
        self.register_session = RegisterSession(
            self._actor, kdf=register_kdf, lock_after_minutes=settings.lock_after_minutes,
            parent=self,
        )  # fmt: skip
        self.register_session.idle.connect(self.lock_register)
        # Ctrl+L in a modal dialog (a new entry, a case note), where the window's
        # own shortcut is blocked.
        self.register_session.watcher.lock_requested.connect(self.lock_register)
        self.register_session.opened.connect(self._register_state_changed)
        self.register_session.locked.connect(self._register_state_changed)
        self._register_page: RegisterPage | None = None
        self._locked_notice = False  # the register was open and is locked now

        # Only the start page is built before the first paint; the others are
        # built when first opened (start-up is a feature, see benchmarks/).
        # Parents before children: with the app's style sheet, moving a built subtree
        # into the window re-styles all of it.
        self.pages = QStackedWidget(self)
        self.setCentralWidget(self.pages)
        self.start_page = StartPage(
            summary or summarise(self.rules), lambda: self.rules, today, parent=self.pages
        )
        self._wizard_page: WizardPage | None = None
        self._protocol_page: ProtocolPage | None = None
        self.pages.addWidget(self.start_page)

        self.start_page.wizard_chosen.connect(self.open_wizard)
        self.start_page.clause_chosen.connect(self.open_clause)
        self.start_page.protocol_requested.connect(self.open_protocol)
        self.start_page.photo_check_requested.connect(self.check_photo)

        self._make_actions()
        # Ctrl+Home from inside a search box too (a line edit keeps it otherwise).
        self.window_keys = PassWindowKeys(self.home_action.shortcuts, self)
        self.window_keys.watch(self.start_page)
        self.evaluation = EvaluationEntry(self)
        self.retranslate()
        # The page stack is as large as its largest page, so the start page's minimum is
        # the floor for all of them; a page that needs more still widens the window.
        self.start_page.setMinimumSize(minimum_page_size(self))
        self._restore_geometry()
        if self._rules is None:  # ready before the user can click anything
            after_first_paint(self, self._preload_rules)

    @property
    def rules(self) -> RuleSet:
        if self._rules is None:
            assert self._load_rules is not None
            self._rules = self._load_rules()
        return self._rules

    def _preload_rules(self) -> None:
        _ = self.rules

    @property
    def wizard_page(self) -> WizardPage:
        if self._wizard_page is None:
            from klasse_desktop.evaluation.wizard_use import WizardUseCounter
            from klasse_desktop.ui.wizard_page import WizardPage

            page = WizardPage(self.rules)
            page.clause_clicked.connect(self.open_clause)
            page.home_requested.connect(self.go_home)
            page.case_note_requested.connect(self.save_case_note)
            page.advice_requested.connect(self.save_advice)
            page.set_case_notes_offered(keeps_register(self.settings.role))
            page.set_school_contacts(self.settings.school_contact)
            page.counter = WizardUseCounter(lambda: self.settings.count_wizard_use)
            self.pages.addWidget(page)
            self._wizard_page = page
        return self._wizard_page

    @property
    def register_page(self) -> RegisterPage:
        if self._register_page is None:
            from klasse_desktop.ui.register_page import RegisterPage

            self._register_page = RegisterPage(
                self.register_session, school=self.settings.school,
                protocol_version=self.rules.protocol.version,
            )  # fmt: skip
            self.pages.addWidget(self._register_page)
            self.window_keys.watch(self._register_page)
        return self._register_page

    @property
    def protocol_page(self) -> ProtocolPage:
        if self._protocol_page is None:
            from klasse_desktop.ui.protocol_page import ProtocolPage

            self._protocol_page = ProtocolPage(self.rules)
            self.pages.addWidget(self._protocol_page)
            self.window_keys.watch(self._protocol_page)
        return self._protocol_page

    # -- navigation ---------------------------------------------------------------

    def _show(self, page: QWidget, *, remember: bool = True) -> None:
        current = self.pages.currentWidget()
        if remember and current is not None and current is not page:
            self.history.append(current)
        if page is self.start_page and current is not page:
            self.start_page.clear_search()  # back home: all the wizards, not an old search
        self.pages.setCurrentWidget(page)
        self.back_action.setEnabled(
            bool(self.history) or page in (self._wizard_page, self._register_page)
        )

    def check_photo(self) -> None:
        """Foto controleren: blur faces and strip metadata from a copy, offline."""
        from klasse_desktop.ui.photo_check_dialog import PhotoCheckDialog

        PhotoCheckDialog(self).exec()

    def show_page(self, page: QWidget) -> None:
        """Show a page that lives outside this module (the evaluation), with Back."""
        self._show(page)

    def go_home(self) -> None:
        """The start screen, fresh: its search is emptied even if it was on screen."""
        self.history.clear()
        self._show(self.start_page, remember=False)
        self.start_page.clear_search()
        self.start_page.focus_search()

    def open_wizard(self, wizard_id: str) -> None:
        self.wizard_page.start(wizard_id, self.settings.role)
        self.history = [self.start_page]
        self._show(self.wizard_page, remember=False)

    def open_protocol(self) -> None:
        self._show(self.protocol_page)

    def open_clause(self, clause_id: str) -> None:
        self.protocol_page.show_clause(clause_id)
        self._show(self.protocol_page)

    def go_back(self) -> None:
        run = self._wizard_page.run if self._wizard_page else None
        if self.pages.currentWidget() is self._wizard_page and run and run.can_go_back:
            self.wizard_page.back()
            return
        page = self._register_page
        if page is not None and self.pages.currentWidget() is page and page.can_go_back:
            page.go_back()
            return
        if self.history:
            self._show(self.history.pop(), remember=False)

    def focus_search(self) -> None:
        """Ctrl+F: the search of the page on screen (home's where a page has none)."""
        if self._protocol_page and self.pages.currentWidget() is self._protocol_page:
            self._protocol_page.focus_search()
        elif self._register_page and self.pages.currentWidget() is self._register_page:
            self._register_page.focus_search()
        elif self.pages.currentWidget() is self.start_page:
            self.start_page.focus_search()  # keeps what was typed
        else:
            self.go_home()

    # -- menus --------------------------------------------------------------------

    def _make_actions(self) -> None:
        def action(slot: object, keys: list[QKeySequence]) -> QAction:
            act = QAction(self)
            act.setShortcuts(keys)
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        self.home_action = action(self.go_home, [QKeySequence("Ctrl+Home")])
        self.back_action = action(
            self.go_back, _shortcut(QKeySequence.StandardKey.Back, "Alt+Left")
        )
        self.protocol_action = action(self.open_protocol, [QKeySequence("Ctrl+Shift+P")])
        self.find_action = action(
            self.focus_search, _shortcut(QKeySequence.StandardKey.Find, "Ctrl+F")
        )
        self.settings_action = action(
            self.edit_settings, _shortcut(QKeySequence.StandardKey.Preferences, "Ctrl+,")
        )
        self.quit_action = action(self.close, _shortcut(QKeySequence.StandardKey.Quit, "Ctrl+Q"))
        self.help_action = action(
            self.open_protocol, _shortcut(QKeySequence.StandardKey.HelpContents, "F1")
        )
        self.about_action = action(self.about, [])
        self.register_action = action(self.open_register, [QKeySequence("Ctrl+Shift+D")])
        self.lock_action = action(self.lock_register, [QKeySequence("Ctrl+L")])
        self.offsite_action = action(self.back_up_offsite, [])
        self.back_action.setEnabled(False)

        toolbar = self.addToolBar("")
        toolbar.setObjectName("navigation")
        toolbar.setMovable(False)
        # Actions without icons show their text (no `Qt` enum needed before the paint).
        for act in (self.back_action, self.home_action, self.protocol_action):
            toolbar.addAction(act)
        self.register_separator = toolbar.addSeparator()
        toolbar.addAction(self.register_action)
        toolbar.addAction(self.lock_action)
        self.toolbar = toolbar
        self._register_state_changed()

        self.file_menu = self.menuBar().addMenu("")
        self.file_menu.addAction(self.settings_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.go_menu = self.menuBar().addMenu("")
        for act in (self.home_action, self.back_action, self.find_action, self.protocol_action):
            self.go_menu.addAction(act)
        self.cases_menu = self.menuBar().addMenu("")
        self.cases_menu.addAction(self.register_action)
        self.cases_menu.addAction(self.lock_action)
        self.cases_menu.addSeparator()
        self.cases_menu.addAction(self.offsite_action)
        self.help_menu = self.menuBar().addMenu("")
        self.help_menu.addAction(self.help_action)
        self.help_menu.addAction(self.about_action)
        self._show_register_for_role()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Klasse Desktop — social media protocol"))
        self.file_menu.setTitle(_("&File"))
        self.go_menu.setTitle(_("&Go"))
        self.help_menu.setTitle(_("&Help"))
        self.home_action.setText(_("&Start screen"))
        self.back_action.setText(_("← &Back"))
        self.toolbar.setWindowTitle(_("Navigation"))
        self.protocol_action.setText(_("&Protocol"))
        self.find_action.setText(_("&Search…"))
        self.settings_action.setText(_("&Settings…"))
        self.quit_action.setText(_("&Quit"))
        self.help_action.setText(_("Read the &protocol"))
        self.about_action.setText(_("&About Klasse Desktop"))
        self.cases_menu.setTitle(_("&Cases"))
        self.register_action.setText(_("Case &register"))
        self.register_action.setToolTip(
            _("Case notes for directors, encrypted on this computer ({key})").format(
                key=self.register_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            )
        )
        self.lock_action.setText(_("&Lock case register"))
        self.offsite_action.setText(_("Back up &to…"))
        self.lock_action.setToolTip(
            _("Close the case register; it asks for the passphrase again ({key})").format(
                key=self.lock_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            )
        )
        for page in (self.start_page, self._wizard_page, self._protocol_page, self._register_page):
            if page is not None:
                page.retranslate()
        if hasattr(self, "evaluation"):
            self.evaluation.retranslate()

    # -- dialogs ------------------------------------------------------------------

    def edit_settings(self) -> None:
        from klasse_desktop.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self)
        if dialog.exec() != SettingsDialog.DialogCode.Accepted:
            return
        self._apply_settings(dialog.settings)

    def _apply_settings(self, settings: Settings) -> None:
        self.settings = settings
        self._show_register_for_role()
        if self._wizard_page is not None:
            self._wizard_page.set_school_contacts(settings.school_contact)
        self.register_session.set_lock_minutes(settings.lock_after_minutes)
        if self._register_page is not None:
            self._register_page.school = settings.school
        if settings.language != current_language():
            self.set_language(settings.language)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        QTimer.singleShot(0, self._keep_on_screen)  # the frame is known once shown
        if self._welcome_pending:
            self._welcome_pending = False
            # Once the window is painted and what waits for that has run (the app's
            # style sheet, the log): the dialog runs its own event loop.
            after_first_paint(self, lambda: QTimer.singleShot(0, self.welcome))

    def welcome(self) -> None:
        """The first-run welcome; a director who asks for it then sets up the register.

        Its answer (finished or skipped) is saved at once, so the welcome is not shown
        again even if the app is stopped later without closing the window."""
        from klasse_desktop.ui.welcome_dialog import WelcomeDialog

        dialog = WelcomeDialog(self.settings, on_language=self.set_language, parent=self)
        finished = dialog.exec() == WelcomeDialog.DialogCode.Accepted
        wants_register = dialog.wants_register
        log.info("welcome %s", "finished" if finished else "skipped")
        self._apply_settings(dialog.chosen())
        dialog.deleteLater()
        try:
            save_settings(self.settings)
        except OSError as exc:  # shown again next time: better than a message now
            log.warning("settings not saved after the welcome: %s", errno_name(exc))
        if wants_register:
            log.info("case register set-up requested from the welcome")
            self.open_register()

    def set_language(self, language: str) -> None:
        """Switch language in place: the wizard keeps its answers and its page."""
        i18n.set_language(language)
        app = QApplication.instance()
        if app is not None:
            install_translators(app, language)
        self.retranslate()

    # -- case register ------------------------------------------------------------

    def _actor(self) -> str:
        return self.settings.user_name.strip() or _("unknown user")

    def _register_state_changed(self) -> None:
        is_open = self.register_session.is_open
        self.lock_action.setEnabled(is_open)
        self.lock_action.setVisible(is_open)
        self.offsite_action.setEnabled(is_open)
        # The window's own Ctrl+L is blocked by a modal dialog; the session's input
        # watcher (running while the register is open) catches it there.
        self.register_session.watcher.lock_keys = self.lock_action.shortcuts()
        if is_open:
            self._locked_notice = True
        self.start_page.set_register_locked(self._locked_notice and not is_open)

    def _show_register_for_role(self) -> None:
        """Show the register to the roles that keep one, and nothing of it to others.

        Hidden actions take their shortcuts with them (Ctrl+Shift+D does nothing
        for a teacher). A register left open by a role that no longer keeps one is
        locked: its lock button is gone with the rest."""
        director = keeps_register(self.settings.role)
        for act in (
            self.register_action, self.register_separator, self.offsite_action,
            self.cases_menu.menuAction(),
        ):  # fmt: skip
            act.setVisible(director)
        if self._wizard_page is not None:
            self._wizard_page.set_case_notes_offered(director)
        if hasattr(self, "evaluation"):  # made after the menus it adds to
            self.evaluation.follow_settings()
        if not director:
            self.lock_register()

    def open_register(self) -> bool:
        """Go to the case list, unlocking the register first if needed."""
        if not self.register_session.ensure_open(self):
            return False
        page = self.register_page
        page.show_list()
        self._show(page)
        return True

    def back_up_offsite(self) -> None:
        """Cases → Back up to…: one backup file in a folder off this laptop."""
        if self.open_register():
            self.register_page.back_up_offsite()

    def lock_register(self) -> None:
        """Close the register and leave nothing about any case on screen.

        Windows with case data close first (the entry dialog keeps its text as a
        draft while the register is still open), then every view is emptied, then
        the database closes. Only a register page on screen sends the user to the
        start page: a wizard or the protocol shows no case data and stays."""
        if not self.register_session.is_open:
            return
        from klasse_desktop.ui import messages

        messages.close_case_windows()
        page = self._register_page
        if page is not None:
            page.clear()
            self.history = [w for w in self.history if w is not page]
            if self.pages.currentWidget() is page:
                self.go_home()
        self.register_session.lock()

    def save_case_note(self) -> None:
        """Save the finished wizard run into a case (unlocking the register if needed)."""
        run = self._wizard_page.run if self._wizard_page else None
        if run is None or not run.finished or not keeps_register(self.settings.role):
            return
        if not self.register_session.ensure_open(self):
            return
        from klasse_desktop.ui import messages
        from klasse_desktop.ui.case_note_dialog import CaseNoteDialog

        dialog = CaseNoteDialog(
            self.register_session, run, self.rules, current_language(),
            school=self.settings.school, parent=self,
        )  # fmt: skip
        number = dialog.saved_in if dialog.exec() else None
        dialog.deleteLater()
        if number:
            if self._register_page is not None:
                self._register_page.list_page.refresh()
            messages.inform(
                self, _("Saved as case note"),
                _("The outcome is now an entry in the timeline of case {number}.").format(
                    number=number
                ),
            )  # fmt: skip

    def save_advice(self) -> None:
        """The finished wizard run as a one-page advice record (PDF)."""
        from klasse_desktop.protocol.engine import WizardRun
        from klasse_desktop.reports.advice import build_advice
        from klasse_desktop.settings import ROLES
        from klasse_desktop.ui.pdf_export import choose_target, export_pdf

        current = self.wizard_page.run
        if current is None or not current.finished:
            return
        # A snapshot: the user may go back in the wizard while the PDF is being made.
        run = WizardRun.from_state(self.rules, current.to_state())
        target = choose_target(self, _("Advice record"), f"advies-{run.wizard.id}.pdf")
        if target is None:
            return
        settings, rules, lang = self.settings, self.rules, current_language()
        role = _(ROLES.get(settings.role, settings.role))
        export_pdf(
            self,
            lambda: build_advice(
                run, rules, lang, name=settings.user_name, role=role,
                foundation=settings.foundation, school=settings.school, issued_on=date.today(),
                school_contacts=settings.school_contact,
            ),
            target,
        )  # fmt: skip

    def about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from klasse_desktop.i18n_dates import format_date, version_label

        protocol = self.rules.protocol
        lang = current_language()
        QMessageBox.about(
            self,
            _("About Klasse Desktop"),
            _(
                "Klasse Desktop {version}\n\n{protocol}, {organisation}\nAdopted {adopted}; "
                "{protocol_version}; evaluation due {evaluation}."
            ).format(
                version=__version__,
                protocol=protocol.title.get(lang),
                organisation=protocol.organisation,
                adopted=format_date(protocol.dates.adopted, lang),
                protocol_version=version_label(protocol.version, lang),
                evaluation=format_date(protocol.dates.evaluation, lang),
            ),
        )

    # -- geometry -----------------------------------------------------------------

    def _restore_geometry(self) -> None:
        stored = self.settings.window_geometry
        if stored:
            try:
                if self.restoreGeometry(QByteArray(base64.b64decode(stored))):
                    return
            except ValueError:
                pass
        screen = self.screen().availableGeometry()
        # The title bar and borders come on top of this size: leave room for them
        # (known exactly only once shown; `_keep_on_screen` corrects then).
        frame = self.style().pixelMetric(QStyle.PixelMetric.PM_TitleBarHeight) + 16
        self.resize(min(1200, screen.width() - 16), min(820, screen.height() - frame))

    def _keep_on_screen(self) -> None:
        """The whole window, title bar included, within the screen's available area
        (a 1366×768 laptop with a taskbar must show the bottom row of buttons)."""
        screen = self.screen().availableGeometry()
        outer, inner = self.frameGeometry(), self.geometry()
        extra_w, extra_h = outer.width() - inner.width(), outer.height() - inner.height()
        width = min(inner.width(), screen.width() - extra_w)
        height = min(inner.height(), screen.height() - extra_h)
        if (width, height) != (inner.width(), inner.height()):
            self.resize(max(width, self.minimumWidth()), max(height, self.minimumHeight()))
        outer = self.frameGeometry()
        x = min(max(outer.x(), screen.x()), screen.right() - outer.width() + 1)
        y = min(max(outer.y(), screen.y()), screen.bottom() - outer.height() + 1)
        if (x, y) != (outer.x(), outer.y()):
            self.move(max(x, screen.x()), max(y, screen.y()))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        """Escape is "back" in every view that does not use it itself (the protocol,
        the register); in a search box with text it first clears the search."""
        from PySide6.QtCore import Qt  # not before the first paint (see startup tests)

        if event.key() == Qt.Key.Key_Escape:
            focus = self.focusWidget()
            if isinstance(focus, QLineEdit) and focus.text():
                focus.clear()
            else:
                self.go_back()
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        self.lock_register()
        self.settings.window_geometry = base64.b64encode(self.saveGeometry().data()).decode()
        # Losing the window size is not worth stopping the user from quitting.
        try:
            save_settings(self.settings)
        except OSError as exc:
            log.warning("settings not saved at closing: %s", errno_name(exc))
        log.info("window closed")
        super().closeEvent(event)
