"""`supple moves`: the list, a move's key poses side by side, one played until a key; refusals in words."""

from __future__ import annotations

from app.moves.move_file import load_moves
from app.ui.move_player import MovePlayer
from tests.conftest import FakeClock
from tests.test_cli import supple
from tests.ui.helpers import until


def test_the_list_names_every_move_with_its_view_and_pace(supple_home):
    result = supple("moves", home=supple_home)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["MOVE", "NAME", "VIEW", "ONE", "REPETITION"]
    moves, _ = load_moves()
    assert len(lines) == len(moves) + 1
    assert any(line.startswith("leg-swings") and line.endswith("2 s, each side") for line in lines), lines


def test_still_prints_the_key_poses_side_by_side_for_the_side_asked(supple_home):
    result = supple("moves", "Leg swings", "--still", "--side", "right", home=supple_home)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Leg swings: 2 key poses, 2 s a repetition, right side: swing the right leg"
    assert lines[1].startswith("A hand on the wall")  # how it is done
    figure = lines[3:11]
    assert all(len(row) == 16 * 2 + 2 for row in figure) and all(0x2800 <= ord(c) <= 0x28FF for c in figure[3][:16])
    assert lines[11].split() == ["at", "0", "s", "at", "1", "s"]
    left = supple("moves", "leg-swings", "--still", home=supple_home).stdout.splitlines()
    assert left[0].endswith("left side: swing the left leg")


def test_a_move_not_known_is_said_with_a_guess_and_playing_needs_a_terminal(supple_home):
    wrong = supple("moves", "hip-circle", home=supple_home)
    assert wrong.returncode == 1 and wrong.stderr == "supple moves: no move 'hip-circle'; did you mean 'hip-circles'?\n"
    piped = supple("moves", "hip-circles", home=supple_home)  # its output captured: no terminal
    assert piped.returncode == 1 and "needs a terminal; --still prints its key poses" in piped.stderr


async def test_the_player_moves_with_the_clock_and_any_key_ends_it():
    moves, _ = load_moves()
    clock = FakeClock()
    player = MovePlayer(moves["leg-swings"], "left", clock=clock)
    async with player.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        player.frame()
        first = str(player.query_one("#figure").content)
        assert "⢀" in first or "⠉" in first or "⡇" in first  # a figure, not the request for room
        clock.advance(1.0)  # half a repetition: the leg back where it was forward
        player.frame()
        await pilot.pause()
        later = str(player.query_one("#figure").content)
        assert first != later and "⠀" in later
        caption = str(player.query_one("#caption").content)
        assert "Leg swings, left side · swing the left leg" in caption and "any key to stop" in caption
        assert str(player.query_one("#about").content) == moves["leg-swings"].about  # how it is done, as text
        clock.advance(1.0)  # a whole repetition: as it began
        player.frame()
        assert str(player.query_one("#figure").content) == first
        await pilot.press("x")
        await pilot.pause()
    assert player.return_code == 0


async def test_the_player_in_a_tiny_terminal_asks_for_room():
    moves, _ = load_moves()
    player = MovePlayer(moves["hip-circles"], None, clock=FakeClock())
    async with player.run_test(size=(12, 6)) as pilot:
        await pilot.pause()
        assert "make the terminal larger" in str(player.query_one("#figure").content)


async def test_a_frame_due_when_the_figure_is_not_there_draws_nothing():
    """At the exit (or before the first layout) a frame came due with no figure on screen, and raised on CI."""
    moves, _ = load_moves()
    player = MovePlayer(moves["hip-circles"], None, clock=FakeClock())
    async with player.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await player.query_one("#figure").remove()
        player.frame()  # nothing to draw on: nothing raised


def test_still_poses_grow_with_the_terminal():
    from app.cli.moves import STILL_SIZE, still, still_size

    moves, _ = load_moves()
    move = moves["trunk-rotation"]  # two key poses
    assert still_size(2, (120, 40)) == (40, 20)  # as large as a pose may be
    assert still_size(2, (60, 20)) == (29, 13)
    assert still_size(4, (40, 10)) == STILL_SIZE  # never smaller: a narrow terminal wraps instead
    lines = still(move, "left", still_size(2, (120, 40)))
    assert lines[1] == move.about  # how it is done, under the title
    assert len(lines) == 3 + 20 + 1 and max(len(line) for line in lines[3:-1]) == 2 * 40 + 2
    dotted = sum(1 for line in lines[3:-1] for char in line if 0x2801 <= ord(char) < 0x2900)
    assert dotted > 2 * sum(1 for line in still(move, "left")[3:-1] for char in line if 0x2801 <= ord(char) < 0x2900)


async def test_at_60_columns_the_caption_wraps_whole_between_its_parts():
    """A long name, its side, its view and the key to stop do not fit one 60-column row: none of it is cut off,
    and a line breaks between the parts, not inside one."""
    from tests.ui.helpers import screen_lines

    moves, _ = load_moves()
    player = MovePlayer(moves["childs-pose-side-reach"], "left", clock=FakeClock())
    async with player.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        rows = [row.strip() for row in screen_lines(player)[-2:]]
        assert rows == [
            "Child's pose side reach, left side · hands walk to the right",
            "seen from above · 6 s a repetition · any key to stop",
        ]
        await pilot.resize_terminal(120, 30)
        await until(pilot, lambda: "\n" not in str(player.query_one("#caption").content))
        assert screen_lines(player)[-1].strip() == (
            "Child's pose side reach, left side · hands walk to the right · seen from above · 6 s a repetition · "
            "any key to stop"
        )


def test_a_move_plays_in_a_real_terminal_and_a_key_ends_it_as_it_was(supple_home):
    import os
    import time

    from tests.test_cli import console_script
    from tests.test_terminal import Tmux, terminal_env

    session = Tmux(
        f"supple-moves-{os.getpid()}",
        f"{console_script()} moves leg-swings --side right; echo EXIT=$?; sleep 600",
        terminal_env(supple_home),
        size=(80, 24),
    )
    try:
        session.wait_for("Leg swings, right side")
        deadline = time.monotonic() + 15  # the figure is drawn once laid out, after the caption's first frame
        while not any(0x2801 <= ord(c) <= 0x28FF for c in session.screen()) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert any(0x2801 <= ord(c) <= 0x28FF for c in session.screen()), session.screen()  # dots drawn
        session.keys("q")
        assert "EXIT=0" in session.wait_for("EXIT=")
        assert session.terminal_state()["alternate_on"] == "0"  # the shell's screen back
    finally:
        session.close()


def test_still_wraps_how_the_move_is_done_at_word_ends_to_the_terminal():
    """Printed as one line, a terminal broke it mid-word ("with the h / ips")."""
    from app.cli.moves import still

    moves, _ = load_moves()
    move = moves["hip-circles"]
    lines = still(move, None, columns=60)
    about = lines[1 : lines.index("")]
    assert len(about) == 2 and all(len(line) <= 60 for line in about)
    assert " ".join(about) == move.about
