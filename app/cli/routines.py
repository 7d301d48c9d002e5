"""`supple list`, `check` and `plan`: the routines, their problems and their timelines, for people and scripts."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.console import EXIT_OK, EXIT_USER, echo, table
from app.routine.demos import demo_hints
from app.routine.errors import RoutineError
from app.routine.library import Entry, load_library, resolve, shadowing
from app.routine.routine_file import parse_routine, read_routine_bytes
from app.session.plan import build_plan, describe_routine, open_segments, planned_total
from app.text import json_safe, json_text, visible

if TYPE_CHECKING:
    import argparse


def add_routine_commands(commands) -> None:
    """Register list, check and plan on the argument parser's subcommands."""
    listing = commands.add_parser(
        "list",
        help="list every routine, bundled and your own",
        description="List every routine with its ref (user:STEM or bundled:STEM), name, "
        "kind, steps and planned length; broken files with their problems.",
    )
    listing.add_argument("--json", action="store_true", help="print JSON for scripts")
    listing.set_defaults(handler=cmd_list)

    check = commands.add_parser(
        "check",
        help="validate routine files (or folders of them)",
        description="Check routine files: one FILE:LINE:COL line per problem, then a count. "
        "With no FILE, every routine in your routines folder. "
        "Exit status 1 when any file has a problem.",
    )
    check.add_argument(
        "files", nargs="*", metavar="FILE", help="a routine file, a folder of them, or a routine's stem or name"
    )
    check.set_defaults(handler=cmd_check)

    plan = commands.add_parser(
        "plan",
        help="show a routine's timeline and length",
        description="The timeline a routine expands to: every part, its start and length, "
        "and the total; --json adds the sound cues.",
    )
    plan.add_argument("routine", metavar="ROUTINE", help="a file path, or a routine's file stem or name")
    plan.add_argument("--json", action="store_true", help="print the plan as JSON")
    plan.add_argument(
        "--scale",
        type=scale_argument,
        default=None,
        metavar="X",
        help="the plan at this time scale (0.5 to 2.0), over any build-up: a preview, nothing is started or changed",
    )
    plan.set_defaults(handler=cmd_plan)


def scale_argument(text: str) -> float:
    """--scale's value: a number from 0.5 to 2.0, or argparse's error saying what was wrong."""
    import argparse

    from app.session.plan import SCALE_RANGE

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not SCALE_RANGE[0] <= value <= SCALE_RANGE[1]:
        raise argparse.ArgumentTypeError(f"must be between {SCALE_RANGE[0]} and {SCALE_RANGE[1]}, got {value:g}")
    return value


def _summary(entry: Entry) -> dict:
    out = {"ref": entry.ref, "stem": entry.stem, "source": entry.source, "path": str(entry.path)}
    if entry.routine is None:
        return out | {
            "name": None,
            "kind": None,
            "steps": None,
            "total": None,
            "open": None,
            "error": [p.raw() for p in entry.error.problems],
        }
    routine = entry.routine
    return out | {
        "name": routine.name,
        "kind": routine.kind,
        "steps": len(routine.steps),
        "total": round(planned_total(routine), 6),
        "open": open_segments(routine),
        "error": None,
    }


def cmd_list(args: argparse.Namespace) -> int:
    """`supple list`: every routine with its source, kind, steps and planned total."""
    entries = load_library()
    if args.json:
        echo(json_text([_summary(e) for e in entries]))
        return EXIT_OK
    good = [e for e in entries if e.routine]
    broken = [e for e in entries if e.error]
    if not entries:
        echo("No routines found.")
    rows = [("ROUTINE", "NAME", "KIND", "SOURCE", "STEPS", "TOTAL")]
    # Where a stem of the user's shadows a bundled one, the stem alone names the user's: show the
    # refs that tell the two apart.
    stems = [e.stem for e in entries]
    for e in good:
        shown = e.ref if stems.count(e.stem) > 1 else e.stem
        rows.append(
            (shown, e.routine.name, e.routine.kind, e.source, str(len(e.routine.steps)), describe_routine(e.routine))
        )
    if good:
        for line in table(rows, right=frozenset({4})):
            echo(line)
    if broken:
        echo(f"\nBroken routine files ({len(broken)}), fix them or check with 'supple check FILE':")
        for e in broken:
            echo(f"  {visible(e.ref)}")
            for problem in e.error.problems:
                echo(f"    {problem}")
    return EXIT_OK


