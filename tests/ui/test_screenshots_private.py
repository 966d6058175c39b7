"""`klasse-desktop screenshots` never touches the user's settings, and shows the dark
scheme and a 1024×600 netbook too."""

from __future__ import annotations

import os

from PySide6.QtGui import QColor, QImage

from klasse_desktop import i18n
from klasse_desktop.settings import load_settings
from klasse_desktop.ui import screenshots
from klasse_desktop.ui.qt_i18n import install_translators
from klasse_desktop.ui.schemes import DARK
from klasse_desktop.ui.screenshots import VARIANTS, Variant, take_screenshots
from klasse_desktop.ui.style import current_scheme


def test_the_screens_include_dark_mode_and_a_netbook():
    names = {v.name for v in VARIANTS}
    assert {"1024x600", "1366x768-dark"} <= names
    assert any(v.dark for v in VARIANTS) and any(v.font_scale == 1.5 for v in VARIANTS)
    assert any((v.width, v.height) == (1024, 600) for v in VARIANTS)


def test_screenshots_leave_the_user_s_settings_alone(qapp, tmp_path, monkeypatch):
    config = tmp_path / "config"
    config.mkdir(exist_ok=True)
    own = '{"language": "en", "user_name": "Fatma Yıldız", "school": "OBS Het Anker"}'
    (config / "settings.json").write_text(own, "utf-8")
    data = tmp_path / "data"
    monkeypatch.setenv("KLASSE_CONFIG_DIR", str(config))
    monkeypatch.setenv("KLASSE_DATA_DIR", str(data))
    written = take_screenshots(
        tmp_path / "shots", ["nl"], [Variant("1024x600-dark", 1024, 600, dark=True)]
    )
    i18n.set_language("nl")
    install_translators(qapp, "nl")
    assert (config / "settings.json").read_text("utf-8") == own
    assert sorted(p.name for p in config.iterdir()) == ["settings.json"]
    assert not data.exists()  # the demo register lived in a temporary folder
    assert os.environ["KLASSE_CONFIG_DIR"] == str(config)  # and the folders are ours again
    assert load_settings().user_name == "Fatma Yıldız"
    assert len(written) > 25 and all(p.name.startswith("nl-1024x600-dark-") for p in written)
    start = QImage(str(written[0]))
    assert (start.width(), start.height()) == (1024, 600)
    assert QColor(start.pixel(5, start.height() // 2)).name() == DARK.window  # the margin
    assert current_scheme() is not DARK  # the app's own scheme is back
    assert screenshots.PRIVATE_FOLDERS == ("KLASSE_CONFIG_DIR", "KLASSE_DATA_DIR", "KLASSE_LOG_DIR")
