"""A stick figure posed by joint angles in three dimensions: bones of fixed length, so no pose can stretch one.

Coordinates are metres-like units: x to the figure's left, y up, z forward (the way it faces); feet on y = 0
when it stands. A pose gives angles in degrees; `place` turns them into a point for every joint (forward
kinematics), and `project` flattens those for a view.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import NamedTuple

Vector = tuple[float, float, float]
Matrix = tuple[Vector, Vector, Vector]

# Bone lengths, and the fixed offsets of shoulders and hips from the spine's ends.
SPINE, NECK, HEAD = 0.52, 0.12, 0.12  # pelvis to neck, neck to the head's centre (HEAD: its radius)
SHOULDER_HALF, HIP_HALF = 0.19, 0.1
# The nose's tip from the head's centre: a tick out of the ring shows which way the face looks (from the side, a
# figure without one could be facing either way) and that the head turns with the chest.
NOSE = 2.0 * HEAD
UPPER_ARM, FOREARM = 0.3, 0.27
THIGH, SHIN = 0.45, 0.45
STANDING_PELVIS = THIGH + SHIN  # the pelvis's height when standing straight

# Each angle a pose may give, and its range in degrees (outside it a joint would break or dislocate).
RANGES: dict[str, tuple[float, float]] = {
    # the whole body: where the pelvis is, and which way it turns (yaw), tips (pitch) and leans (roll)
    "root_x": (-1.0, 1.0),
    "root_y": (0.0, 1.2),
    "root_z": (-1.0, 1.0),
    "root_yaw": (-180.0, 180.0),
    "root_pitch": (-95.0, 95.0),
    "root_roll": (-95.0, 95.0),
    "root_twist": (-90.0, 90.0),  # about the body's own long axis: lying on its back, the hips roll (+: to its left)
    # the trunk on the pelvis: bending forward (+) or back (-), to its left (+) or right, turning to its left (+)
    "trunk_bend": (-40.0, 120.0),
    "trunk_side": (-50.0, 50.0),
    "trunk_turn": (-70.0, 70.0),
    # the back's curve, about the middle of the spine: rounded (+, the cat's hump) or arched (-, the cow's sag)
    "back_round": (-50.0, 60.0),
    "head_bend": (-45.0, 60.0),
    # each side's arm: raised forward (+) or back, raised out to the side, the elbow bent
    "left_arm_raise": (-60.0, 185.0),
    "right_arm_raise": (-60.0, 185.0),
    "left_arm_out": (-30.0, 185.0),
    "right_arm_out": (-30.0, 185.0),
    # each side's shoulder blade: the shoulder lifted (+) or dropped, drawn forward (+) or back
    "left_shoulder_lift": (-15.0, 35.0),
    "right_shoulder_lift": (-15.0, 35.0),
    "left_shoulder_forward": (-25.0, 30.0),
    "right_shoulder_forward": (-25.0, 30.0),
    "left_arm_twist": (-90.0, 90.0),  # the upper arm turned on its own axis: out (+), the forearm up when out
    "right_arm_twist": (-90.0, 90.0),
    "left_elbow": (0.0, 150.0),
    "right_elbow": (0.0, 150.0),
    # each side's leg: raised forward (+) or back, out to the side, the knee bent
    "left_leg_raise": (-40.0, 135.0),
    "right_leg_raise": (-40.0, 135.0),
    "left_leg_out": (-30.0, 70.0),
    "right_leg_out": (-30.0, 70.0),
    "left_knee": (0.0, 155.0),
    "right_knee": (0.0, 155.0),
}
NEUTRAL = {name: 0.0 for name in RANGES} | {"root_y": STANDING_PELVIS}
# Handed angles: mirrored, each side's becomes the other's, and these change sign.
MIRRORED_SIGN = ("root_x", "root_yaw", "root_roll", "root_twist", "trunk_side", "trunk_turn")

JOINTS = (
    "pelvis",
    "mid_back",
    "neck",
    "head",
    "left_shoulder",
    "left_elbow",
    "left_hand",
    "right_shoulder",
    "right_elbow",
    "right_hand",
    "left_hip",
    "left_knee",
    "left_foot",
    "right_hip",
    "right_knee",
    "right_foot",
    "nose",
)
WAIST_UP = frozenset(JOINTS[:10]) | {"left_hip", "right_hip", "nose"}  # what a move seen close shows
BONES = (  # (from, to, length); the collarbones and the hips' bar are bones too, of fixed length
    ("pelvis", "mid_back", SPINE / 2),  # two halves, so a back can round or arch
    ("mid_back", "neck", SPINE / 2),
    ("neck", "head", NECK + HEAD),
    ("neck", "left_shoulder", SHOULDER_HALF),  # the collarbones: a shoulder lifts or draws forward on its own
    ("neck", "right_shoulder", SHOULDER_HALF),
    ("left_shoulder", "left_elbow", UPPER_ARM),
    ("left_elbow", "left_hand", FOREARM),
    ("right_shoulder", "right_elbow", UPPER_ARM),
    ("right_elbow", "right_hand", FOREARM),
    ("left_hip", "right_hip", 2 * HIP_HALF),
    ("left_hip", "left_knee", THIGH),
    ("left_knee", "left_foot", SHIN),
    ("right_hip", "right_knee", THIGH),
    ("right_knee", "right_foot", SHIN),
)

Pose = Mapping[str, float]  # angle name to degrees (or units, for root_x/y/z); a name left out is neutral


class Figure(NamedTuple):
    """Every joint's point for one pose."""

    points: dict[str, Vector]


