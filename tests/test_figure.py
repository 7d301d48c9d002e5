"""The figure: bones never change length, whatever the angles; a pose mirrored is the other side's."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from app.moves.figure import BONES, RANGES, blend, mirrored, place

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
