"""`supple moves`: the moves Supple can show, one played as a moving figure, or its key poses side by side."""

from __future__ import annotations

import shutil
import sys
import textwrap
from typing import TYPE_CHECKING

from app.cli.console import EXIT_OK, EXIT_USER, echo, table

if TYPE_CHECKING:
    import argparse

    from app.moves.move import Move

LEAST = (16, 8)  # columns and rows a figure needs to be made out (a key hint and a caption come with it)
STILL_SIZE = (16, 8)  # one key pose's cells in --still: the least, and the size when not printed to a terminal
STILL_LARGEST = (40, 20)  # and the most, in a large terminal


def add_moves_commands(commands) -> None:
    """Register `moves` on the argument parser's subcommands."""
    moves = commands.add_parser(
        "moves",
        help="list the moves Supple can show, or play one as a moving figure",
        description="With no NAME, list the moves. With NAME, play it as a moving figure at its own pace "
        "until a key is pressed; --still prints its key poses side by side instead.",
    )
    moves.add_argument("name", nargs="?", metavar="NAME", help="a move's name or file stem: hip-circles")
    moves.add_argument("--side", choices=("left", "right"), default="left", help="the side working (default left)")
    moves.add_argument("--still", action="store_true", help="print the key poses side by side, then stop")
    moves.set_defaults(handler=cmd_moves)


def find(name: str, moves: dict[str, Move]) -> Move | None:
    """The move `name` names: its file stem, or its name in any case."""
    wanted = name.strip().casefold()
    return moves.get(wanted) or next((m for m in moves.values() if m.name.casefold() == wanted), None)


def cmd_moves(args: argparse.Namespace) -> int:
    from app.moves.move_file import load_moves
    from app.text import closest

    moves, broken = load_moves()
    for error in broken:  # a shipped file that does not read: said, and the others still shown
        for problem in error.problems:
            echo(f"supple moves: {problem}", err=True)
    if args.name is None:
        rows = [("MOVE", "NAME", "VIEW", "ONE REPETITION")]
        rows += [
            (m.key, m.name, m.view, f"{m.seconds:g} s" + (", each side" if m.sided else "")) for m in moves.values()
        ]
        for line in table(rows):
            echo(line)
        return EXIT_OK if not broken else EXIT_USER
    move = find(args.name, moves)
    if move is None:
        close = closest(args.name, list(moves))
        hint = f"; did you mean {close!r}?" if close else "; 'supple moves' lists them"
        echo(f"supple moves: no move {args.name!r}{hint}", err=True)
        return EXIT_USER
    side = args.side if move.sided else None
    if args.still:
        size = still_size(len(move.poses), shutil.get_terminal_size()) if sys.stdout.isatty() else STILL_SIZE
        columns = shutil.get_terminal_size().columns if sys.stdout.isatty() else None
        for line in still(move, side, size, columns):
            echo(line)
        return EXIT_OK
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        echo("supple moves: playing a move needs a terminal; --still prints its key poses", err=True)
        return EXIT_USER
    columns, rows = shutil.get_terminal_size()
    if columns < LEAST[0] or rows < LEAST[1] + 2:
        echo(
            f"supple moves: the terminal is {columns}x{rows}; a figure needs {LEAST[0]}x{LEAST[1] + 2} at least",
            err=True,
        )
        return EXIT_USER
    from app.ui.move_player import MovePlayer

    player = MovePlayer(move, side)
    player.run()
    return player.return_code or EXIT_OK


def still_size(poses: int, terminal: tuple[int, int]) -> tuple[int, int]:
    """Cells for each of `poses` key poses side by side in a `terminal` of (columns, rows): as large as it
    allows, up to STILL_LARGEST, and never below STILL_SIZE (a narrow terminal wraps the rows instead)."""
    columns, rows = terminal
    width = (columns - 2 * (poses - 1)) // max(poses, 1)
    height = rows - 7  # the title, how it is done (two rows, wrapped), a blank row, the times, the prompt
    return (max(STILL_SIZE[0], min(STILL_LARGEST[0], width)), max(STILL_SIZE[1], min(STILL_LARGEST[1], height)))


def still(move: Move, side: str | None, size: tuple[int, int] = STILL_SIZE, columns: int | None = None) -> list[str]:
    """The move's key poses side by side, each in `size` cells, under its name, how it is done (wrapped at
    word ends to a terminal's `columns`, which would break it mid-word) and with each pose's time."""
    width, height = size
    box = move.reach()  # the least box the figure keeps to through a repetition: as large as the cells allow
    frames = [move.drawing(at, side, width, height, box).rows for at, _ in move.poses]
    title = f"{move.name}: {len(move.poses)} key poses, {move.seconds:g} s a repetition"
    words = move.side_words(side)
    title += (f", {side} side" + (f": {words}" if words else "")) if side else ""
    about = textwrap.wrap(move.about, columns) if columns else [move.about] if move.about else []
    lines = [title, *about, ""]
    lines += ["  ".join(frame[row] for frame in frames) for row in range(height)]
    lines.append("  ".join(f"{f'at {at:g} s':<{width}}" for at, _ in move.poses).rstrip())
    return lines
