"""The plan for the command line: the spec's JSON shape, and a readable timetable."""

from __future__ import annotations

from app.duration import format_clock, format_human
from app.plan import Plan, describe_total


def plan_to_json(plan: Plan) -> dict:
    """Exactly the `plan --json` shape of routine-format.md."""
    return {
        "name": plan.name,
        "total": float(plan.total),
        "open": plan.open,
        "segments": [
            {
                "kind": s.kind,
                "name": s.name,
                "step": s.step,
                "side": s.side,
                "set": s.set,
                "start": float(round(s.start, 6)),
                "duration": None if s.duration is None else float(round(s.duration, 6)),
            }
            for s in plan.segments
        ],
        "cues": [{"at": float(c.at), "cue": c.cue} for c in plan.cues],
    }


def plan_table(plan: Plan, sets_of: dict[int, int]) -> str:
    """A timetable: time, segment, step, side, set (k/n), length; then the total."""
    rows = [("TIME", "SEGMENT", "STEP", "SIDE", "SET", "LENGTH")]
    for s in plan.segments:
        set_text = f"{s.set}/{sets_of[s.step]}" if s.set and s.step else "-"
        length = "open" if s.duration is None else format_human(s.duration)
        rows.append((format_clock(s.start), s.name, str(s.step or "-"), s.side or "-", set_text, length))
    rows.append((format_clock(plan.total), "Done", "", "", "", ""))
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
