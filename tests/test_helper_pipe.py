"""What the app and its sound helper say to each other, and how the helper runs its probe, with real processes."""

from __future__ import annotations

import os
import sys
import time

import pytest

from app.settings import Settings
from app.sound.player import SoundPlayer
from app.sound.state import SoundState
from app.sound.system import run
from app.sound.wire import fields, flatten, line, pairs
from tests.test_helper import make_helper


def test_a_field_with_tabs_or_line_breaks_stays_one_field_on_one_line():
    sent = line("say", 1.5, "", "Arm\tswings\nleft\r", "Cat–cow ✓")
    assert sent.count(b"\n") == 1 and sent.endswith(b"\n")
    assert fields(sent) == ["say", "1.5", "", "Arm swings left ", "Cat–cow ✓"]


def test_skipped_players_and_their_reasons_come_back_as_pairs():
    skipped = [("simpleaudio", "cannot play: No such device"), ("paplay", "not found")]
    assert pairs(fields(line("ready", *flatten(skipped)))[1:]) == tuple(skipped)


@pytest.mark.parametrize(
    "request_line",
    [
        b"\n",
        b"play\n",
        b"play\tgo\n",
        b"play\tgo\tsoon\n",
        b"volume\tloud\n",
        b"say\t1\n",
        b"pl",
        b"\xff\xfe\n",
        b"play\tnot-a-cue\t1\n",
    ],
)
def test_a_malformed_request_is_refused_as_the_helper_loop_expects(request_line):
    helper, backend = make_helper()
    try:
        helper.handle(fields(request_line))
    except (ValueError, IndexError):
        pass  # the loop goes on to the next line
    assert backend.played == []


def test_the_app_reads_what_the_helper_reports():
    player = SoundPlayer(Settings())
    player._event(line("ready", "aplay", "", "no speech engine found", "simpleaudio", "cannot play: no card"))
    assert player.state == SoundState(
        "aplay", (("simpleaudio", "cannot play: no card"),), None, "no speech engine found", True
    )
    player._event(line("said", 1.25, "Arm swings"))
    assert player.last_said == ("Arm swings", 1.25)
    player._event(line("said", "soon", "Arm swings"))  # a garbled number changes nothing
    assert player.last_said == ("Arm swings", 1.25)
    player._event(line("fallback", "aplay", "stopped working: broken pipe"))
    assert player._skip["aplay"] == "stopped working: broken pipe"
    player._event(line("ready", "", "", "no speech engine found"))
    assert player.state.player is None and player.abandoned  # the bell from now on


def test_run_gives_the_exit_status_the_whole_output_and_the_end_of_a_long_error():
    # 1 MB of output and 240 KB of errors, each more than a pipe holds, interleaved.
    code = (
        "import sys\nfor i in range(40000):\n sys.stdout.write('x' * 25); sys.stderr.write('noise\\n')\n"
        "sys.stderr.write('the real reason\\n'); sys.exit(3)"
    )
    status, output, errors = run([sys.executable, "-c", code], 20)
    assert status == 3 and output == b"x" * 1_000_000
    assert errors.rstrip().endswith(b"the real reason") and len(errors) <= 65536


def test_run_kills_a_program_that_takes_too_long():
    began = time.monotonic()
    with pytest.raises(TimeoutError):
        run([sys.executable, "-c", "import time; time.sleep(30)"], 0.5)
    assert time.monotonic() - began < 10


def test_run_says_when_there_is_no_such_program(tmp_path):
    with pytest.raises(FileNotFoundError):
        run([str(tmp_path / "no-such-player")], 5)


def test_a_failing_voice_says_why_in_its_own_words(tmp_path):
    from app.sound.speech import Speaker

    engine = tmp_path / "espeak-ng"
    engine.write_text("#!/bin/sh\necho 'loading voice data' >&2\necho 'no voice for language xx' >&2\nexit 1\n")
    engine.chmod(0o755)
    with pytest.raises(OSError, match="^espeak-ng: no voice for language xx$"):
        Speaker("espeak-ng", str(engine)).render("Arm swings")


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def test_run_leaks_no_descriptor_when_the_program_cannot_start(tmp_path):
    before = open_fds()
    for args in (["/bin/echo", "nul\0here"], [""], [str(tmp_path / "missing")]):
        with pytest.raises((ValueError, OSError)):
            run(args, 5)
    assert open_fds() == before


def test_run_works_with_a_thousand_descriptors_open():
    held = [os.open(os.devnull, os.O_RDONLY) for _ in range(1100)]  # select() refuses a descriptor past 1023
    try:
        assert run(["/bin/sh", "-c", "echo hi"], 10) == (0, b"hi\n", b"")
    finally:
        for fd in held:
            os.close(fd)


def test_a_program_that_takes_too_long_is_named_in_the_error():
    with pytest.raises(TimeoutError, match="^sleep did not finish within 0.3 s$"):
        run(["/bin/sleep", "30"], 0.3)


class PipeProcess:
    """What SoundPlayer._write needs of a helper process: its stdin, here a pipe nobody reads yet."""

    def __init__(self) -> None:
        self.read_end, write_end = os.pipe()
        os.set_blocking(write_end, False)
        self.stdin = os.fdopen(write_end, "wb")


def test_a_full_pipe_drops_whole_requests_and_never_half_of_one():
    process = PipeProcess()
    sent = 0
    for n in range(3000):  # far more than the pipe holds: most are dropped
        SoundPlayer._write(process, line("say", n, "", f"Next up: arm swings number {n}"))
        sent += 1
    os.set_blocking(process.read_end, False)
    received = b""
    while True:
        try:
            chunk = os.read(process.read_end, 65536)
        except BlockingIOError:
            break
        received += chunk
    SoundPlayer._write(process, line("play", "go", 2.0))  # room again
    received += os.read(process.read_end, 65536)
    lines = [fields(each) for each in received.splitlines()]
    says = [each for each in lines if each[0] == "say"]
    assert 0 < len(says) < sent and lines[-1] == ["play", "go", "2.0"]
    for each in says:  # whole: the number and the sentence from one request
        assert each == ["say", each[1], "", f"Next up: arm swings number {each[1]}"]
    assert [int(each[1]) for each in says] == list(range(len(says)))  # the first ones, in order; then all dropped


def test_speech_too_long_for_one_pipe_write_keeps_its_shortest_sentences():
    from app.sound import player as player_module
    from app.sound.sentence import Speech

    player = SoundPlayer(Settings())
    sent: list[bytes] = []
    player._send = sent.append
    long_name = "Ω" * 80  # 160 bytes; the routine format allows 80 characters of up to 4 bytes
    texts = (f"{long_name} left side, 30 seconds " * 30, f"{long_name}, left side", long_name)
    player.say(Speech(texts, 4.0), force=True)
    assert len(sent[0]) <= player_module.PIPE_BUF
    assert fields(sent[0])[3:] in ([texts[1], texts[2]], [texts[2]])
