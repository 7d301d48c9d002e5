"""Which process is writing a session, told apart from a later one that got the same number."""

from __future__ import annotations

import os
from pathlib import Path


def _boot_id() -> str:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text().strip()
    except OSError:
        return ""


def _start_ticks(pid: int) -> str:
    """When the process started, in clock ticks since boot (Linux); "" where that cannot be read."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return ""


def this_process() -> str:
    """This process, as the log records it: boot, pid and start time (pid alone off Linux)."""
    pid = os.getpid()
    return f"{_boot_id()}:{pid}:{_start_ticks(pid)}"


def is_alive(owner: str | None) -> bool:
    """Whether the process `owner` names still runs: not after a reboot, and not a newcomer with its pid."""
    if not owner:
        return False
    boot, _, rest = owner.partition(":")
    pid_text, _, ticks = rest.partition(":")
    if not pid_text.isdigit():
        return False
    if boot and boot != _boot_id():
        return False  # the machine restarted since
    pid = int(pid_text)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        pass  # another user's process: it exists
    return not ticks or _start_ticks(pid) in ("", ticks)
