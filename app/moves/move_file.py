"""Reading a move's TOML file, checked like a routine: every problem with its line, and the figure kept in
its box, its bones their length and its joints in their range through the whole repetition."""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Iterable
from pathlib import Path

from app import paths
from app.moves.braille import Box
from app.moves.figure import JOINTS, RANGES, VIEWS, Vector
from app.moves.move import Move
from app.routine.errors import Problem, RoutineError
from app.routine.toml_locator import Locator
from app.text import closest, unsafe_chars

BOXES: dict[str, Box] = {  # left, right, bottom, top: where the figure must stay, for each view
    "front": (-1.2, 1.2, -0.05, 2.35),
    "side": (-1.2, 1.2, -0.05, 2.35),
    "above": (-1.3, 1.3, -1.3, 1.3),
    "angle": (-1.3, 1.3, -0.4, 2.35),
    "high": (-1.2, 1.2, -0.5, 1.9),
    "level": (-1.3, 1.3, -0.05, 2.35),
}
TRAIL_POINTS = 16  # points on a trailed joint's path: a circle's path reads round
LONGEST = 60.0  # seconds one repetition may last
ABOUT = 160  # characters a move's `about` may have: a line or two under the figure
SIDE_WORDS = 32  # characters a move's `left_side` may have: beside "LEFT SIDE" on the session's detail line
SAMPLES = 48  # poses a repetition is checked at, between and on its key poses
BONE_WORDS = ("spine", "neck", "head", "shoulders", "upper_arm", "forearm", "hips", "thigh", "shin")


