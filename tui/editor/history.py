"""Undo and redo across the whole draft: the steps the clerk took, and where each was taken.

A step holds the draft as it was before and after a change (a
:class:`Moment`: every file's text, shared with the session's cache, and
what was typed into fields that could not be stored), the place where the
change was made and the place the cursor was when it began. Typing in one
field is one step until the clerk pauses (:data:`TYPING_PAUSE`) or leaves
the field, as in other editors. No Textual here: the editing screen records
a step each time it announces a change (:mod:`tui.editor.screens.undoing`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from time import monotonic

from records.positions import KeyPath
from tui.editor.session import DraftState, EditSession, FileState

TYPING_PAUSE = 1.0
"""Seconds without typing that end a typing step."""

LIMIT = 500
"""Steps kept; the oldest go first."""

Typed = tuple[tuple[tuple[str, KeyPath], str], ...]
"""Text typed into fields that could not be stored: ((file, keys), text), in typing order."""


@dataclass(frozen=True)
class Place:
    """Where a change was made: a field (the cursor goes into it) or a node of the tree."""

    file: str
    keys: KeyPath
    field: bool = False


@dataclass(frozen=True)
class Moment:
    """The draft at one moment, as undo and redo put it back.

    ``rejected`` is the text typed into fields that could not be stored
    (``870x`` in a number): typing it is a change the clerk made, so undo
    takes it back as it takes back what could be stored.
    """

    state: DraftState
    rejected: Typed = ()


def moment_of(session: EditSession) -> Moment:
    """The session's draft now (cheap: the texts are the session's cached ones)."""
    return Moment(session.state(), tuple(session.rejected.items()))


@dataclass(frozen=True)
class Step:
    """One change: the draft before and after it, and where it happened."""

    before: Moment
    after: Moment
    place: Place
    """Where the change was made: redo puts the cursor here."""
    origin: Place
    """Where the cursor was when it began: undo puts it back here."""
    typing: tuple[str, KeyPath] | None = None
    """The field typed in, while more typing there can still join this step."""
    at: float = 0.0
    """When the step last grew (a keystroke), for :data:`TYPING_PAUSE`."""


class History:
    """The steps done (to undo) and undone (to redo), oldest first."""

    def __init__(self, start: Moment, limit: int = LIMIT, pause: float = TYPING_PAUSE) -> None:
        self._base = start
        self._done: list[Step] = []
        self._undone: list[Step] = []
        self._open = False
        """The last step is typing that more keystrokes in its field may join."""
        self.limit = limit
        self.pause = pause

    @property
    def current(self) -> Moment:
        """The draft as the history last saw it."""
        return self._done[-1].after if self._done else self._base

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    def record(
        self,
        moment: Moment,
        place: Place,
        origin: Place | None = None,
        typing: bool = False,
        now: float | None = None,
    ) -> bool:
        """Take ``moment`` as a step from the last one; whether the history changed.

        Nothing is recorded when the draft is as it was. Typing (``typing``,
        in the field at ``place``) joins the last step when that was typing
        in the same field less than :attr:`pause` seconds ago; a change after
        an undo drops the steps that could have been redone.
        """
        last = self.current
        if moment == last:
            return False
        now = monotonic() if now is None else now
        moment = _sharing(moment, last)
        group = (place.file, place.keys) if typing else None
        self._undone.clear()
        top = self._done[-1] if self._done else None
        if (
            group is not None
            and self._open
            and top is not None
            and top.typing == group
            and now - top.at < self.pause
        ):
            self._done[-1] = replace(top, after=moment, place=place, at=now)
            if top.before == moment:  # typed, then erased back to where the step began
                self._done.pop()
                self._open = False
            return True
        self._done.append(Step(last, moment, place, origin or place, group, now))
        self._open = group is not None
        if len(self._done) > self.limit:
            self._base = self._done.pop(0).after
        return True

    def end_typing(self) -> None:
        """The clerk left the field (or undid): the next keystroke starts a step of its own."""
        self._open = False

    def undo(self) -> Step | None:
        """The step to take back (the draft goes back to its ``before``), or ``None``."""
        if not self._done:
            return None
        step = self._done.pop()
        self._undone.append(step)
        self._open = False
        return step

    def redo(self) -> Step | None:
        """The step undone last, to make again (the draft goes to its ``after``), or ``None``."""
        if not self._undone:
            return None
        step = self._undone.pop()
        self._done.append(step)
        self._open = False
        return step

    def __len__(self) -> int:
        """How many steps can be undone."""
        return len(self._done)


def _sharing(moment: Moment, last: Moment) -> Moment:
    """``moment`` with the texts that did not change taken from ``last``.

    After a structural change or a save the session serialises every file
    again: equal texts then share one string, so a step holds only the files
    it changed.
    """
    before = {id(f.file): f.text for f in last.state.files}
    files: list[FileState] = []
    shared = False
    for kept in moment.state.files:
        old = before.get(id(kept.file))
        if old is not None and old is not kept.text and old == kept.text:
            kept = replace(kept, text=old)
            shared = True
        files.append(kept)
    return replace(moment, state=DraftState(tuple(files))) if shared else moment
