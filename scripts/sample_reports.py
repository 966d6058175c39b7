"""Write sample dossier reports and an advice record (invented people) for review.

    .venv/bin/python scripts/sample_reports.py OUTDIR

Produces, in Dutch and English: a small pupil-file report, a 300-entry staff-file
report and an advice record. Turn them into pictures with `pdftoppm -r 70 -png`
and look at every page. The PDFs are not committed; this generator is.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
# The sample register uses the tests' cheap key derivation, which a register opened
# without this setting refuses (it would be guessable).
os.environ.setdefault("KLASSE_KDF", "fast")

from klasse_desktop import i18n
from klasse_desktop.atomic_write import write_atomically
from klasse_desktop.protocol.engine import WizardRun
from klasse_desktop.protocol.shipped import default_rules
from klasse_desktop.reports.advice import build_advice
from klasse_desktop.reports.case_report import ReportContext, build_case_report
from tests.cases_helpers import open_register
from tests.report_samples import long_case, small_case


def main(outdir: Path) -> None:
    rules = default_rules()
    with tempfile.TemporaryDirectory() as tmp:
        register = open_register(Path(tmp) / "register")
        small, ids = small_case(register, rules)
        long, subject = long_case(register, rules, entries=300)
        for language in ("nl", "en"):
            i18n.set_language(language)
            context = ReportContext("Stichting Klasse", "OBS De Vlinder", "Els Bakker", language,
                                    date(2026, 11, 25))  # fmt: skip
            pdf = build_case_report(
                register.get_case(small), ids["pupil"], "leerlingendossier", context, rules
            )
            write_atomically(pdf, outdir / f"{language}-small-leerlingendossier.pdf")
            pdf = build_case_report(
                register.get_case(long), subject, "personeelsdossier", context, rules
            )
            write_atomically(pdf, outdir / f"{language}-300-entries-personeelsdossier.pdf")
            run = WizardRun.start(rules, "plaatsen")
            for choice in ("medewerker", "schoolaccount", "tekst", "nee", "nee"):
                run.answer(choice)
            pdf = build_advice(run, rules, language, name="Sam de Vries", role="Leerkracht",
                               foundation="Stichting Klasse", school="OBS De Vlinder",
                               issued_on=date(2026, 11, 25))  # fmt: skip
            write_atomically(pdf, outdir / f"{language}-advice.pdf")
        register.close()
    print(f"sample PDFs written to {outdir}")


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1].startswith("-"):
        sys.exit(__doc__)
    main(Path(sys.argv[1]))
