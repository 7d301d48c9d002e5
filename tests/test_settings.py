"""config.toml: defaults, a broken file reported and left alone, atomic saves."""

from __future__ import annotations

import os
import stat

import pytest

from app.settings import Settings, load_settings, save_settings, settings_path


def test_no_file_means_defaults(supple_home):
    assert load_settings() == (Settings(), None)
    assert not settings_path().exists()


def test_saved_settings_read_back(supple_home):
    path = save_settings(Settings(sound=True, volume=35, voice=False, halfway=False))
    assert path == supple_home / "config.toml"
    assert load_settings() == (Settings(volume=35, voice=False, halfway=False), None)
    assert "volume = 35" in path.read_text()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("volume = 150\n", "volume must be a whole number from 0 to 100, got 150"),
        ("volume = true\n", "volume must be a whole number from 0 to 100, got true"),
        ('voice = "yes"\n', 'voice must be true or false, got "yes"'),
        ("volume = " + "9" * 5000 + "\n", "invalid TOML: a number is far too long"),
        ("volume = " + "9" * 400 + "\n", "got 9999999999999999999999999999999999999... (a number of 400 digits)"),
        ('"\\u001b[2J" = 1\n', 'unknown key "\\u001b[2J"'),
        ("colour = 1\n", 'unknown key "colour" (known: sound, volume, voice, halfway, checkin, theme)'),
        ("volume = \n", "invalid TOML: invalid value (at line 1, column 10)"),
        (b"\xff\xfe", "not UTF-8 text (byte 0xff)"),
        (b"# big\n" * 20000, "file is larger than 64 KiB"),
    ],
)
def test_a_broken_file_gives_defaults_a_message_and_stays(supple_home, text, message):
    path = settings_path()
    path.parent.mkdir(parents=True)
    data = text if isinstance(text, bytes) else text.encode()
    path.write_bytes(data)
    settings, problem = load_settings()
    assert settings == Settings()
    assert problem.startswith(f"{path}: ") and message in problem and problem.endswith("; using the defaults")
    assert path.read_bytes() == data  # not overwritten until the user saves settings
    save_settings(Settings(volume=10))
    assert load_settings() == (Settings(volume=10), None)


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
