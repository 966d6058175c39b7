"""Figures for the protocol's evaluation: counts without names (issue 19).

No Qt here. The flow, bottom up:

- `periods`: months and periods ("2026-03" … "2027-02"); nothing finer than a month.
- `vocabulary`: the fixed lists counted (measure kinds, recipients of reports, how
  long a case stayed open) and how a typed entry is sorted into them.
- `topics`: every table that is counted, which population it divides, its labels.
- `register_figures`: the exact counts of one register over a period (the window).
- `wizard_use`: the anonymous count file of wizard use, kept only with consent.
- `bounds` and `suppression`: what a published count may say ("<5", "≥5" or the
  number) so that no small count can be worked out from the rest of the file.
- `export`: the versioned JSON a school sends; `merge`: several of them combined.
- `sections` and `charts`: the same charts for the window (SVG) and the PDF.
- `report`: the foundation's PDF/A-2b "Evaluatie protocol sociale media".
"""
