"""Correcting and removing the selected party of a case view.

"Correct…" opens the party dialog with the party filled in (name, role, class or
function, whose parent); it also offers "Remove party…", which works only when
nothing refers to the party and says what does otherwise. Kept apart from the
case view so the view only places the buttons and the menu entries.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu, QPushButton

from klasse_desktop.i18n import _

if TYPE_CHECKING:
    from klasse_desktop.cases.models import Party
    from klasse_desktop.ui.case_view_page import CaseViewPage


class PartyActions:
    def __init__(self, page: CaseViewPage) -> None:
        self.page = page
        self.correct_button = QPushButton()
        self.correct_button.clicked.connect(self.correct)
        self.correct_button.hide()
        self.retranslate()

    def retranslate(self) -> None:
        self.correct_button.setText(_("Correc&t…"))
        self.correct_button.setToolTip(
            _("Correct the name, role or class of the selected party, or remove a party added by "
              "mistake")
        )  # fmt: skip

    def update(self, party: Party | None) -> None:
        self.correct_button.setVisible(party is not None)

    def add_to_menu(self, menu: QMenu) -> None:
        menu.addAction(self.correct_button.text(), self.correct)

    def correct(self) -> None:
        """The party dialog for the selected party; the view re-reads the case after."""
        from klasse_desktop.ui.party_dialog import PartyDialog

        page = self.page
        party = page.selected_party()
        if party is None or page.detail is None or party.id is None:
            return
        dialog = PartyDialog(page.session, page.detail.case.number, parent=page,
                             parties=page.detail.parties, party=party)  # fmt: skip
        result = dialog.exec()
        dialog.deleteLater()
        if result:
            page.reload()
            page._select_party(party.id)
