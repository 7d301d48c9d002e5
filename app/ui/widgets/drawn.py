"""Running work once a frame has shown a widget's change, so that work does not make the frame late."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial

from textual.widget import Widget

DRAWN_LATEST = 0.25  # seconds: callbacks run by then even if no frame draws the widget (no room for it)


class DrawnNotice(Widget):
    """A widget that can say when a frame has drawn it as it is now; its `render` calls `_rendering()`.

    A callback after the screen's refresh is not enough: it can run before a changed widget has
    told the screen it changed, and the work it does would then join, and delay, that frame.
    """

    _after_drawn: list[Callable[[], object]] | None = None

    def when_drawn(self, callback: Callable[[], object]) -> None:
        """Run `callback` after the next frame that draws this widget (at the latest DRAWN_LATEST from now)."""
        if self._after_drawn is None:
            self._after_drawn = []
        self._after_drawn.append(callback)
        self.refresh()  # drawn again even if unchanged, or no frame would say so
        self.set_timer(DRAWN_LATEST, partial(self._late, callback))

    def _rendering(self) -> None:
        if self._after_drawn:
            self.call_later(self._drawn)  # after the frame this render is part of

    def _drawn(self) -> None:
        callbacks, self._after_drawn = self._after_drawn or [], []
        for callback in callbacks:
            callback()

    def _late(self, callback: Callable[[], object]) -> None:
        """The fallback for one callback, if no frame has run it yet (not the ones asked for since)."""
        if self._after_drawn and callback in self._after_drawn:
            self._after_drawn.remove(callback)
            callback()


def when_all_drawn(widgets: Iterable[DrawnNotice], callback: Callable[[], object]) -> None:
    """Run `callback` once, after every one of `widgets` has been drawn as it is now; at once when
    none of them has room on the screen (a tiny terminal), as no frame would draw them."""
    waiting = {widget for widget in widgets if widget.display and widget.region.area}
    if not waiting:
        callback()
        return

    def drawn(widget: DrawnNotice) -> None:
        if widget in waiting:
            waiting.discard(widget)
            if not waiting:
                callback()

    for widget in list(waiting):
        widget.when_drawn(partial(drawn, widget))
