"""Where routines live, broken files kept with their error, and naming a routine."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import paths
from app.routine.library import LookupFailed, find, load_library, resolve, scan

GOOD = 'name = "{name}"\nkind = "cooldown"\n[[steps]]\nname = "Stretch"\nduration = 30\n'


def write(folder: Path, stem: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{stem}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_supple_home_moves_config_and_data(supple_home):
    assert paths.config_dir() == supple_home
    assert paths.user_routines_dir() == supple_home / "routines"
    assert paths.data_dir() == supple_home / "data"


def test_without_supple_home_platformdirs_is_used(monkeypatch):
    monkeypatch.delenv("SUPPLE_HOME")
    assert paths.user_routines_dir().parts[-2:] == ("supple", "routines")


def test_paths_create_nothing(supple_home):
    paths.config_dir(), paths.data_dir(), paths.user_routines_dir(), load_library()
    assert not supple_home.exists()


def test_bundled_routines_all_load():
    entries = scan(paths.bundled_routines_dir(), "bundled")
    stems = {e.stem for e in entries}
    assert {"pre-lift-mobility", "post-lift-cooldown", "gym-visit"} <= stems and len(stems) >= 5
    assert all(e.routine is not None for e in entries), [str(e.error) for e in entries if e.error]


def test_bundled_routines_coach_form():
    for entry in scan(paths.bundled_routines_dir(), "bundled"):
        assert entry.routine.description, entry.stem
        assert all(step.cues for step in entry.routine.steps), entry.stem


def test_pre_lift_mobility_has_the_five_moves():
    """Arm swings and leg swings are two steps each, each step with its own move shown."""
    routine = find("pre-lift-mobility", load_library()).routine
    names = [s.name for s in routine.steps]
    assert names == [
        "Arm swings",
        "Arm swings across the chest",
        "Trunk rotation",
        "Side bends",
        "Hip circles",
        "Leg swings",
        "Leg swings side to side",
    ]
    assert all(step.sides and step.tempo for step in routine.steps[5:])
    assert [step.demo for step in routine.steps[5:]] == ["leg-swings", "leg-swings-side-to-side"]
    assert [step.demo for step in routine.steps[:2]] == ["arm-swings", "arm-swings-across-the-chest"]


def test_gym_visit_has_cardio_lift_and_stretches():
    steps = find("gym-visit", load_library()).routine.steps
    assert steps[0].duration == 300 and any(s.manual and s.name == "Lift" for s in steps)


def test_a_broken_file_does_not_stop_the_others(supple_home):
    folder = paths.user_routines_dir()
    write(folder, "a-good", GOOD.format(name="Mine"))
    write(folder, "b-broken", 'name = "Broken"\n[[steps]]\nname = "x"\nduration = -1\n')
    write(folder, "c-good", GOOD.format(name="Also mine"))
    entries = [e for e in load_library() if e.source == "user"]
    assert [e.stem for e in entries] == ["a-good", "b-broken", "c-good"]
    broken = entries[1]
    assert broken.routine is None and broken.error.line == 4 and str(broken.path) in broken.error.file
    assert entries[0].routine.name == "Mine" and entries[2].routine.name == "Also mine"


def test_hidden_and_other_files_ignored(supple_home):
    folder = paths.user_routines_dir()
    write(folder, ".hidden", "junk")
    (folder / "notes.txt").write_text("junk")
    assert [e for e in load_library() if e.source == "user"] == []


def test_same_name_twice_both_addressable_by_stem(supple_home):
    folder = paths.user_routines_dir()
    write(folder, "stretch-a", GOOD.format(name="Stretch"))
    write(folder, "stretch-b", GOOD.format(name="Stretch"))
    entries = load_library()
    assert find("stretch-a", entries).path.name == "stretch-a.toml"
    assert find("stretch-b", entries).path.name == "stretch-b.toml"
    with pytest.raises(LookupFailed, match="names 2 routines.*user:stretch-a, user:stretch-b"):
        find("Stretch", entries)


def test_find_by_name_ignores_case():
    assert find("pre-lift MOBILITY", load_library()).stem == "pre-lift-mobility"


def test_user_copy_shadows_bundled_stem_but_both_reachable(supple_home):
    write(paths.user_routines_dir(), "quick-warmup", GOOD.format(name="My quick warm-up"))
    entries = load_library()
    assert find("quick-warmup", entries).source == "user"
    assert find("bundled:quick-warmup", entries).routine.name == "Quick warm-up"
    assert find("user:quick-warmup", entries).routine.name == "My quick warm-up"


def test_unknown_routine():
    with pytest.raises(LookupFailed, match="no routine called 'nope'"):
        find("nope", load_library())


def test_resolve_a_path(tmp_path):
    path = write(tmp_path, "mine", GOOD.format(name="Mine"))
    entry = resolve(str(path))
    assert entry.routine.name == "Mine" and entry.source == "file"


def test_resolve_missing_path(tmp_path):
    with pytest.raises(LookupFailed, match="no such file"):
        resolve(str(tmp_path / "gone.toml"))


def test_resolve_by_stem_reads_that_file_alone_and_keeps_finds_answers(supple_home, monkeypatch):
    write(paths.user_routines_dir(), "quick-warmup", GOOD.format(name="My quick warm-up"))
    write(paths.user_routines_dir(), "other", GOOD.format(name="Other"))
    import app.routine.library as library

    read: list[str] = []
    real = library.load_entry
    monkeypatch.setattr(library, "load_entry", lambda path, source: read.append(path.name) or real(path, source))
    assert resolve("quick-warmup").routine.name == "My quick warm-up" and read == ["quick-warmup.toml"]
    read.clear()
    assert resolve("bundled:quick-warmup").routine.name == "Quick warm-up" and read == ["quick-warmup.toml"]
    read.clear()
    assert resolve("Other").stem == "other" and len(read) > 2  # a name needs the whole library
    with pytest.raises(LookupFailed, match="no routine called 'user:pre-lift-mobility'"):
        resolve("user:pre-lift-mobility")  # only in the bundled folder
