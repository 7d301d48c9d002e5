"""Saving the user's routines: safe names, no overwrites, atomic writes, comments kept in a .bak."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app import files
from app.files import fingerprint
from app.routine.model import Routine, Step
from app.routine.routine_file import load_routine
from app.routine.saving import SaveError, delete_routine, has_comments, restore_routine, save_routine, slugify
from app.session.plan import build_plan
from tests.strategies import routines

ONE = (Step("Hold", duration=30),)


def folder_of(tmp_path: Path) -> Path:
    return tmp_path / "routines"


def listing(folder: Path) -> list[str]:
    """The files a user sees in `folder` (not the dot files: the folder's lock, temporaries)."""
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def mark(path: Path) -> str:
    """The fingerprint the editor holds for a file it has just read."""
    return fingerprint(path.read_bytes())


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("My cooldown", "my-cooldown"),
        ("Hüftöffner & Beine!", "huftoffner-beine"),
        ("../../x", "x"),
        ("a/b", "a-b"),
        ("..\\..\\evil", "evil"),
        ("con", "con-routine"),
        ("LPT1", "lpt1-routine"),
        ("💪🔥", "routine"),
        ("...", "routine"),
        ("", "routine"),
    ],
)
def test_slugs_are_safe_file_stems(name, slug):
    assert slugify(name) == slug


def test_long_names_are_capped():
    slug = slugify("a" * 500)
    assert slug == "a" * 60
    assert not slugify("ab " * 40).endswith("-")


@pytest.mark.parametrize("name", ["../../x", "con", "a/b", "💪", "x" * 500, "/etc/passwd", "~root", "a\\b", "a:b|c"])
def test_dangerous_names_save_inside_the_folder(tmp_path: Path, name: str):
    folder = folder_of(tmp_path)
    saved = save_routine(Routine(name[:80], ONE), folder)
    assert saved.path.parent == folder
    assert saved.path.resolve().parent == folder.resolve()
    assert [p.name for p in tmp_path.rglob("*") if p.is_file() and not p.name.startswith(".")] == [saved.path.name]
    assert load_routine(saved.path).name == name[:80]


def test_a_collision_gets_a_number_and_never_overwrites(tmp_path: Path):
    folder = folder_of(tmp_path)
    first = save_routine(Routine("Legs", ONE), folder).path
    second = save_routine(Routine("Legs", (Step("Other", duration=10),)), folder).path
    third = save_routine(Routine("legs!", ONE), folder).path
    assert [first.name, second.name, third.name] == ["legs.toml", "legs-2.toml", "legs-3.toml"]
    assert load_routine(first).steps == ONE


def test_saving_over_the_existing_file_keeps_its_name(tmp_path: Path):
    folder = folder_of(tmp_path)
    path = save_routine(Routine("Legs", ONE), folder).path
    again = save_routine(Routine("Renamed legs", ONE), folder, existing=path, expected=mark(path))
    assert again.path == path and again.backup is None and again.fingerprint == mark(path)
    assert load_routine(path).name == "Renamed legs"
    assert listing(folder) == ["legs.toml"]


def test_an_existing_file_elsewhere_is_never_written(tmp_path: Path):
    folder = folder_of(tmp_path)
    outside = tmp_path / "bundled.toml"
    outside.write_text("untouched")
    saved = save_routine(Routine("Copy", ONE), folder, existing=outside)
    assert saved.path == folder / "copy.toml"
    assert outside.read_text() == "untouched"


