"""Start-up imports only what the first screen needs: a regression guard for time to first frame."""

from __future__ import annotations

import subprocess
import sys

import pytest

# What the picker's first frame loads, and what its session's first frame adds.
PICKER = ["app.cli", "app.settings", "app.sound.player", "app.log.writer", "app.ui.app", "app.ui.screens.picker"]
SESSION = PICKER + ["app.ui.screens.session"]

# Loaded only when needed: argument parsing (bare `supple` has none), writing files, JSON, the other
# screens, the training log (read on its own thread once the first frame is drawn). (Textual itself
# loads difflib, tempfile and platformdirs: they cost Supple nothing.)
NEVER_BEFORE_THE_FIRST_FRAME = {
    "argparse",
    "json",
    "tomli_w",
    "app.routine.draft",
    "app.routine.saving",
    "app.session.plan_output",
    "app.sound.synth",
    "app.ui.screens.editor",
    "app.ui.screens.dialogs",
    "app.ui.screens.summary",
    "sqlite3",
    "app.log.store",
    "app.log.history",
    "app.log.checkins",
    "app.log.build_up",
    "app.log.jobs",
    "app.cli.history",
    "app.cli.care",
}
# With every routine in the routine cache, the picker reads no routine file: no TOML parser, no checks.
NOT_FOR_CACHED_ROUTINES = {"tomllib", "app.routine.routine_file", "app.routine.validate", "app.routine.toml_locator"}


def loaded_after_importing(modules: list[str], then: str) -> set[str]:
    """Modules loaded once `modules` are imported and `then` has run, as the first frame does."""
    code = "import sys\n" + "".join(f"import {m}\n" for m in modules) + then + "\nprint('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    return set(out.stdout.split())


PICKER_READS = "from app.routine.library import load_library\nload_library()"
SESSION_READS = "from app.routine.library import load_library, resolve\nload_library(); resolve('quick-warmup')"


@pytest.mark.parametrize(
    ("modules", "then"), [(PICKER, PICKER_READS), (SESSION, SESSION_READS)], ids=["picker", "session"]
)
def test_the_first_screen_loads_nothing_it_does_not_need(modules, then):
    assert loaded_after_importing(modules, then) & NEVER_BEFORE_THE_FIRST_FRAME == set()


def test_a_picker_whose_routines_are_all_cached_reads_no_routine_file(supple_home):
    (supple_home / "data").mkdir(parents=True)  # where the cache is kept, as after a first session
    from app import paths

    assert paths.data_dir() == supple_home / "data"
    fill = (
        PICKER_READS
        + "\nimport threading\n[t.join() for t in threading.enumerate() if t.name == 'supple-routine-cache']"
    )
    assert loaded_after_importing(PICKER, fill) & NOT_FOR_CACHED_ROUTINES  # the first start reads the files
    assert (
        loaded_after_importing(PICKER, PICKER_READS) & (NEVER_BEFORE_THE_FIRST_FRAME | NOT_FOR_CACHED_ROUTINES) == set()
    )


def test_the_picker_does_not_load_the_session_engine():
    assert not loaded_after_importing(PICKER, PICKER_READS) & {
        "app.session.engine",
        "app.session.announce",
        "app.session.session_view",
    }


# The sound helper stays beside the app all session: each of these would hold memory for nothing.
HELPER_NEVER = {
    "argparse",
    "dataclasses",
    "inspect",
    "ast",
    "pathlib",
    "shutil",
    "tempfile",
    "random",
    "secrets",
    "runpy",
    "urllib.parse",
    "bz2",
    "lzma",
    "json",
}
# Nor, with simpleaudio playing, as on a laptop: what subprocess, threading and signal would bring (the
# command-line players load subprocess when they are used).
WITH_SIMPLEAUDIO_NEVER = {"subprocess", "threading", "signal", "enum", "re", "locale", "selectors"}


@pytest.mark.parametrize("device", ["working", "none"])
def test_the_sound_helper_loads_only_what_playing_needs(tmp_path, device):
    from app.sound.player import HELPER_ARGS, _helper_env

    asound = (
        'pcm.!default { type file; slave.pcm "null"; format "raw"; file "/dev/null" }'
        if device == "working"
        else "pcm.!default { type hw; card 7 }"
    )  # a card that is not there
    (tmp_path / ".asoundrc").write_text(asound + "\n")
    env = _helper_env() | {"HOME": str(tmp_path), "PULSE_SERVER": f"unix:{tmp_path}/no-pulse"}
    # The real helper as the app starts it, through its whole start (every player probed) to the end of its input.
    result = subprocess.run(
        [sys.executable, "-X", "importtime", *HELPER_ARGS],
        input="",
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    loaded = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")}
    assert {"app.sound.backends", "app.sound.synth", "simpleaudio"} <= loaded  # the listing is the helper's
    assert result.stdout.startswith("ready\t")
    if device == "working":
        assert result.stdout.startswith("ready\tsimpleaudio\t")
        assert loaded & (HELPER_NEVER | WITH_SIMPLEAUDIO_NEVER) == set()
    else:
        assert "simpleaudio\tcannot play" in result.stdout and "subprocess" in loaded  # it went on to aplay and co.
        assert loaded & HELPER_NEVER == set()


def test_the_voice_speaks_without_subprocess():
    from app.sound.player import _helper_env

    # espeak-ng, as .ci/run installs it, run the way the helper runs it.
    code = (
        "import sys\nfrom app.sound.speech import find_speaker\nspeaker, why = find_speaker()\n"
        "pcm = speaker.render('Arm swings, 30 seconds')\n"
        "print(speaker.name, len(pcm) > 22050, sorted(WATCHED & set(sys.modules)))"
    )
    watched = sorted(WITH_SIMPLEAUDIO_NEVER | HELPER_NEVER)
    result = subprocess.run(
        [sys.executable, "-c", f"WATCHED = set({watched!r})\n{code}"],
        capture_output=True,
        text=True,
        env=_helper_env(),
        timeout=60,
    )
    assert result.stdout.split() == ["espeak-ng", "True", "[]"], result.stderr
