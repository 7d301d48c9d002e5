"""Every theme: the focused field is unmistakable, and the picker's group headings are as readable as its names."""

from __future__ import annotations

from textual.widgets import Input, OptionList, TextArea

from tests.ui.helpers import build

# The high-contrast theme's focused name field was #0c0c0c on #000000; textual-dark's #272727 on #1e1e1e.
LEAST_SHIFT = (
    40  # (12 at most before) how far (RGB distance) a focused field's background moves from its unfocused one, at least
)


def luminance(rgb) -> float:
    def channel(value: int) -> float:
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = rgb
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(one, other) -> float:
    """WCAG's contrast ratio of two colours (1 to 21)."""
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


async def test_the_focused_field_has_a_colour_of_its_own_in_every_theme(clock):
    app, _ = build(clock, edit="new")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        fields = [app.screen.query_one("#name", Input), app.screen.query_one("#description", TextArea)]
        for theme in sorted(app.available_themes):
            app.theme = theme
            for field in fields:
                field.focus()
                await pilot.pause()
                focused = field.rich_style
                app.screen.set_focus(None)
                await pilot.pause()
                resting = field.rich_style
                assert focused.bgcolor != resting.bgcolor, (theme, field.id)
                if focused.bgcolor.triplet is None or resting.bgcolor.triplet is None:
                    continue  # the ANSI themes: the terminal's own colours, told apart by number above
                shift = sum((a - b) ** 2 for a, b in zip(focused.bgcolor.triplet, resting.bgcolor.triplet)) ** 0.5
                assert shift >= LEAST_SHIFT, (theme, field.id, shift)
                assert contrast(focused.color.triplet, focused.bgcolor.triplet) >= 3, (theme, field.id)


async def test_group_headings_read_as_well_as_the_names_in_every_theme(clock):
    app, _ = build(clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        listing = app.screen.query_one("#routines", OptionList)
        for theme in sorted(app.available_themes):
            app.theme = theme
            await pilot.pause()
            background = listing.rich_style.bgcolor
            heading = listing.get_component_rich_style("option-list--option-disabled").color
            name = listing.get_component_rich_style("option-list--option").color or listing.rich_style.color
            if background.triplet is None or heading.triplet is None or name.triplet is None:
                continue  # the ANSI themes use the terminal's own colours
            said = contrast(heading.triplet, background.triplet)
            assert said >= contrast(name.triplet, background.triplet) - 0.01, (theme, said)
            if theme == "supple-high-contrast":
                assert said >= 7, said  # it was grey 241 on 232
