"""`supple schema`: the routine format's JSON Schema, for the user's own editor."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.cli.console import EXIT_OK, EXIT_USER, echo

if TYPE_CHECKING:
    import argparse


def add_schema_commands(commands) -> None:
    """Register `schema` on the argument parser's subcommands."""
    schema = commands.add_parser(
        "schema",
        help="print the routine format's JSON Schema, for your editor",
        description="Print the JSON Schema of routine files, which TOML editors (Taplo, Even Better TOML, Helix, "
        "Zed) read for completion and inline errors. With --path, write it into your config folder (where "
        "routines Supple saves point to it) and print where it is.",
    )
    where = schema.add_mutually_exclusive_group()
    where.add_argument("--path", action="store_true", help="write the schema into your config folder; print its path")
    where.add_argument("--url", action="store_true", help="the same, printed as the file:// URL a #:schema line takes")
    schema.set_defaults(handler=cmd_schema)


def cmd_schema(args: argparse.Namespace) -> int:
    from app.routine.schema import installed_schema, schema_text

    if not (args.path or args.url):
        echo(schema_text().rstrip("\n"))
        return EXIT_OK
    try:
        path = installed_schema()
        echo(path.as_uri() if args.url else path)  # a URL has its spaces escaped, as the #:schema line needs
    except OSError as error:
        echo(f"supple schema: cannot write the schema: {error.strerror or error}", err=True)
        return EXIT_USER
    return EXIT_OK
