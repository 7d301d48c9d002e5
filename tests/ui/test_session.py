"""The session screen through Pilot, time driven by the fake clock."""

from __future__ import annotations

from app.routine.model import Routine, Step
from app.session.engine import READY
from app.ui.screens.dialogs import ConfirmScreen, JumpScreen
from app.ui.screens.picker import PickerScreen
from app.ui.screens.session import SessionScreen
from app.ui.screens.summary import SummaryScreen
from tests.ui.helpers import SHORT, build, text_of, top_line, until

SIZE = (100, 30)


async def advance(pilot, clock, seconds: float, step: float = 0.5) -> None:
    """Move the fake clock in small steps, letting the screen catch up each time."""
    remaining = seconds
    while remaining > 1e-9:
        clock.advance(min(step, remaining))
        remaining -= step
        pilot.app.screen.tick()
    await pilot.pause()


async def test_run_opens_the_session_on_get_ready(clock):
    app, played = build(clock, start=SHORT)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert text_of(app, "#phase") == "GET READY"
        assert text_of(app, "#title") == "Arm swings"
        assert text_of(app, "#clock") == "0:05"
        assert top_line(app).startswith("Step 1 of 3 ") and top_line(app).endswith(" 1:30 left + open steps")
        assert "Stand tall" in text_of(app, "#cues")
        assert text_of(app, "#detail") == "20 s"  # what the step asks, under its name
        assert text_of(app, "#upcoming") == "Then: Leg swings · left side · set 1 of 2 (10 s)"  # not Arm swings again
        assert app.screen.query_one("#phase").has_class("-prep")
        assert played == ["ready"]


async def test_countdown_follows_the_clock_and_cues_play(clock):
    app, played = build(clock, start=SHORT)
    async with app.run_test(size=SIZE) as pilot:
        await advance(pilot, clock, 6.2)
        assert text_of(app, "#phase") == "WORK" and app.screen.query_one("#phase").has_class("-work")
        assert text_of(app, "#clock") == "0:19"
        assert played == ["ready", "pip", "pip", "pip", "go"]
        await advance(pilot, clock, 9)
        assert played[-1] == "halfway"


async def test_two_sided_step_shows_side_and_set(clock):
    app, _ = build(clock, start=SHORT)
    async with app.run_test(size=SIZE) as pilot:
        await advance(pilot, clock, 5 + 20 + 5 + 1)
        assert text_of(app, "#title") == "Leg swings"
        assert text_of(app, "#detail") == "LEFT SIDE  ·  Set 1 of 2"
        assert text_of(app, "#upcoming") == "Next: Leg swings · right side · set 1 of 2 (10 s)"
        await advance(pilot, clock, 10)
        assert text_of(app, "#phase") == "SWITCH SIDES" and text_of(app, "#detail").startswith("RIGHT SIDE NEXT")


async def test_pause_holds_the_time(clock):
    app, _ = build(clock, start=SHORT)
    async with app.run_test(size=SIZE) as pilot:
        await advance(pilot, clock, 7)
        shown = text_of(app, "#clock")
        await pilot.press("space")
        assert app.screen.query_one("#phase").has_class("-paused") and "PAUSED" in text_of(app, "#phase")
        assert app.screen.query_one("#clock").has_class("-paused")
        await advance(pilot, clock, 30)
        assert text_of(app, "#clock") == shown
        await pilot.press("space")
        assert not app.screen.query_one("#phase").has_class("-paused")
        await advance(pilot, clock, 1)
        assert text_of(app, "#clock") != shown


async def test_next_and_back(clock):
    app, played = build(clock, start=SHORT)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        assert text_of(app, "#phase") == "WORK" and text_of(app, "#clock") == "0:20"
        assert played[-1] == "go"
        await pilot.press("right")
        assert text_of(app, "#phase") == "NEXT UP"
        await pilot.press("p")  # within 2 s: back to the previous segment
        assert text_of(app, "#phase") == "WORK" and text_of(app, "#title") == "Arm swings"
        await advance(pilot, clock, 5)
        await pilot.press("left")  # later than 2 s: restart this one
        assert text_of(app, "#title") == "Arm swings" and text_of(app, "#clock") == "0:20"


