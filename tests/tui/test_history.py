"""The draft's history on its own: steps, typing joined into one, the cap, undo and redo."""

from __future__ import annotations

from pathlib import Path

import pytest

from records.editing import EditableFile
from tui.editor.history import History, Moment, Place, moment_of
from tui.editor.outline import NodeRef, node_for
from tui.editor.session import DraftState, EditSession, FileState

FIELD = Place("report.toml", ("header", "signer"), field=True)
OTHER = Place("report.toml", ("header", "copies"), field=True)
NODE = Place("1-measures.toml", ("parts", 1))


@pytest.fixture
def file(report_dir: Path) -> EditableFile:
    return EditableFile.open(report_dir / "report.toml")


def at(file: EditableFile, text: str, *rejected: tuple[tuple[str, tuple[str, ...]], str]) -> Moment:
    """The one-file draft holding ``text``."""
    return Moment(DraftState((FileState(file, file.path, text),)), tuple(rejected))


def texts(history: History) -> str:
    return history.current.state.files[0].text


def test_a_change_is_a_step_and_the_same_draft_is_none(file: EditableFile) -> None:
    history = History(at(file, "a"))
    assert not history.record(at(file, "a"), NODE)  # as it was: nothing to undo
    assert not history.can_undo
    assert history.record(at(file, "ab"), NODE)
    assert not history.record(at(file, "ab"), FIELD)  # announced twice: one step
    assert len(history) == 1


def test_undo_and_redo_give_the_draft_and_the_places(file: EditableFile) -> None:
    history = History(at(file, "a"))
    history.record(at(file, "ab"), NODE, origin=FIELD)
    step = history.undo()
    assert step is not None
    assert step.before == at(file, "a") and step.origin == FIELD  # undo: the cursor where it began
    assert texts(history) == "a" and history.can_redo and not history.can_undo
    assert history.undo() is None
    again = history.redo()
    assert again is step and again.after == at(file, "ab") and again.place == NODE
    assert history.redo() is None and texts(history) == "ab"


def test_typing_in_one_field_is_one_step_until_a_pause(file: EditableFile) -> None:
    history = History(at(file, "a"), pause=1.0)
    history.record(at(file, "ab"), FIELD, typing=True, now=10.0)
    history.record(at(file, "abc"), FIELD, typing=True, now=10.5)
    history.record(at(file, "abcd"), FIELD, typing=True, now=11.2)  # 0.7 s after the last key
    assert len(history) == 1
    history.record(at(file, "abcde"), FIELD, typing=True, now=12.5)  # after a pause
    assert len(history) == 2
    step = history.undo()
    assert step is not None and step.before == at(file, "abcd")
    step = history.undo()
    assert step is not None and step.before == at(file, "a")


def test_another_field_leaving_the_field_or_a_structural_change_end_a_typing_step(
    file: EditableFile,
) -> None:
    history = History(at(file, "a"))
    history.record(at(file, "ab"), FIELD, typing=True, now=1.0)
    history.record(at(file, "abc"), OTHER, typing=True, now=1.1)
    assert len(history) == 2
    history.end_typing()
    history.record(at(file, "abcd"), OTHER, typing=True, now=1.2)
    assert len(history) == 3
    history.record(at(file, "abcde"), NODE, now=1.3)
    history.record(at(file, "abcdef"), NODE, now=1.4)
    assert len(history) == 5  # a structural change is a step of its own each time


def test_typing_erased_back_to_where_it_began_leaves_no_step(file: EditableFile) -> None:
    history = History(at(file, "a"))
    history.record(at(file, "x"), NODE, now=0.0)
    history.record(at(file, "xy"), FIELD, typing=True, now=1.0)
    history.record(at(file, "x"), FIELD, typing=True, now=1.2)
    assert len(history) == 1 and texts(history) == "x"


def test_a_change_after_an_undo_drops_what_could_be_redone(file: EditableFile) -> None:
    history = History(at(file, "a"))
    history.record(at(file, "ab"), FIELD, typing=True, now=1.0)
    history.undo()
    history.record(at(file, "ax"), FIELD, typing=True, now=1.1)  # typing again, at once
    assert not history.can_redo and len(history) == 1  # and not joined to the step undone
    assert history.undo() is not None and texts(history) == "a"


def test_the_oldest_steps_go_beyond_the_cap(file: EditableFile) -> None:
    history = History(at(file, "0"), limit=3)
    for n in range(1, 6):
        history.record(at(file, str(n)), NODE)
    assert len(history) == 3
    while history.undo():
        pass
    assert texts(history) == "2"  # 0 and 1 are beyond the cap


def test_text_typed_that_could_not_be_stored_is_part_of_the_draft(file: EditableFile) -> None:
    where = ("report.toml", ("header", "copies"))
    history = History(at(file, "a"))
    assert history.record(at(file, "a", (where, "5x")), FIELD, typing=True, now=1.0)
    step = history.undo()
    assert (
        step is not None and step.before.rejected == () and step.after.rejected == ((where, "5x"),)
    )


def test_unchanged_texts_are_shared_with_the_step_before(report_dir: Path) -> None:
    session = EditSession(report_dir)
    history = History(moment_of(session))
    first = history.current.state.files
    session.refresh()  # as after a structural change: every file serialised again
    node, spec = node_for(session.outline, "report.toml", ("header", "signer"))
    assert spec is not None
    session.set_value(spec, "李")
    assert history.record(moment_of(session), FIELD)
    now = history.current.state.files
    assert now[0].text != first[0].text
    assert all(a.text is b.text for a, b in zip(first[1:], now[1:], strict=True))


def test_restoring_a_moment_gives_back_that_moment_crlf_and_bom_too(report_dir: Path) -> None:
    for path in report_dir.glob("*.toml"):  # as saved on Windows
        data = path.read_bytes().replace(b"\n", b"\r\n")
        path.write_bytes(b"\xef\xbb\xbf" + data if path.name == "report.toml" else data)
    session = EditSession(report_dir)
    start = moment_of(session)
    _, spec = node_for(session.outline, "report.toml", ("header", "signer"))
    assert spec is not None
    session.set_value(spec, "李")
    (heading,) = [
        n for t in session.outline for n in t.walk() if n.ref == NodeRef(NODE.file, NODE.keys)
    ]
    session.move(heading, 1)
    changed = moment_of(session)
    session.restore(start.state)
    assert moment_of(session) == start and not session.modified  # no step of its own
    session.restore(changed.state)
    assert moment_of(session) == changed and session.modified
