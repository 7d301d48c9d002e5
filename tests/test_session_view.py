"""What the session screen says, as text: cues in the rows they have, the next step in its width."""

from __future__ import annotations

from app.session.session_view import cue_lines, next_line
from app.text import shorten


def test_shortening_between_words_keeps_whole_words():
    assert shorten("Keep your back straight and brace", 20, "…", words=True) == "Keep your back…"
    assert shorten("Keep your back straight and brace", 20, "…") == "Keep your back stra…"
    # A single long word is cut where it must be, not left almost empty.
    assert shorten("Go Supercalifragilistic", 12, "…", words=True) == "Go Supercal…"


def test_cues_that_do_not_fit_say_how_many_more_on_the_last_line_shown():
    cues = ("Stand tall", "Breathe out as the arms go back", "Slow and easy")
    assert cue_lines(cues, 3, 60) == ["• Stand tall", "• Breathe out as the arms go back", "• Slow and easy"]
    assert cue_lines(cues, 1, 60) == ["• Stand tall  (+2 more)"]
    two = cue_lines(cues, 2, 30)
    assert two == ["• Stand tall", "• Breathe out as…  (+1 more)"] and all(len(line) <= 30 for line in two)
    assert cue_lines(cues, 0, 60) == []


def test_a_cue_too_long_for_its_line_goes_on_to_a_spare_row_before_it_is_cut():
    """Thread the needle's first cue lost "under your body", the point of it, beside the figure at 80x24."""
    cues = ("From hands and knees, slide one arm under your body", "Hips stay above your knees")
    assert cue_lines(cues, 3, 44) == [
        "• From hands and knees, slide one arm under",
        "  your body",
        "• Hips stay above your knees",
    ]
    assert cue_lines(cues, 2, 44) == ["• From hands and knees, slide one arm under…", "• Hips stay above your knees"]
    assert all(len(line) <= 20 for line in cue_lines(cues, 6, 20))
    assert cue_lines(cues, 6, 26) == [  # as many spare rows as a cue needs, the first cues first
        "• From hands and knees,",
        "  slide one arm under your",
        "  body",
        "• Hips stay above your",
        "  knees",
    ]
    assert cue_lines(cues, 4, 26) == [
        "• From hands and knees,",
        "  slide one arm under your",
        "  body",
        "• Hips stay above your…",
    ]


def test_the_next_step_s_name_gives_way_before_its_details():
    line = next_line("Hip circles with a long name", " · left side (30 s)", 40)
    assert line == "Next: Hip circles… · left side (30 s)" and len(line) <= 40
    assert next_line("", "", 40) == "Next: finish"


def test_a_long_list_of_steps_in_the_summary_wraps_under_itself():
    from app.session.engine import Summary
    from app.ui.screens.summary import LABEL_WIDTH, summary_text

    names = ("Arm swings", "Trunk rotation", "Side bends", "Hip circles", "Leg swings")
    summary = Summary(300, 40, 0, 5, 0, 0, names, False, 0, partly=("Arm swings",))
    text = str(summary_text("R", summary, width=40)).splitlines()
    skipped = next(i for i, line in enumerate(text) if line.startswith("Skipped"))
    assert text[skipped - 1].startswith("Part done") and "Arm swings" in text[skipped - 1]
    following = text[skipped + 1]
    assert following.startswith(" " * LABEL_WIDTH) and following.strip() and len(following) <= 40
    assert all(len(line) <= 40 for line in text)


def test_the_progress_bar_s_total_is_rounded_as_the_picker_rounds_it():
    from app.routine.duration import format_human
    from app.ui.widgets.bar import bar_text

    total = 298.6  # a routine at a scale lands between whole seconds
    assert format_human(total) == "4 min 59 s" and bar_text(0, total, 40).endswith(" 0:00 / 4:59")


def test_prose_wraps_at_plain_spaces_only_and_fills_each_line():
    from app.ui.text import plain, wrapped

    assert wrapped(plain("aaaa bbbb cccc"), 9).plain == "aaaa bbbb\ncccc"
    assert (
        wrapped(plain("at 100\u00a0%: 4\u00a0min\u00a058\u00a0s"), 12).plain
        == "at 100\u00a0%:\n4\u00a0min\u00a058\u00a0s"
    )
    assert wrapped(plain("short\nlines stay"), 20).plain == "short\nlines stay"


def test_a_numbered_lines_later_lines_hang_under_its_text():
    from app.ui.text import plain, wrapped

    text = plain(" 3. Lying knee to chest  30\u00a0s, each\u00a0side, 2\u00a0sets\nfree text that wraps here too")
    assert wrapped(text, 22, hang=True).plain == (
        " 3. Lying knee to\n    chest  30\u00a0s,\n    each\u00a0side, 2\u00a0sets\nfree text that wraps\nhere too"
    )
    assert wrapped(text, 22).plain.splitlines()[1] == "chest  30\u00a0s,"  # without: no hang