def parse_move(data: bytes, filename: str, key: str) -> Move:
    """The move in `data`, or RoutineError listing every problem with its line."""
    try:
        text = data.decode("utf-8")
        doc = tomllib.loads(text)
    except UnicodeDecodeError:
        raise RoutineError.at(filename, 1, 1, "not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(error))  # tomllib says where only in words
        line, column = (int(found[1]), int(found[2])) if found else (1, 1)
        raise RoutineError.at(filename, line, column, f"invalid TOML: {str(error).split(' (at line')[0]}") from None
    where = Locator(text, "poses")
    problems: list[Problem] = []

    def problem(position: tuple[int, int], message: str) -> None:
        problems.append(Problem(filename, position[0], position[1], message))

    known = (
        "name", "about", "left_side", "view", "sided", "grounded", "close", "trail", "seconds", "box", "poses", "props"
    )  # fmt: skip
    for name in doc:
        if name not in known:
            close = closest(name, known)
            problem(where.root_key(name), f"unknown key {name!r}" + (f' (did you mean "{close}"?)' if close else ""))
    name = doc.get("name")
    if not isinstance(name, str) or not name.strip() or len(name) > 60:
        problem(where.root_key("name"), "name must be the move's name, 1 to 60 characters")
    about = doc.get("about", "")
    if not isinstance(about, str) or len(about) > ABOUT or unsafe_chars(about) or "\n" in about:
        said = f"about must be one line of plain text on how the move is done, at most {ABOUT} characters"
        problem(where.root_key("about"), said)
        about = ""
    left_side = doc.get("left_side", "")
    if not isinstance(left_side, str) or len(left_side) > SIDE_WORDS or unsafe_chars(left_side) or "\n" in left_side:
        said = f"left_side must be a few words on what the left side is, at most {SIDE_WORDS} characters"
        problem(where.root_key("left_side"), said)
        left_side = ""
    elif left_side and doc.get("sided") is not True:
        problem(where.root_key("left_side"), "left_side is for a move with sides (sided = true)")
    view = doc.get("view", "front")
    if view not in VIEWS:
        problem(where.root_key("view"), f"view must be one of {', '.join(VIEWS)}, got {view!r}")
        view = "front"
    sided = doc.get("sided", False)
    if not isinstance(sided, bool):
        problem(where.root_key("sided"), "sided must be true (the poses are the left side's) or false")
    on_floor = doc.get("grounded", True)
    if not isinstance(on_floor, bool):
        problem(where.root_key("grounded"), "grounded must be true (the lowest point rests on the floor) or false")
    seen_close = doc.get("close", False)
    if not isinstance(seen_close, bool):
        problem(where.root_key("close"), "close must be true (seen close, from the waist up) or false")
    trail = doc.get("trail", [])
    if not isinstance(trail, list) or not all(isinstance(joint, str) for joint in trail):
        problem(where.root_key("trail"), 'trail must be a list of joints, such as ["left_hand", "right_hand"]')
        trail = []
    for joint in trail:
        if joint not in JOINTS:
            close = closest(joint, JOINTS)
            hint = f' (did you mean "{close}"?)' if close else ""
            problem(where.root_key("trail"), f"trail: unknown joint {joint!r}{hint}")
    seconds = doc.get("seconds")
    if isinstance(seconds, bool) or not isinstance(seconds, int | float) or not 0 < seconds <= LONGEST:
        problem(
            where.root_key("seconds"), f"seconds must be the length of one repetition, over 0 and up to {LONGEST:g}"
        )
        seconds = None
    box = _box(doc["box"], where, problem) if "box" in doc else BOXES[view]
    poses = _poses(doc.get("poses"), seconds, where, problem)
    at_props = Locator(text, "props")
    props = _props(doc.get("props", []), at_props, where, problem)
    if problems:
        raise RoutineError(problems)
    move = Move(key, name.strip(), view, sided, float(seconds), poses, box, on_floor, props, seen_close)
    move = move._replace(about=about.strip(), left_side=left_side.strip())
    if view == "above":  # lying face up (the nose above the head's centre at the start), it faces the viewer
        start = move.figure_at(0.0).points
        move = move._replace(face_up=start["nose"][1] > start["head"][1])
    move = move._replace(paths=_paths(move, trail))
    if seen_close and "box" not in doc:
        move = move._replace(box=move.reach())  # the view's box would keep the figure at its full size
    _stays_in_box(move, where, at_props, problem)
    if problems:
        raise RoutineError(problems)
    return move


def _paths(move: Move, trail: list[str]) -> tuple[tuple[Vector, Vector], ...]:
    """Each trailed joint's path through a repetition, as TRAIL_POINTS still lines closing on themselves."""
    found = []
    for joint in trail:
        points = [move.figure_at(move.seconds * n / TRAIL_POINTS).points[joint] for n in range(TRAIL_POINTS)]
        found += list(zip(points, points[1:] + points[:1]))
    return tuple(found)


def _box(value: object, where: Locator, problem) -> Box:
    ok = (
        isinstance(value, list | tuple)
        and len(value) == 4
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
    )
    if not ok or not (value[0] < value[1] and value[2] < value[3]):
        problem(
            where.root_key("box"), "box must be [left, right, bottom, top], each a number, left < right, bottom < top"
        )
        return BOXES["front"]
    return tuple(float(v) for v in value)  # type: ignore[return-value]


def _poses(value: object, seconds: float | None, where: Locator, problem) -> tuple:
    if not isinstance(value, list) or len(value) < 2 or not all(isinstance(p, dict) for p in value):
        problem(where.root_key("poses"), "a move needs two [[poses]] or more")
        return ()
    found = []
    before = None
    for index, pose in enumerate(value):
        at = pose.get("at")
        if isinstance(at, bool) or not isinstance(at, int | float):
            problem(where.item(index), f"pose {index + 1}: at must be the second it is reached")
            continue
        if index == 0 and at != 0:
            problem(where.item_key(index, "at"), "the first pose is at 0: where each repetition starts")
        elif before is not None and at <= before:
            problem(
                where.item_key(index, "at"),
                f"pose {index + 1}: at {at:g} must come after the pose before it ({before:g})",
            )
        elif seconds is not None and at >= seconds:
            problem(
                where.item_key(index, "at"),
                f"pose {index + 1}: at {at:g} is past the repetition's end ({seconds:g} s: it loops back to the first)",
            )
        before = at
        angles = {}
        for joint, degrees in pose.items():
            if joint == "at":
                continue
            position = where.item_key(index, joint)
            if joint in BONE_WORDS:
                problem(position, f"pose {index + 1}: {joint} is a bone, and bones keep their length; give angles")
            elif joint not in RANGES:
                close = closest(joint, tuple(RANGES))
                hint = f' (did you mean "{close}"?)' if close else ""
                problem(position, f"pose {index + 1}: unknown joint {joint!r}{hint}")
            elif isinstance(degrees, bool) or not isinstance(degrees, int | float) or not math.isfinite(degrees):
                problem(position, f"pose {index + 1}: {joint} must be a number")
            else:
                low, high = RANGES[joint]
                if not low <= degrees <= high:
                    problem(position, f"pose {index + 1}: {joint} {degrees:g} is past its range ({low:g} to {high:g})")
                angles[joint] = float(degrees)
        found.append((float(at), angles))
    return tuple(found)


def _props(value: object, where: Locator, root: Locator, problem) -> tuple:
    """The [[props]]: each a still line, `from` and `to` points [x, y, z] in the figure's units."""
    if not isinstance(value, list) or not all(isinstance(p, dict) for p in value):
        problem(root.root_key("props"), "props must be [[props]] tables, each with from and to")
        return ()
    found = []
    for index, prop in enumerate(value):
        ends = []
        for end in ("from", "to"):
            point = prop.get(end)
            if not (
                isinstance(point, list)
                and len(point) == 3
                and all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) for v in point)
            ):
                at = where.item_key(index, end) if end in prop else where.item(index)
                problem(at, f"prop {index + 1}: {end} must be a point [x, y, z] (across, up, forward)")
                continue
            ends.append(tuple(float(v) for v in point))
        for name in prop:
            if name not in ("from", "to"):
                problem(where.item_key(index, name), f"prop {index + 1}: unknown key {name!r} (a prop has from and to)")
        if len(ends) == 2:
            found.append(tuple(ends))
    return tuple(found)


