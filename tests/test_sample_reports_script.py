"""`scripts/sample_reports.py` keeps working: it is how reports are looked at."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_sample_script_writes_every_sample_pdf(tmp_path):
    out = tmp_path / "samples"
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "sample_reports.py"), str(out)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        f"{lang}-{kind}.pdf"
        for lang in ("en", "nl")
        for kind in ("300-entries-personeelsdossier", "advice", "small-leerlingendossier")
    ]
    assert all((out / name).read_bytes().startswith(b"%PDF-") for name in names)
