"""The `supple` command: argparse subcommands over the core."""

from __future__ import annotations

import errno
import gc
import os
import re
import sys
from typing import TYPE_CHECKING, NoReturn

from app import __version__
from app.cli.console import EXIT_OK, EXIT_USAGE, EXIT_USER, echo
from app.routine.library import LookupFailed, resolve

if TYPE_CHECKING:
    import argparse


def _parser() -> argparse.ArgumentParser:
    import argparse  # bare `supple` never parses, and starts the sooner for it

    class Parser(argparse.ArgumentParser):
        """Errors shown with the user's text escaped, and a close command suggested for a misspelt one; a
        value that is not a number, or out of range, is the user's input (status 1), not a usage error."""

        def _print_message(self, message: str, file: object = None) -> None:
            if message:  # argparse's own drops a failed write silently: --help > /dev/full must say so
                (file or sys.stderr).write(message)

        def _get_value(self, action: argparse.Action, arg_string: str) -> object:
            try:
                return super()._get_value(action, arg_string)
            except argparse.ArgumentError as error:  # raised here only when the type refuses the value
                raise BadValue(f"{self.prog}: {error}") from None

        def error(self, message: str) -> NoReturn:
            choice = re.search(r"invalid choice: '(.*?)' \(choose from (.*)\)$", message)
            if choice:
                from app.text import closest

                known = re.findall(r"'([^']*)'", choice[2])
                close = closest(choice[1], known, cutoff=0.5)
                message = f"no command {choice[1]!r}" + (f"; did you mean {close!r}?" if close else "")
                message += f" (commands: {', '.join(known)})"
            self.print_usage(sys.stderr)
            echo(f"{self.prog}: error: {message}", err=True)
            raise SystemExit(EXIT_USAGE)

    parser = Parser(
        prog="supple",
        description="A terminal coach for gym warm-ups and post-workout stretches.",
        epilog="Run 'supple COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"supple {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    # Here, not at the top: bare `supple` parses nothing, and its first frame waits for no sqlite3.
    from app.cli.care import add_care_commands
    from app.cli.history import add_log_commands
    from app.cli.moves import add_moves_commands
    from app.cli.routines import add_routine_commands, scale_argument
    from app.cli.schema import add_schema_commands
    from app.cli.sharing import add_sharing_commands
    from app.cli.trash import add_trash_commands

    add_routine_commands(commands)
    add_log_commands(commands)
    add_care_commands(commands)
    add_trash_commands(commands)
    add_moves_commands(commands)
    add_schema_commands(commands)
    add_sharing_commands(commands)

    run = commands.add_parser(
        "run",
        help="start a guided session right away",
        description="Start a guided session of ROUTINE at once, without the list of routines.",
    )
    run.add_argument("routine", metavar="ROUTINE", help="a file path, or a routine's file stem or name")
    run.add_argument(
        "--scale",
        type=scale_argument,
        default=None,
        metavar="X",
        help="stretch (up to 2.0) or shrink (down to 0.5) every timed part; default 1.0, or the "
        "routine's build-up (this overrides it for one session)",
    )
    run.set_defaults(handler=cmd_run)

    timer = commands.add_parser(
        "timer",
        help="a quick timer, no file: 45s, 8x30s/15s, tabata, emom 10m",
        description="A timer without a routine file, in the session screen with its sounds, logged as any "
        "session: a length (45s), rounds of work and rest (8x30s/15s: 8 rounds of 30 s and 15 s rest), "
        "tabata (8x20s/10s), or emom and its minutes (emom 10m: a go at the top of every minute).",
    )
    timer.add_argument("form", nargs="+", metavar="FORM", help="45s, 8x30s/15s, 5x1m/20s, tabata, emom 10m")
    timer.add_argument("--prep", metavar="LENGTH", help="the get-ready before the first round (default 5s)")
    timer.set_defaults(handler=cmd_timer)

    edit = commands.add_parser(
        "edit",
        help="open a routine in the editor (a bundled one as your copy)",
        description="Open ROUTINE in the editor. A bundled routine opens as your copy; a "
        "broken file opens as text, to fix.",
    )
    edit.add_argument("routine", metavar="ROUTINE", help="a file path, or a routine's file stem or name")
    edit.set_defaults(handler=cmd_edit)

    new = commands.add_parser(
        "new",
        help="create a routine in the editor",
        description="Open the editor on a new routine; it saves into your routines folder.",
    )
    new.set_defaults(handler=cmd_new)

    sound = commands.add_parser(
        "sound-check",
        help="play every sound cue and a spoken sentence",
        description="Play every sound cue and a spoken sentence, and say which player and "
        "voice Supple uses, and why it skipped the others.",
    )
    sound.set_defaults(handler=cmd_sound_check)
    parser.commands = commands.choices  # to show a command's own usage for an option it does not know
    return parser


class BadValue(Exception):
    """An option's value that is not a number or a day, or out of range: the user's input, status 1."""


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status (the README's table of them)."""
    argv = sys.argv[1:] if argv is None else argv
    try:
        if argv:
            try:
                parser = _parser()
                args, extra = parser.parse_known_args(argv)
                if extra:  # said by the command's own parser, with its usage, not the top-level one
                    known = parser.commands.get(getattr(args, "command", None), parser)
                    known.error(f"unrecognized arguments: {' '.join(extra)}")
            except SystemExit as done:  # --help, --version or a usage error, printed: flushed in the guard
                sys.stdout.flush()
                return done.code if isinstance(done.code, int) else EXIT_OK if done.code is None else EXIT_USER
            handler = getattr(args, "handler", cmd_default)
        else:  # bare `supple`, the common case: the picker, with no parser to build
            args, handler = None, cmd_default
        status = handler(args)
        sys.stdout.flush()  # inside the guard: a full disk shows here for redirected output
        return status
    except BadValue as error:
        echo(str(error), err=True)
        return EXIT_USER
    except LookupFailed as error:
        echo(f"supple: {error}", err=True)
        return EXIT_USER
    except BrokenPipeError:
        # The reader (`head`, say) stopped reading: its choice, not a failure. Say nothing more.
        _drop_stdout()
        return EXIT_OK
    except OSError as error:
        if error.errno not in (errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EFBIG):
            raise
        # A full disk or a failing device under the output (`supple list > /dev/full`): say so, once.
        _drop_stdout()
        where = f" {error.filename}" if error.filename else " the output"
        echo(f"supple: could not write{where}: {error.strerror}", err=True)
        return EXIT_USER


def _drop_stdout() -> None:
    """Send what is left of standard output nowhere, so that the exit's flush cannot fail again."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def cmd_default(args: argparse.Namespace | None) -> int:
    """Bare `supple`: the picker."""
    return _run_app(start=None, scale=1.0)


def cmd_run(args: argparse.Namespace) -> int:
    """`supple run ROUTINE`: straight into the session."""
    entry = resolve(args.routine)
    if entry.error:
        echo(entry.error, err=True)
        return EXIT_USER
    from app.log.build_up import peek
    from app.session.start import session_start

    start = session_start(
        peek(entry.log_ref), args.scale, how=f"--scale {args.scale:g}" if args.scale is not None else ""
    )
    return _run_app(
        start=entry.routine, scale=start.scale, start_ref=entry.log_ref, scale_why=start.why, scale_chosen=start.chosen
    )


def cmd_timer(args: argparse.Namespace) -> int:
    """`supple timer FORM`: a quick timer, straight into the session."""
    from app.routine.model import BOUNDS
    from app.routine.timer import TimerError, length_of, parse_timer, timer_ref

    try:
        prep = None if args.prep is None else length_of(args.prep, "--prep", *BOUNDS["gap"])
        routine = parse_timer(args.form, prep)
    except TimerError as error:
        echo(f"supple timer: {error}", err=True)
        return EXIT_USER
    return _run_app(start=routine, scale=1.0, start_ref=timer_ref(args.form, args.prep))


def cmd_edit(args: argparse.Namespace) -> int:
    """`supple edit ROUTINE`: the editor on that routine."""
    entry = resolve(args.routine)
    if entry.error:
        from app.files import NotReadable, read_regular
        from app.routine.routine_file import MAX_BYTES

        try:
            read_regular(entry.path, MAX_BYTES)  # a broken file opens as text, if it can be read at all
        except (NotReadable, OSError):
            echo(entry.error, err=True)
            return EXIT_USER
    return _run_app(start=None, scale=1.0, edit=entry)


def cmd_new(args: argparse.Namespace) -> int:
    """`supple new`: the editor on a new routine."""
    return _run_app(start=None, scale=1.0, edit="new")


def cmd_sound_check(args: argparse.Namespace) -> int:
    """`supple sound-check`: what the user will hear, and which player makes it."""
    from app.sound.check import sound_check

    return sound_check(out=echo)


def _run_app(
    start, scale: float, edit=None, start_ref: str | None = None, scale_why: str = "", scale_chosen: bool = False
) -> int:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        echo("supple: the app needs a terminal; for scripts use 'supple list', 'check' or 'plan'", err=True)
        return EXIT_USER
    # Start-up allocates a great many objects that live for the whole run; collecting garbage
    # among them only delays the first frame. The app turns collection back on once it is drawn.
    gc.disable()
    from app.log.writer import LogWriter
    from app.session.keep_awake import KeepAwake, Wakepy
    from app.settings import load_settings
    from app.sound.player import SoundPlayer
    from app.ui.app import make_app  # Textual loads only when the app runs

    settings, problem = load_settings()
    sound = SoundPlayer(settings, hold=True)  # the app lets its helper start once the first frame is drawn
    log = LogWriter()  # opened on its own thread once the first frame is drawn
    app = make_app(
        start=start,
        start_ref=start_ref,
        scale=scale,
        scale_why=scale_why,
        scale_chosen=scale_chosen,
        edit=edit,
        sound=sound,
        settings=settings,
        settings_problem=problem,
        log=log,
        keep_awake=KeepAwake(Wakepy(), hold=True),  # the app lets it act once the first frame is drawn
    )
    try:
        app.run()
    finally:
        sound.close()
        app.keep_awake.close()
        lost = log.close()  # what the session wrote last is on disk before the process ends
    if lost:
        print(
            f"supple: the training log was held by another program until the end; the last {lost} "
            f"update{'s' if lost != 1 else ''} of this session could not be written.",
            file=sys.stderr,
        )
        return app.return_code or 1
    return app.return_code or EXIT_OK  # Textual sets 1 after an unhandled error; signals set 128+N
