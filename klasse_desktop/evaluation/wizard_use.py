"""Counting wizard use for the evaluation: anonymous, per month, only with consent.

Kept in `wizard-use.json` in the user's data folder, a plain file anyone can open
to see everything that is kept: per month and per wizard, how often it was started,
and how often each outcome (and outcome kind) was reached. No answers, no times,
no user, no device. Nothing is written while `Settings.count_wizard_use` is off,
and turning it off deletes the file (`forget`).

The window tells a `WizardUseCounter` when a wizard starts and when it shows an
outcome; the counter counts one outcome per run, in the month the run started, so
a month never has more outcomes than starts. The file is written by one worker
thread, in order (a write syncs to disk, which can take a while on a school laptop:
never on the UI thread). A write that fails (a full disk) is logged and dropped:
counting never gets in the way of an answer.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from klasse_desktop.evaluation.periods import Month, Period
from klasse_desktop.evaluation.topics import NOT_FINISHED, PLAIN_ID
from klasse_desktop.i18n import _

if TYPE_CHECKING:
    from klasse_desktop.protocol.models import RuleSet
    from klasse_desktop.settings import Settings

FILE_NAME = "wizard-use.json"
FORMAT = "klasse-desktop-wizard-use"
VERSION = 1
log = logging.getLogger(__name__)

# month -> wizard -> {"started": n, "outcomes": {id: n}, "outcome_kinds": {kind: n}}
Counts = dict[str, dict[str, dict[str, Any]]]


def counts_path(base: Path | None = None) -> Path:
    """In the data folder (or `base`), beside the register's folder."""
    from klasse_desktop.paths import data_dir

    return (base if base is not None else data_dir()) / FILE_NAME


def load_counts(path: Path | None = None) -> Counts:
    """The counts kept so far ({} without a file; a damaged file counts as empty)."""
    path = path or counts_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        log.warning("wizard use file unreadable; counting starts again")
        return {}
    months = raw.get("months") if isinstance(raw, dict) else None
    if not isinstance(months, dict):
        return {}
    return {
        month: {w: entry for w, entry in wizards.items() if isinstance(entry, dict)}
        for month, wizards in months.items()
        if isinstance(month, str) and isinstance(wizards, dict)
    }


def has_counts(path: Path | None = None) -> bool:
    return (path or counts_path()).is_file()


def _save(counts: Counts, path: Path) -> None:
    from klasse_desktop.atomic_write import write_atomically

    document = {
        "about": _(
            "Klasse Desktop counts here, because you agreed to it, how often each wizard "
            "was started and which outcome it reached, per month. Nothing else: no "
            "answers, no times, no names. Turn it off in the settings to delete this file."
        ),
        "format": FORMAT,
        "version": VERSION,
        "months": {month: counts[month] for month in sorted(counts)},
    }
    data = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    write_atomically(data.encode("utf-8"), path, prefix=".wizard-use-")


def _bump(counter: dict[str, Any], key: str) -> None:
    value = counter.get(key)
    counter[key] = (value if isinstance(value, int) and value >= 0 else 0) + 1


_writer: list[ThreadPoolExecutor] = []
_writing = threading.Lock()
_generation = [0]  # one more at every `forget`: changes queued before it are dropped


def _change(
    path: Path | None, month: Month, wizard_id: str, edit: Callable[[dict[str, Any]], None],
    enabled: Callable[[], bool],
) -> Future[None]:  # fmt: skip
    """Read, change and write the file in the writer thread (one change at a time). A
    change still waiting when consent is withdrawn is dropped, so `forget` is final."""
    target, generation = path or counts_path(), _generation[0]

    def write() -> None:
        with _writing:
            if generation != _generation[0] or not enabled():
                return
            counts = load_counts(target)
            edit(counts.setdefault(str(month), {}).setdefault(wizard_id, {}))
            try:
                _save(counts, target)
            except OSError as exc:
                log.warning("wizard use not counted: %s", type(exc).__name__)

    if not _writer:
        _writer.append(ThreadPoolExecutor(max_workers=1, thread_name_prefix="wizard-use"))
    return _writer[0].submit(write)


