"""`supple import` and `supple export`: routines that travel between people, checked on the way in."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.console import EXIT_OK, EXIT_USER, echo

if TYPE_CHECKING:
    import argparse


def add_sharing_commands(commands) -> None:
    """Register `import` and `export` on the argument parser's subcommands."""
    importing = commands.add_parser(
        "import",
        help="check routine files and copy them into your routines folder",
        description="Check each FILE as 'supple check' does and copy the good ones into your routines folder, "
        "as they are (comments kept), each named after its routine and given a first line naming your copy of "
        "the schema, for your editor. A name taken there gets a new one "
        "(NAME-2.toml) unless --replace; a bad "
        "file is refused with its problems. Exit status 1 when any file was refused.",
    )
    importing.add_argument("files", nargs="+", metavar="FILE", help="a routine file")
    importing.add_argument(
        "--replace", action="store_true", help="replace your routine of the same name (kept as .bak if commented)"
    )
    importing.set_defaults(handler=cmd_import)
    exporting = commands.add_parser(
        "export",
        help="print a routine as a clean file to share",
        description="Print ROUTINE (a path, a file stem or a name) as a clean routine file: no comments, and "
        "no path of yours (a schema line would name your config folder). Redirect it into a file to hand it to "
        "a friend, who brings it in with 'supple import', which names their own schema in it.",
    )
    exporting.add_argument("routine", metavar="ROUTINE", help="a path, a file stem or a routine's name")
    exporting.set_defaults(handler=cmd_export)


def cmd_import(args: argparse.Namespace) -> int:
    from app import paths
    from app.files import NotReadable, read_regular
    from app.routine.errors import RoutineError
    from app.routine.library import load_library
    from app.routine.routine_file import MAX_BYTES, parse_routine
    from app.routine.saving import SaveError, save_text, slugify

    folder = paths.user_routines_dir()
    refused = 0
    for name in args.files:
        path = Path(name)
        try:
            data = read_regular(path, MAX_BYTES)
            routine = parse_routine(data, name)
        except NotReadable as error:  # says what it is: a folder, a pipe, too large...
            refused += 1
            echo(f"{name}: {error}", err=True)
            continue
        except OSError as error:
            refused += 1
            echo(f"{name}: cannot read it: {error.strerror or error}", err=True)
            continue
        except RoutineError as error:
            refused += 1
            for problem in error.problems:
                echo(problem, err=True)
            echo(f"{name}: not imported", err=True)
            continue
        existing = folder / f"{slugify(routine.name)}.toml" if args.replace else None  # named as the editor names
        try:
            text = local_schema_line(data.decode("utf-8"))  # it parsed: UTF-8
            saved = save_text(text, routine.name, folder, existing, overwrite=True)
        except SaveError as error:
            refused += 1
            echo(f"{name}: not imported: {error}", err=True)
            continue
        kept = f" (yours before is kept as {saved.backup.name})" if saved.backup else ""
        echo(f"{name}: imported as user:{saved.path.stem} ({saved.path}){kept}")
        also = [entry.ref for entry in load_library() if entry.name == routine.name and entry.path != saved.path]
        if also:  # a name two routines share is looked up by ref from now on
            echo(f'  "{routine.name}" also names {", ".join(also)}: use user:{saved.path.stem} to pick this one')
    return EXIT_USER if refused else EXIT_OK


def local_schema_line(text: str) -> str:
    """`text` whose first line names this user's copy of the schema: added, or put in place of a `#:schema` line
    that named someone else's. Unchanged when the schema cannot be written here."""
    from app.routine.schema import SCHEMA_DIRECTIVE, schema_header

    header = schema_header()
    if not header:
        return text
    if text.startswith(SCHEMA_DIRECTIVE):
        _, newline, rest = text.partition("\n")
        return header + rest if newline else header
    return header + text


def cmd_export(args: argparse.Namespace) -> int:
    from app.routine.library import resolve
    from app.routine.routine_file import dumps

    entry = resolve(args.routine)
    if entry.error or entry.routine is None:
        for problem in entry.error.problems if entry.error else ():
            echo(problem, err=True)
        echo(f"supple export: {args.routine} cannot be exported until it checks clean", err=True)
        return EXIT_USER
    echo(dumps(entry.routine).rstrip("\n"))
    return EXIT_OK
