"""Last year's report, read once in a worker; one line under the editor when it cannot be read.

report.toml names last year's folder in ``previous``. Reading it is slow
next to a keystroke, so it is read once per ``previous`` value, in a thread;
a folder that is missing or broken is a notice the clerk can act on, never
a crash or a dialog in the way of typing.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import work
from textual.message import Message
from textual.widgets import Static
from textual.worker import get_current_worker

from records import Report
from tui.editor.previous import Previous, load_previous, previous_setting


class PreviousNotice(Static):
    """Holds last year's report; shows a line only when ``previous`` cannot be read."""

    DEFAULT_CSS = """
    PreviousNotice {
        display: none;
        height: auto;
        padding: 0 1;
        color: $warning;
        background: $warning 10%;
    }
    PreviousNotice.-shown { display: block; }
    """

    @dataclass
    class Read(Message):
        """Last year's report was read, or found unreadable (``previous.problem`` says why)."""

        previous: Previous

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.previous: Previous | None = None
        """What was read for the ``previous`` last seen; ``None`` before the first check."""

    @property
    def report(self) -> Report | None:
        """Last year's report, once read."""
        return self.previous.report if self.previous else None

    def follow(self, report: Report) -> None:
        """Read last year's report when ``report`` names another ``previous`` than was read."""
        setting = previous_setting(report)
        if self.previous is not None and self.previous.setting == setting:
            return
        self.previous = Previous(setting)
        self.show_problem()
        if setting is not None:
            self.read(report)

    @work(thread=True, exclusive=True, group="previous")
    def read(self, report: Report) -> None:
        """Read last year's report in a thread."""
        found = load_previous(report)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.arrived, found)

    def arrived(self, found: Previous) -> None:
        """Keep what was read (unless ``previous`` changed meanwhile) and tell the screen."""
        if self.previous is None or found.setting != self.previous.setting:
            return
        self.previous = found
        self.show_problem()
        self.post_message(self.Read(found))

    def show_problem(self) -> None:
        """Say why last year's report cannot be read, or take no space at all."""
        problem = self.previous.problem if self.previous else ""
        self.update(f"!{problem}" if problem else "")
        self.set_class(bool(problem), "-shown")
