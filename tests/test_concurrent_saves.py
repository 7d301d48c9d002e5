"""Two Supples, or Supple and a text editor, on one routines folder: no save is ever lost silently."""

from __future__ import annotations

import os
import stat
import sys
import textwrap
import time
from pathlib import Path

import pytest

from app.files import fingerprint, remove_stale_temporaries
from app.routine.model import Routine, Step
from app.routine.routine_file import load_routine
from app.routine.saving import Conflict, save_routine
from tests import processes

ONE = (Step("Hold", duration=30),)


def mark(path: Path) -> str:
    return fingerprint(path.read_bytes())


def test_the_second_of_two_editors_is_told_instead_of_overwriting(tmp_path):
    folder = tmp_path / "routines"
    path = save_routine(Routine("Legs", ONE), folder).path
    first_editor = second_editor = mark(path)  # both opened the same file
    save_routine(Routine("Legs, first", ONE), folder, existing=path, expected=first_editor)
    with pytest.raises(Conflict) as caught:
        save_routine(Routine("Legs, second", ONE), folder, existing=path, expected=second_editor)
    assert not caught.value.gone and "changed by another program or another Supple" in str(caught.value)
    assert load_routine(path).name == "Legs, first"  # nothing was written
    save_routine(Routine("Legs, second", ONE), folder, existing=path, expected=second_editor, overwrite=True)
    assert load_routine(path).name == "Legs, second"  # when the user says overwrite


def test_a_change_made_in_a_text_editor_is_noticed(tmp_path):
    folder = tmp_path / "routines"
    path = save_routine(Routine("Legs", ONE), folder).path
    opened = mark(path)
    path.write_text(path.read_text().replace("Hold", "Hold longer"))
    with pytest.raises(Conflict):
        save_routine(Routine("Legs", ONE), folder, existing=path, expected=opened)
    assert "Hold longer" in path.read_text()


def test_a_file_deleted_meanwhile_is_noticed_and_can_be_saved_again(tmp_path):
    folder = tmp_path / "routines"
    path = save_routine(Routine("Legs", ONE), folder).path
    opened = mark(path)
    path.unlink()
    with pytest.raises(Conflict) as caught:
        save_routine(Routine("Legs", ONE), folder, existing=path, expected=opened)
    assert caught.value.gone and "was deleted" in str(caught.value)
    save_routine(Routine("Legs", ONE), folder, existing=path, expected=opened, overwrite=True)
    assert load_routine(path).name == "Legs"


WRITER = textwrap.dedent(
    """\
    import sys
    from pathlib import Path
    from app.routine.model import Routine, Step
    from app.routine.saving import save_routine

    folder, who, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    for n in range(count):
        save_routine(Routine("Same name", (Step("Hold", duration=30),), description=f"{who}-{n}"), folder)
    """
)


def test_four_processes_creating_the_same_name_never_replace_a_file(tmp_path):
    folder = tmp_path / "routines"
    folder.mkdir()
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    root = str(Path(__file__).parent.parent)
    env = os.environ | {"PYTHONPATH": root}
    writers = [processes.popen([sys.executable, str(script), str(folder), f"w{i}", "150"], env=env) for i in range(4)]
    assert [w.wait(timeout=300) for w in writers] == [0, 0, 0, 0]
    files = [p for p in folder.iterdir() if not p.name.startswith(".")]
    descriptions = sorted(load_routine(p).description for p in files)
    assert len(files) == 600
    assert descriptions == sorted(f"w{i}-{n}" for i in range(4) for n in range(150))  # every save is there
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_a_replaced_file_keeps_its_mode_and_a_new_one_follows_the_umask(tmp_path):
    folder = tmp_path / "routines"
    path = save_routine(Routine("Legs", ONE), folder).path
    old_umask = os.umask(0o027)
    try:
        fresh = save_routine(Routine("Arms", ONE), folder).path
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o640
    path.chmod(0o604)
    save_routine(Routine("Legs again", ONE), folder, existing=path, expected=mark(path))
    assert stat.S_IMODE(path.stat().st_mode) == 0o604


def test_the_backup_keeps_the_mode_too(tmp_path):
    folder = tmp_path / "routines"
    folder.mkdir()
    path = folder / "mine.toml"
    path.write_text('# mine\nname = "Mine"\n[[steps]]\nname = "a"\nduration = 5\n')
    path.chmod(0o644)
    saved = save_routine(load_routine(path), folder, existing=path, expected=mark(path))
    assert stat.S_IMODE(saved.backup.stat().st_mode) & 0o044 == 0o044  # not the 0600 of a temporary file
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_temporaries_left_by_an_interrupted_save_are_removed_later(tmp_path):
    folder = tmp_path / "routines"
    folder.mkdir()
    old = folder / ".legs.toml.1a2b3c4d.tmp"
    old.write_text("half a file")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    recent = folder / ".arms.toml.5e6f7a8b.tmp"
    recent.write_text("being written right now")
    save_routine(Routine("Legs", ONE), folder)
    assert not old.exists() and recent.exists()
    assert remove_stale_temporaries(folder, now=time.time() + 7200) == 1


def test_a_link_in_the_folder_is_never_replaced_by_saving(tmp_path):
    folder = tmp_path / "routines"
    folder.mkdir()
    elsewhere = tmp_path / "theirs.toml"
    elsewhere.write_text('name = "Theirs"\n[[steps]]\nname = "a"\nduration = 5\n')
    link = folder / "theirs.toml"
    link.symlink_to(elsewhere)
    saved = save_routine(Routine("Theirs", ONE), folder, existing=link, expected=mark(link))
    assert saved.path == folder / "theirs-2.toml"  # a copy of its own
    assert link.is_symlink() and load_routine(elsewhere).steps[0].name == "a"


def test_the_backup_is_as_private_as_the_file_it_keeps(tmp_path):
    folder = tmp_path / "routines"
    folder.mkdir()
    path = folder / "mine.toml"
    path.write_text('# private notes\nname = "Mine"\n[[steps]]\nname = "a"\nduration = 5\n')
    path.chmod(0o600)
    saved = save_routine(load_routine(path), folder, existing=path, expected=mark(path))
    assert stat.S_IMODE(saved.backup.stat().st_mode) == 0o600


def test_a_read_only_routine_is_not_changed(tmp_path):
    from app.routine.saving import SaveError

    folder = tmp_path / "routines"
    path = save_routine(Routine("Legs", ONE), folder).path
    path.chmod(0o444)
    before = path.read_bytes()
    with pytest.raises(SaveError, match="legs.toml is read-only"):
        save_routine(Routine("Legs changed", ONE), folder, existing=path, expected=mark(path))
    assert path.read_bytes() == before


def test_a_save_waits_for_another_only_so_long(tmp_path, monkeypatch):
    import fcntl

    from app.routine import saving

    folder = tmp_path / "routines"
    folder.mkdir()
    monkeypatch.setattr(saving, "LOCK_WAIT", 0.3)
    with open(folder / saving.LOCK_NAME, "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # another Supple, stuck in the middle of a save
        with pytest.raises(saving.SaveError, match="another Supple has been saving in this folder"):
            save_routine(Routine("Legs", ONE), folder)
    assert save_routine(Routine("Legs", ONE), folder).path.name == "legs.toml"
