"""The picker's preview of the highlighted routine: its length at the chosen scale, its steps, or its problems."""

from __future__ import annotations

from textual.content import Content

from app.routine.duration import format_human
from app.routine.library import Entry
from app.routine.model import Step
from app.session.plan import describe_routine, reps_at, scale_label
from app.ui.text import lines, plain


def unbroken(text: str) -> str:
    """A figure and its unit kept on one line when the pane wraps: "4 min 58 s"."""
    for unit in (" s", " min", " h", " %", " reps"):
        text = text.replace(unit, "\u00a0" + unit[1:])
    return text


def step_summary(step: Step, scale: float = 1.0) -> str:
    """How a step ends at `scale`, for a list row: "30 s", "12 reps x 2 s", "10 reps", "until done"."""
    if step.manual:
        how = "until done"
    elif step.reps is not None:
        if step.tempo:  # fewer or more reps at its own tempo: the scale never changes a move's pace
            how = f"{reps_at(step.reps, scale)} reps\u00a0x {round(step.tempo, 1):g} s"
        else:
            how = f"{step.reps} reps"
    else:
        how = format_human(step.duration * scale)
    extras = [how]
    if step.sides:
        extras.append("each side")
    if step.sets > 1:
        extras.append(f"{step.sets} sets")
    # Each part whole on a line ("12 reps x 2 s", "each side"): a narrow pane breaks only after a comma.
    return ", ".join(part.replace(" ", "\u00a0") for part in extras)


def plural(count: int, word: str) -> str:
    """ "1 step", "7 steps"."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def source_of(entry: Entry) -> str:
    """Where a routine comes from, as the preview says it."""
    if entry.source == "bundled":
        return "bundled"
    if entry.link_target is not None:
        return f"your routine ({entry.path.name}, a link to {entry.link_target})"
    return f"your routine ({entry.path.name})" if entry.source == "user" else str(entry.path)


def preview(entry: Entry, scale: float = 1.0, why: str = "") -> Content:
    """The preview pane's content for one entry, its length at `scale`, set by a build-up when `why` says so."""
    if entry.routine is None:
        parts = [
            plain(f"{entry.path.name}\n\n", "bold"),
            plain("This file has problems and cannot be run:\n\n", "bold red"),
        ]
        parts += [plain(f"{problem}\n") for problem in entry.error.problems]
        parts.append(
            plain(
                "\nPress e to open it as text and fix it here, or fix it in a text editor "
                "(supple check FILE lists the problems)."
            )
        )
        return lines(*parts)
    routine = entry.routine
    length = unbroken(describe_routine(routine, scale))
    parts = [
        plain(f"{routine.name}\n", "bold"),
        plain(f"{length} · {plural(len(routine.steps), 'step')} · {source_of(entry)}\n", "dim"),
    ]
    if why:
        parts.append(
            plain(
                unbroken(
                    f"For this run: {scale_label(scale) or '100 %'}, {why} "
                    f"(at 100 %: {describe_routine(routine)}; b changes the build-up)\n"
                ),
                "bold $accent",
            )
        )
    elif scale_label(scale):
        parts.append(
            plain(
                unbroken(
                    f"For this run: {scale_label(scale)} of its times, [ and ] change it "
                    f"(at 100 %: {describe_routine(routine)})\n"
                ),
                "bold $accent",
            )
        )
    parts.append(plain("\n"))
    if routine.description:
        parts.append(plain(routine.description.strip() + "\n\n"))
    for number, step in enumerate(routine.steps, start=1):
        parts += [plain(f"{number:>2}. {step.name}", "bold"), plain(f"  {step_summary(step, scale)}\n")]
    return lines(*parts)