def _stays_in_box(move: Move, where: Locator, at_props: Locator, problem) -> None:
    """Every joint within the box, on both sides, at SAMPLES moments of the repetition; and every prop."""
    left, right, bottom, top = move.box
    for index, line in enumerate(move.props_at("left")):
        for x, y in line:
            if not (left <= x <= right and bottom <= y <= top):
                problem(
                    at_props.item(index),
                    f"prop {index + 1} leaves the figure's box ({x:.2f}, {y:.2f} outside {left:g} to {right:g} "
                    f"across, {bottom:g} to {top:g} up)",
                )
                return
    for sample in range(SAMPLES):
        moment = move.seconds * sample / SAMPLES
        for side in ("left", "right") if move.sided else (None,):
            for joint, (x, y) in move.shown(move.page_at(moment, side)).items():
                if not move.inside(move.box, x, y):
                    # Pointed at the key pose nearest that moment (the repetition loops, so the first is
                    # near its end too): the one to change, most likely.
                    gaps = [min(abs(moment - at), move.seconds - abs(moment - at)) for at, _ in move.poses]
                    index = gaps.index(min(gaps))
                    problem(
                        where.item(index),
                        f"pose {index + 1}: the {joint.replace('_', ' ')} leaves the figure's box at {moment:.2g} s "
                        f"({x:.2f}, {y:.2f} outside {left:g} to {right:g} across, {bottom:g} to {top:g} up)",
                    )
                    return


def library_dir() -> Path:
    """The moves shipped with Supple."""
    return paths.shipped_moves_dir()


def moves_for_session(keys: Iterable[str]) -> dict[str, tuple[Move, Box]]:
    """The shipped moves a routine's steps name, each with its reach; a move that cannot be read is left out
    (the session goes on without its figure). Some 20 ms a move: run it off the event loop."""
    found = {}
    for key in dict.fromkeys(keys):
        path = library_dir() / f"{key}.toml"
        try:
            move = parse_move(path.read_bytes(), path.name, key)
        except (OSError, RoutineError):
            continue
        found[key] = (move, move.reach())
    return found


def load_moves(folder: Path | None = None) -> tuple[dict[str, Move], list[RoutineError]]:
    """Every move in `folder` (the shipped ones), by key, and the files that could not be read, each with why."""
    moves, broken = {}, []
    for path in sorted((folder or library_dir()).glob("*.toml")):
        try:
            moves[path.stem] = parse_move(path.read_bytes(), path.name, path.stem)
        except RoutineError as error:
            broken.append(error)
        except OSError as error:
            broken.append(RoutineError.at(path.name, 1, 1, f"cannot read it ({error.strerror or error})"))
    return moves, broken
