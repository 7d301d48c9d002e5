"""Hypothesis strategies for valid routines, as the format allows them."""

from __future__ import annotations

from hypothesis import strategies as st

from app.routine.demos import demo_names
from app.routine.model import KINDS, Routine, Step
from app.session.plan import MAX_PLANNED, build_plan
from app.text import is_blank

# Bidi embeddings, overrides and isolates, and line and paragraph separators: never allowed.
UNSAFE_FORMAT = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029"
safe_chars = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"), exclude_characters=UNSAFE_FORMAT)
names = st.text(safe_chars, min_size=1, max_size=80).map(str.strip).filter(lambda s: not is_blank(s))
# Cues and descriptions may also hold line breaks and tabs.
texts = st.text(safe_chars | st.sampled_from("\n\t"), max_size=200)
# Durations as people write them (whole and half seconds) and as odd floats.
seconds = st.one_of(
    st.integers(1, 90).map(float),
    st.integers(1, 3600).map(float),
    st.floats(1, 3600, allow_nan=False).map(lambda x: round(x, 3)),
)
gaps = st.one_of(st.integers(0, 600).map(float), st.floats(0, 600, allow_nan=False))


# Cues as the editor holds them, one per line: no line breaks, no blank or padded lines.
LINE_BREAKS = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
cue_lines = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp"), exclude_characters=LINE_BREAKS),
    min_size=1,
    max_size=200,
).filter(lambda s: s.strip() == s and s)


@st.composite
def steps(draw, cue_texts=texts) -> Step:
    name = draw(names)
    ending = draw(st.sampled_from(["duration", "reps", "tempo", "manual"]))
    cues = tuple(draw(st.lists(cue_texts, max_size=4)))
    rest = draw(gaps)
    demo = draw(st.none() | st.sampled_from(demo_names()))
    if ending == "manual":
        return Step(name, manual=True, rest=rest, cues=cues, demo=demo)
    common = {
        "demo": demo,
        "sides": draw(st.booleans()),
        "sets": draw(st.integers(1, 3) | st.integers(1, 20)),
        "rest": rest,
        "cues": cues,
    }
    if ending == "duration":
        return Step(name, duration=draw(seconds), **common)
    tempo = draw(st.floats(1, 60, allow_nan=False)) if ending == "tempo" else None
    return Step(name, reps=draw(st.integers(1, 30) | st.integers(1, 500)), tempo=tempo, **common)


def _short_enough(routine: Routine) -> bool:
    return build_plan(routine).total <= MAX_PLANNED


def routines_with(cue_texts: st.SearchStrategy[str] = texts) -> st.SearchStrategy[Routine]:
    """Valid routines whose cues are drawn from `cue_texts` (and which plan at most three hours)."""
    return st.builds(
        Routine,
        name=names,
        steps=st.lists(steps(cue_texts), min_size=1, max_size=6).map(tuple),
        description=st.text(safe_chars | st.sampled_from("\n\t"), max_size=300),
        kind=st.sampled_from(KINDS),
        prep=gaps,
        transition=gaps,
        switch=gaps,
        version=st.just(1),  # hypothesis fills every field of a NamedTuple, defaults too
    ).filter(_short_enough)


routines = routines_with()
editable_routines = routines_with(cue_lines)
