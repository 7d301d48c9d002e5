"""Check-ins (how the back felt, 0-10, where, down a leg) and the warning rule on them."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from typing import NamedTuple

from app.text import shorten, unsafe_chars

PLACES = ("upper back", "lower back", "neck", "other")
MAX_NOTE = 500
WINDOW_DAYS = 14  # the rule looks at the check-ins of the last two weeks
RECENT = 5  # ...the last five of them for pain that keeps coming back
MODERATE, RECURRING = 4, 3  # 3 or more of those 5 at 4 or more
SEVERE = 7  # any at 7 or more


def wall_now() -> datetime:
    """The wall clock, with the local offset; tests fix it to draw the same screen every time."""
    return datetime.now().astimezone()


class CheckInError(ValueError):
    """A check-in that cannot be stored, and why, in the user's terms."""


class CheckIn(NamedTuple):
    id: int
    at: str  # ISO 8601 with the local offset
    session_id: int | None
    pain: int
    places: tuple[str, ...]
    leg: bool
    note: str

    @property
    def day_iso(self) -> str:
        return self.at[:10]

    def describe(self) -> str:
        """ "25 Nov 18:02: pain 5, lower back, down a leg"."""
        when = datetime.fromisoformat(self.at).strftime("%d %b %H:%M")
        where = [*self.places, "down a leg"] if self.leg else list(self.places)
        return f"{when}: pain {self.pain}" + (f", {', '.join(where)}" if where else "")


class Warning(NamedTuple):
    """The rule holds: why, and the check-ins behind it."""

    reasons: tuple[str, ...]
    checkins: tuple[CheckIn, ...]
    behind: tuple[frozenset[int], ...] = ()  # for each reason, the ids of the check-ins that give it
    new: tuple[str, ...] = ()  # the reasons check-ins since the last acknowledged warning give (unacknowledged)

    @property
    def newest(self) -> int:
        return max(c.id for c in self.checkins)

    def since(self, checkin_id: int) -> tuple[str, ...]:
        """The reasons a check-in newer than `checkin_id` gives."""
        return tuple(why for why, ids in zip(self.reasons, self.behind) if max(ids) > checkin_id)


def parse_pain(text: object) -> int:
    """0 to 10 from what the user typed; CheckInError otherwise."""
    value = str(text).strip()
    if not (value.isascii() and value.isdigit()) or not 0 <= int(value) <= 10:
        raise CheckInError(
            f"pain must be a whole number from 0 (none) to 10 (worst imaginable), got {shorten(value)!r}"
        )
    return int(value)


