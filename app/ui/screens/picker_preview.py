"""The picker's preview of the highlighted routine: its length at the chosen scale, its steps, or its problems."""

from __future__ import annotations

from textual.content import Content

from app.duration import format_human
from app.library import Entry
from app.model import Step
from app.plan import describe_routine, scale_label
from app.ui.text import lines, plain


def step_summary(step: Step) -> str:
    """How a step ends, for a list row: "30 s", "12 reps x 2 s", "10 reps", "until done"."""
    if step.manual:
        how = "until done"
    elif step.reps is not None:
        how = f"{step.reps} reps" + (f" x {format_human(step.tempo)}" if step.tempo else "")
    else:
        how = format_human(step.duration)
    extras = [how]
    if step.sides:
        extras.append("each side")
    if step.sets > 1:
        extras.append(f"{step.sets} sets")
    return ", ".join(extras)


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


def preview(entry: Entry, scale: float = 1.0) -> Content:
    """The preview pane's content for one entry, its length at `scale`."""
    if entry.routine is None:
        parts = [plain(f"{entry.path.name}\n\n", "bold"), plain("This file has problems and cannot be run:\n\n", "bold red")]
        parts += [plain(f"{problem}\n") for problem in entry.error.problems]
        parts.append(plain("\nPress e to open it as text and fix it here, or fix it in a text editor "
                           "(supple check FILE lists the problems)."))
        return lines(*parts)
    routine = entry.routine
    length = describe_routine(routine, scale)
    parts = [plain(f"{routine.name}\n", "bold"),
             plain(f"{length} · {plural(len(routine.steps), 'step')} · {source_of(entry)}\n", "dim")]
    if scale_label(scale):
        parts.append(plain(f"At {scale_label(scale)} of its times ([ and ] change it; 100 %: "
                           f"{describe_routine(routine)})\n", "bold $accent"))
    parts.append(plain("\n"))
    if routine.description:
        parts.append(plain(routine.description.strip() + "\n\n"))
    for number, step in enumerate(routine.steps, start=1):
        parts += [plain(f"{number:>2}. {step.name}", "bold"), plain(f"  {step_summary(step)}\n")]
    return lines(*parts)
