"""Time to first frame and resident memory: Supple's picker and session against a bare Digits app.

Each program runs in a pseudo-terminal of 80x24; the clock stops when its first frame's
marker text has been written. Memory is VmRSS one second after the first frame.
Usage: python bench/startup.py [runs]   (default 7 runs each; median and best reported)
"""

from __future__ import annotations

import compileall
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time

from _proc import HERE, rss_mib

PY = sys.executable


def first_frame(command: list[str], marker: bytes, env: dict[str, str]) -> tuple[float, float]:
    """(seconds to the marker on screen, MiB resident a second later)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    began = time.perf_counter()
    proc = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    seen = b""
    try:
        while marker not in seen:
            ready, _, _ = select.select([master], [], [], 10)
            if not ready:
                raise RuntimeError(f"no first frame from {command}: {seen[-300:]!r}")
            seen += os.read(master, 65536)
        elapsed = time.perf_counter() - began
        deadline = time.monotonic() + 1.0
        while time.monotonic() < deadline:  # keep draining so the program never blocks on output
            if select.select([master], [], [], 0.05)[0]:
                os.read(master, 65536)
        memory = rss_mib(proc.pid)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        os.close(master)
    return elapsed, memory


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    # An installed Supple starts from compiled bytecode (pip compiles a wheel's modules; an
    # editable install writes __pycache__ on its first run unless PYTHONDONTWRITEBYTECODE is set,
    # as it is on the build machines). Compile once, so no run pays for compiling the sources.
    compileall.compile_dir(str(HERE.parent / "app"), quiet=1)
    home = tempfile.mkdtemp(prefix="supple-bench-")
    env = os.environ | {"TERM": "xterm-256color", "SUPPLE_HOME": home}
    programs = {
        "bare Digits app": ([PY, str(HERE / "bare_digits.py")], "╭─╮".encode()),
        "supple (picker)": ([PY, "-m", "app"], b"Quick warm-up"),  # the list filled, not just the frame
        "supple run": ([PY, "-m", "app", "run", "quick-warmup"], b"GET READY"),
    }
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in programs}
    for _ in range(runs):  # interleaved, so machine noise falls on all alike
        for name, (command, marker) in programs.items():
            results[name].append(first_frame(command, marker, env))
    base_time = statistics.median(t for t, _ in results["bare Digits app"])
    base_best = min(t for t, _ in results["bare Digits app"])
    base_mem = statistics.median(m for _, m in results["bare Digits app"])
    print(f"median and best of {runs} runs, 80x24 pty\n")
    print(f"{'program':<18}{'first frame':>13}{'ratio':>8}{'best':>10}{'ratio':>8}{'resident':>12}{'ratio':>8}")
    for name, samples in results.items():
        t = statistics.median(s for s, _ in samples)
        best = min(s for s, _ in samples)
        m = statistics.median(s for _, s in samples)
        print(f"{name:<18}{t * 1000:>10.0f} ms{t / base_time:>8.2f}{best * 1000:>7.0f} ms{best / base_best:>8.2f}"
              f"{m:>8.1f} MiB{m / base_mem:>8.2f}")
    print("\ntargets: first frame <= 1.15x and resident memory <= 1.15x the bare app")


if __name__ == "__main__":
    main()