async def test_add_and_remove_time(clock):
    app, _ = build(clock, start=SHORT)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.press("plus")
        assert text_of(app, "#clock") == "0:30"
        await pilot.press("minus", "minus", "minus")
        assert text_of(app, "#clock") == "0:01"
        assert app.screen.engine.time_added == -19


async def test_jump_to_a_step(clock):
    app, played = build(clock, start=SHORT)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        assert isinstance(app.screen, JumpScreen)
        await pilot.press("down", "down", "enter")
        assert isinstance(app.screen, SessionScreen)
        # it lands in a short get-ready before the step, held until the user is ready
        assert text_of(app, "#title") == "Lift" and text_of(app, "#phase") == "GET READY  ·  PAUSED"
        assert text_of(app, "#hint") == "Press Space when you are ready" and played[-1] != "go"
        await pilot.press("space")
        await advance(pilot, clock, READY)
        assert text_of(app, "#phase") == "WORK" and text_of(app, "#title") == "Lift" and played[-1] == "go"


async def test_open_step_counts_up_and_space_is_done(clock):
    app, played = build(clock, start=SHORT)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g", "down", "down", "enter", "space")
        await advance(pilot, clock, READY)
        assert text_of(app, "#hint") == "Press Space when done"
        await advance(pilot, clock, 75, step=5)
        assert text_of(app, "#clock") == "1:15"
        assert app.screen.check_action("add_time", (10,)) is False  # not offered: no countdown to change
        await pilot.press("space")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert played[-1] == "done"


async def test_quit_asks_when_under_way_and_cancel_keeps_going(clock):
    app, _ = build(clock, start=SHORT)
    async with app.run_test(size=SIZE) as pilot:
        await advance(pilot, clock, 2)
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmScreen)
        await advance(pilot, clock, 0)
        await pilot.press("n")
        assert isinstance(app.screen, SessionScreen) and not app.screen.engine.paused


async def test_stopping_shows_the_summary_marked_stopped_then_the_shell(clock):
    app, _ = build(clock, start=SHORT)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await advance(pilot, clock, 20)  # Arm swings done in full
        await pilot.press("q", "y")
        assert isinstance(app.screen, SummaryScreen) and app.screen.has_class("-stopped")
        text = text_of(app, "#summary")
        assert text.startswith("SESSION STOPPED") and "Steps done  1 of 3" in text
        assert "Skipped     Leg swings, Lift" in text and "+ 1 step timed by you (until done)" in text
        assert "Well done" not in text_of(app, "#summary-hint") and "Stopped early" in text_of(app, "#summary-hint")
        await pilot.press("enter")  # started from the shell (`supple run`): back to it
        await until(pilot, lambda: not app.is_running)


async def test_summary_after_the_end_then_the_shell(clock):
    app, played = build(clock, start=SHORT)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.press("plus")
        await advance(pilot, clock, 30 + 5 + 10 + 5 + 10 + 5 + 10 + 5 + 10 + 5, step=1)
        assert text_of(app, "#title") == "Lift"
        await advance(pilot, clock, 120, step=10)
        await pilot.press("space")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        summary = text_of(app, "#summary")
        assert "Planned     1:30" in summary and "Actual      3:35" in summary
        assert "Steps done  3 of 3" in summary and "Time added  +10 s" in summary
        await pilot.press("enter")
        await until(pilot, lambda: not app.is_running)


async def test_a_session_started_from_the_command_line_goes_back_to_the_shell_when_its_summary_closes(clock):
    """`supple run`: one session, then the shell; what the user types next is the shell's (it went on into the
    list of routines, where an `e` meant for the shell opened the editor). The summary says where Enter goes."""
    from app.ui.widgets.key_bar import KeyBar

    app, _ = build(clock, start=SHORT)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g", "end", "enter")  # to the open last step: it waits, paused, in get-ready
        await pilot.pause()
        await pilot.press("space")  # go on
        await advance(pilot, clock, READY + 1)
        await pilot.press("space")  # done
        await until(pilot, lambda: isinstance(app.screen, SummaryScreen))
        assert "Back to the shell" in str(app.screen.query_one(KeyBar).render())
        await pilot.press("e")  # a key of the list of routines: nothing here
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("enter")
        await until(pilot, lambda: not app.is_running)
    assert not any(isinstance(s, PickerScreen) for s in app.screen_stack)


