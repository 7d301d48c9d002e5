"""Moves as data: every shipped move plays within its box with every bone whole, the right side mirrors the left,
a repetition lasts its seconds; a bad move file is refused with where and what."""

from __future__ import annotations

import math
import textwrap

import pytest

from app.moves.braille import fit
from app.moves.figure import BONES, NEUTRAL, RANGES, THIGH, VIEWS, mirrored, place
from app.moves.move_file import SAMPLES, TRAIL_POINTS, load_moves, parse_move
from app.routine.errors import RoutineError

MOVES, BROKEN = load_moves()


def test_every_shipped_move_loads():
    assert BROKEN == [] and len(MOVES) >= 4


@pytest.mark.parametrize("key", sorted(MOVES))
def test_a_repetition_keeps_every_bone_every_joint_in_range_and_the_figure_in_its_box(key):
    move = MOVES[key]

    for sample in range(SAMPLES * 2):
        moment = move.seconds * sample / (SAMPLES * 2)
        for side in ("left", "right"):
            pose = move.pose_at(moment, side)
            assert all(RANGES[n][0] - 1e-9 <= v <= RANGES[n][1] + 1e-9 for n, v in pose.items()), (moment, side)
            points = place(pose).points
            for start, end, length in BONES:
                assert math.isclose(math.dist(points[start], points[end]), length, abs_tol=1e-9)
            for joint, (x, y) in move.shown(move.page_at(moment, side)).items():
                assert move.inside(move.box, x, y), (key, moment, side, joint)
            if move.sided:
                assert move.pose_at(moment, "right") == mirrored(move.pose_at(moment, "left"))


@pytest.mark.parametrize("key", sorted(MOVES))
def test_a_repetition_lasts_its_seconds_and_starts_again(key):
    """Timed by the clock given: the pose at its length is the pose at 0, and none between is (it moves)."""
    move = MOVES[key]
    assert full(move.pose_at(move.seconds)) == full(move.pose_at(0.0)) == full(move.poses[0][1])
    assert move.pose_at(move.seconds * 2 + 0.25) == move.pose_at(0.25)
    assert any(move.pose_at(move.seconds * k / 8) != move.pose_at(0.0) for k in range(1, 8))


def full(pose) -> dict[str, float]:
    return {**NEUTRAL, **pose}


GOOD = """\
name = "Test move"
view = "front"
seconds = 2

[[poses]]
at = 0
left_arm_out = 45

[[poses]]
at = 1
left_arm_out = 90
"""


def problems(text: str) -> list[str]:
    with pytest.raises(RoutineError) as caught:
        parse_move(textwrap.dedent(text).encode(), "bad.toml", "bad")
    return [str(problem) for problem in caught.value.problems]


