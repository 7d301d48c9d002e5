"""The baseline for start-up and memory: a bare Textual app showing one Digits widget."""

from textual.app import App, ComposeResult
from textual.widgets import Digits


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Digits("0:00")


if __name__ == "__main__":
    Bare().run()
