"""config.toml: defaults, a broken file reported and left alone, atomic saves."""

from __future__ import annotations

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
        ("volume = true\n", "volume must be a whole number from 0 to 100, got True"),
        ('voice = "yes"\n', "voice must be true or false, got 'yes'"),
        ("colour = 1\n", 'unknown key "colour" (known: sound, volume, voice, halfway)'),
        ("volume = \n", "invalid TOML: invalid value (at line 1, column 10)"),
        (b"\xff\xfe", "cannot read it"),
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
