"""The plan for the command line: the spec's JSON shape, and a readable timetable."""

from __future__ import annotations

from collections.abc import Iterator

from app.routine.duration import format_clock, format_human, whole_seconds
from app.session.plan import Plan, Segment, describe_total


def _segment(s: Segment) -> dict:
    return {
        "kind": s.kind,
        "name": s.name,
        "step": s.step,
        "side": s.side,
        "set": s.set,
        "start": float(round(s.start, 6)),
        "duration": None if s.duration is None else float(round(s.duration, 6)),
    }


def _head(plan: Plan) -> dict:
    return {"name": plan.name, "total": float(plan.total), "open": plan.open, "scale": plan.scale}


def plan_to_json(plan: Plan) -> dict:
    """Exactly the `plan --json` shape of routine-format.md, with the scale the plan was made at."""
    return _head(plan) | {
        "segments": [_segment(s) for s in plan.segments],
        "cues": [{"at": float(c.at), "cue": c.cue} for c in plan.cues()],
    }


def plan_json_chunks(plan: Plan) -> Iterator[str]:
    """`plan_to_json` as JSON text, written as it is produced: a plan may hold many thousand cues."""
    import json

    def item(value: dict) -> str:
        return "\n".join("    " + line for line in json.dumps(value, indent=2, ensure_ascii=False).split("\n"))

    yield "{\n" + "".join(f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)},\n" for k, v in _head(plan).items())
    for key, items in (
        ("segments", map(_segment, plan.segments)),
        ("cues", ({"at": float(c.at), "cue": c.cue} for c in plan.cues())),
    ):
        yield f'  "{key}": ['
        first = True
        for value in items:
            yield ("\n" if first else ",\n") + item(value)
            first = False
        yield ("\n  ]" if not first else "]") + (",\n" if key == "segments" else "\n")
    yield "}"


def plan_table(plan: Plan, sets_of: dict[int, int]) -> str:
    """A timetable: time, segment, step, side, set (k/n), length; then the total."""
    rows = [("TIME", "SEGMENT", "STEP", "SIDE", "SET", "LENGTH")]
    for s in plan.segments:
        set_text = f"{s.set}/{sets_of[s.step]}" if s.set and s.step else "-"
        length = "open" if s.duration is None else format_human(s.duration)
        rows.append((format_clock(whole_seconds(s.start)), s.name, str(s.step or "-"), s.side or "-", set_text, length))
    rows.append((format_clock(whole_seconds(plan.total)), "Done", "", "", "", ""))
    widths = [max(len(row[i]) for row in rows) for i in range(6)]
    right = {2, 4, 5}
    lines = [plan.name, ""]
    for row in rows:
        cells = [c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths))]
        lines.append("  " + "  ".join(cells).rstrip())
    lines += ["", f"Total: {describe_total(plan)}"]
    if plan.open:
        lines.append(f"({plan.open} open segment{'s last' if plan.open > 1 else ' lasts'} until you say done.)")
    return "\n".join(lines)
