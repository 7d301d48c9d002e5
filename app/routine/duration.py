"""Durations: parsing the routine format's forms, and formatting seconds for people."""

from __future__ import annotations

import math
import re

# ASCII digits only: Python's \d also takes other scripts' digits ("٦٠"), which the format does not list.
_UNITS = re.compile(r"^(?:(?P<m>\d+(?:\.\d+)?)\s*m)?\s*(?:(?P<s>\d+(?:\.\d+)?)\s*s)?$", re.ASCII)
_CLOCK = re.compile(r"^(?P<m>\d+):(?P<s>[0-5]\d(?:\.\d+)?)$", re.ASCII)
_PLAIN = re.compile(r"^\d+(?:\.\d+)?$", re.ASCII)

FORMS_HINT = 'a number of seconds or a string like "45s", "2m", "1m30s" or "1:30"'


_LONG_NUMBER = re.compile(r"(?<![\d.])\d{16,}")  # a whole part of 16 digits or more
HUGE = 1e15  # seconds: far past any range the format allows, still exact as a float


class DurationError(ValueError):
    """A value that is not a duration in any accepted form."""


class DurationOutOfRange(DurationError):
    """A duration written correctly but far too large to be one: the caller states the range."""


def parse_duration(value: object) -> float:
    """Return seconds for an int, float or duration string; raise DurationError otherwise."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise DurationError(f"must be {FORMS_HINT}")
    if isinstance(value, str):
        seconds = _parse_text(value)
    elif isinstance(value, int) and abs(value) > HUGE:
        raise DurationOutOfRange("is out of range")  # float() of a 309-digit number overflows
    else:
        seconds = float(value)
    if math.isnan(seconds) or (math.isinf(seconds) and isinstance(value, float)):
        raise DurationError("must be a finite number of seconds")
    if abs(seconds) > HUGE:
        raise DurationOutOfRange("is out of range")
    return seconds


def _parse_text(text: str) -> float:
    stripped = text.strip()
    if _LONG_NUMBER.search(stripped):
        raise DurationOutOfRange("is out of range")  # and int() refuses past 4300 digits
    if stripped[:1] == "-":
        # A minus is parsed so that "-5s" gets the range message, not a form message; a plus is no form at all.
        return -_parse_text(stripped[1:])
    if _PLAIN.match(stripped):
        return float(stripped)
    clock = _CLOCK.match(stripped)
    if clock:
        return int(clock["m"]) * 60 + float(clock["s"])
    units = _UNITS.match(stripped)
    # The regex also matches "" (both groups optional), which is not a duration.
    if units and (units["m"] or units["s"]):
        return float(units["m"] or 0) * 60 + float(units["s"] or 0)
    raise DurationError(f"must be {FORMS_HINT}")


def whole_seconds(seconds: float) -> int:
    """The one rounding rule for an amount of time shown (a plan's lengths and times, totals, a summary, what is
    said): the nearest whole second, halves up, so 28.5 s is 29 s everywhere and a step ends where the next starts.
    A running clock is not an amount: elapsed time shows each second once it has passed, a countdown until it has."""
    return math.floor(seconds + 0.5)


def format_duration(seconds: float) -> str:
    """Compact form used in files and tables: "45s", "2m", "1m30s", "2.5s"."""
    minutes, rest = divmod(round(seconds, 3), 60)
    minutes = int(minutes)
    rest_text = f"{rest:g}s" if rest else ""
    if minutes and rest_text:
        return f"{minutes}m{rest_text}"
    if minutes:
        return f"{minutes}m"
    return rest_text or "0s"


def exact_duration_text(seconds: float) -> str:
    """Text that reads back as exactly `seconds`: the compact form when it is exact, else digits."""
    text = format_duration(seconds)
    if parse_duration(text) == seconds:
        return text
    from decimal import Decimal  # rare: only odd floats need it

    return format(Decimal(repr(float(seconds))), "f")


def format_human(seconds: float) -> str:
    """Readable total: "45 s", "12 min", "12 min 30 s", "1 h 5 min"; rounded as `whole_seconds` rounds."""
    whole = whole_seconds(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    parts = []
    if hours:
        parts.append(f"{hours} h")
    if minutes:
        parts.append(f"{minutes} min")
    if secs or not parts:
        parts.append(f"{secs} s")
    return " ".join(parts)


def format_clock(seconds: float) -> str:
    """Clock face for timetables and timers: "0:05", "12:30", "1:02:03"; the whole seconds passed (an amount to
    show is given as `whole_seconds` of it)."""
    whole = max(0, int(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"