def test_comments_are_kept_in_a_backup_once(tmp_path: Path):
    folder = folder_of(tmp_path)
    folder.mkdir()
    path = folder / "mine.toml"
    hand_written = '# my favourite\nname = "Mine #1"\n[[steps]]\nname = "Hold"  # tight hamstrings\nduration = 30\n'
    path.write_text(hand_written)
    saved = save_routine(load_routine(path), folder, existing=path, expected=mark(path))
    assert saved.backup == folder / "mine.toml.bak"
    assert saved.backup.read_text() == hand_written
    assert "#" not in path.read_text().replace("Mine #1", "")
    again = save_routine(load_routine(path), folder, existing=path, expected=mark(path))
    assert again.backup is None  # the file now has no comments: nothing more to keep
    assert saved.backup.read_text() == hand_written


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('name = "a"\n', False),
        ('name = "a # not a comment"\n', False),
        ("name = 'x#y'\n", False),
        ('description = """\nline # inside\n"""\nname = "a"\n', False),
        ('name = "a" # yes\n', True),
        ('# top\nname = "a"\n', True),
        ('name = "a"\n  # indented\n', True),
        ('name = "a#" # both\n', True),
        ("not toml # at all", True),
        ('name = "a"\nb = "unclosed # still a string\n', False),
    ],
)
def test_has_comments(text, expected):
    assert has_comments(text) is expected


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path, monkeypatch):
    folder = folder_of(tmp_path)
    path = save_routine(Routine("Legs", ONE), folder).path
    before = path.read_bytes()

    def broken_replace(src, dst):
        assert Path(src).exists() and Path(src).read_text().startswith("version = 1")  # fully written
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", broken_replace)
    with pytest.raises(SaveError, match="cannot save legs.toml: No space left on device"):
        save_routine(Routine("Legs changed", ONE), folder, existing=path, expected=mark(path))
    assert path.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == [".supple.lock", "legs.toml"]  # no temporary left


def test_a_read_only_folder_is_a_clear_error(tmp_path: Path):
    if os.geteuid() == 0:
        folder = tmp_path / "file-not-folder"
        folder.write_text("")
        with pytest.raises(SaveError, match="cannot create"):
            save_routine(Routine("x", ONE), folder / "routines")
        return
    folder = folder_of(tmp_path)
    folder.mkdir()
    folder.chmod(0o500)
    with pytest.raises(SaveError, match="cannot save"):
        save_routine(Routine("x", ONE), folder)


def test_delete_only_inside_the_folder(tmp_path: Path):
    folder = folder_of(tmp_path)
    path = save_routine(Routine("Legs", ONE), folder).path
    outside = tmp_path / "keep.toml"
    outside.write_text("x")
    trash = tmp_path / "trash"
    with pytest.raises(SaveError, match="not one of your routines"):
        delete_routine(outside, folder, trash)
    with pytest.raises(SaveError):
        delete_routine(folder / ".." / "keep.toml", folder, trash)
    text = path.read_text()
    kept = delete_routine(path, folder, trash)
    assert not path.exists() and outside.exists()
    assert kept.parent == trash and kept.read_text() == text  # kept, whole


def test_a_deleted_routine_comes_back_and_never_over_one_saved_since(tmp_path: Path):
    folder = folder_of(tmp_path)
    trash = tmp_path / "trash"
    first = save_routine(Routine("Legs", ONE), folder).path
    text = first.read_text()
    kept = delete_routine(first, folder, trash)
    again = delete_routine(save_routine(Routine("Legs", ONE), folder).path, folder, trash)
    assert kept != again and kept.exists() and again.exists()  # the second never replaces the first in the trash
    assert restore_routine(kept, first) == first and first.read_text() == text and not kept.exists()
    with pytest.raises(SaveError, match="is there again"):
        restore_routine(again, first)
    assert again.exists() and first.read_text() == text


@settings(max_examples=150, deadline=None)
@given(routine=routines)
def test_generated_routines_survive_saving(tmp_path_factory, routine):
    folder = tmp_path_factory.mktemp("save") / "routines"
    saved = save_routine(routine, folder)
    again = load_routine(saved.path)
    assert again == routine
    assert build_plan(again) == build_plan(routine)


@given(name=st.text(max_size=120))
def test_any_name_slugs_to_a_plain_stem(name):
    slug = slugify(name)
    assert slug and len(slug) <= 60 + len("-routine")
    assert set(slug) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")
    assert not slug.startswith("-") and not slug.endswith("-")
