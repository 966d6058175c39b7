"""The wizards meet who the user is: "Wie ben je?" answered from the role in the
settings (and changeable), choices only for some roles, conditions that fit the
answers, "What would change the answer?" and the school's own contacts."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt

from klasse_desktop.protocol.engine import WizardRun
from klasse_desktop.protocol.models import Outcome, Question


def _answer(win, qtbot, *choices):
    page = win.wizard_page
    for choice in choices:
        assert isinstance(page.run.current, Question), page.run.current
        page.question_view.radios[choice].setChecked(True)
        qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)


def test_the_settings_role_answers_who_you_are_and_it_can_be_changed(window, qtbot, rules):
    identity = rules.wizard("contact").identity_question
    if identity is None or not any(c.settings_roles for c in identity.choices):
        import pytest

        pytest.skip("the shipped contact wizard marks no identity question yet")
    window._apply_settings(replace(window.settings, role="leerkracht"))
    window.open_wizard("contact")
    page = window.wizard_page
    run = page.run
    assert "leerkracht" in identity.choice(run.answers[identity.id]).settings_roles
    assert page.answers.count() == 1  # shown among the answers
    assert run.current.id != identity.id
    page._jump(page.answers.item(0))  # and changeable
    assert page.run.current.id == identity.id


def test_choosing_an_alternative_runs_the_wizard_again(window, qtbot, rules):
    window.open_wizard("contact")
    page = window.wizard_page
    page.run.restart()
    page.run.replay((("wie", "medewerker"), ("situatie", "groepsapp"),
                     ("groep_app", "andere_app"), ("groep_wie", "leerlingen")))  # fmt: skip
    page.refresh()
    view = page.outcome_view
    assert isinstance(page.run.current, Outcome)
    links = [link for link in view._change_links if link.isVisibleTo(view)]
    assert links and any("Klasse-app" in link.link_name for link in links)
    index = next(i for i, a in enumerate(view.alternatives)
                 if dict(a.answers).get("groep_app") == "klasse_app")  # fmt: skip
    view._change_links[index].setFocus()
    qtbot.keyClick(view._change_links[index], Qt.Key.Key_Return)
    assert page.run.outcome is not None
    assert page.run.outcome.kind.value in ("allowed", "allowed_if")
    assert page.run.answers["groep_app"] == "klasse_app"
    assert not view.change_heading.isVisible()  # an allowed outcome has nothing to change
    assert not any(link.isVisibleTo(view) for link in view._change_links)


def test_the_schools_own_director_is_shown_with_the_line_manager(window, qtbot, rules):
    settings = replace(window.settings, contact_directeur_name="Anna de Wit",
                       contact_directeur_phone="030-1234567")  # fmt: skip
    window._apply_settings(settings)
    window.open_wizard("contact")
    page = window.wizard_page
    contacts = rules.contacts
    if "directeur" not in contacts["leidinggevende"].school_contacts:
        import pytest

        pytest.skip("contacts.yaml does not link the line manager to the school's director yet")
    run = WizardRun.start(rules, "contact")
    page.run = run
    run.replay((("wie", "medewerker"), ("situatie", "anders")))
    page.refresh()
    card = page.outcome_view._cards["leidinggevende"]
    assert card.at_school.isVisible()
    assert card.at_school.text() == "Op jouw school: Anna de Wit (directeur) — 030-1234567"


def test_school_contacts_are_edited_in_the_settings(qtbot, qapp):
    from klasse_desktop.settings import Settings
    from klasse_desktop.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    dialog.contacts.names["vertrouwenspersoon"].setText("  Bram   Jansen ")
    dialog.contacts.phones["vertrouwenspersoon"].setText("06-12345678")
    values = dialog.values()
    assert values.contact_vertrouwenspersoon_name == "Bram Jansen"
    assert values.school_contact("vertrouwenspersoon").phone == "06-12345678"
    assert values.school_contact("privacy") is None


def test_a_director_sets_the_school_contacts_in_the_welcome(qtbot, qapp):
    from klasse_desktop.settings import Settings
    from klasse_desktop.ui.welcome_dialog import WelcomeDialog

    dialog = WelcomeDialog(Settings(), on_language=lambda _language: None)
    qtbot.addWidget(dialog)
    dialog.go_to(1)
    dialog.role.setCurrentIndex(dialog.role.findData("leerkracht"))
    dialog.go_to(2)
    assert not dialog.contacts_box.isVisibleTo(dialog)  # a teacher is not asked
    dialog.go_to(1)
    dialog.role.setCurrentIndex(dialog.role.findData("directeur"))
    dialog.go_to(2)
    assert dialog.contacts_box.isVisibleTo(dialog)
    dialog.contacts.names["intern_begeleider"].setText("Fatma Yıldız")
    dialog.contacts.phones["intern_begeleider"].setText("030-7654321")
    dialog.accept()
    chosen = dialog.chosen()
    assert chosen.school_contact("intern_begeleider").name == "Fatma Yıldız"
    assert chosen.role == "directeur"
