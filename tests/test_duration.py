"""Every duration form of the format, and the formatters."""

import math

import pytest

from app.routine.duration import DurationError, format_clock, format_duration, format_human, parse_duration


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        (30, 30.0),
        (2.5, 2.5),
        ("45s", 45.0),
        ("2m", 120.0),
        ("1m30s", 90.0),
        ("1m 30s", 90.0),
        ("1:30", 90.0),
        ("0:05", 5.0),
        ("90", 90.0),
        ("2.5s", 2.5),
        (" 45s ", 45.0),
        ("-5s", -5.0),  # parsed, so that the range check can say "got -5s"
    ],
)
def test_accepted_forms(value, seconds):
    assert parse_duration(value) == seconds


@pytest.mark.parametrize(
    "value", ["", "s", "m", "abc", "1h", "1:5", "1:60", "30 seconds", "1.5.2s", True, None, [30], {"s": 1}, "nan"]
)
def test_rejected_forms(value):
    with pytest.raises(DurationError):
        parse_duration(value)


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_non_finite_numbers_are_rejected(value):
    with pytest.raises(DurationError, match="finite"):
        parse_duration(value)


@pytest.mark.parametrize(
    ("seconds", "text"), [(45, "45s"), (120, "2m"), (90, "1m30s"), (2.5, "2.5s"), (0, "0s"), (600, "10m")]
)
def test_format_duration_reads_back(seconds, text):
    assert format_duration(seconds) == text
    assert parse_duration(text) == seconds


@pytest.mark.parametrize(
    ("seconds", "text"), [(0, "0 s"), (45, "45 s"), (720, "12 min"), (750, "12 min 30 s"), (3900, "1 h 5 min")]
)
def test_format_human(seconds, text):
    assert format_human(seconds) == text


@pytest.mark.parametrize(("seconds", "text"), [(0, "0:00"), (5, "0:05"), (750, "12:30"), (3723, "1:02:03")])
def test_format_clock(seconds, text):
    assert format_clock(seconds) == text


def test_one_rounding_rule_for_every_amount_shown():
    """At 95 %, 30 s is 28.5 s and shows as 29 s, as 45 s (42.75 s) shows as 43 s: halves go up (Python's
    round() gave 28, rounding halves to even); a clock of an amount rounds the same way."""
    from app.routine.duration import format_clock, format_human, whole_seconds
    from app.session.announce import spoken_duration

    assert [format_human(30 * 0.95), format_human(45 * 0.95), format_human(0.5)] == ["29 s", "43 s", "1 s"]
    assert format_clock(whole_seconds(208.5)) == "3:29" and format_human(208.5) == "3 min 29 s"
    assert spoken_duration(28.5) == "29 seconds"