def _rotation(axis: str, degrees: float) -> Matrix:
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    if axis == "x":
        return ((1.0, 0.0, 0.0), (0.0, c, -s), (0.0, s, c))
    if axis == "y":
        return ((c, 0.0, s), (0.0, 1.0, 0.0), (-s, 0.0, c))
    return ((c, -s, 0.0), (s, c, 0.0), (0.0, 0.0, 1.0))


def _times(a: Matrix, b: Matrix) -> Matrix:
    return tuple(tuple(sum(a[i][k] * b[k][j] for k in range(3)) for j in range(3)) for i in range(3))  # type: ignore[return-value]


def _apply(m: Matrix, v: Vector) -> Vector:
    return (
        m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2],
        m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2],
        m[2][0] * v[0] + m[2][1] * v[1] + m[2][2] * v[2],
    )


def _plus(a: Vector, b: Vector) -> Vector:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def _chain(*turns: tuple[str, float]) -> Matrix:
    """The rotations in order, the first outermost."""
    m: Matrix = ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0))
    for axis, degrees in turns:
        m = _times(m, _rotation(axis, degrees))
    return m


def place(pose: Pose) -> Figure:
    """Every joint's point for `pose`. Bending forward turns about x, to the side about z, turning about y;
    a limb hangs down (-y) at 0 and is raised forward toward +z."""
    a = dict(NEUTRAL)
    a.update(pose)
    body = _chain(("y", a["root_yaw"]), ("x", a["root_pitch"]), ("z", -a["root_roll"]), ("y", a["root_twist"]))
    pelvis = (a["root_x"], a["root_y"], a["root_z"])
    bent = _times(body, _chain(("y", a["trunk_turn"]), ("z", -a["trunk_side"]), ("x", a["trunk_bend"])))
    # The curve is shared by the two halves, so the line from pelvis to neck keeps trunk_bend's direction
    # and a rounded back humps up above it (on all fours) instead of tipping the shoulders down.
    lower = _times(bent, _rotation("x", -a["back_round"] / 2))
    trunk = _times(bent, _rotation("x", a["back_round"] / 2))  # the upper back: shoulders and head hang on it
    mid_back = _plus(pelvis, _apply(lower, (0.0, SPINE / 2, 0.0)))
    neck = _plus(mid_back, _apply(trunk, (0.0, SPINE / 2, 0.0)))
    head_turn = _times(trunk, _rotation("x", a["head_bend"]))
    points = {
        "pelvis": pelvis,
        "mid_back": mid_back,
        "neck": neck,
        "head": _plus(neck, _apply(head_turn, (0.0, NECK + HEAD, 0.0))),
    }
    points["nose"] = _plus(points["head"], _apply(head_turn, (0.0, 0.0, NOSE)))
    for side, sign in (("left", 1.0), ("right", -1.0)):
        blade = _chain(("y", -sign * a[f"{side}_shoulder_forward"]), ("z", sign * a[f"{side}_shoulder_lift"]))
        shoulder = _plus(neck, _apply(_times(trunk, blade), (sign * SHOULDER_HALF, 0.0, 0.0)))
        # Raised forward about x (toward +z), out to the side about z (away from the body on each side).
        arm = _times(
            trunk,
            _chain(
                ("z", sign * a[f"{side}_arm_out"]), ("x", -a[f"{side}_arm_raise"]), ("y", sign * a[f"{side}_arm_twist"])
            ),
        )
        elbow = _plus(shoulder, _apply(arm, (0.0, -UPPER_ARM, 0.0)))
        forearm = _times(arm, _rotation("x", -a[f"{side}_elbow"]))  # the elbow bends the hand forward and up
        points |= {
            f"{side}_shoulder": shoulder,
            f"{side}_elbow": elbow,
            f"{side}_hand": _plus(elbow, _apply(forearm, (0.0, -FOREARM, 0.0))),
        }
        hip = _plus(pelvis, _apply(body, (sign * HIP_HALF, 0.0, 0.0)))
        leg = _times(body, _chain(("z", sign * a[f"{side}_leg_out"]), ("x", -a[f"{side}_leg_raise"])))
        knee = _plus(hip, _apply(leg, (0.0, -THIGH, 0.0)))
        shin = _times(leg, _rotation("x", a[f"{side}_knee"]))  # the knee bends the foot back
        points |= {
            f"{side}_hip": hip,
            f"{side}_knee": knee,
            f"{side}_foot": _plus(knee, _apply(shin, (0.0, -SHIN, 0.0))),
        }
    return Figure(points)


