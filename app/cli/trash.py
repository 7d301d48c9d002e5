"""`supple trash`: the routines deleted from the list of routines, and bringing one back."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from app import paths
from app.cli.console import EXIT_OK, EXIT_USER, echo, table

if TYPE_CHECKING:
    import argparse

# How delete_routine names what it keeps: STEM.YYYYMMDD-HHMMSS[-N].toml
TRASHED = re.compile(r"^(?P<stem>.+)\.(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?\.toml$")


class Trashed(NamedTuple):
    path: Path
    stem: str  # the file's name in the routines folder, without .toml
    deleted: datetime
    number: int  # how many were deleted under that name in the same second, less one


def add_trash_commands(commands) -> None:
    """Register `trash` on the argument parser's subcommands."""
    trash = commands.add_parser(
        "trash",
        help="list the routines you deleted, or bring one back",
        description="Routines deleted in the list of routines (x) are kept in the trash folder of "
        "Supple's data folder. With no option, list them, newest first; --restore N brings back the "
        "one numbered N (or named by its file in the trash) into your routines folder.",
    )
    trash.add_argument("--restore", metavar="N", help="the number the list gives, or the trashed file's name")
    trash.set_defaults(handler=cmd_trash)


def trashed() -> list[Trashed]:
    """The routines in the trash, newest first."""
    try:
        files = list(paths.trash_dir().iterdir())
    except OSError:
        return []
    found = []
    for path in files:
        match = TRASHED.match(path.name)
        if match and path.is_file():
            deleted = datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S")
            found.append(Trashed(path, match["stem"], deleted, int(match["n"] or 1)))
    return sorted(found, key=lambda t: (t.deleted, t.number), reverse=True)


def _name(path: Path) -> str:
    """The routine's name, as its file says, or "(cannot be read)"."""
    import tomllib

    from app.files import read_regular

    try:
        name = tomllib.loads(read_regular(path, 1024 * 1024).decode("utf-8")).get("name")
    except (OSError, ValueError, UnicodeDecodeError, RecursionError):
        return "(cannot be read)"
    return name if isinstance(name, str) else "(no name)"


def cmd_trash(args: argparse.Namespace) -> int:
    """`supple trash [--restore N]`."""
    found = trashed()
    if args.restore is None:
        if not found:
            echo(f"The trash is empty ({paths.trash_dir()}).")
            return EXIT_OK
        rows = [("N", "NAME", "FILE", "DELETED")]
        for number, one in enumerate(found, 1):
            rows.append((str(number), _name(one.path), f"{one.stem}.toml", one.deleted.strftime("%Y-%m-%d %H:%M")))
        for line in table(rows, right=frozenset({0})):
            echo(line)
        echo(f"\nKept in {paths.trash_dir()}; 'supple trash --restore N' brings one back.")
        return EXIT_OK
    chosen = _chosen(found, args.restore)
    if chosen is None:
        echo(
            f"supple trash: nothing in the trash is {args.restore!r} (give a number from 'supple trash', "
            f"1 to {len(found)}, or a file's name there)"
            if found
            else "supple trash: the trash is empty",
            err=True,
        )
        return EXIT_USER
    from app.routine.saving import SaveError, restore_routine

    original = paths.user_routines_dir() / f"{chosen.stem}.toml"
    try:
        original.parent.mkdir(parents=True, exist_ok=True)
        restore_routine(chosen.path, original)
    except (SaveError, OSError) as error:
        echo(f"supple trash: {error}", err=True)
        return EXIT_USER
    echo(f"Brought back {_name(original)} as {original} (user:{chosen.stem}).")
    return EXIT_OK


def _chosen(found: list[Trashed], wanted: str) -> Trashed | None:
    if wanted.isdigit() and 1 <= int(wanted) <= len(found):
        return found[int(wanted) - 1]
    return next((one for one in found if one.path.name == wanted), None)
