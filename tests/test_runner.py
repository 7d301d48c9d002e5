"""The session runner with a fake clock: every command, its checks, the sound it plays and the log it keeps."""

from __future__ import annotations

import threading

import pytest

from app.log.recorder import SessionRecorder
from app.log.writer import LogWriter
from app.routine.model import Routine, Step
from app.session.engine import Engine
from app.session.runner import Command, SessionRunner
from app.sound.output import Recorder

ROUTINE = Routine(
    "R",
    (Step("Swings", duration=20), Step("Squats", reps=4, tempo=2), Step("Lift", manual=True)),
    prep=0,
    transition=0,
)


@pytest.fixture
def log(tmp_path):
    writer = LogWriter(tmp_path / "supple.db")
    writer.start()
    yield writer
    writer.close()


def runner_for(clock, writer=None) -> SessionRunner:
    engine = Engine(ROUTINE, clock)
    recorder = SessionRecorder(writer, engine, "user:r") if writer is not None else None
    runner = SessionRunner(engine, Recorder(), recorder)
    runner.start()
    return runner


def logged(writer: LogWriter, query: str) -> list[tuple]:
    """What the log holds once the writes queued before this have run (the query queues behind them)."""
    heard = threading.Event()
    found: list[list[tuple]] = []
    writer.submit(lambda conn: conn.execute(query).fetchall(), lambda rows: (found.append(rows), heard.set()))
    assert heard.wait(30), "the log's writer never got to the query"
    return found[0]


def test_pause_and_resume_hold_the_time_and_keep_the_log_in_step(clock, log):
    runner = runner_for(clock, log)
    clock.advance(5)
    assert runner.apply(Command("pause")) == "" and runner.paused
    clock.advance(60)
    assert runner.apply(Command("pause")) == "" and runner.paused  # pausing what is paused changes nothing
    runner.apply(Command("resume"))
    assert not runner.paused and runner.engine.times()[:2] == (5, 60)
    assert logged(log, "SELECT actual_s, paused_s, position_paused FROM sessions") == [(5.0, 60.0, 0)]


def test_primary_is_pause_resume_and_done_on_a_step_without_a_timer(clock):
    runner = runner_for(clock)
    runner.apply(Command("primary"))
    assert runner.paused
    runner.apply(Command("primary"))
    assert not runner.paused
    runner.apply(Command("jump", 3))  # lands paused in the get-ready before the open step
    runner.apply(Command("primary"))
    clock.advance(5)
    runner.advance()
    assert runner.open_step
    runner.apply(Command("primary"))  # Done
    runner.advance()
    assert runner.engine.finished


def test_next_back_and_time_say_what_they_did(clock):
    runner = runner_for(clock)
    assert runner.apply(Command("time", 10)) == "10 s more" and runner.engine.remaining() == 30
    assert runner.apply(Command("time", -10)) == "10 s less"
    runner.apply(Command("next"))
    assert runner.engine.segment.name == "Squats" and runner.nudge_reps() == 5
    assert runner.apply(Command("time", 10)) == "5 reps more than planned: 9 in all"
    clock.advance(3)
    runner.apply(Command("back"))
    assert runner.engine.segment.name == "Squats" and runner.engine.reps == 9


def test_a_jump_while_paused_lands_in_a_get_ready_and_the_view_shows_it(clock, log):
    runner = runner_for(clock, log)
    runner.apply(Command("pause"))
    assert runner.apply(Command("jump", 2)) == ""
    view = runner.view()
    assert view.title == "Squats" and view.paused and runner.engine.getting_ready
    assert logged(log, "SELECT position_step, position_name FROM sessions") == [(2, "Squats")]


@pytest.mark.parametrize("step", [0, 4, 2.5, -1])
def test_a_step_out_of_range_is_refused_in_words(clock, step):
    runner = runner_for(clock)
    said = runner.apply(Command("jump", step))
    assert said == f"There is no step {step:g} (1 to 3)" and runner.engine.segment.name == "Swings"


def test_commands_after_the_end_are_ignored_and_the_end_is_logged_once(clock, log):
    runner = runner_for(clock, log)
    clock.advance(5)
    runner.end()
    runner.end()
    for command in (Command("pause"), Command("next"), Command("time", 10), Command("jump", 2), Command("done")):
        assert runner.apply(command) == ""
    assert runner.engine.segment.name == "Swings" and not runner.paused
    assert logged(log, "SELECT outcome FROM sessions") == [("stopped",)]


def test_advance_plays_the_cues_and_says_each_part_and_the_end(clock):
    runner = runner_for(clock)
    sound = runner.sound
    runner.advance()
    assert sound.played[:1] == ["go"]
    clock.advance(20)
    started, cued, finished, _ = runner.advance()
    assert started and cued and not finished
    runner.apply(Command("jump", 3))
    runner.apply(Command("resume"))
    clock.advance(5)
    runner.advance()
    runner.apply(Command("done"))
    assert runner.advance().finished and sound.played[-1] == "done"


def test_mute_and_voice_work_before_the_start_and_an_unknown_command_is_an_error(clock):
    runner = SessionRunner(Engine(ROUTINE, clock), Recorder())
    assert runner.apply(Command("mute")) == "Sound off" and runner.sound.muted
    assert runner.apply(Command("voice")) == "Voice off: tones only once sound is on (m)"  # muted: says what will be
    runner.apply(Command("mute"))
    assert runner.apply(Command("voice")) == "Voice on"
    assert runner.apply(Command("next")) == ""  # not started: ignored
    with pytest.raises(ValueError):
        runner.apply(Command("explode"))


def test_listeners_hear_every_command_applied_and_none_ignored(clock):
    runner = runner_for(clock)
    heard: list[int] = []
    runner.listen(lambda: heard.append(1))
    runner.apply(Command("next"))
    runner.apply(Command("mute"))
    runner.end()
    runner.apply(Command("next"))  # after the end: ignored, nothing to hear
    assert len(heard) == 2


def test_taking_time_off_with_under_a_second_left_never_adds_time(clock):
    runner = runner_for(clock)
    clock.advance(19.5)  # half a second left of the first part
    assert runner.apply(Command("time", -10)) == "Already at the least time left (1 s)"
    assert runner.engine.remaining() == pytest.approx(0.5) and runner.engine.time_added == 0