async def test_sessions_started_from_the_list_go_back_to_it(clock):
    app, _ = build(clock)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(2):
            await pilot.press("enter", "q", "y")
            await until(pilot, lambda: isinstance(app.screen, SummaryScreen))
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, PickerScreen))
        assert [type(s) for s in app.screen_stack].count(PickerScreen) == 1


async def test_suspended_with_ctrl_z_the_session_waits_paused_for_the_user(clock):
    app, _ = build(clock, start=SHORT)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        engine = app.screen.engine
        assert not engine.paused
        clock.advance(3)
        app._stopped_at = clock()  # what the SIGTSTP handler notes before the process stops
        clock.advance(45)  # stopped, then `fg`
        app.going_on = True  # what the SIGCONT handler notes at once
        app.went_on()
        await pilot.pause()
        assert engine.paused and "PAUSED" in text_of(app, "#hint")
        assert engine.elapsed() == 3  # the 45 s stopped are not counted


async def test_a_tick_that_comes_before_the_news_of_going_on_still_holds_the_session_where_it_stopped(clock):
    app, _ = build(clock, start=SHORT)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        session = app.screen
        clock.advance(3)
        app._stopped_at = clock()
        index = session.engine.index
        clock.advance(45)  # far past the step's end
        app.going_on = True
        session.tick()  # the timer's wake-up, run before the handler's call to went_on
        app.went_on()  # then that call: nothing more to do
        await pilot.pause()
        assert session.engine.paused and session.engine.elapsed() == 3 and session.engine.index == index


async def test_the_help_over_a_paused_session_leaves_it_paused(clock):
    app, _ = build(clock, start=SHORT)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("space", "question_mark")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen) and app.screen.engine.paused


async def test_more_reps_then_back_runs_the_step_again_with_them(clock):
    paced = Routine("Paced", (Step("Leg swings", reps=4, tempo=2), Step("Hold", duration=10)), prep=0)
    app, _ = build(clock, start=paced)
    async with app.run_test(size=SIZE) as pilot:
        await advance(pilot, clock, 5)
        await pilot.press("plus")
        assert text_of(app, "#hint") == "5 reps more than planned: 9 in all"
        await pilot.press("plus", "plus", "minus")  # the words say the change from the plan, not the last key
        assert text_of(app, "#hint") == "10 reps more than planned: 14 in all"
        await pilot.press("minus", "minus")
        assert text_of(app, "#hint") == "As planned: 4 in all"
        await pilot.press("plus")
        await advance(pilot, clock, 1)
        await pilot.press("p")
        assert "Rep 1 of 9" in text_of(app, "#detail")
        await advance(pilot, clock, 18 + 5 + 10, step=1)
        assert isinstance(app.screen, SummaryScreen)
        summary = text_of(app, "#summary")
        assert "Time added  +10 s" in summary and "Steps done  2 of 2" in summary


async def test_a_command_from_elsewhere_is_drawn_as_a_key_s_is(clock):
    from app.session.runner import Command

    app, _ = build(clock, start=SHORT)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        runner = app.screen.runner
        runner.apply(Command("pause"))  # as a phone or a remote would send it: no key pressed
        await pilot.pause()
        assert "PAUSED" in text_of(app, "#phase") and app.screen.key_label("session.pause", "") == "Resume"
        runner.apply(Command("jump", 3))  # while paused: drawn at once
        await pilot.pause()
        assert text_of(app, "#title") == "Lift" and "GET READY" in text_of(app, "#phase")


async def test_the_running_session_is_the_app_s_to_drive(clock):
    from app.session.runner import Command

    app, _ = build(clock, start=SHORT)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.runner is app.screen.runner  # the app holds what drives the session on screen
        app.runner.apply(Command("next"))
        await pilot.pause()
        assert text_of(app, "#phase") == "WORK"


def test_time_taken_off_reads_as_time_cut():
    from app.session.engine import Summary
    from app.ui.screens.summary import summary_text

    cut = str(summary_text("R", Summary(90, 48, 0, 2, 2, -42, planned_work=60, worked=48)))
    assert "Time cut    42 s" in cut and "Time added" not in cut
    added = str(summary_text("R", Summary(90, 100, 0, 2, 2, 10, planned_work=60, worked=60)))
    assert "Time added  +10 s" in added
