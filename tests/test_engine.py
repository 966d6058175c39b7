"""The wizard engine on a small sample wizard with a shared sub-question (q4)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from klasse_desktop.protocol.engine import WizardError, WizardRun
from klasse_desktop.protocol.models import Outcome, OutcomeKind, Question


def ids(run: WizardRun) -> list[tuple[str, str]]:
    return [(s.question.id, s.choice.id) for s in run.steps]


def test_walks_to_an_outcome_with_its_path(sample_rules):
    run = WizardRun.start(sample_rules, "sample")
    assert run.current.id == "q1"
    assert run.answer("a").id == "q2"
    assert run.answer("x").id == "q4"
    outcome = run.answer("x")
    assert isinstance(outcome, Outcome)
    assert outcome.id == "o_if" and outcome.kind is OutcomeKind.ALLOWED_IF
    assert run.finished
    assert ids(run) == [("q1", "a"), ("q2", "x"), ("q4", "x")]


def test_back_keeps_answers_and_forward_returns(sample_rules):
    run = WizardRun.start(sample_rules, "sample")
    for choice in ("a", "x", "y"):
        run.answer(choice)
    assert run.outcome.id == "o_not"
    assert run.back().id == "q4"
    assert run.answer_for("q4") == "y"
    assert run.back().id == "q2"
    assert run.answer_for("q2") == "x"
    assert run.can_go_forward
    assert run.forward().id == "q4"
    assert run.forward().id == "o_not"


def test_reanswering_with_the_same_choice_shows_the_next_answered_question(sample_rules):
    run = WizardRun.start(sample_rules, "sample")
    for choice in ("a", "x", "x"):
        run.answer(choice)
    run.jump_to("q1")
    assert run.answer("a").id == "q2"  # not skipped to the outcome
    assert run.answer_for("q2") == "x"
    assert run.answer_for("q4") == "x"


def test_changing_an_answer_drops_answers_off_the_new_path(sample_rules):
    run = WizardRun.start(sample_rules, "sample")
    for choice in ("a", "x", "x"):
        run.answer(choice)
    run.jump_to("q1")
    assert run.answer("b").id == "q3"
    assert run.answer_for("q2") is None
    assert run.answer_for("q4") is None
    assert ids(run) == [("q1", "b")]


def test_changing_a_middle_answer_keeps_earlier_ones(sample_rules):
    run = WizardRun.start(sample_rules, "sample")
    for choice in ("a", "x", "x"):
        run.answer(choice)
    run.jump_to("q2")
    assert run.answer("y").id == "o_allowed"
    assert ids(run) == [("q1", "a"), ("q2", "y")]


def test_back_at_the_first_question_is_refused(sample_rules):
    run = WizardRun.start(sample_rules, "sample")
    assert not run.can_go_back
    with pytest.raises(WizardError, match="eerste vraag"):
        run.back()


def test_forward_without_an_answer_is_refused(sample_rules, english):
    run = WizardRun.start(sample_rules, "sample")
    with pytest.raises(WizardError, match="Answer this question first"):
        run.forward()


def test_unknown_choice_lists_the_valid_ones(sample_rules, english):
    run = WizardRun.start(sample_rules, "sample")
    with pytest.raises(WizardError) as exc:
        run.answer("c")
    assert str(exc.value) == "'c' is not an answer to 'q1'. Choose from: a, b"


def test_unknown_wizard_lists_the_wizards(sample_rules):
    with pytest.raises(WizardError) as exc:
        WizardRun.start(sample_rules, "nope")
    assert str(exc.value) == "Onbekende wizard 'nope'. Kies uit: sample"


def test_jump_to_a_question_off_the_path_is_refused(sample_rules, english):
    run = WizardRun.start(sample_rules, "sample")
    run.answer("a")
    with pytest.raises(WizardError, match="'q3' is not asked on this path"):
        run.jump_to("q3")
    with pytest.raises(WizardError, match="Unknown question 'zz'"):
        run.jump_to("zz")


def test_answering_after_the_outcome_is_refused(sample_rules):
    run = WizardRun.start(sample_rules, "sample")
    run.answer("a")
    run.answer("y")
    with pytest.raises(WizardError, match="klaar"):
        run.answer("x")


def test_state_round_trips_through_json(sample_rules):
    run = WizardRun.start(sample_rules, "sample")
    for choice in ("a", "x", "x"):
        run.answer(choice)
    run.back()
    state = json.loads(json.dumps(run.to_state()))
    resumed = WizardRun.from_state(sample_rules, state)
    assert ids(resumed) == ids(run)
    assert resumed.current.id == "q4"
    assert resumed.forward().id == "o_if"


def test_stale_state_keeps_only_answers_that_still_fit(sample_rules):
    state = {"format": 1, "wizard": "sample", "answers": [["q1", "a"], ["q2", "gone"]]}
    resumed = WizardRun.from_state(sample_rules, state)
    assert ids(resumed) == [("q1", "a")]
    assert isinstance(resumed.current, Question) and resumed.current.id == "q2"


@pytest.mark.parametrize("state", [None, [], {"format": 99}, {"format": 1, "answers": "x"}])
def test_unreadable_state_is_a_clear_error(sample_rules, state):
    with pytest.raises(WizardError):
        WizardRun.from_state(sample_rules, state)


def test_record_holds_everything_a_case_note_needs(sample_rules):
    run = WizardRun.start(sample_rules, "sample")
    run.answer("b")
    run.answer("y")
    moment = datetime(2026, 3, 2, 15, 30, tzinfo=UTC)
    assert run.record(moment).to_dict() == {
        "wizard": "sample",
        "protocol_version": "2026-02-23",
        "answers": [{"question": "q1", "choice": "b"}, {"question": "q3", "choice": "y"}],
        "outcome": "o_report",
        "kind": "report",
        "clauses": ["S4"],
        "finished_at": "2026-03-02T15:30:00+00:00",
    }


def test_record_before_the_end_is_refused(sample_rules):
    run = WizardRun.start(sample_rules, "sample")
    with pytest.raises(WizardError):
        run.record()


def test_progress_counts_the_question_on_screen_and_the_longest_way_left(sample_rules):
    run = WizardRun.start(sample_rules, "sample")
    assert run.progress() == (1, 3)  # q1 → q2/q3 → q4 at most
    run.answer("a")
    assert run.progress() == (2, 3)
    run.answer("y")  # q2=y ends at once
    assert run.progress() == (2, 2)
    run.back()
    assert run.progress() == (2, 3)
