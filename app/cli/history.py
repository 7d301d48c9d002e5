"""`supple history`: the training log as a table, JSON, or CSV (a row a session, or a row a work segment)."""

from __future__ import annotations

import sqlite3
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.console import EXIT_OK, EXIT_USAGE, EXIT_USER, echo, table
from app.log.history import Filter, sessions
from app.log.store import LogUnavailable, connect, db_path, open_to_read
from app.routine.duration import format_clock, whole_seconds

if TYPE_CHECKING:
    import argparse


def add_log_commands(commands) -> None:
    """Register history on the argument parser's subcommands."""
    history = commands.add_parser(
        "history",
        help="the sessions you ran: a table, JSON or CSV",
        description="The sessions in your training log, oldest first: when, which routine, how long, steps done, "
        "how it ended. --csv writes a row a session, with its check-in (Supple's own columns); --csv --segments a "
        "row a work segment, in the Strong app's export layout, which importers of Strong's files read; "
        "add --semicolons for Strong's newer layout, separated by ';' (the one Hevy imports).",
    )
    form = history.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="print JSON for scripts")
    form.add_argument("--csv", action="store_true", help="print CSV, a row a session")
    history.add_argument("--segments", action="store_true", help="with --csv: a row a work segment (Strong's layout)")
    history.add_argument(
        "--semicolons", action="store_true", help="with --csv --segments: Strong's newer layout, separated by ';'"
    )
    history.add_argument("--since", type=_day, metavar="DATE", help="from this day on (YYYY-MM-DD)")
    history.add_argument("--until", type=_day, metavar="DATE", help="up to this day (YYYY-MM-DD)")
    history.add_argument("--routine", metavar="ROUTINE", help="one routine: its ref (user:STEM) or its name")
    history.set_defaults(handler=cmd_history)


def open_log(path: Path | None = None, check: bool = True) -> sqlite3.Connection:
    """The log for a command that writes: a damaged one moved aside is said on stderr; LogUnavailable when unusable."""
    return connect(path, check=check, moved=_said_moved)


def _said_moved(aside: Path) -> None:
    echo(f"supple: the training log was damaged: it is kept as {aside}; Supple starts a new one", err=True)


def _mention_kept() -> None:
    """Name the newest damaged log kept beside the log, so an empty history does not look like a lost one."""
    kept = sorted(db_path().parent.glob(db_path().name + ".broken-*"))
    if kept:
        echo(f"An earlier log, found damaged, is kept as {kept[-1]}.")


def _day(text: str) -> date:
    import argparse

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a day: {text!r} (write it YYYY-MM-DD)") from None


def cmd_history(args: argparse.Namespace) -> int:
    """`supple history`: what the log holds, filtered."""
    if args.segments and not args.csv:
        echo("supple history: error: --segments goes with --csv", err=True)
        return EXIT_USAGE
    if args.semicolons and not args.segments:
        echo("supple history: error: --semicolons goes with --csv --segments", err=True)
        return EXIT_USAGE
    if args.since and args.until and args.since > args.until:
        echo(f"supple history: --since {args.since} is after --until {args.until}: no day is both", err=True)
        return EXIT_USER
    path = db_path()
    routine, unknown = args.routine, None
    if routine:  # a stem, a name or a path, as everywhere else: the log knows it by its ref
        from app.routine.library import LookupFailed, resolve

        try:
            routine = resolve(routine).log_ref
        except LookupFailed as error:
            unknown = error  # perhaps a routine deleted since: the log may still know it by name or ref
    which = Filter(args.since, args.until, routine)
    try:
        # Read-only: never made, migrated or written; read whole first when it changed since Supple left
        # it, so damage is said (and the file moved aside), not shown as if sound.
        conn = open_to_read(path, moved=_said_moved)
        if unknown is not None and (conn is None or next(sessions(conn, Filter(routine=routine)), None) is None):
            echo(f"supple history: {unknown}", err=True)
            return EXIT_USER
        if conn is None:
            echo("No sessions recorded yet.")
            _mention_kept()
            return EXIT_OK
        if args.csv:
            from app.log.export import write_segments_csv, write_sessions_csv

            if args.segments:
                write_segments_csv(conn, which, sys.stdout, semicolons=args.semicolons)
            else:
                write_sessions_csv(conn, which, sys.stdout)
        elif args.json:
            from app.log.checkins import of_sessions
            from app.log.export import checkin_record, session_record
            from app.text import json_text

            tied = of_sessions(conn)
            echo(
                json_text(
                    [session_record(s) | {"checkin": checkin_record(tied.get(s.id))} for s in sessions(conn, which)]
                )
            )
        else:
            _print_table(conn, which)
    except (LogUnavailable, sqlite3.Error) as error:
        echo(f"supple: the training log cannot be read: {error}", err=True)
        return EXIT_USER
    return EXIT_OK


def _print_table(conn: sqlite3.Connection, which: Filter) -> None:
    from app.log.checkins import of_sessions
    from app.log.export import lone_checkins

    rows = [("WHEN", "ROUTINE", "TIME", "STEPS", "PAIN", "OUTCOME")]
    tied = of_sessions(conn)
    dated = [
        (
            s.started_at,
            (
                s.started_at[:16].replace("T", " "),
                s.routine_name,
                format_clock(whole_seconds(s.actual_s)),
                f"{s.steps_done} of {s.steps}",
                str(tied[s.id].pain) if s.id in tied else "-",
                s.outcome,
            ),
        )
        for s in sessions(conn, which)
    ]
    dated += [
        (c.at, (c.at[:16].replace("T", " "), "(check-in)", "", "", str(c.pain), "")) for c in lone_checkins(conn, which)
    ]
    rows += [row for _, row in sorted(dated, key=lambda pair: pair[0])]
    if len(rows) == 1:
        echo("No sessions recorded" + (" that match." if which != Filter() else " yet."))
        if which == Filter():
            _mention_kept()
        return
    for line in table(rows, right=frozenset({2})):
        echo(line)
