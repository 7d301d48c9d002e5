"""`supple checkin` and `supple build-up`: how the back feels, and building a routine up slowly, from the shell."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from app.cli.console import EXIT_OK, EXIT_USAGE, EXIT_USER, echo
from app.cli.history import open_log
from app.log import build_up
from app.log.checkins import PLACES, CheckInError, advice, current_warning, parse_pain, record, session_to_follow
from app.log.store import LogUnavailable

if TYPE_CHECKING:
    import argparse


def add_care_commands(commands) -> None:
    """Register checkin and build-up on the argument parser's subcommands."""
    checkin = commands.add_parser(
        "checkin",
        help="record how your back feels (0-10)",
        description="Record a check-in: pain from 0 (none) to 10 (worst imaginable), where, and whether it spreads "
        "down a leg. It goes with your latest session if that ended in the last two hours and has no "
        "check-in yet; else it stands alone. Prints the advice when the warning signs show.",
    )
    checkin.add_argument("pain", metavar="PAIN", help="0 to 10")
    checkin.add_argument(
        "--where",
        action="append",
        default=[],
        metavar="PLACE",
        help=f"where it hurts: {', '.join(PLACES)} (repeat for several)",
    )
    checkin.add_argument("--leg", action="store_true", help="the pain spreads down a leg")
    checkin.add_argument("--note", default="", metavar="TEXT", help="a note of your own")
    checkin.set_defaults(handler=cmd_checkin)

    grow = commands.add_parser(
        "build-up",
        help="build a routine up slowly, or see where its build-up stands",
        description="Start a routine at a lower time scale and go up a step after each completed session whose "
        "check-in had pain under 4; pain of 4 to 6 holds it; 7 or more, or the warning signs, step "
        "it back and pause it. With no option: where it stands and its history.",
    )
    grow.add_argument("routine", metavar="ROUTINE", help="a routine's stem, name or ref")
    grow.add_argument("--start", type=float, metavar="SCALE", help="the scale to begin at, e.g. 0.7 (70 %%)")
    grow.add_argument(
        "--step",
        type=float,
        metavar="STEP",
        help="up this much a good session (default 0.05); alone, it changes the build-up there is",
    )
    grow.add_argument(
        "--target",
        type=float,
        metavar="SCALE",
        help="where it ends (default 1.0, at most 2.0); alone, it changes the build-up there is",
    )
    grow.add_argument("--off", action="store_true", help="stop the build-up (its history stays)")
    grow.add_argument("--resume", action="store_true", help="go on after a pause")
    grow.set_defaults(handler=cmd_build_up)


def cmd_checkin(args: argparse.Namespace) -> int:
    """`supple checkin PAIN`: store it (after checking every part), then the warning, if it holds."""
    from app.log.checkins import check_note, check_places

    try:
        pain, places, note = parse_pain(args.pain), check_places(args.where), check_note(args.note)
    except CheckInError as error:
        echo(f"supple: {error}", err=True)
        return EXIT_USER
    try:
        conn = open_log()
        followed = session_to_follow(conn)
        kept = record(conn, pain, places, args.leg, note, session_id=followed.id if followed else None)
        warned = current_warning(conn)
        step = build_up.after_session(conn, followed.id, pain, warned is not None) if followed else None
    except (LogUnavailable, sqlite3.Error) as error:
        echo(f"supple: the check-in was not recorded: {error}", err=True)
        return EXIT_USER
    echo(
        f"Recorded: {kept.describe()}"
        + (
            f", with your session of {followed.describe()}"
            if followed
            else ", on its own (no session ended in the last 2 hours without a check-in)"
        )
    )
    if step is not None and step.reason:
        echo(f"Build-up: {build_up.percent(step.after)} next time, {step.reason}")
    if warned is not None:
        echo("")
        echo(advice(warned))
    return EXIT_OK


def cmd_build_up(args: argparse.Namespace) -> int:
    """`supple build-up ROUTINE`: start, stop, resume, or show it."""
    from app.routine.library import resolve

    entry = resolve(args.routine)
    if entry.error:
        echo(entry.error, err=True)
        return EXIT_USER
    ref, name = entry.log_ref, entry.routine.name
    changing = args.step is not None or args.target is not None
    if sum(map(bool, (args.start is not None, args.off, args.resume))) > 1 or changing and (args.off or args.resume):
        echo(
            "supple: choose one of --start, --off and --resume (--step and --target go with --start, or alone)",
            err=True,
        )
        return EXIT_USAGE
    try:
        conn = open_log()
        if args.start is not None:
            made = build_up.start(
                conn,
                ref,
                args.start,
                0.05 if args.step is None else args.step,
                1.0 if args.target is None else args.target,
            )
            echo(
                f"{name}: building up from {build_up.percent(made.start)} to {build_up.percent(made.target)}, "
                f"+{round(made.step * 100)} % after each completed session with pain under 4."
            )
        elif changing:
            made = build_up.change(conn, ref, args.step, args.target)
            if made is None:
                echo(f"supple: {name} has no build-up to change; start one with --start", err=True)
                return EXIT_USER
            echo(
                f"{name}: {build_up.percent(made.scale)} next time, up to {build_up.percent(made.target)}, "
                f"+{round(made.step * 100)} % after each completed session with pain under 4."
            )
        elif args.off:
            echo(
                f"{name}: build-up off; sessions run at 100 %."
                if build_up.stop(conn, ref)
                else f"{name} has no build-up."
            )
        elif args.resume:
            going = build_up.resume(conn, ref)
            echo(f"{name}: going on at {build_up.percent(going.scale)}." if going else f"{name} has no build-up.")
        else:
            _show(conn, ref, name)
    except build_up.BuildUpError as error:
        echo(f"supple: {error}", err=True)
        return EXIT_USER
    except (LogUnavailable, sqlite3.Error) as error:
        echo(f"supple: the training log cannot be used: {error}", err=True)
        return EXIT_USER
    return EXIT_OK


def _show(conn: sqlite3.Connection, ref: str, name: str) -> None:
    found = build_up.get(conn, ref)
    if found is None:
        echo(f"{name} has no build-up. Start one: supple build-up {ref} --start 0.7 --step 0.05 --target 1.0")
    else:
        state = "paused" if found.paused else ("at its target" if found.reached else "building up")
        echo(
            f"{name}: {build_up.percent(found.scale)} next time ({state}); from {build_up.percent(found.start)} "
            f"to {build_up.percent(found.target)}, +{round(found.step * 100)} % a good session."
        )
    history = build_up.steps(conn, ref)
    if history:
        echo("")
        for step in history:
            echo(f"  {step.at[:16].replace('T', ' ')}  {build_up.percent(step.after):>5}  {step.reason}")