def mirrored(pose: Pose) -> dict[str, float]:
    """The same pose for the other side: left and right change places, handed turns change sign."""
    out: dict[str, float] = {}
    for name, value in pose.items():
        if name.startswith("left_"):
            out["right_" + name[5:]] = value
        elif name.startswith("right_"):
            out["left_" + name[6:]] = value
        else:
            out[name] = -value if name in MIRRORED_SIGN else value
    return out


def blend(a: Pose, b: Pose, t: float) -> dict[str, float]:
    """The pose `t` (0 to 1) of the way from `a` to `b`, eased in and out, angle by angle: bones keep their
    length, as they would not if points were blended."""
    eased = t * t * (3 - 2 * t)
    names = set(a) | set(b)
    return {n: a.get(n, NEUTRAL[n]) + (b.get(n, NEUTRAL[n]) - a.get(n, NEUTRAL[n])) * eased for n in names}


VIEWS = ("front", "side", "above", "angle", "high", "level")
ANGLE_TURN, ANGLE_TILT = 35.0, 12.0  # the "angle" view: from 35 degrees to its left and a little above
# The "level" view: from the angle's side at eye level. Seen from above, of two arms held out alike the nearer
# looks lower: arm circles would read as a windmill.
HIGH_TILT = 25.0  # the "high" view: from straight in front and above, so a turn either way shows alike;
# from higher, arms held in front of the chest looked like a box hanging below the shoulders


def grounded(figure: Figure) -> Figure:
    """The figure moved up or down so that its lowest point rests on the floor (y = 0): feet stay planted
    while a squat bends, hands and knees while it kneels, whatever the angles between key poses."""
    low = min(y for joint, (_, y, _) in figure.points.items() if joint != "nose")  # a face down rests on its ring
    # Lying face down, the nose would point into the floor: it stops at the floor.
    return Figure({joint: (x, max(y - low, 0.0), z) for joint, (x, y, z) in figure.points.items()})


# Views from in front are drawn as in a mirror, its left on the page's left: a user facing the screen copies a
# figure facing them as they would their reflection. Drawn true, a new user on "left side" of side bends raised
# the arm on the screen's side of the bright one, their right.
MIRRORED = ("front", "high", "angle", "level")


def project(figure: Figure, view: str, mirror: bool | None = None) -> dict[str, tuple[float, float]]:
    """Each joint on the page: (across, up). Front: as seen facing it; side: from its right (forward to the
    page's right); above: from overhead, its head up the page when lying; angle: from in front and to its left,
    a little above, so that turns and circles show their depth; high: from straight in front and above, so that
    a turn to either side shows alike (the shoulders' line tips); level: as the angle, but at eye level, so that
    both arms held out show at one height. The four from in front are drawn as in a mirror (MIRRORED), or as
    `mirror` says (a figure lying face up, seen from above, faces the viewer too)."""
    out = {}
    turn = _chain(("x", 0.0 if view == "level" else ANGLE_TILT), ("y", -ANGLE_TURN))
    high = _rotation("x", HIGH_TILT)
    for joint, (x, y, z) in figure.points.items():
        if view == "front":
            out[joint] = (x, y)
        elif view == "side":
            out[joint] = (z, y)
        elif view == "above":
            out[joint] = (x, -z)
        elif view == "high":
            hx, hy, _ = _apply(high, (x, y, z))
            out[joint] = (hx, hy)
        else:
            ax, ay, _ = _apply(turn, (x, y, z))
            out[joint] = (ax, ay)
    if view in MIRRORED if mirror is None else mirror:
        return {joint: (-across, up) for joint, (across, up) in out.items()}
    return out
