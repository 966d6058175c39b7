"""The rules shipped with the app, loaded once per process.

Kept apart from `loader` so that start-up, which normally hits the cache, does
not import the YAML parser and the validator at all; and `start_summary` reads
the start screen's summary without the model classes (see `summary.py`).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from klasse_desktop.protocol.models import RuleSet
    from klasse_desktop.protocol.summary import RulesSummary


@cache
def default_rules() -> RuleSet:
    from klasse_desktop.paths import cache_dir
    from klasse_desktop.protocol.cache import cached_rules
    from klasse_desktop.resources import resource_root

    return cached_rules(resource_root(), cache_dir())


def start_summary() -> RulesSummary | None:
    """The start screen's summary from the rules cache; None when there is no
    up-to-date cache (the first start after an install or update): then load the
    rules with `default_rules()`, which validates them and fills the cache."""
    from klasse_desktop.paths import cache_dir
    from klasse_desktop.protocol import cache_file, summary
    from klasse_desktop.resources import resource_root

    root = resource_root()
    data = cache_file.read(cache_dir() / cache_file.START_FILE_NAME, cache_file.fingerprint(root))
    if data is None:
        return None
    try:
        return summary.from_plain(data["start"])
    except (KeyError, TypeError, ValueError):
        return None
