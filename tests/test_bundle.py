"""The PyInstaller bundle: built from the project's own spec, then run as a user
would — version, rules (every resource found inside the bundle) and a screenshot
of the main window, offscreen. A missing resource fails here, not on a laptop."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("bundle_build", ROOT / "packaging" / "build.py")
build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build)


@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux", reason="the CI bundle is built on Linux")
def test_the_bundle_builds_and_runs(tmp_path):
    bundle = build.build()
    results = build.smoke_test(tmp_path)
    assert results["version"] == "klasse-desktop 0.1.0"
    wizards = len(list((ROOT / "resources" / "wizards").glob("*.wizard.yaml")))
    assert results["check_rules"].startswith(
        f"Regels in orde: protocol 2026-02-23, {wizards} wizards"
    )
    shots = sorted((tmp_path / "shots").glob("nl-1366x768-01-start.png"))
    assert shots and shots[0].stat().st_size > 10_000
    assert (
        bundle / "_internal" / "klasse_desktop" / "resources" / "fonts" / "DejaVuSans.ttf"
    ).is_file()
    assert (
        bundle
        / "_internal"
        / "klasse_desktop"
        / "locale"
        / "nl"
        / "LC_MESSAGES"
        / "klasse_desktop.mo"
    ).is_file()
    assert "“Sem”" in results["review"]  # the name finder works inside the bundle…
    assert float(results["review_seconds"]) < 60  # …from its shipped lookup data
    assert int(results["report_bytes"]) > 10_000
    assert results["photo_faces"] == "1"  # the face model and onnxruntime work in the bundle…
    assert int(results["heic_copy_bytes"]) > 1_000  # …and so does the HEIC decoder
    assert (
        bundle / "_internal" / "klasse_desktop" / "photos" / "model" / "centerface.onnx"
    ).is_file()
    assert 50 < build.size_mb(bundle) < 600  # 492 MB on 2026-11-29 (README)
