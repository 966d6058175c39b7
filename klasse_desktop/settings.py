"""User settings: a small JSON file in the user's config dir.

Plain Python (not QSettings) so the CLI reads the same language and names as the
window. Writes are atomic (temp file + rename); a damaged file never stops the
app: it is set aside as `settings.json.damaged` and defaults are used.

`welcomed` says the first-run welcome was answered (finished or skipped). A
settings file written before the welcome existed has no such key: its user has
set the app up already, so a missing key counts as welcomed, and only a start
without a (readable) settings file shows the welcome.
"""

from __future__ import annotations

import contextlib
import json
import logging
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from klasse_desktop import i18n
from klasse_desktop.atomic_write import write_atomically
from klasse_desktop.i18n import N_
from klasse_desktop.paths import config_dir

FILE_NAME = "settings.json"
log = logging.getLogger(__name__)
# The register must lock itself: "never" is not offered, and an hour is the most.
MIN_LOCK_MINUTES = 1
MAX_LOCK_MINUTES = 60

# Roles a user can pick; the value is stored, the label translated when shown.
ROLES = {
    "leerkracht": N_("Teacher"),
    "onderwijsondersteuner": N_("Support staff"),
    "stagiair": N_("Intern"),
    "vrijwilliger": N_("Volunteer or helping parent"),
    "directeur": N_("Director"),
    "bestuur": N_("Board or privacy officer"),
}
# Roles that keep the case register. Everyone else never meets it: a teacher who
# is shown "Case register" (or lands on it by a stray click) is asked to invent a
# passphrase for something that is not theirs.
REGISTER_ROLES = frozenset({"directeur", "bestuur"})


def keeps_register(role: str) -> bool:
    return role in REGISTER_ROLES


MAX_BACKUPS = 100

# The school's own people a teacher may be sent to; the protocol's contacts say
# which of them fits (`school_contacts` in resources/contacts.yaml).
SCHOOL_CONTACTS = {
    "directeur": N_("Director"),
    "intern_begeleider": N_("Internal supervisor (IB)"),
    "vertrouwenspersoon": N_("Confidential adviser"),
    "privacy": N_("Privacy officer"),
}
_CONTACT_FIELDS = [f"contact_{k}_{part}" for k in SCHOOL_CONTACTS for part in ("name", "phone")]


@dataclass(frozen=True)
class SchoolContact:
    key: str  # a key of SCHOOL_CONTACTS
    name: str
    phone: str

    @property
    def role(self) -> str:
        return i18n._(SCHOOL_CONTACTS[self.key])


@dataclass
class Settings:
    language: str = i18n.DEFAULT_LANGUAGE
    user_name: str = ""
    role: str = "leerkracht"
    school: str = ""
    foundation: str = "Stichting Klasse"
    window_geometry: str = ""  # base64 of QWidget.saveGeometry(), owned by the UI
    lock_after_minutes: int = 5  # the case register locks itself after this much idle time
    keep_backups: int = 10  # automatic encrypted backups of the case register kept
    welcomed: bool = False  # the first-run welcome was finished or skipped
    # Count wizard use anonymously for the protocol's evaluation (evaluation/wizard_use.py).
    count_wizard_use: bool = False
    # The school's own contacts, shown on outcomes that send someone to them.
    contact_directeur_name: str = ""
    contact_directeur_phone: str = ""
    contact_intern_begeleider_name: str = ""
    contact_intern_begeleider_phone: str = ""
    contact_vertrouwenspersoon_name: str = ""
    contact_vertrouwenspersoon_phone: str = ""
    contact_privacy_name: str = ""
    contact_privacy_phone: str = ""

    def school_contact(self, key: str) -> SchoolContact | None:
        """The school's own contact `key` (see SCHOOL_CONTACTS), if a name is set."""
        name = str(getattr(self, f"contact_{key}_name", ""))
        phone = str(getattr(self, f"contact_{key}_phone", ""))
        return SchoolContact(key, name, phone) if name else None

    def normalised(self) -> Settings:
        if self.language not in i18n.SUPPORTED_LANGUAGES:
            self.language = i18n.DEFAULT_LANGUAGE
        if self.role not in ROLES:
            self.role = "leerkracht"
        for name in ("user_name", "school", "foundation", *_CONTACT_FIELDS):
            setattr(self, name, " ".join(str(getattr(self, name)).split())[:200])
        self.lock_after_minutes = min(
            MAX_LOCK_MINUTES, max(MIN_LOCK_MINUTES, int(self.lock_after_minutes))
        )
        self.keep_backups = min(MAX_BACKUPS, max(1, int(self.keep_backups)))
        return self


_TYPES = {f.name: type(f.default) for f in fields(Settings)}


def _fits(name: str, value: Any) -> bool:
    """Keep a stored value only if it has the field's type (bool is no int here)."""
    wanted = _TYPES.get(name)
    return wanted is not None and type(value) is wanted


def settings_path() -> Path:
    return config_dir() / FILE_NAME


def load_settings(path: Path | None = None) -> Settings:
    path = path or settings_path()
    try:
        raw: Any = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError):
        _set_aside(path)
        return Settings()
    if not isinstance(raw, dict):
        _set_aside(path)
        return Settings()
    values = {k: v for k, v in raw.items() if _fits(k, v)}
    if "welcomed" not in raw:
        values["welcomed"] = True  # written before the welcome existed: already set up
    return Settings(**values).normalised()


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write atomically; raises OSError (disk full, read-only) for the caller to report."""
    data = json.dumps(asdict(settings.normalised()), ensure_ascii=False, indent=2)
    write_atomically(data.encode("utf-8"), path or settings_path(), prefix=".settings-")


def _set_aside(path: Path) -> None:
    log.warning("settings file unreadable; set aside, defaults used")
    with contextlib.suppress(OSError):
        path.replace(path.with_name(path.name + ".damaged"))
