"""The rules shipped with the app, loaded once per process.

Kept apart from `loader` so that start-up, which normally hits the cache, does
not import the YAML parser and the validator at all.
"""

from __future__ import annotations

from functools import cache

from klasse_desktop.protocol.models import RuleSet


@cache
def default_rules() -> RuleSet:
    from klasse_desktop.paths import cache_dir
    from klasse_desktop.protocol.cache import cached_rules
    from klasse_desktop.resources import resource_root

    return cached_rules(resource_root(), cache_dir())
