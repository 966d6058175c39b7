"""The whole protocol: navigable by section and clause, searchable with highlighted hits.

A clause opened from an outcome stays highlighted (and selected in the tree) until
the user searches for something else: then only the new search's hits are marked.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from klasse_desktop.i18n import _, current_language, ngettext
from klasse_desktop.protocol.models import RuleSet
from klasse_desktop.protocol.search import search_clauses
from klasse_desktop.ui.protocol_html import protocol_html


class ProtocolPage(QWidget):
    def __init__(self, rules: RuleSet) -> None:
        super().__init__()
        self.rules = rules
        self.highlight: str | None = None

        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search_edited)
        self.search.returnPressed.connect(self._next_hit)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self.redraw)
        self.hit_count = QLabel()
        self.previous_hit = QToolButton()
        self.previous_hit.setText("▲")
        self.previous_hit.clicked.connect(lambda: self._step_hit(-1))
        self.next_hit = QToolButton()
        self.next_hit.setText("▼")
        self.next_hit.clicked.connect(lambda: self._step_hit(1))
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.hit_count)
        top.addWidget(self.previous_hit)
        top.addWidget(self.next_hit)

        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.itemActivated.connect(self._go_to_item)
        self.tree.itemClicked.connect(self._go_to_item)

        right = QWidget()
        right.setMaximumWidth(right.fontMetrics().averageCharWidth() * 120)  # readable lines
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 12, 16, 12)
        right_layout.addLayout(top)
        right_layout.addWidget(self.browser, 1)
        centred = QWidget()
        centred_layout = QHBoxLayout(centred)
        centred_layout.setContentsMargins(0, 0, 0, 0)
        centred_layout.addWidget(right)
        splitter = QSplitter()
        splitter.addWidget(self.tree)
        splitter.addWidget(centred)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([340, 900])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._hits: list[str] = []
        self._hit_index = -1
        self.retranslate()

    def retranslate(self) -> None:
        lang = current_language()
        self.search.setPlaceholderText(_("Search the protocol"))
        self.search.setAccessibleName(_("Search the protocol"))
        self.previous_hit.setToolTip(_("Previous clause found"))
        self.previous_hit.setAccessibleName(_("Previous clause found"))
        self.next_hit.setToolTip(_("Next clause found (Enter)"))
        self.next_hit.setAccessibleName(_("Next clause found"))
        self.browser.setAccessibleName(_("Protocol text"))
        self.tree.setAccessibleName(_("Sections and clauses"))
        self.tree.clear()
        for section in self.rules.protocol.sections:
            parent = QTreeWidgetItem([section.title.get(lang)])
            parent.setToolTip(0, section.title.get(lang))
            parent.setData(0, Qt.ItemDataRole.UserRole, f"section-{section.id}")
            for clause in section.clauses:
                child = QTreeWidgetItem([f"{clause.id}  {clause.text.get(lang)}"])
                child.setToolTip(0, clause.text.get(lang))
                child.setData(0, Qt.ItemDataRole.UserRole, clause.id)
                parent.addChild(child)
            self.tree.addTopLevelItem(parent)
        self.redraw()

    def _search_edited(self, _text: str) -> None:
        """A new search: the clause opened earlier is no longer what the user looks at."""
        if self.highlight is not None:
            self.highlight = None
        self.tree.clearSelection()
        self.tree.setCurrentIndex(QModelIndex())
        self._debounce.start()

    def redraw(self) -> None:
        """Rebuild the protocol text for the current search and highlight (keeping the
        scroll position when there is no search). Not QWidget.render(), which paints."""
        lang, query = current_language(), self.search.text()
        self._hits = [h.clause.id for h in search_clauses(self.rules.protocol, query, lang)]
        text, _marks = protocol_html(
            self.rules.protocol, lang, query=query, highlight=self.highlight,
            hits=frozenset(self._hits),
        )  # fmt: skip
        scroll = self.browser.verticalScrollBar().value()
        self.browser.setHtml(text)
        self._hit_index = -1
        found = len(self._hits)
        for button in (self.previous_hit, self.next_hit):
            button.setEnabled(found > 1)
        if query.strip():
            self.hit_count.setText(
                ngettext("{n} clause found", "{n} clauses found", found).format(n=found)
                if found
                else _("no clause found")
            )
            if self._hits:
                self._next_hit()
        else:
            self.hit_count.setText("")
            self.browser.verticalScrollBar().setValue(scroll)

    def show_clause(self, clause_id: str) -> None:
        """Scroll to a clause and highlight it (opened from an outcome or a search)."""
        self.highlight = clause_id
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.redraw()
        self.browser.scrollToAnchor(clause_id)
        for index in range(self.tree.topLevelItemCount()):
            parent = self.tree.topLevelItem(index)
            assert parent is not None  # index < topLevelItemCount()
            for child_index in range(parent.childCount()):
                child = parent.child(child_index)
                assert child is not None
                if child.data(0, Qt.ItemDataRole.UserRole) == clause_id:
                    self.tree.setCurrentItem(child)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _next_hit(self) -> None:
        self._step_hit(1)

    def _step_hit(self, step: int) -> None:
        if not self._hits:
            return
        self._hit_index = (self._hit_index + step) % len(self._hits)
        self.browser.scrollToAnchor(self._hits[self._hit_index])

    def _go_to_item(self, item: QTreeWidgetItem) -> None:
        anchor = item.data(0, Qt.ItemDataRole.UserRole)
        if anchor.startswith("section-"):
            self.browser.scrollToAnchor(anchor)
        else:
            self.show_clause(anchor)