def test_a_good_file_reads():
    move = parse_move(GOOD.encode(), "good.toml", "good")
    assert move.name == "Test move" and move.seconds == 2.0 and len(move.poses) == 2


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (
            ("left_arm_out = 90", "left_arm_otu = 90"),
            "bad.toml:11:1: pose 2: unknown joint 'left_arm_otu' (did you mean \"left_arm_out\"?)",
        ),
        (
            ("left_arm_out = 90", "thigh = 0.6"),
            "bad.toml:11:1: pose 2: thigh is a bone, and bones keep their length; give angles",
        ),
        (
            ("left_arm_out = 90", "left_elbow = -30"),
            "bad.toml:11:1: pose 2: left_elbow -30 is past its range (0 to 150)",
        ),
        (("at = 1", "at = 0"), "bad.toml:10:1: pose 2: at 0 must come after the pose before it (0)"),
        (
            ("at = 1", "at = 2"),
            "bad.toml:10:1: pose 2: at 2 is past the repetition's end (2 s: it loops back to the first)",
        ),
        (("at = 0\n", "at = 0.5\n"), "bad.toml:6:1: the first pose is at 0: where each repetition starts"),
        (
            ("seconds = 2", "seconds = 0"),
            "bad.toml:3:1: seconds must be the length of one repetition, over 0 and up to 60",
        ),
        (
            ('view = "front"', 'view = "back"'),
            "bad.toml:2:1: view must be one of front, side, above, angle, high, level, got 'back'",
        ),
        (
            ("left_arm_out = 90\n", "left_arm_out = 90\n\n[[props]]\nfrom = [0, 0]\nto = [0, 1, 0]\n"),
            "bad.toml:14:1: prop 1: from must be a point [x, y, z] (across, up, forward)",
        ),
        (
            ("left_arm_out = 90\n", "left_arm_out = 90\n\n[[props]]\nfrom = [0, 0, 0]\n"),
            "bad.toml:13:1: prop 1: to must be a point [x, y, z] (across, up, forward)",
        ),
        (
            ("left_arm_out = 90\n", "left_arm_out = 90\n\n[[props]]\nfrom = [0, 0, 0]\nto = [0, 1, 0]\nwide = 2\n"),
            "bad.toml:16:1: prop 1: unknown key 'wide' (a prop has from and to)",
        ),
        (
            ("left_arm_out = 90\n", "left_arm_out = 90\n\n[[props]]\nfrom = [0, 0, 0]\nto = [3, 1, 0]\n"),
            "bad.toml:13:1: prop 1 leaves the figure's box (-3.00, 1.00 outside -1.2 to 1.2 across",
        ),
        (("left_arm_out = 90", "root_x = 0.9\nleft_arm_out = 90"), "bad.toml:9:1: pose 2: the left hand leaves"),
        (("left_arm_out = 45", "left_arm_out = true"), "bad.toml:7:1: pose 1: left_arm_out must be a number"),
        (('view = "front"', 'view = "front"\nclose = "yes"'), "bad.toml:3:1: close must be true"),
        (('view = "front"', 'view = "front"\ntrail = "left_hand"'), "bad.toml:3:1: trail must be a list of joints"),
        (
            ('view = "front"', 'view = "front"\ntrail = ["left_hnd"]'),
            """bad.toml:3:1: trail: unknown joint 'left_hnd' (did you mean "left_hand"?)""",
        ),
        (('view = "front"', 'view = "front"\nabout = 3'), "bad.toml:3:1: about must be one line of plain text"),
        (('view = "front"', f'view = "front"\nabout = "{"x" * 161}"'), "bad.toml:3:1: about must be one line"),
        (('view = "front"', 'view = "front"\nabout = "a\\u202eb"'), "bad.toml:3:1: about must be one line"),
        (
            ('view = "front"', f'view = "front"\nsided = true\nleft_side = "{"x" * 33}"'),
            "bad.toml:4:1: left_side must be a few words on what the left side is, at most 32 characters",
        ),
        (
            ('view = "front"', 'view = "front"\nsided = true\nleft_side = "[b]\\u001b"'),
            "bad.toml:4:1: left_side must be a few words",
        ),
        (
            ('view = "front"', 'view = "front"\nleft_side = "the left arm up"'),
            "bad.toml:3:1: left_side is for a move with sides (sided = true)",
        ),
    ],
)
def test_a_bad_move_is_refused_with_where_and_what(change, said):
    old, new = change
    found = problems(GOOD.replace(old, new, 1))
    assert any(problem.startswith(said) for problem in found), found


def test_too_few_poses_a_broken_toml_and_an_unknown_key_are_located():
    assert problems('name = "x"\nseconds = 1\n[[poses]]\nat = 0\n') == [
        "bad.toml:3:1: a move needs two [[poses]] or more"
    ]
    assert problems('name = "x"\nseconds = = 1\n')[0].startswith("bad.toml:2:")
    assert problems(GOOD + "tempo = 3\n") == ["bad.toml:12:1: pose 2: unknown joint 'tempo'"]  # in the last pose
    assert problems("tempo = 3\n" + GOOD)[0] == "bad.toml:1:1: unknown key 'tempo'"


@pytest.mark.parametrize("key", sorted(MOVES))
def test_a_grounded_move_rests_on_the_floor_all_through(key):
    """Feet stay planted while a squat bends: the lowest point is on the floor at every moment, not above or under."""
    move = MOVES[key]
    if not move.grounded:
        pytest.skip("this move floats on purpose")
    for sample in range(SAMPLES):
        figure = move.figure_at(move.seconds * sample / SAMPLES, "left")
        assert math.isclose(min(y for _, y, _ in figure.points.values()), 0.0, abs_tol=1e-9)


