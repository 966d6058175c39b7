"""Random answer/back/jump sequences on every shipped wizard never break the engine."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from klasse_desktop.protocol.engine import WizardError, WizardRun
from klasse_desktop.protocol.models import Outcome, Question
from klasse_desktop.protocol.shipped import default_rules

RULES = default_rules()

# An action is (verb, index): the index picks a choice or an earlier question.
actions = st.lists(
    st.tuples(st.sampled_from(["answer", "back", "forward", "jump", "restart", "save"]),
              st.integers(min_value=0, max_value=10)),
    max_size=40,
)  # fmt: skip


def assert_consistent(run: WizardRun) -> None:
    steps, end = run.path()
    node = run.wizard.node(run.wizard.start)
    for step in steps:  # the path is a real walk through the graph
        assert step.question is node
        assert step.choice in step.question.choices
        node = run.wizard.node(step.choice.next)
    assert node is end
    assert set(run.answers) == {s.question.id for s in steps}  # nothing stale is kept
    current = run.current
    assert isinstance(current, Question | Outcome)
    if isinstance(current, Outcome):
        assert current is end and run.finished
        record = run.record()
        assert record.outcome_id == end.id
        assert all(RULES.protocol.has_clause(c) for c in record.clauses)
    else:
        on_path = [s.question.id for s in steps] + ([end.id] if isinstance(end, Question) else [])
        assert current.id in on_path


@settings(max_examples=150, deadline=None)
@given(wizard_id=st.sampled_from(sorted(RULES.wizards)), script=actions)
def test_random_sequences_keep_the_run_valid(wizard_id, script):
    run = WizardRun.start(RULES, wizard_id)
    for verb, index in script:
        try:
            if verb == "answer" and isinstance(run.current, Question):
                choices = run.offered(run.current)
                run.answer(choices[index % len(choices)].id)
            elif verb == "back":
                run.back()
            elif verb == "forward":
                run.forward()
            elif verb == "jump" and run.steps:
                run.jump_to(run.steps[index % len(run.steps)].question.id)
            elif verb == "restart":
                run.restart()
            elif verb == "save":
                run = WizardRun.from_state(RULES, run.to_state())
        except WizardError:
            pass  # a refused move must leave the run as it was: checked below
        assert_consistent(run)


@settings(max_examples=100, deadline=None)
@given(
    wizard_id=st.sampled_from(sorted(RULES.wizards)),
    picks=st.lists(st.integers(0, 10), max_size=20),
)
def test_going_back_and_forward_again_returns_to_the_same_outcome(wizard_id, picks):
    run = WizardRun.start(RULES, wizard_id)
    for pick in picks:
        if not isinstance(run.current, Question):
            break
        offered = run.offered(run.current)  # a role sees only the choices meant for it
        run.answer(offered[pick % len(offered)].id)
    before_current, before_answers = run.current.id, dict(run.answers)
    for _ in range(len(run.steps)):
        run.back()
    assert not run.can_go_back
    for _ in range(len(before_answers)):
        run.forward()
    assert run.current.id == before_current
    assert run.answers == before_answers
