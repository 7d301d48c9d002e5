"""Routines that travel: `supple export` prints a clean file with its schema line, `supple import` checks files
and copies them in, never over a routine of the user's unless asked, and refuses bad ones where they are wrong."""

from __future__ import annotations

from app.routine.routine_file import load_routine, parse_routine
from app.routine.schema import SCHEMA_FILE
from tests.test_cli import supple

BAD = 'name = "Bad"\n[[steps]]\nname = "Circles"\nduration = -5\ncolour = 3\n'


def test_a_routine_exported_by_one_and_imported_by_another_is_the_same(tmp_path):
    sender, friend = tmp_path / "sender", tmp_path / "friend"
    shared = tmp_path / "shared.toml"
    done = supple("export", "quick-warmup", home=sender)
    assert done.returncode == 0 and str(sender) not in done.stdout  # nothing of the sender's
    shared.write_text(done.stdout)
    done = supple("import", str(shared), home=friend)
    assert done.returncode == 0 and "imported as user:quick-warm-up" in done.stdout
    assert '"Quick warm-up" also names bundled:quick-warmup: use user:quick-warm-up' in done.stdout
    copied = friend / "routines" / "quick-warm-up.toml"
    assert copied.read_text() == f"#:schema {(friend / SCHEMA_FILE).as_uri()}\n" + shared.read_text()  # their own
    assert (friend / SCHEMA_FILE).exists()
    bundled = supple("export", "bundled:quick-warmup", home=friend).stdout
    assert load_routine(copied) == parse_routine(bundled.encode(), "bundled")


def test_a_schema_line_naming_someone_elses_copy_is_put_right(tmp_path, supple_home):
    shared = tmp_path / "shared.toml"
    elsewhere = "#:schema file:///home/someone/.config/supple/routine.schema.json\n"
    shared.write_text(elsewhere + 'name = "S"\n[[steps]]\nname = "a"\nduration = 5\n')
    assert supple("import", str(shared), home=supple_home).returncode == 0
    first = (supple_home / "routines" / "s.toml").read_text().splitlines()[0]
    assert first == f"#:schema {(supple_home / SCHEMA_FILE).as_uri()}"


def test_a_name_taken_gets_a_new_one_unless_replace_and_comments_are_kept(tmp_path, supple_home):
    mine = supple_home / "routines" / "legs.toml"
    mine.parent.mkdir(parents=True)
    mine.write_text('# my notes\nname = "Legs"\n[[steps]]\nname = "Swings"\nduration = 30\n')
    theirs = tmp_path / "legs.toml"
    theirs.write_text('name = "Legs"\n[[steps]]\nname = "Swings"\nduration = 45\n# from a friend\n')
    done = supple("import", str(theirs), home=supple_home)
    assert done.returncode == 0 and "user:legs-2" in done.stdout
    header = f"#:schema {(supple_home / SCHEMA_FILE).as_uri()}\n"
    assert "# my notes" in mine.read_text()
    assert (supple_home / "routines" / "legs-2.toml").read_text() == header + theirs.read_text()
    done = supple("import", "--replace", str(theirs), home=supple_home)
    assert done.returncode == 0 and "user:legs " in done.stdout and "legs.toml.bak" in done.stdout
    assert mine.read_text() == header + theirs.read_text()
    assert "# my notes" in (supple_home / "routines" / "legs.toml.bak").read_text()


def test_a_bad_file_is_refused_where_it_is_wrong_and_the_good_ones_still_come_in(tmp_path, supple_home):
    bad, good = tmp_path / "bad.toml", tmp_path / "good.toml"
    bad.write_text(BAD)
    good.write_text('name = "Good"\n[[steps]]\nname = "Swings"\nduration = 30\n')
    done = supple("import", str(bad), str(good), home=supple_home)
    assert done.returncode == 1
    assert f'{bad}:4:1: steps[1] "Circles": duration must be between 1s and 60m, got -5' in done.stderr
    assert f"{bad}:5:1:" in done.stderr and f"{bad}: not imported" in done.stderr
    assert sorted(p.name for p in (supple_home / "routines").glob("*.toml")) == ["good.toml"]


def test_export_refuses_a_broken_routine_and_one_not_found(tmp_path, supple_home):
    bad = tmp_path / "bad.toml"
    bad.write_text(BAD)
    done = supple("export", str(bad), home=supple_home)
    assert done.returncode == 1 and done.stdout == "" and f"{bad}:4:1:" in done.stderr
    assert supple("export", "no-such-routine", home=supple_home).returncode == 1