NOT_MOVES = {"Easy cardio", "Lift"}  # timed activities of the user's own choosing: nothing to draw


def test_every_exercise_of_the_bundled_routines_has_a_move():
    from app.paths import bundled_routines_dir
    from app.routine.library import scan

    names = {move.name.casefold() for move in MOVES.values()}
    exercises = {step.name for entry in scan(bundled_routines_dir(), "bundled") for step in entry.routine.steps}
    missing = sorted(name for name in exercises - NOT_MOVES if name.casefold() not in names)
    assert not missing, f"no move drawn for {missing}"
    assert "leg swings side to side" in names  # pre-lift mobility's second leg swings


def test_the_format_page_names_every_angle_with_its_range_and_every_view():
    from pathlib import Path

    from app.moves.figure import VIEWS

    page = (Path(__file__).parent.parent / "docs" / "move-format.md").read_text()
    for name, (low, high) in RANGES.items():
        assert f"| `{name}` | {low:g} to {high:g} |" in page, name
    assert all(f"`{view}`" in page for view in VIEWS)


def test_props_mirror_with_the_figure_and_are_drawn():
    """The door frame is beside the working arm on either side."""
    move = load_moves()[0]["doorway-chest-stretch"]
    left, right = move.props_at("left"), move.props_at("right")
    assert move.props and len(left) == len(right) == len(move.props)
    angled = move._replace(view="angle")  # seen from the side the two frames coincide; at an angle they do not
    assert angled.props_at("left") != angled.props_at("right")  # the frame moves to the other side
    figure = parse_move(GOOD.encode(), "good.toml", "good")  # no props: the same drawing as before props
    assert figure.props == () and figure.props_at("right") == []
    bare = move._replace(props=())
    assert move.drawing(0, "left", 30, 15).rows != bare.drawing(0, "left", 30, 15).rows


def test_seen_from_the_side_the_two_sides_face_opposite_ways():
    """A mirrored pose seen from the side would draw the same: the right side's faces the other way."""
    moves = load_moves()[0]
    sided = [move for move in moves.values() if move.sided and move.view == "side"]
    assert sided

    def other(name: str) -> str:  # the joint the mirror puts in this one's place
        return name.replace("left_", "right_") if name.startswith("left_") else name.replace("right_", "left_")

    for move in sided:
        for moment in (0.0, move.seconds / 3):
            left, right = move.page_at(moment, "left"), move.page_at(moment, "right")
            assert left != right, move.key
            for name, (x, y) in left.items():
                assert right[other(name)] == pytest.approx((-x, y)), (move.key, name)


def _foot_travel(move, moments) -> float:
    """How far either foot gets from where it is at the start, over `moments`, on either side."""
    worst = 0.0
    for side in ("left", "right") if move.sided else (None,):
        start = move.figure_at(0, side).points
        for moment in moments:
            points = move.figure_at(moment, side).points
            for foot in ("left_foot", "right_foot"):
                worst = max(worst, math.dist(points[foot], start[foot]))
    return worst


def test_feet_planted_in_the_key_poses_stay_planted_between_them():
    """Angles blended between key poses can slide a planted foot (the squat's slid 11 cm, hip circles' 20):
    where the key poses keep the feet still, the whole repetition does, within 5 cm."""
    for key, move in load_moves()[0].items():
        if _foot_travel(move, [at for at, _ in move.poses]) > 0.01:
            continue  # a move that steps, swings or lifts a leg
        assert _foot_travel(move, [move.seconds * i / 48 for i in range(48)]) < 0.05, key