def check_places(places: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """The places in PLACES order, each once; CheckInError for one not known."""
    wanted = {" ".join(place.casefold().replace("-", " ").split()) for place in places}
    unknown = sorted(wanted - set(PLACES))
    if unknown:
        raise CheckInError(f"unknown place {shorten(unknown[0])!r}: choose from {', '.join(PLACES)}")
    return tuple(place for place in PLACES if place in wanted)


def check_note(note: str) -> str:
    """The note trimmed; CheckInError for control characters (line breaks and tabs allowed) or a long one."""
    note = note.strip()
    bad = unsafe_chars(note, "\n\t")
    if bad:
        raise CheckInError(f"the note holds a control character ({bad[0]}); write it as plain text")
    if len(note) > MAX_NOTE:
        raise CheckInError(f"the note is {len(note)} characters long; at most {MAX_NOTE}")
    return note


def record(
    conn: sqlite3.Connection,
    pain: int,
    places: tuple[str, ...] = (),
    leg: bool = False,
    note: str = "",
    session_id: int | None = None,
    at: datetime | None = None,
) -> CheckIn:
    """Store a check-in (checked first: nothing is stored when any part is wrong) and return it."""
    pain, places, note = parse_pain(pain), check_places(places), check_note(note)
    when = at if at is not None and at.tzinfo is not None else (at or wall_now()).astimezone()
    with conn:
        row = conn.execute(
            "INSERT INTO checkins (at, day, session_id, pain, places, leg, note) VALUES (?,?,?,?,?,?,?)",
            (
                when.isoformat(timespec="seconds"),
                when.date().isoformat(),
                session_id,
                pain,
                ",".join(places),
                int(leg),
                note,
            ),
        )
    return CheckIn(row.lastrowid, when.isoformat(timespec="seconds"), session_id, pain, places, leg, note)


AFTER_SESSION = timedelta(hours=2)  # a check-in this soon after a session ended is about that session


class Followed(NamedTuple):
    """The session a check-in goes with."""

    id: int
    routine_name: str
    ended_at: str

    def describe(self) -> str:
        """ "Quick warm-up, which ended at 18:02" (or "on 2 Dec at 23:50" another day)."""
        ended = datetime.fromisoformat(self.ended_at)
        when = ended.strftime("%H:%M") if ended.date() == wall_now().date() else ended.strftime("%d %b at %H:%M")
        return f"{self.routine_name}, which ended at {when}"


def session_to_follow(conn: sqlite3.Connection, now: datetime | None = None) -> Followed | None:
    """The session a check-in made now goes with: the latest to end, if it ended within AFTER_SESSION and
    has no check-in yet; else None, and the check-in stands alone. (Never an older session: a check-in is
    not back-dated.)"""
    now = (now or wall_now()).astimezone()
    latest = None
    # Ended times carry the offset they were written with; compared as times, not as text.
    for row in conn.execute(
        "SELECT id, routine_name, ended_at FROM sessions WHERE ended_at IS NOT NULL"
        " ORDER BY ended_at DESC, id DESC LIMIT 8"
    ):
        try:
            ended = datetime.fromisoformat(row[2])
        except ValueError:
            continue
        ended = ended if ended.tzinfo else ended.astimezone()
        if latest is None or ended > latest[0]:
            latest = (ended, row)
    if latest is None or not timedelta(0) <= now - latest[0] <= AFTER_SESSION:
        return None
    ended, (session_id, name, ended_at) = latest
    if conn.execute("SELECT 1 FROM checkins WHERE session_id = ?", (session_id,)).fetchone():
        return None
    return Followed(session_id, name, ended_at)


def from_row(row: tuple) -> CheckIn:
    id_, at, session_id, pain, places, leg, note = row
    return CheckIn(id_, at, session_id, pain, tuple(p for p in places.split(",") if p), bool(leg), note)


COLUMNS = "id, at, session_id, pain, places, leg, note"


def since(conn: sqlite3.Connection, day: str) -> list[CheckIn]:
    """The check-ins from `day` (YYYY-MM-DD) on, oldest first."""
    return [from_row(r) for r in conn.execute(f"SELECT {COLUMNS} FROM checkins WHERE day >= ? ORDER BY at, id", (day,))]


def of_sessions(conn: sqlite3.Connection, ids: list[int] | None = None) -> dict[int, CheckIn]:
    """The last check-in of each session in `ids` (every session, when None) that has one: one read."""
    found: dict[int, CheckIn] = {}
    if ids is None:
        chunks = [("session_id IS NOT NULL", [])]
    else:  # SQLite's limit on bound parameters: 500 at a time
        chunks = [
            (f"session_id IN ({','.join('?' * len(ids[i : i + 500]))})", ids[i : i + 500])
            for i in range(0, len(ids), 500)
        ]
    for where, values in chunks:
        for row in conn.execute(f"SELECT {COLUMNS} FROM checkins WHERE {where} ORDER BY id", values):
            checkin = from_row(row)
            found[checkin.session_id] = checkin
    return found


def warning(checkins: list[CheckIn], now: datetime | None = None) -> Warning | None:
    """The rule over `checkins` (any order): in the last WINDOW_DAYS days, RECURRING or more of the
    last RECENT at MODERATE or more, or any at SEVERE or more, or any down a leg. None when it does not hold."""
    now = (now or wall_now()).astimezone()
    window = sorted(
        (c for c in checkins if now - datetime.fromisoformat(c.at) <= timedelta(days=WINDOW_DAYS)),
        key=lambda c: (c.at, c.id),
    )
    found: list[tuple[str, list[CheckIn]]] = []
    last = window[-RECENT:]
    moderate = [c for c in last if c.pain >= MODERATE]
    if len(moderate) >= RECURRING:
        found.append((f"{len(moderate)} of your last {len(last)} check-ins had pain of {MODERATE} or more", moderate))
    severe = [c for c in window if c.pain >= SEVERE]
    if severe:
        found.append((f"pain of {SEVERE} or more ({', '.join(str(c.pain) for c in severe)})", severe))
    leg = [c for c in window if c.leg]
    if leg:
        found.append(("pain spreading down a leg", leg))
    if not found:
        return None
    behind = {c.id: c for _, those in found for c in those}
    return Warning(
        tuple(why for why, _ in found),
        tuple(sorted(behind.values(), key=lambda c: (c.at, c.id))),
        tuple(frozenset(c.id for c in those) for _, those in found),
    )


def current_warning(conn: sqlite3.Connection, now: datetime | None = None) -> Warning | None:
    """The rule over the log's check-ins of the last WINDOW_DAYS days."""
    now = (now or wall_now()).astimezone()
    return warning(since(conn, (now - timedelta(days=WINDOW_DAYS + 1)).date().isoformat()), now)


def unacknowledged(conn: sqlite3.Connection, now: datetime | None = None) -> Warning | None:
    """The warning, unless the user acknowledged it and no check-in has triggered it since."""
    found = current_warning(conn, now)
    if found is None:
        return None
    row = conn.execute("SELECT checkin_id FROM acknowledged WHERE id = 1").fetchone()
    if row is None:
        return found._replace(new=found.reasons)
    return found._replace(new=found.since(row[0])) if found.newest > row[0] else None


def acknowledge(conn: sqlite3.Connection, shown: Warning) -> None:
    """The user read the advice for `shown`; it returns when a newer check-in triggers the rule."""
    with conn:
        conn.execute(
            "INSERT INTO acknowledged (id, checkin_id, at) VALUES (1, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET checkin_id = excluded.checkin_id, at = excluded.at",
            (shown.newest, wall_now().isoformat(timespec="seconds")),
        )


ADVICE = (
    "Back pain that keeps coming back after training can be a sign of something serious, such as a "
    "herniated disc, sciatica or a severe muscle strain. Take a break from training and see a doctor "
    "before you go on. Supple is a timer, not a diagnosis."
)


def advice(shown: Warning, compact: bool = False) -> str:
    """What Supple says when the rule holds: why, which check-ins, what to do; `compact` for a small space."""
    signs = "Warning signs" if len(shown.reasons) > 1 else "Warning sign"
    why = f"{signs}: {'; '.join(shown.reasons)}, in the last {WINDOW_DAYS} days"
    if compact:
        return f"{why} ({'; '.join(c.describe() for c in shown.checkins)}).\n{ADVICE}"
    return "\n".join([f"{why}.", "", *(f"  {c.describe()}" for c in shown.checkins), "", ADVICE])


def headline(shown: Warning) -> str:
    """The advice in one line, for the top of the picker: the signs that are new since the user last read it."""
    new = shown.new or shown.reasons
    signs = "Warning signs" if len(new) > 1 else "Warning sign"
    return f"{signs}: {'; '.join(new)}. Take a break and see a doctor."
