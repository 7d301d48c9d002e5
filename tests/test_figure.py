"""The figure: bones never change length, whatever the angles; a pose mirrored is the other side's."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from app.moves.figure import BONES, RANGES, blend, mirrored, place, project

ANGLES = st.fixed_dictionaries({name: st.floats(low, high) for name, (low, high) in RANGES.items()})


def distance(a, b) -> float:
    return math.dist(a, b)


@settings(max_examples=200, deadline=None)
@given(ANGLES)
def test_every_bone_keeps_its_length_in_any_pose(pose):
    points = place(pose).points
    for start, end, length in BONES:
        assert math.isclose(distance(points[start], points[end]), length, abs_tol=1e-9), (start, end)


@settings(max_examples=200, deadline=None)
@given(ANGLES)
def test_a_mirrored_pose_is_the_other_sides_reflection(pose):
    here, there = place(pose).points, place(mirrored(pose)).points
    for joint, (x, y, z) in here.items():
        other = joint.replace("left_", "@").replace("right_", "left_").replace("@", "right_")
        ox, oy, oz = there[other]
        assert math.isclose(x, -ox, abs_tol=1e-9) and math.isclose(y, oy, abs_tol=1e-9)
        assert math.isclose(z, oz, abs_tol=1e-9), joint
    assert mirrored(mirrored(pose)) == pose


@settings(max_examples=100, deadline=None)
@given(ANGLES, ANGLES, st.floats(0, 1))
def test_a_blend_between_poses_keeps_every_bone_and_ends_on_them(a, b, t):
    points = place(blend(a, b, t)).points
    for start, end, length in BONES:
        assert math.isclose(distance(points[start], points[end]), length, abs_tol=1e-9)
    assert blend(a, b, 0) == a
    assert all(math.isclose(blend(a, b, 1)[n], b[n], abs_tol=1e-9) for n in b)


def test_the_directions_read_as_named():
    """Raised forward is toward the way it faces; out to the side is away from the body; bent forward leans the
    neck ahead of the pelvis; standing, the feet are on the floor."""
    stand = place({}).points
    assert math.isclose(stand["left_foot"][1], 0.0, abs_tol=1e-9) and stand["head"][1] > 1.6
    forward = place({"left_arm_raise": 90}).points
    assert forward["left_hand"][2] > 0.5 and math.isclose(forward["left_hand"][1], forward["left_shoulder"][1])
    out = place({"left_arm_out": 90, "right_arm_out": 90}).points
    assert out["left_hand"][0] > 0.7 and out["right_hand"][0] < -0.7
    bent = place({"trunk_bend": 90}).points
    assert bent["neck"][2] > 0.5 and math.isclose(bent["neck"][1], bent["pelvis"][1], abs_tol=1e-9)
    side = place({"trunk_side": 30}).points
    assert side["neck"][0] > 0.2  # to its left
    lying = place({"root_pitch": -90, "root_y": 0.1}).points
    assert lying["head"][2] < -0.7 and abs(lying["head"][1] - 0.1) < 0.05  # on its back, head along the floor
    knee = place({"left_knee": 90}).points
    assert knee["left_foot"][2] < -0.4  # the knee bends the foot back


def test_a_rounded_back_humps_and_an_arched_one_sags_about_the_same_line():
    """On all fours (the trunk level), the cat's rounded back lifts the middle of the spine above the line from
    pelvis to neck, and the cow's arch drops it below; the neck stays where trunk_bend alone puts it."""
    level = place({"trunk_bend": 90}).points
    cat = place({"trunk_bend": 90, "back_round": 40}).points
    cow = place({"trunk_bend": 90, "back_round": -40}).points
    assert cat["mid_back"][1] > level["mid_back"][1] + 0.05 > cow["mid_back"][1] + 0.1
    for curved in (cat, cow):
        assert math.isclose(curved["neck"][1], level["neck"][1], abs_tol=1e-9)  # the chord keeps its direction
        assert curved["neck"][2] < level["neck"][2]  # a bent spine spans less than a straight one


def test_a_lying_twist_rolls_the_hips_and_the_high_view_shows_either_turn_alike():
    """root_twist turns the body about its own long axis: on its back, one hip lifts off the floor while
    trunk_turn the other way keeps the shoulders level. Seen from high in front, a turn to the left is the
    mirror image of a turn to the right."""
    rolled = place({"root_pitch": -90, "root_twist": -60, "trunk_turn": 60}).points
    assert rolled["left_hip"][1] > rolled["right_hip"][1] + 0.1  # rolled to its right: the left hip lifts
    assert math.isclose(rolled["left_shoulder"][1], rolled["right_shoulder"][1], abs_tol=1e-9)
    to_left = project(place({"trunk_turn": 45, "left_arm_out": 90, "right_arm_out": 90}), "high")
    to_right = project(place({"trunk_turn": -45, "left_arm_out": 90, "right_arm_out": 90}), "high")
    for joint, (x, y) in to_left.items():
        other = joint.replace("left", "@").replace("right", "left").replace("@", "right")
        assert math.isclose(x, -to_right[other][0], abs_tol=1e-9) and math.isclose(y, to_right[other][1], abs_tol=1e-9)
    assert to_left["left_hand"][1] > to_left["right_hand"][1] + 0.2  # the arm turned back sits higher on the page


def test_seen_level_two_arms_held_out_alike_show_at_one_height():
    """From the angle's side and above, the nearer arm looks lower (arm circles read as a windmill); level, not."""
    arms_out = place({"left_arm_out": 90, "right_arm_out": 90, "left_arm_raise": 20, "right_arm_raise": 20})
    for view, alike in (("level", True), ("angle", False)):
        page = project(arms_out, view)
        assert math.isclose(page["left_hand"][1], page["right_hand"][1], abs_tol=1e-9) is alike, view


def test_the_nose_shows_which_way_the_face_looks_and_turns_with_the_chest():
    """From the side a stick figure could face either way: the nose ticks out of the ring forward; from the front
    it points at the viewer, inside the ring; turned, it points to the side the chest turns to."""
    from app.moves.figure import HEAD

    side = project(place({}), "side")
    assert side["nose"][0] - side["head"][0] > HEAD  # forward is the page's right, seen from the side
    front = project(place({}), "front")
    assert math.isclose(front["nose"][0], front["head"][0], abs_tol=1e-9)
    turned = project(place({"trunk_turn": 55}), "front")
    assert turned["head"][0] - turned["nose"][0] > HEAD / 2  # to its left: the page's left, drawn as in a mirror


def test_lying_face_down_the_nose_stops_at_the_floor():
    from app.moves.figure import grounded

    face_down = grounded(place({"root_pitch": 90, "head_bend": 30})).points
    assert face_down["nose"][1] >= 0.0 and min(y for _, y, _ in face_down.values()) == 0.0


def test_views_from_in_front_are_drawn_as_in_a_mirror_and_the_others_true():
    """A user facing the screen copies a figure facing them as their reflection: its left arm on the page's left.
    From the side and from above there is no reflection to copy: drawn as seen."""
    from app.moves.figure import VIEWS

    raised = place({"left_arm_out": 90})
    for view in VIEWS:
        page = project(raised, view)
        if view in ("front", "high", "angle", "level"):
            assert page["left_hand"][0] < page["right_hand"][0], view
    above = project(raised, "above")
    assert above["left_hand"][0] > above["right_hand"][0]  # from overhead, standing, facing down the page
