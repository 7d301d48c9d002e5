"""A move as data: a few key poses of one repetition and when each is reached, played by blending the poses
angle by angle, mirrored for the right side, and drawn from its view (`move_file` reads and checks one)."""

from __future__ import annotations

import re
from typing import NamedTuple

from app.moves.braille import Box, Drawing, draw
from app.moves.figure import HEAD, MIRRORED, WAIST_UP, Figure, Vector, blend, grounded, mirrored, place, project

SEEN = {  # where each view looks from, in words
    "front": "from the front",
    "side": "from the side",
    "above": "from above",
    "angle": "from in front, to one side",
    "high": "from in front and above",
    "level": "from in front, to one side, at eye level",
}


class Move(NamedTuple):
    """One repetition of a move: key poses at their seconds, looping back to the first."""

    key: str  # the file's name without .toml: "hip-circles"
    name: str
    view: str
    sided: bool  # the poses are the left side's; the right side's are their mirror
    seconds: float
    poses: tuple[tuple[float, dict[str, float]], ...]  # (seconds from the start, angles)
    box: Box
    grounded: bool = True  # its lowest point rests on the floor (false: a jump, or a figure shown floating)
    props: tuple[tuple[Vector, Vector], ...] = ()  # still lines (a door frame, a wall), for the left side
    close: bool = False  # seen close, from the waist up: for moves of the shoulders, whose travel is short
    paths: tuple[tuple[Vector, Vector], ...] = ()  # where the joints named by `trail` go: dotted, still lines
    about: str = ""  # how it is done, in a line: the words beside the figure where no step's cues are
    left_side: str = ""  # what the left side is ("left arm up, lean right"): "left side" alone named no limb
    face_up: bool = False  # lying face up, seen from above: it faces the viewer, so it is drawn as in a mirror

    @property
    def in_a_mirror(self) -> bool:
        """Drawn as in a mirror, its left on the page's left: wherever it faces the viewer, so that the user
        copies it as their reflection and "left knee over to the right" goes to the screen's right."""
        return self.view in MIRRORED or (self.view == "above" and self.face_up)

    def side_words(self, side: str | None) -> str:
        """What `side` of a sided move is, in a few words: the right's are the left's with left and right
        swapped. "" where the move has no sides or does not say."""
        if not self.sided or side not in ("left", "right") or not self.left_side:
            return ""
        if side == "left":
            return self.left_side
        return re.sub(r"\b(left|right)\b", lambda word: "right" if word[1] == "left" else "left", self.left_side)

    def shown(self, page: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
        """The joints of `page` the move's box holds: all of them, or from the hips up when seen close (the
        box's bottom is then where the figure is cut: a hand hanging below it is cut too)."""
        return {joint: point for joint, point in page.items() if joint in WAIST_UP} if self.close else page

    def inside(self, box: Box, x: float, y: float) -> bool:
        """Whether a joint at (x, y) on the page keeps to `box`: seen close, anything below it is cut, not out."""
        left, right, bottom, top = box
        return left <= x <= right and (self.close or bottom <= y) and y <= top

    def figure_at(self, moment: float, side: str | None = None) -> Figure:
        """The figure `moment` seconds into the move, resting on the floor unless the move says not."""
        figure = place(self.pose_at(moment, side))
        return grounded(figure) if self.grounded else figure

    def page_at(self, moment: float, side: str | None = None) -> dict[str, tuple[float, float]]:
        """The figure at `moment`, as its view shows it on the page."""
        figure = self.figure_at(moment, side)
        if not self._mirrored(side):
            return project(figure, self.view, self.in_a_mirror)
        flipped = Figure({n: (-x, y, z) for n, (x, y, z) in figure.points.items()})
        return _mirror(project(flipped, self.view, self.in_a_mirror))

    def _mirrored(self, side: str | None) -> bool:
        """The right side of a sided move is drawn as the left's mirror image on the page, in every view: seen
        from where the left is seen, a mirrored pose looks the same from the side, and from the angle it is
        seen from its other side, its limbs crossing. So the right side is seen from the mirrored place."""
        return self.sided and side == "right"

    def props_at(self, side: str | None = None) -> list[tuple[tuple[float, float], tuple[float, float]]]:
        """The props' lines as the view shows them, mirrored with the figure for the right side."""
        return self._lines(self.props, side)

    def paths_at(self, side: str | None = None) -> list[tuple[tuple[float, float], tuple[float, float]]]:
        """The trailed joints' paths as the view shows them, mirrored with the figure for the right side."""
        return self._lines(self.paths, side)

    def _lines(self, ends: tuple[tuple[Vector, Vector], ...], side: str | None) -> list:
        lines = [tuple(project(Figure({"a": a, "b": b}), self.view, self.in_a_mirror).values()) for a, b in ends]
        return [tuple(_mirror(dict(enumerate(line))).values()) if self._mirrored(side) else line for line in lines]

    def drawing(self, moment: float, side: str | None, width: int, height: int, box: Box | None = None) -> Drawing:
        """The move at `moment` drawn in braille on `width` x `height` cells, props and all, within `box`
        (default: the move's own)."""
        page = self.page_at(moment, side)
        shown = self.box_for(box or self.box, side)
        return draw(page, shown, width, height, side, self.props_at(side), clip=self.close, paths=self.paths_at(side))

    def box_for(self, box: Box, side: str | None) -> Box:
        """`box`, given for the left side, as the right side needs it: mirrored, as the right side's figure is."""
        if not self._mirrored(side):
            return box
        left, right, bottom, top = box
        return (-right, -left, bottom, top)

    def reach(self, samples: int = 24, margin: float = 0.08) -> Box:
        """The least box the figure (and its props) stays in through a repetition, for its left side (`box_for`
        gives the right side's): drawn in a narrow room, the figure is as large as it can be and keeps one size
        all through, on both sides."""
        xs, ys, hips = [], [], []
        for line in self.props_at("left") + self.paths_at("left"):
            for x, y in line:
                xs.append(x)
                ys.append(y)
        for sample in range(samples):
            page = self.page_at(self.seconds * sample / samples, "left")
            hips += [page[joint][1] for joint in ("pelvis", "left_hip", "right_hip")]
            for x, y in self.shown(page).values():
                xs.append(x)
                ys.append(y)
        head = HEAD + margin  # the head's ring reaches past its centre
        # Seen close, cut at the hips' lowest: a portrait from the waist up, the hands cut if they hang lower.
        low = min(hips) if self.close else min(ys) - margin
        return (min(xs) - head, max(xs) + head, low, max(ys) + head)

    @property
    def seen_from(self) -> str:
        """A word on the view where it is not the obvious one: a figure lying seen from above reads as standing."""
        return "seen from above" if self.view == "above" else ""

    def still_moment(self) -> float:
        """The key pose shown when the figure may not move: the second, where most moves are at their work."""
        return self.poses[min(1, len(self.poses) - 1)][0]

    def pose_at(self, moment: float, side: str | None = None) -> dict[str, float]:
        """The pose `moment` seconds into the move (it repeats), for `side` ("right": the mirror, if sided)."""
        t = moment % self.seconds
        times = [at for at, _ in self.poses] + [self.seconds]
        for index, (at, pose) in enumerate(self.poses):
            end = times[index + 1]
            if at <= t < end:
                after = self.poses[(index + 1) % len(self.poses)][1]
                now = blend(pose, after, (t - at) / (end - at))
                return mirrored(now) if self.sided and side == "right" else now
        return dict(self.poses[0][1])


def _mirror(page: dict) -> dict:
    """A page's points mirrored across its middle, left to right."""
    return {name: (-x, y) for name, (x, y) in page.items()}
