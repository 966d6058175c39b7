"""Where the app keeps its files, per user, by each platform's conventions.

Environment variables override the defaults so tests, scripts and a second
profile never touch the real user's files: KLASSE_CONFIG_DIR, KLASSE_DATA_DIR,
KLASSE_LOG_DIR.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "KlasseDesktop"
APP_AUTHOR = "StichtingKlasse"
REGISTER_FOLDER = "register"


def _dir(env: str, kind: str) -> Path:
    override = os.environ.get(env)
    if override:
        return Path(override)
    import platformdirs

    return Path(getattr(platformdirs, f"user_{kind}_dir")(APP_NAME, APP_AUTHOR))


def config_dir() -> Path:
    return _dir("KLASSE_CONFIG_DIR", "config")


def data_dir() -> Path:
    return _dir("KLASSE_DATA_DIR", "data")


def register_dir(base: Path | None = None) -> Path:
    """The case register's folder: a sub-folder of the data dir (or of `base`), so
    other app data can live beside it."""
    return (base if base is not None else data_dir()) / REGISTER_FOLDER


def log_dir() -> Path:
    return _dir("KLASSE_LOG_DIR", "log")


def cache_dir() -> Path:
    """Disposable data (validated rules); safe to delete at any time."""
    return _dir("KLASSE_CACHE_DIR", "cache")
