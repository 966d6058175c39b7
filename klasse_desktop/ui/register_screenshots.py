"""The case register's screens for `klasse-desktop screenshots`, from invented cases.

A throwaway register in a temporary folder (cheap key derivation) is filled
with made-up cases and people, shown, and deleted again; the user's own
register is never opened.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QWidget

from klasse_desktop.cases.repository import CaseRegister
from klasse_desktop.cases.wizard_notes import save_wizard_run
from klasse_desktop.i18n import current_language
from klasse_desktop.protocol.engine import WizardError, WizardRun
from klasse_desktop.protocol.models import RuleSet
from klasse_desktop.ui.attachments_panel import png_bytes
from klasse_desktop.ui.background import wait_until
from klasse_desktop.ui.entry_dialog import EntryDialog
from klasse_desktop.ui.main_window import MainWindow
from klasse_desktop.ui.unlock_dialog import UnlockDialog

# The demo register is made in a temporary folder and thrown away; it is cheap, but
# not so weak that the app refuses to open it outside the test suite.
FAST_KDF = {"time_cost": 2, "memory_cost": 16 * 1024, "parallelism": 1}
PASSPHRASE = "voorbeeld wachtwoord 2026"
Shot = Callable[[QWidget, str], None]


def _screenshot_image() -> bytes:
    image = QImage(480, 320, QImage.Format.Format_RGB32)
    image.fill(QColor("#f1f3f5"))
    painter = QPainter(image)
    painter.fillRect(0, 0, 480, 40, QColor("#1c5d99"))
    painter.drawText(20, 80, "Groepsapp groep 7")
    painter.end()
    return png_bytes(image)


def fill_register(register: CaseRegister, rules: RuleSet) -> str:
    """Invented cases and people; returns the number of the case with a full timeline."""
    version, today = rules.protocol.version, date.today()
    school = "OBS De Vlinder"

    def case(title: str, category: str, file_type: str, days_ago: int) -> str:
        return register.create_case(
            title, category, file_type, protocol_version=version, school=school,
            opened_on=today - timedelta(days=days_ago),
        ).number  # fmt: skip

    expired = case("Nepaccount op naam van een leerkracht", "hacken", "personeelsdossier", 1400)
    register.close_case(expired, closed_on=today - timedelta(days=1200))
    from klasse_desktop.cases.retention import purge_expired

    purge_expired(register)  # leaves one receipt to show
    for title, category, file_type, days_ago in (
        ("Filmpje in de gymzaal gemaakt", "onbevoegde_opname", "leerlingendossier", 1300),
        ("Dreigende berichten aan een ouder", "bedreigen", "personeelsdossier", 1250),
    ):
        old = case(title, category, file_type, days_ago)
        register.close_case(old, closed_on=today - timedelta(days=days_ago - 60))
    closed = case("Privégegevens gedeeld in de ouderapp", "privacy", "personeelsdossier", 200)
    register.close_case(closed, closed_on=today - timedelta(days=120))
    case("Memes over een leerkracht", "memes", "leerlingendossier", 30)
    case(
        "Foto van een schoolreis op een privéaccount", "onbevoegde_opname", "personeelsdossier", 12
    )
    main = register.create_case(
        "Kwetsende berichten in de groepsapp van groep 7", "pesten", "leerlingendossier",
        protocol_version=version, school=school, opened_on=today - timedelta(days=9),
        summary="Berichten en een bewerkte foto van een leerling gedeeld in de klassenapp.",
    ).number  # fmt: skip
    register.add_party(main, "leerling", "Zoë Janssen", "groep 7")
    sam = register.add_party(main, "leerling", "Sam de Vries", "groep 7")
    register.add_party(main, "ouder", "Şükrü Yılmaz", "vader", related_to=sam.id)
    register.add_party(main, "medewerker", "Els Bakker", "leerkracht groep 7")
    first = register.add_entry(
        main, "Moeder van Zoë meldt dat er kwetsende berichten over Zoë in de groepsapp staan. "
        "Zij stuurt schermafbeeldingen.", kind="observation", event_date=today - timedelta(days=9),
    )  # fmt: skip
    register.add_attachment(main, "groepsapp-schermafbeelding.png", _screenshot_image())
    register.add_entry(
        main, "Gesprek met Sam en zijn vader. Sam erkent de berichten; afspraak dat hij ze "
        "verwijdert en excuses aanbiedt.", kind="conversation",
        event_date=today - timedelta(days=7),
    )  # fmt: skip
    assert first.id is not None
    register.add_addendum(
        main, first.id, "Correctie: de melding kwam van de vader van Zoë, niet van haar moeder.",
        event_date=today - timedelta(days=6),
    )  # fmt: skip
    run = WizardRun.start(rules, "melden")
    for choice in ("nee", "seksueel", "medewerker"):
        try:
            run.answer(choice)
        except WizardError:  # the wizard changed: the note is a nice-to-have here
            break
    if run.finished:
        save_wizard_run(register, main, run, rules, current_language())
    register.add_entry(
        main, "Klas besproken: afspraken over de groepsapp opnieuw doorgenomen.",
        kind="measure", event_date=today - timedelta(days=2),
    )  # fmt: skip
    return main


def register_screens(window: MainWindow, rules: RuleSet, shot: Shot) -> None:
    """Unlock (first run and later), case list, a case, a new entry, retention."""
    with tempfile.TemporaryDirectory(prefix="klasse-screens-") as tmp:
        folder = Path(tmp) / "register"
        first_run = UnlockDialog(Path(tmp) / "new", "Els Bakker", parent=window)
        first_run.show()
        shot(first_run, "20-register-first-run")
        first_run.close()
        _takeover_screens(window, Path(tmp), shot)

        register = CaseRegister.open(folder, PASSPHRASE, "Els Bakker", create=True, kdf=FAST_KDF)
        main = fill_register(register, rules)
        register.close()
        unlock = UnlockDialog(folder, "Els Bakker", parent=window, kdf=FAST_KDF)
        unlock.show()
        unlock.passphrase.setText("verkeerd wachtwoord")
        unlock.accept()  # shows the "wrong passphrase" message
        wait_until(lambda: not unlock.working)  # the unlock runs in the background
        shot(unlock, "21-register-unlock")
        unlock.passphrase.setText(PASSPHRASE)
        unlock.accept()
        wait_until(lambda: not unlock.working)
        assert unlock.register is not None
        window.register_session.adopt(unlock.register)
        unlock.register = None

        window.open_register()
        shot(window, "22-case-list")  # with the reminder: never backed up off the laptop
        window.register_page.open_case(main)
        wait_until(lambda: not window.register_session.busy)  # read in the background
        shot(window, "23-case-view")
        timeline = window.register_page.case_page.timeline
        wait_until(lambda: timeline.complete)  # long timelines are drawn in batches
        timeline.verticalScrollBar().setValue(timeline.verticalScrollBar().maximum())
        shot(window, "23b-case-view-timeline-end")
        dialog = EntryDialog(window.register_session, main, parent=window)
        dialog.kind.setCurrentIndex(dialog.kind.findData("report"))
        dialog.reported_to.setText("Schoolleiding en vertrouwensinspecteur")
        dialog.text.setPlainText(
            "Melding gedaan bij de vertrouwensinspecteur; advies: gesprek met beide ouders."
        )
        dialog.show()
        shot(dialog, "24-new-entry")
        dialog.lock()
        _report_screens(window, main, rules, shot)
        window.register_page.show_retention()
        shot(window, "25-retention")
        shown: list[bool] = []
        window.evaluation.open()
        page = window.evaluation.page
        assert page is not None
        page.shown.connect(lambda: shown.append(True))
        wait_until(lambda: bool(shown) or not window.register_session.busy)
        wait_until(lambda: not window.register_session.busy)
        shot(window, "29-evaluation")
        window.lock_register()


def _takeover_screens(window: MainWindow, tmp: Path, shot: Shot) -> None:
    """Taking a register over from a backup file: the dialog, and a refused passphrase."""
    from klasse_desktop.ui.takeover_dialog import TakeoverDialog

    source = tmp / "klasse-register-20261125-1030.klasse-backup"
    dialog = TakeoverDialog(tmp / "new", source, "Els Bakker", parent=window, kdf=FAST_KDF)
    dialog.show()
    shot(dialog, "20b-register-takeover")
    dialog.old.setText("verkeerd wachtwoord")
    dialog.new.setText("zeilboot tulpenbol")
    dialog.repeat.setText("zeilboot tulpenbol kaasschaaf")
    dialog.accept()  # the two new passphrases differ: said in the dialog, nothing tried
    shot(dialog, "20c-register-takeover-error")
    dialog.reject()


def _report_screens(window: MainWindow, number: str, rules: RuleSet, shot: Shot) -> None:
    """Adding a parent, choosing the report's file, and the review of names."""
    from klasse_desktop.reports.redaction.redactor import ReviewNeeded
    from klasse_desktop.reports.report_model import ReportContext, build_report_model
    from klasse_desktop.ui.name_review_dialog import NameReviewDialog
    from klasse_desktop.ui.new_case_dialog import NewCaseDialog
    from klasse_desktop.ui.party_dialog import PartyDialog
    from klasse_desktop.ui.report_dialog import ReportDialog

    register = window.register_session.register
    assert register is not None
    party = PartyDialog(window.register_session, number, parent=window, name="Ingrid Janssen")
    party.role.setCurrentIndex(party.role.findData("ouder"))
    party.class_or_function.setText("moeder")
    parties = register.get_case(number).parties
    zoe = next(p for p in parties if p.name == "Zoë Janssen")
    party.related_to.setCurrentIndex(party.related_to.findData(zoe.id))
    party.show()
    shot(party, "26-party-parent")
    party.close()
    # Correcting a party (and, from the same dialog, removing one added by mistake).
    father = next(p for p in parties if p.role == "ouder")
    correct = PartyDialog(window.register_session, number, parent=window, parties=parties,
                          party=father)  # fmt: skip
    correct.show()
    shot(correct, "26b-party-correct")
    correct.close()
    new_case = NewCaseDialog(window.register_session, school="OBS De Vlinder",
                             protocol_version=rules.protocol.version, parent=window)  # fmt: skip
    new_case.show()
    shot(new_case, "26c-new-case")  # nothing chosen for the director
    new_case.close()

    view = window.register_page.case_page
    parent_row = next(
        row for row in range(view.parties.count()) if "Şükrü" in view.parties.item(row).text()
    )
    view.parties.setCurrentRow(parent_row)  # shows "Parent or carer of…"
    shot(window, "23c-case-view-parent")
    view.parties.clearSelection()

    detail = register.get_case(number)
    report = ReportDialog(detail, window, search_ready=lambda: False)  # still preparing
    report.show()
    shot(report, "27-report")
    report.close()

    # Names to decide on: one nobody registered, an account name, a first name that
    # two pupils share (the second one added here, after the case screens).
    register.add_party(number, "leerling", "Sam Bakker", "groep 8")
    register.add_entry(
        number, "Volgens Zoë heeft Sem de foto bewerkt; het account @sem_2012 plaatste hem "
        "in de groepsapp. Sam was daar erg van geschrokken.", kind="observation",
    )  # fmt: skip
    detail = register.get_case(number)
    subject = next(p.id or 0 for p in detail.parties if p.name == "Zoë Janssen")
    context = ReportContext("Stichting Klasse", "OBS De Vlinder", "Els Bakker",
                            current_language(), date.today())  # fmt: skip

    def sem(text: str) -> list[tuple[int, int]]:
        start = text.find("Sem ")
        return [(start, start + 3)] if start >= 0 else []

    try:
        build_report_model(detail, subject, "leerlingendossier", context, rules, {}, sem)
    except ReviewNeeded as review:
        dialog = NameReviewDialog(
            review.flags, detail.parties, parent=window, add_party=lambda *_a: False
        )
        dialog.show()
        shot(dialog, "28-name-review")
        dialog.close()
