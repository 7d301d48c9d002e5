"""A routine the editor saves names the schema on its first line, so the user's own editor checks it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from app.routine.routine_file import load_routine
from app.routine.saving import has_comments
from app.routine.schema import SCHEMA_FILE, schema_text
from tests.ui.helpers import build
from tests.ui.test_editor import SIZE
from tests.ui.test_editor_files import LEGS, user_routine, wait_for

TAPLO = Path(sys.executable).with_name("taplo")


async def test_a_save_writes_the_schema_line_and_a_second_save_keeps_no_backup(clock, supple_home):
    path = user_routine(LEGS, "legs")
    before = load_routine(path)
    app, _ = build(clock, library=True)
    async with app.run_test(size=SIZE) as pilot:
        while app.screen._highlighted().ref != "user:legs":
            await pilot.press("down")
        await pilot.press("e")
        for _ in range(2):  # saved twice: the first adds the line, the second finds it there
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda: app.screen.saved_ref == "user:legs")
            app.screen.saved_ref = None
    schema = supple_home / SCHEMA_FILE
    first = path.read_text().splitlines()[0]
    assert first == f"#:schema {schema.as_uri()}" and schema.read_text() == schema_text()
    assert load_routine(path) == before and not path.with_name("legs.toml.bak").exists()
    # Taplo, as the user's editor runs it, finds the schema from that line alone.
    done = subprocess.run([str(TAPLO), "lint", "--no-auto-config", str(path)], capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr
    path.write_text(path.read_text().replace("duration", "durration"))
    done = subprocess.run(
        [str(TAPLO), "lint", "--no-auto-config", str(path)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode != 0 and "'durration' was unexpected" in done.stderr


def test_the_schema_line_is_not_a_comment_a_save_would_lose():
    assert not has_comments("#:schema file:///x.json\nname = 'a'\n")
    assert has_comments("#:schema file:///x.json\n# mine\nname = 'a'\n")
    assert has_comments("name = 'a'  # mine\n")
