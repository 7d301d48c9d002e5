"""`supple timer`: the forms interval-timer users write, parsed into a routine or refused with the forms."""

from __future__ import annotations

import pytest

from app.routine.timer import TimerError, parse_timer
from app.session.plan import build_plan


@pytest.mark.parametrize(
    ("form", "name", "total", "segments"),
    [
        (["45s"], "Timer 45s", 5 + 45, ["prep", "work"]),
        (["8x30s/15s"], "Timer 8x30s/15s", 5 + 8 * 30 + 7 * 15, ["prep"] + ["work", "rest"] * 7 + ["work"]),
        (["5x1m"], "Timer 5x1m", 5 + 5 * 60, ["prep"] + ["work"] * 5),
        (["tabata"], "Tabata (8x20s/10s)", 5 + 8 * 20 + 7 * 10, ["prep"] + ["work", "rest"] * 7 + ["work"]),
        (["emom", "10m"], "EMOM 10 min", 5 + 600, ["prep"] + ["work"] * 10),
        (["EMOM", "3m"], "EMOM 3 min", 5 + 180, ["prep"] + ["work"] * 3),
    ],
)
def test_each_form_is_the_routine_it_says(form, name, total, segments):
    routine = parse_timer(form)
    plan = build_plan(routine)
    assert routine.name == name and plan.total == total
    assert [s.kind for s in plan.segments] == segments


def test_the_get_ready_is_chosen():
    assert build_plan(parse_timer(["5x1m/20s"], prep=10.0)).segments[0].duration == 10.0


@pytest.mark.parametrize(
    ("form", "said"),
    [
        (["nonsense"], "the timer's length 'nonsense' is not a length"),
        (["0s"], "the timer's length must be from 1s to 60m, got '0s'"),
        (["30x10s"], "rounds must be from 1 to 20, got 30"),
        (["8x30s/forever"], "rest 'forever' is not a length"),
        (["emom", "90s"], "emom runs whole minutes, got '90s'"),
        (["emom"], "emom needs its minutes, as in emom 10m"),
    ],
)
def test_a_form_it_does_not_know_is_refused_with_the_forms(form, said):
    with pytest.raises(TimerError) as refused:
        parse_timer(form)
    assert str(refused.value).startswith(said)
    assert "A timer is a length (45s, 1m30s), rounds of work and rest (8x30s/15s" in str(refused.value)
    assert "tabata" in str(refused.value) and "emom 10m" in str(refused.value)


def test_a_cut_off_timer_session_can_go_on_from_its_name_in_the_log():
    """The log names a timer by its form and get-ready; a session cut off is rebuilt from that, as it was."""
    from app.log.recorder import digest
    from app.log.resume import Unfinished, prepare
    from app.routine.routine_file import dumps
    from app.routine.timer import timer_ref

    ref = timer_ref(["5x1m/20s"], "10s")
    assert ref == "timer:5x1m/20s --prep 10s"
    ran = parse_timer(["5x1m/20s"], prep=10.0)
    stood = Unfinished(
        1, ref, ran.name, digest(dumps(ran)), 1.0, "", 3, 1, 5.0, (95, 0, 0), frozenset({1}), frozenset()
    )
    routine, resume = prepare(stood)
    assert routine == ran and not resume.note  # the same timer: no "changed since" note
