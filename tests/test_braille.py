"""The figure in braille: lines without gaps, every joint drawn, within its cells, the working side marked."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.moves.braille import BLANK, DOT_BITS, THICK_FROM, Canvas, draw, fit
from app.moves.figure import BONES, RANGES, place, project

BOX = (-1.0, 1.0, -0.05, 2.0)


def dots(canvas: Canvas) -> set[tuple[int, int]]:
    found = set()
    for row, cells in enumerate(canvas.cells):
        for column, bits in enumerate(cells):
            for dx in range(2):
                for dy in range(4):
                    if bits & DOT_BITS[dx][dy]:
                        found.add((column * 2 + dx, row * 4 + dy))
    return found


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 39), st.integers(0, 39), st.integers(0, 39), st.integers(0, 39))
def test_a_line_is_unbroken_and_only_as_long_as_it_must_be(x0, y0, x1, y1):
    canvas = Canvas(20, 10)
    canvas.line(x0, y0, x1, y1)
    found = dots(canvas)
    assert (x0, y0) in found and (x1, y1) in found
    assert len(found) == max(abs(x1 - x0), abs(y1 - y0)) + 1
    # Connected: from one end, every dot is reached through dots that touch (sides or corners).
    seen, todo = {(x0, y0)}, [(x0, y0)]
    while todo:
        x, y = todo.pop()
        for near in ((x + a, y + b) for a in (-1, 0, 1) for b in (-1, 0, 1)):
            if near in found and near not in seen:
                seen.add(near)
                todo.append(near)
    assert seen == found


ANGLES = st.fixed_dictionaries({name: st.floats(low, high) for name, (low, high) in RANGES.items()})


@settings(max_examples=100, deadline=None)
@given(ANGLES, st.sampled_from(["front", "side", "above"]), st.integers(8, 60), st.integers(4, 30))
def test_every_joint_is_drawn_and_nothing_leaves_its_cells(pose, view, width, height):
    points = project(place(pose | {"root_x": 0, "root_z": 0, "root_y": 0.9}), view)
    drawing = draw(points, (-2.2, 2.2, -2.2, 2.2), width, height, "left")
    assert len(drawing.rows) == height and all(len(row) == width for row in drawing.rows)
    assert all(BLANK <= ord(char) <= BLANK + 0xFF for row in drawing.rows for char in row)
    assert any(any(row) for row in drawing.bright)  # the left limbs are marked


def test_a_standing_figure_at_20x10_reads_as_one():
    drawing = draw(project(place({}), "front"), BOX, 20, 10)
    assert "\n".join(drawing.rows) == "\n".join(
        [
            "⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀",
            "⠀⠀⠀⠀⠀⠀⠀⠀⠀⡎⠉⡆⠀⠀⠀⠀⠀⠀⠀⠀",
            "⠀⠀⠀⠀⠀⠀⠀⠀⣀⣈⣏⣀⠀⠀⠀⠀⠀⠀⠀⠀",
            "⠀⠀⠀⠀⠀⠀⠀⠀⡇⠀⡇⢸⠀⠀⠀⠀⠀⠀⠀⠀",
            "⠀⠀⠀⠀⠀⠀⠀⠀⡇⠀⡇⢸⠀⠀⠀⠀⠀⠀⠀⠀",
            "⠀⠀⠀⠀⠀⠀⠀⠀⠇⡖⢳⠸⠀⠀⠀⠀⠀⠀⠀⠀",
            "⠀⠀⠀⠀⠀⠀⠀⠀⠀⡇⢸⠀⠀⠀⠀⠀⠀⠀⠀⠀",
            "⠀⠀⠀⠀⠀⠀⠀⠀⠀⡇⢸⠀⠀⠀⠀⠀⠀⠀⠀⠀",
            "⠀⠀⠀⠀⠀⠀⠀⠀⠀⡇⢸⠀⠀⠀⠀⠀⠀⠀⠀⠀",
            "⠀⠀⠀⠀⠀⠀⠀⠀⠀⠇⠸⠀⠀⠀⠀⠀⠀⠀⠀⠀",
        ]
    )
    assert not any(any(row) for row in drawing.bright)  # no side named: nothing brighter


def test_the_working_sides_limbs_and_only_they_are_marked():
    drawing = draw(project(place({"left_arm_out": 90, "right_arm_out": 90}), "front"), BOX, 40, 20, "left")
    marked = [(r, c) for r, row in enumerate(drawing.bright) for c, on in enumerate(row) if on]
    assert marked and all(c < 20 for _, c in marked)  # its left on the page's left: from the front, as in a mirror


def test_the_box_fills_the_cells_centred_at_one_scale():
    scale, x0, y0 = fit(BOX, 20, 10)
    assert round(scale, 6) == round(39 / 2.05, 6)  # the height decides: 40 dots for 2.05 units
    assert x0 > 0 and abs(y0 - 39) < 1e-9
    assert len(BONES) == 14


def test_a_prop_is_dashed_so_it_never_reads_as_a_limb():
    solid, dashed = Canvas(10, 10), Canvas(10, 10)
    solid.line(0, 0, 0, 39)
    dashed.line(0, 0, 0, 39, dashed=True)
    assert len(dots(solid)) == 40 and len(dots(dashed)) == 20  # two on, two off
    assert dots(dashed) < dots(solid) and (0, 0) in dots(dashed) and (0, 2) not in dots(dashed)
    figure = project(place({}), "front")
    with_prop = draw(figure, BOX, 20, 10, props=[((1.0, 0.0), (1.0, 2.0))])
    assert with_prop.rows != draw(figure, BOX, 20, 10).rows and not any(map(any, with_prop.bright))


def test_a_large_figure_is_drawn_two_dots_wide_and_a_small_one_one():
    """Seen from a bench two metres away, a large figure's one-dot lines are faint; a small one's two would blur."""
    points = project(place({}), "front")
    for cells, wide in (((20, 10), 1), ((60, 30), 2)):
        scale, x0, y0 = fit(BOX, *cells)
        assert (scale >= THICK_FROM) == (wide == 2)
        drawing = draw(points, BOX, *cells)
        dots = {
            (column * 2 + dx, row * 4 + dy)
            for row, text in enumerate(drawing.rows)
            for column, char in enumerate(text)
            for dx in (0, 1)
            for dy in range(4)
            if (ord(char) - BLANK) & DOT_BITS[dx][dy]
        }
        # Across the spine, halfway from the hips to the neck: a run of `wide` dots.
        x, y = round(x0 + (0 - BOX[0]) * scale), round(y0 - (1.16 - BOX[2]) * scale)
        run = [dx for dx in range(-1, 3) if (x + dx, y) in dots]  # the arms hang further out
        assert len(run) == wide and run == list(range(run[0], run[0] + wide)), (cells, run)


def test_a_path_is_dotted_one_dot_in_three():
    """A joint's path (the circles arm circles draw) reads as neither a limb nor a prop's dashes."""
    canvas = Canvas(20, 2)
    canvas.line(0, 0, 29, 0, dotted=True)
    row = [canvas.cells[0][x // 2] & DOT_BITS[x % 2][0] for x in range(30)]
    assert [x for x in range(30) if row[x]] == list(range(0, 30, 3))


def test_the_head_hides_a_limb_behind_it():
    """Child's pose's arms, seen from the side, ran straight through the head's ring."""
    arms_up = project(place({"left_arm_out": 180, "right_arm_out": 180, "left_arm_raise": 0}), "side")
    drawing = draw(arms_up, BOX, 40, 20)
    scale, x0, y0 = fit(BOX, 40, 20)
    hx, hy = arms_up["head"]
    cx, cy = round(x0 + (hx - BOX[0]) * scale), round(y0 - (hy - BOX[2]) * scale)
    cell = ord(drawing.rows[cy // 4][cx // 2]) - BLANK
    assert not cell & DOT_BITS[cx % 2][cy % 4]  # the ring's middle is empty, though the arms pass through it
    whole = Canvas(40, 20)
    whole.line(cx, cy - 10, cx, cy + 10)
    assert whole.cells[cy // 4][cx // 2] & DOT_BITS[cx % 2][cy % 4]  # as a line drawn there alone is not