def forget(path: Path | None = None) -> None:
    """Delete the counts (consent withdrawn). A file that cannot be deleted is logged."""
    try:
        with _writing:
            _generation[0] += 1
            (path or counts_path()).unlink(missing_ok=True)
    except OSError as exc:
        log.warning("wizard use file not deleted: %s", type(exc).__name__)


def with_consent(settings: Settings, agreed: bool, path: Path | None = None) -> Settings:
    """The settings with the user's answer; withdrawing consent deletes what was counted."""
    from dataclasses import replace

    if not agreed:
        forget(path)
    return replace(settings, count_wizard_use=agreed)


@dataclass
class _Run:
    wizard_id: str
    month: Month
    counted: bool = False


class WizardUseCounter:
    """What the window calls: `started` when a wizard begins (or begins again),
    `reached` when it shows an outcome. `enabled` is asked each time, so turning the
    consent off in the settings stops counting at once."""

    def __init__(
        self, enabled: Callable[[], bool], path: Path | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:  # fmt: skip
        self.enabled, self.path, self.today = enabled, path, today
        self._run: _Run | None = None
        self._last: Future[None] | None = None

    def flush(self) -> None:
        """Wait until what was counted is in the file (tests; quitting)."""
        if self._last is not None:
            self._last.result()

    def started(self, wizard_id: str) -> None:
        self._run = None
        if not self.enabled() or not PLAIN_ID.fullmatch(wizard_id):
            return
        self._run = _Run(wizard_id, Month.of(self.today()))
        self._last = _change(
            self.path,
            self._run.month,
            wizard_id,
            lambda entry: _bump(entry, "started"),
            self.enabled,
        )

    def reached(self, wizard_id: str, outcome_id: str, kind: str) -> None:
        """Counted once per run (going back and reaching another outcome is the same
        run), under the month the run started in."""
        run = self._run
        if run is None or run.counted or run.wizard_id != wizard_id or not self.enabled():
            return
        if not (PLAIN_ID.fullmatch(outcome_id) and PLAIN_ID.fullmatch(kind)):
            return
        run.counted = True

        def edit(entry: dict[str, Any]) -> None:
            _bump(entry.setdefault("outcomes", {}), outcome_id)
            _bump(entry.setdefault("outcome_kinds", {}), kind)

        self._last = _change(self.path, run.month, wizard_id, edit, self.enabled)


def _count(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


def wizard_tables(counts: Counts, period: Period, rules: RuleSet) -> dict[str, dict[str, int]]:
    """The wizard tables of an export: every wizard and outcome of the rules, at zero
    where nothing was counted. Only IDs the rules know are read from the file (it is
    plain text anyone can edit: whatever else is in it never reaches an export), and
    a month never has more outcomes than starts."""
    tables: dict[str, dict[str, int]] = {}
    months = [str(m) for m in period.months()]
    for wizard in rules.wizards.values():
        started = dict.fromkeys(months, 0)
        outcomes = dict.fromkeys([*wizard.outcomes, NOT_FINISHED], 0)
        for month in months:
            entry = counts.get(month, {}).get(wizard.id, {})
            reached_here = (
                entry.get("outcomes", {}) if isinstance(entry.get("outcomes"), dict) else {}
            )
            reached = 0
            for outcome_id in wizard.outcomes:
                n = _count(reached_here.get(outcome_id))
                outcomes[outcome_id] += n
                reached += n
            started[month] = max(_count(entry.get("started")), reached)
            outcomes[NOT_FINISHED] += started[month] - reached
        tables[f"wizard_started:{wizard.id}"] = started
        tables[f"wizard_outcomes:{wizard.id}"] = outcomes
    return tables