def _expand(names: list[str]) -> list[Path]:
    """The files named: folders opened, a name that is no file looked up in the library."""
    files: list[Path] = []
    for name in names:
        path = Path(name)
        if path.is_dir():
            files.extend(sorted(path.glob("*.toml")))
        elif path.exists() or path.is_symlink() or name.endswith(".toml") or "/" in name:
            files.append(path)
        else:
            entry = resolve(name)  # a stem or a name; LookupFailed says what is close
            if ":" not in name and (note := shadowing(entry)):
                echo(note)
            files.append(entry.path)
    return files


def cmd_check(args: argparse.Namespace) -> int:
    """`supple check [FILE...]`: one located line per problem, then a summary."""
    if not args.files:
        from app.paths import user_routines_dir

        folder = user_routines_dir()
        if not folder.is_dir() or not any(folder.glob("*.toml")):
            echo(f"No routines of your own yet: they go in {folder}. 'supple check FILE' checks any file.")
            return EXIT_OK
        echo(f"Your routines folder, {folder}:")
        args.files = [str(folder)]
    files = _expand(args.files)
    bad = problems = hints = 0
    for path in files:
        try:
            data = read_routine_bytes(path, str(path))
            routine = parse_routine(data, str(path))
        except RoutineError as error:
            bad += 1
            problems += len(error.problems)
            for problem in error.problems:
                echo(problem)
            continue
        for hint in demo_hints(routine, data.decode("utf-8"), str(path)):  # it parsed, so it is UTF-8
            hints += 1
            echo(hint)
    count = f"{len(files)} file{'s' if len(files) != 1 else ''} checked"
    if not files:
        echo("No routine files found.")
        return EXIT_USER
    if bad:
        echo(f"{count}: {bad} with problems ({problems} problem{'s' if problems != 1 else ''})")
        return EXIT_USER
    echo(f"{count}: all good" + (f" ({hints} hint{'s' if hints != 1 else ''})" if hints else ""))
    return EXIT_OK


def cmd_plan(args: argparse.Namespace) -> int:
    """`supple plan ROUTINE`: the timeline as a table or as JSON."""
    entry = resolve(args.routine)
    if entry.error:
        echo(entry.error, err=True)
        return EXIT_USER
    if ":" not in args.routine and (note := shadowing(entry)):
        echo(note, err=True)  # stderr: the plan on stdout stays as scripts read it
    from app.log.build_up import peek, percent
    from app.session.plan_output import plan_json_chunks, plan_table

    building = peek(entry.log_ref)
    scale = args.scale if args.scale is not None else building[0] if building else 1.0
    plan = build_plan(entry.routine, scale)
    if args.json:
        for chunk in plan_json_chunks(plan):
            sys.stdout.write(json_safe(chunk))
        sys.stdout.write("\n")
    else:
        sets_of = {n: step.sets for n, step in enumerate(entry.routine.steps, start=1)}
        echo(plan_table(plan, sets_of))
        if args.scale is not None:
            stays = f"; the build-up stays at {percent(building[0])}" if building else ""
            echo(f"\nAt {percent(scale)} (--scale {args.scale:g}), a preview: no session is started{stays}")
        elif building:
            echo(
                f"\nAt {percent(building[0])}, the build-up's scale for the next session: {building[1]} "
                f"('supple build-up {entry.log_ref}' shows its history)"
            )
        if scale != 1.0:
            paced = [
                f"{now.name}: {now.reps} reps x {now.tempo:g} s ({was.reps} at 100 %)"
                for was, now in zip(entry.routine.steps, plan.steps)
                if now.tempo is not None and now.reps != was.reps
            ]
            if paced:
                echo("Paced steps keep their tempo and do fewer or more reps: " + "; ".join(paced))
    return EXIT_OK