def test_a_move_seen_close_is_cut_at_its_waist_and_drawn_larger():
    """Its box holds the hips up, not the legs; nothing is drawn below it; the shoulders travel more dots."""
    whole = parse_move(GOOD.encode(), "whole.toml", "whole")
    close = parse_move(GOOD.replace('view = "front"', 'view = "front"\nclose = true').encode(), "close.toml", "close")
    assert close.close and not whole.close
    knees = min(y for joint, (x, y) in close.page_at(0.0).items() if joint.endswith("_knee"))
    hips = min(y for joint, (x, y) in close.page_at(0.0).items() if joint.endswith("_hip"))
    left, right, bottom, top = close.box
    assert knees < bottom <= hips
    drawing = close.drawing(0.0, None, 10, 20, close.box)  # narrow: room to spare below the waist
    _, _, lowest = fit(close.box, 10, 20)
    below = [row for number, row in enumerate(drawing.rows) if number * 4 > lowest + 1]
    assert below and all(char == chr(0x2800) for row in below for char in row)  # room below, left blank
    assert any(char != chr(0x2800) for char in drawing.rows[int(lowest) // 4])  # drawn down to the waist

    def shoulder_dots(move):
        scale, _, _ = fit(move.reach(), 20, 10)
        ys = [move.page_at(at)["left_shoulder"][1] for at, _ in move.poses]
        return (max(ys) - min(ys)) * scale

    raised = GOOD.replace("left_arm_out = 45", "left_shoulder_lift = 30")
    raised = raised.replace("left_arm_out = 90", "left_arm_out = 0")
    seen_close = raised.replace('view = "front"', 'view = "front"\nclose = true')
    near, far = (parse_move(text.encode(), "c.toml", "c") for text in (seen_close, raised))
    assert shoulder_dots(near) > 1.4 * shoulder_dots(far)


@pytest.mark.parametrize("key", sorted(MOVES))
def test_each_side_is_drawn_whole_in_its_own_box_at_one_size(key):
    """The reach is the left side's box; the right side's (its mirror, but in the angle view) holds the right
    side's figure at every moment, at the same size: switching sides never resizes the figure."""
    move = MOVES[key]
    reach = move.reach()
    for side in ("left", "right"):
        left, right, bottom, top = box = move.box_for(reach, side)
        assert (right - left, top - bottom) == pytest.approx((reach[1] - reach[0], reach[3] - reach[2]))
        for sample in range(SAMPLES):
            for joint, (x, y) in move.shown(move.page_at(move.seconds * sample / SAMPLES, side)).items():
                assert move.inside(box, x, y), (key, side, sample, joint, box)


def test_a_sided_move_seen_from_the_side_is_drawn_in_the_room_one_side_needs():
    """Its two sides face opposite ways: one box for both would be far wider, the figure smaller."""
    stepping = GOOD.replace('view = "front"', 'view = "side"\nsided = true')
    stepping = stepping.replace("left_arm_out = 90", "root_z = 0.5")
    move = parse_move(stepping.encode(), "step.toml", "step")
    left, right, _, _ = move.reach()
    right_left, right_right, _, _ = move.box_for(move.reach(), "right")
    assert right - left < 0.8 * (max(right, right_right) - min(left, right_left))


@pytest.mark.parametrize("view", VIEWS)
def test_the_right_side_is_drawn_as_the_lefts_mirror_image_in_every_view(view):
    """Seen from where the left side is seen, the right side's figure would look the same from the side, and
    from an angle its limbs would cross (thread the needle's right side was a tangle): each side is seen from
    its own side."""
    for key, move in MOVES.items():
        if not move.sided:
            continue
        move = move._replace(view=view)
        for sample in range(0, SAMPLES, 6):
            moment = move.seconds * sample / SAMPLES
            left, right = move.page_at(moment, "left"), move.page_at(moment, "right")
            for joint, (x, y) in left.items():
                other = joint.replace("left_", "@").replace("right_", "left_").replace("@", "right_")
                assert right[other] == pytest.approx((-x, y), abs=1e-9), (key, view, moment, joint)


def test_a_trail_is_the_path_its_joint_follows_through_a_repetition():
    """Arm circles trail the hands: at every moment each hand is on (within 3 cm of) its dotted circle."""
    move = MOVES["arm-circles"]
    assert len(move.paths) == 2 * TRAIL_POINTS
    for hand, first in (("left_hand", 0), ("right_hand", TRAIL_POINTS)):
        path = move.paths[first : first + TRAIL_POINTS]
        for sample in range(SAMPLES):
            point = move.figure_at(move.seconds * sample / SAMPLES).points[hand]
            assert min(_to_segment(point, a, b) for a, b in path) < 0.03, (hand, sample)


def _to_segment(p, a, b) -> float:
    ab = [y - x for x, y in zip(a, b)]
    t = sum((q - x) * d for q, x, d in zip(p, a, ab)) / max(sum(d * d for d in ab), 1e-12)
    t = min(max(t, 0.0), 1.0)
    return math.dist(p, [x + t * d for x, d in zip(a, ab)])


def test_thread_the_needle_slides_the_hand_under_the_body_behind_the_planted_hand():
    """Its point is "under": where the hand passes the planted hand it is between that hand and the knees, low,
    below the chest; before, it passed in front of the planted hand, over rather than under."""
    move = MOVES["thread-the-needle"]
    start = move.figure_at(0.0, "left").points
    planted_x = start["right_hand"][0]
    passing = []
    for i in range(SAMPLES):
        points = move.figure_at(move.seconds / 2 * i / SAMPLES, "left").points  # the way in
        if abs(points["left_hand"][0] - planted_x) < 0.06:
            passing.append(points)
    assert passing, "the hand never reaches the planted hand's side"
    for points in passing:
        hand, knee = points["left_hand"], points["right_knee"]
        assert knee[2] + 0.1 < hand[2] < points["right_hand"][2] - 0.05  # behind it, not over it
        assert hand[1] < points["neck"][1] - 0.25
    through = move.figure_at(move.seconds / 2, "left").points
    assert through["left_hand"][0] < planted_x - 0.25  # out past the planted hand on the other side


def _bend_shown(page: dict[str, tuple[float, float]], side: str) -> float:
    """How far the knee sits off the line from hip to foot on the page, as a share of the thigh's length."""
    (hx, hy), (kx, ky), (fx, fy) = (page[f"{side}_{j}"] for j in ("hip", "knee", "foot"))
    dx, dy = fx - hx, fy - hy
    return abs((kx - hx) * dy - (ky - hy) * dx) / max(math.hypot(dx, dy), 1e-9) / THIGH


@pytest.mark.parametrize("key", [key for key, move in MOVES.items() if move.view == "above"])
def test_seen_from_above_a_knee_bent_in_a_key_pose_shows_its_bend(key):
    """Straight up, a bent knee seen from above is a short straight leg: the lying twist's bent leg read so."""
    move = MOVES[key]
    for at, pose in move.poses:
        page = move.page_at(at, "left" if move.sided else None)
        for side in ("left", "right"):
            if pose.get(f"{side}_knee", 0.0) >= 60:
                assert _bend_shown(page, side) > 0.25, (at, side)


def test_arm_swings_across_the_chest_stay_at_shoulder_height_and_cross():
    """Swung low, the arms passed hanging at the sides and crossed at the belly: a new user saw a swing down."""
    move = MOVES["arm-swings-across-the-chest"]
    for i in range(SAMPLES):
        points = move.figure_at(move.seconds * i / SAMPLES).points
        for side in ("left", "right"):
            assert abs(points[f"{side}_hand"][1] - points[f"{side}_shoulder"][1]) < 0.15, (i, side)
    crossed = move.figure_at(move.seconds / 2).points
    assert crossed["left_hand"][0] < crossed["neck"][0] < crossed["right_hand"][0]  # each hand past the middle
    # One arm over the other, so that from the front they cross as an X: at one height they drew one short line.
    assert crossed["left_hand"][1] - crossed["right_hand"][1] > 0.2


@pytest.mark.parametrize("key", [key for key, move in MOVES.items() if move.view == "above"])
def test_a_move_seen_from_above_lies_on_a_mat_drawn_around_it(key):
    """Seen from above with nothing round it, a figure lying or kneeling read as one standing; a mat says floor."""
    move = MOVES[key]
    on_floor = [(a, b) for a, b in move.props if a[1] == b[1] == 0.0]
    assert len(on_floor) >= 4, "no mat"
    xs = [p[0] for line in on_floor for p in line]
    zs = [p[2] for line in on_floor for p in line]
    page = move.page_at(0.0, "left" if move.sided else None)
    head = move.figure_at(0.0, "left" if move.sided else None).points["head"]
    assert min(xs) < head[0] < max(xs) and min(zs) < head[2] < max(zs), page["head"]


def test_every_shipped_move_with_sides_says_what_each_side_is():
    """On "left side" of side bends a new user could not tell which arm went up, nor which way to lean."""
    sided = {key: move for key, move in MOVES.items() if move.sided}
    assert sided and not [key for key, move in sided.items() if not move.left_side]
    bends = MOVES["side-bends"]
    assert bends.side_words("left") == "left arm up, lean right"
    assert bends.side_words("right") == "right arm up, lean left"  # the left's, left and right swapped
    assert bends.side_words(None) == "" and MOVES["hip-circles"].side_words("left") == ""
    for move in sided.values():  # each names a side, so that swapped the words say the other's
        assert move.side_words("left") != move.side_words("right"), move.key


def test_every_shipped_move_says_how_it_is_done():
    """`supple moves` and the gallery show it: a newcomer had the figure and the name, and nothing to read."""
    missing = [key for key, move in MOVES.items() if not move.about]
    assert not missing, missing


@pytest.mark.parametrize("key", [key for key, move in MOVES.items() if move.view == "side"])
def test_a_move_seen_from_the_side_that_rests_on_more_than_its_feet_has_a_floor_under_it(key):
    """On hands and knees or lying, a side view with nothing under it left a new user unsure it was on the floor."""
    move = MOVES[key]
    side = "left" if move.sided else None
    resting = set()
    for i in range(SAMPLES):
        points = move.figure_at(move.seconds * i / SAMPLES, side).points
        resting |= {name for name, (_, y, _) in points.items() if y < 0.05 and not name.endswith("foot")}
    if not resting:
        return  # standing: the feet are the floor
    floors = [(a, b) for a, b in move.props if a[1] == b[1] == 0.0 and a[0] == b[0]]
    assert floors, f"rests on {sorted(resting)} with no floor drawn"
    zs = [p[2] for line in floors for p in line]
    for i in range(SAMPLES):
        points = move.figure_at(move.seconds * i / SAMPLES, side).points
        # To the centimetre: the floor ends under the body's last point, so as not to widen the figure's box.
        assert all(min(zs) - 0.01 <= z <= max(zs) + 0.01 for _, (_, y, z) in points.items() if y < 0.05), i


def test_the_side_reachs_hands_walk_along_the_mat_never_off_it():
    """The reaching hands had gone past the mat's edge: a new user saw the arms stick out of the box."""
    move = MOVES["childs-pose-side-reach"]
    on_floor = [(a, b) for a, b in move.props if a[1] == b[1] == 0.0]
    xs = [p[0] for line in on_floor for p in line]
    zs = [p[2] for line in on_floor for p in line]
    for side in ("left", "right"):
        for i in range(SAMPLES):
            points = move.figure_at(move.seconds * i / SAMPLES, side).points
            for hand in ("left_hand", "right_hand"):
                x, _, z = points[hand]
                assert min(xs) < x < max(xs) and min(zs) < z < max(zs), (side, i, hand)


@pytest.mark.parametrize(
    ("key", "joint"), [("lying-spinal-twist", "left_knee"), ("childs-pose-side-reach", "left_hand")]
)
def test_seen_from_above_to_the_right_is_to_the_screens_right_on_the_left_side(key, joint):
    """Lying face up, the twist faces the viewer and is drawn as in a mirror, as the front views are: drawn true,
    "left knee over to the right" went to the screen's left and a new user used the wrong leg. Face down, the
    side reach is seen from behind, true, and its hands walk to the right as its words say."""
    move = MOVES[key]
    assert move.side_words("left").endswith("to the right")
    twisted = max((at for at, _ in move.poses), key=lambda at: move.page_at(at, "left")[joint][0])
    page = move.page_at(twisted, "left")
    assert page[joint][0] > page["pelvis"][0] + 0.1, page[joint]
    assert move.in_a_mirror == (key == "lying-spinal-twist")
