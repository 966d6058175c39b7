"""The layout shortcuts (a paragraph measured once per width, `MeasuredParagraph`;
plain text made into a paragraph without the parser, `plain_paragraph`)
change the speed of a report, never its bytes."""

from __future__ import annotations

from datetime import date

import pytest
from reportlab import rl_config
from reportlab.platypus import Paragraph

from klasse_desktop.reports import bidi_paragraph, case_report
from klasse_desktop.reports.bidi_paragraph import MeasuredParagraph, text_paragraph
from klasse_desktop.reports.document import Frame, layout
from klasse_desktop.reports.redaction.unregistered import no_names
from klasse_desktop.reports.report_model import ReportContext, build_report_model
from klasse_desktop.reports.styles import styles
from tests.cases_helpers import open_register
from tests.report_samples import long_case


@pytest.fixture
def invariant(monkeypatch):
    monkeypatch.setattr(rl_config, "invariant", 1)  # no dates or random ids in the bytes


def _plain_report(tmp_path, rules) -> bytes:
    register = open_register(tmp_path / "r")
    number, subject = long_case(register, rules, entries=60)
    detail = register.get_case(number)
    register.close()
    context = ReportContext("Stichting Klasse", "OBS De Vlinder", "Els Bakker", "nl",
                            date(2026, 11, 25))  # fmt: skip
    model, _redactor = build_report_model(detail, subject, "personeelsdossier", context,
                                          rules, {}, no_names)  # fmt: skip
    renderer = case_report._Renderer(model)
    story = renderer.story()
    frame = Frame(model.frame.letterhead, model.frame.marking, model.frame.reference,
                  model.frame.title, model.frame.subject, model.frame.author)  # fmt: skip
    return layout(story, frame)[0]


def test_measuring_once_gives_the_same_report(tmp_path, rules, invariant, monkeypatch):
    shortcut = _plain_report(tmp_path / "a", rules)
    monkeypatch.setattr(MeasuredParagraph, "wrap", Paragraph.wrap)
    assert _plain_report(tmp_path / "b", rules) == shortcut
    assert len(shortcut) > 20_000  # a real report of several pages


def test_a_heading_measured_for_room_is_not_broken_again(monkeypatch):
    paragraph, _replaced = text_paragraph("12. 3 maart 2026 · Gesprek", styles().entry_head)
    assert isinstance(paragraph, MeasuredParagraph)
    calls = []
    original = bidi_paragraph.Paragraph.breakLines
    monkeypatch.setattr(bidi_paragraph.Paragraph, "breakLines",
                        lambda self, widths: calls.append(widths) or original(self, widths))  # fmt: skip
    first = paragraph.wrap(400, 800)
    assert paragraph.wrap(400, 300) == first and len(calls) == 1
    paragraph.wrap(200, 800)  # another width: measured again
    assert len(calls) == 2
    del paragraph.blPara  # as ReportLab's split does when nothing fits
    paragraph.wrap(200, 800)
    assert len(calls) == 3


def test_paragraphs_made_without_the_parser_give_the_same_report(
    tmp_path, rules, invariant, monkeypatch
):
    made = []
    real = bidi_paragraph.plain_paragraph
    monkeypatch.setattr(bidi_paragraph, "plain_paragraph",
                        lambda *args: made.append(real(*args)) or made[-1])  # fmt: skip
    shortcut = _plain_report(tmp_path / "a", rules)
    assert sum(p is not None for p in made) > 100  # most paragraphs took the shortcut
    monkeypatch.setattr(bidi_paragraph, "plain_paragraph", lambda *args: None)
    assert _plain_report(tmp_path / "b", rules) == shortcut
