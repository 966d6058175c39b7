"""Display labels for outcome kinds and file types, shared by CLI, UI and reports.

Declared with `N_` at import time and translated when shown, so switching the
language takes effect without re-importing anything.
"""

from __future__ import annotations

from klasse_desktop.i18n import N_, _
from klasse_desktop.protocol.models import FileType, OutcomeKind

_KIND_LABELS = {
    OutcomeKind.ALLOWED: N_("Allowed"),
    OutcomeKind.ALLOWED_IF: N_("Allowed, on conditions"),
    OutcomeKind.NOT_ALLOWED: N_("Not allowed"),
    OutcomeKind.ASK_FIRST: N_("Ask first"),
    OutcomeKind.REPORT: N_("Get in touch"),
}

# A symbol next to the words, so the verdict never depends on colour alone.
KIND_SYMBOLS = {
    OutcomeKind.ALLOWED: "✔",
    OutcomeKind.ALLOWED_IF: "✔!",
    OutcomeKind.NOT_ALLOWED: "✘",
    OutcomeKind.ASK_FIRST: "?",
    OutcomeKind.REPORT: "☎",
}

_FILE_TYPE_LABELS = {
    FileType.PERSONEELSDOSSIER: N_("staff file (personeelsdossier)"),
    FileType.LEERLINGENDOSSIER: N_("pupil file (leerlingendossier)"),
}


def conditions_heading(kind: OutcomeKind) -> str:
    """`allowed_if` lists conditions; on other kinds the same list holds steps to take."""
    if kind is OutcomeKind.ALLOWED_IF:
        return _("Conditions:")
    return _("What to do:")


def kind_label(kind: OutcomeKind) -> str:
    return _(_KIND_LABELS[kind])


def file_type_label(file_type: FileType) -> str:
    return _(_FILE_TYPE_LABELS[file_type])
