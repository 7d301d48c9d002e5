"""config.toml: defaults, a broken file reported and left alone, atomic saves."""

from __future__ import annotations

import os
import stat

import pytest

from app.settings import NotReadCleanly, Settings, load_settings, save_settings, settings_path


def test_no_file_means_defaults(supple_home):
    assert load_settings() == (Settings(), None)
    assert not settings_path().exists()


def test_saved_settings_read_back(supple_home):
    path = save_settings(Settings(sound=True, volume=35, voice=False, halfway=False, flash="off", reduced_motion=True))
    assert path == supple_home / "config.toml"
    assert load_settings() == (Settings(volume=35, voice=False, halfway=False, flash="off", reduced_motion=True), None)
    assert "volume = 35" in path.read_text() and 'flash = "off"' in path.read_text()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("volume = 150\n", ":2: volume must be a whole number from 0 to 100, got 150"),
        ("voice = false\nvolume = true\n", ":3: volume must be a whole number from 0 to 100, got true"),
        ('voice = "yes"\n', ':2: voice must be true or false, got "yes"'),
        (
            "volume = " + "9" * 400 + "\n",
            ":2: volume must be a whole number from 0 to 100, got "
            "9999999999999999999999999999999999999... (a number of 400 digits)",
        ),
        ('"\\u001b[2J" = 1\n', ':2: unknown key "\\u001b[2J"'),
        (
            "colour = 1\n",
            ':2: unknown key "colour" (known: sound, volume, voice, halfway, checkin, theme, flash, reduced_motion, '
            "move_in_work)",
        ),
        ('flash = "sometimes"\n', ':2: flash must be "auto", "on" or "off", got "sometimes"'),
        ("flash = true\n", ':2: flash must be "auto", "on" or "off", got true'),
        ('reduced_motion = "yes"\n', ':2: reduced_motion must be true or false, got "yes"'),
        ("# mine\nsoud = true\n", ':3: unknown key "soud" (did you mean "sound"?); it is ignored'),
        ("[sound]\non = true\n", ":2: sound must be true or false, got a table"),
    ],
)
def test_a_wrong_key_is_said_with_its_line_and_the_rest_is_kept(supple_home, text, message):
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text("halfway = false\n" + text)
    settings, problem = load_settings()
    assert problem.startswith(f"{path}{message}") and problem.endswith("; the rest of the file is used")
    assert settings.halfway is False  # the good key before it still counts
    save_settings(settings._replace(volume=40), base=settings)
    assert path.read_text().startswith("halfway = false\n")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("volume = " + "9" * 5000 + "\n", "invalid TOML: a number is far too long"),
        ("volume = \n", "invalid TOML: invalid value (at line 1, column 10)"),
        ("a = " + "[" * 3000 + "]" * 3000 + "\n", "invalid TOML: nested far too deeply"),
        (b"\xff\xfe", "not UTF-8 text (byte 0xff)"),
        (b"# big\n" * 20000, "file is larger than 64 KiB"),
    ],
)
def test_a_file_not_read_cleanly_gives_defaults_and_is_never_written_over_unasked(supple_home, text, message):
    path = settings_path()
    path.parent.mkdir(parents=True)
    data = text if isinstance(text, bytes) else text.encode()
    path.write_bytes(data)
    settings, problem = load_settings()
    assert settings == Settings()
    assert problem.startswith(f"{path}: ") and message in problem and "using the defaults" in problem
    with pytest.raises(NotReadCleanly):
        save_settings(Settings(volume=10))
    assert path.read_bytes() == data  # not overwritten until the user says so
    save_settings(Settings(volume=10), replace=True)
    assert load_settings() == (Settings(volume=10), None)
    (aside,) = path.parent.glob("config.toml.broken-*")
    assert aside.read_bytes() == data  # kept, beside it


def test_saving_keeps_the_users_comments_order_and_unknown_keys(supple_home):
    path = settings_path()
    path.parent.mkdir(parents=True)
    text = '# my settings\nvolume = 30  # quiet at home\nsoud = true\n\n# the look\ntheme = "nord"\n'
    path.write_text(text)
    base, _ = load_settings()
    save_settings(base._replace(volume=55), base=base)
    assert path.read_text() == text.replace("volume = 30", "volume = 55")


def test_a_save_keeps_a_change_another_supple_made_meanwhile(supple_home):
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text("volume = 30\nvoice = true\n")
    base, _ = load_settings()
    path.write_text("volume = 30\nvoice = false\n")  # the other Supple turned the voice off
    save_settings(base._replace(volume=60), base=base)  # this one changed only the volume
    assert load_settings()[0] == Settings(volume=60, voice=False)


def test_a_byte_order_mark_is_accepted(supple_home):
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_bytes("\ufeffvolume = 30\n".encode())
    assert load_settings() == (Settings(volume=30), None)


@pytest.mark.parametrize("special", ["fifo", "zero", "folder"])
def test_a_special_file_is_never_read(supple_home, special):
    path = settings_path()
    path.parent.mkdir(parents=True)
    if special == "fifo":
        os.mkfifo(path)  # reading would wait for a writer for ever
    elif special == "zero":
        path.symlink_to("/dev/zero")  # reading would never end
    else:
        path.mkdir()
    settings, problem = load_settings()
    assert settings == Settings()
    assert "not a file; skipped" in problem and problem.endswith("; using the defaults")


def test_saving_writes_through_a_link_and_keeps_the_mode(supple_home, tmp_path):
    real = tmp_path / "dotfiles" / "supple.toml"
    real.parent.mkdir()
    real.write_text("volume = 20\n")
    real.chmod(0o640)
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.symlink_to(real)
    save_settings(Settings(volume=70))
    assert path.is_symlink() and load_settings() == (Settings(volume=70), None)
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


@pytest.mark.parametrize("target", ["fifo", "loop"])
def test_saving_never_replaces_what_a_link_points_at_unless_it_is_a_file(supple_home, tmp_path, target):
    path = settings_path()
    path.parent.mkdir(parents=True)
    if target == "fifo":
        pipe = tmp_path / "pipe"
        os.mkfifo(pipe)
        path.symlink_to(pipe)
    else:
        path.symlink_to(path.name)  # a link to itself
    with pytest.raises(OSError):
        save_settings(Settings(volume=70))
    if target == "fifo":
        assert stat.S_ISFIFO((tmp_path / "pipe").stat().st_mode)
