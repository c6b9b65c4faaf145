"""Whole sections (一、二、…) from the keyboard: added, moved and removed, written by Ctrl+S.

Each Pilot test drives the editor at 80×24 as a clerk would and reads the
folder afterwards: which files exist, what each holds, how ``tui validate``
and the export read them. Nothing may reach the folder before Ctrl+S.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual import events
from textual.keys import _character_to_key
from textual.pilot import Pilot
from textual.widgets import Input

from exporters.text import export_text
from records import load_report
from records.skeleton import section_title
from tests.tui.conftest import jump, run_async, settle
from tests.tui.test_blocks import SIZE, cursor
from tui.editor.app import EditorApp, make_app
from tui.editor.outline import NodeRef
from tui.editor.recovery import RecoveryStore, restore
from tui.editor.screens.prompts import ChoiceScreen, TextScreen
from tui.editor.sections import add, move, remove
from tui.editor.session import EditSession
from tui.editor.widgets.preview_pane import PreviewPane

ORIGINAL = ["1-measures.toml", "2-shortcomings.toml", "3-leadership.toml", "4-plans.toml"]


def listing(folder: Path) -> dict[str, bytes]:
    """Every file in the folder, hidden ones too (a journal, a temporary file), with its bytes."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def numbered(data: bytes, old: str, new: str) -> bytes:
    """A section file's bytes with the number of its head comment (``# 三、…``) changed."""
    return data.replace(f"\n# {old}、".encode(), f"\n# {new}、".encode(), 1)


async def to_section(pilot: Pilot[None], app: EditorApp, name: str) -> None:
    """Move the tree's cursor (↑ to the top, then ↓) to the section node of file ``name``."""
    tree = app.editor.report_tree
    while tree.cursor_line > 0:
        await pilot.press("up")
    for _ in range(60):
        node = cursor(app)
        if node.role == "section" and node.ref.file == name:
            return
        await pilot.press("down")
    raise AssertionError(f"no section {name} in the tree")


async def prompt(pilot: Pilot[None], *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()


@run_async
async def test_a_section_added_moved_and_removed_by_keys_is_written_only_by_ctrl_s(
    report_dir: Path, recovery_dir: Path
) -> None:
    before = listing(report_dir)
    app = make_app(report_dir, recovery_dir=recovery_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await to_section(pilot, app, "2-shortcomings.toml")
        await prompt(pilot, "a")
        assert isinstance(app.screen, ChoiceScreen)
        await prompt(pilot, "s")  # 新的一节
        kinds = [str(b.label) for b in app.screen.query("Button")]
        assert "2 存在的不足和原因（已有，只能有一个）（s）" in kinds
        assert "5 其他需要报告的情况（o）" in kinds
        await prompt(pilot, "m")  # a second 主要举措和成效: allowed, by theme
        assert isinstance(app.screen, TextScreen)
        title = app.screen.query_one(Input)
        assert title.value == section_title("measures", 2023)  # the report's year
        await pilot.press("end", *["backspace"] * len(title.value))
        for ch in "2023年度安全生产执法的主要举措":  # as the terminal sends Chinese
            pilot.app.post_message(events.Key(_character_to_key(ch), ch))
        await pilot.pause()
        assert title.value == "2023年度安全生产执法的主要举措"
        await prompt(pilot, "enter")
        places = [str(b.label) for b in app.screen.query("Button")]
        assert places[0] == "1 本节之后（第三节）（a）"
        await prompt(pilot, "enter")  # after 二、, the default
        await settle(pilot)
        assert cursor(app).ref == NodeRef("3-measures.toml", ("parts", 0))  # its （一）, to fill in
        shown = app.editor.report_tree.find(NodeRef("3-measures.toml", ()))
        assert shown is not None and str(shown.label).startswith("三、2023年度安全生产执法")

        await to_section(pilot, app, "3-measures.toml")
        await pilot.press("]")  # below 四、: files renamed so they sort that way
        await settle(pilot)
        assert cursor(app).ref.file == "4-measures.toml"
        assert [f.path.name for f in app.session.draft.sections] == [
            "1-measures.toml",
            "2-shortcomings.toml",
            "3-leadership.toml",
            "4-measures.toml",
            "5-plans.toml",
        ]

        await to_section(pilot, app, "2-shortcomings.toml")
        await prompt(pilot, "x")
        assert isinstance(app.screen, ChoiceScreen)
        assert app.screen.question.startswith("删除第二节“二、")
        assert app.screen.question.endswith("（2-shortcomings.toml）？")
        assert "保存时删除文件 2-shortcomings.toml" in app.screen.detail
        await prompt(pilot, "y")
        await settle(pilot)
        assert cursor(app).ref.file == "1-measures.toml"
        assert "未保存" in app.sub_title
        assert listing(report_dir) == before  # nothing written before Ctrl+S

        await pilot.press("ctrl+s")
        await settle(pilot)
        said = [n.message for n in app._notifications][-1]
        assert said.startswith("已保存 3 个文件（改名 1 个，删除 2-shortcomings.toml）")

    after = listing(report_dir)
    assert sorted(after) == [
        "1-measures.toml",
        "3-leadership.toml",
        "4-measures.toml",
        "5-plans.toml",
        "report.toml",
    ]
    # not renamed, but 二、 now: only the number of the head comment tui wrote changes
    assert after["3-leadership.toml"] == numbered(before["3-leadership.toml"], "三", "二")
    assert after["5-plans.toml"] == before["4-plans.toml"]  # renamed, and 四、 still
    added = tomllib.loads(after["4-measures.toml"].decode("utf-8"))
    assert added["kind"] == "measures" and added["title"] == "2023年度安全生产执法的主要举措"
    report = load_report(report_dir)
    assert [s.kind for s in report.sections] == ["measures", "leadership", "measures", "plans"]
    text = export_text(report)[0]
    assert "二、党政主要负责人2023年度履行" in text and "三、2023年度安全生产执法" in text
    assert "四、2024年推进法治建设的主要安排" in text


@run_async
async def test_the_confirmation_names_the_file_and_no_keeps_the_section(
    report_dir: Path, recovery_dir: Path
) -> None:
    app = make_app(report_dir, recovery_dir=recovery_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await to_section(pilot, app, "3-leadership.toml")
        await prompt(pilot, "delete")
        assert isinstance(app.screen, ChoiceScreen)
        assert app.screen.question.startswith("删除第三节“三、")
        assert "（3-leadership.toml）" in app.screen.question
        assert "删除后报告缺少必须有的“第一责任人履职情况”部分" in app.screen.detail
        await prompt(pilot, "n")
        await settle(pilot)
        assert [f.path.name for f in app.session.draft.sections] == ORIGINAL
        assert not app.session.modified
        await jump(pilot, "删除 · remove")  # the palette's command asks the same
        assert isinstance(app.screen, ChoiceScreen)
        assert "（3-leadership.toml）" in app.screen.question
        await prompt(pilot, "escape")
    assert [p.name for p in sorted(report_dir.glob("*-*.toml"))] == ORIGINAL


@run_async
async def test_the_preview_numbers_the_sections_in_their_new_order(
    report_dir: Path, recovery_dir: Path
) -> None:
    app = make_app(report_dir, recovery_dir=recovery_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await to_section(pilot, app, "3-leadership.toml")
        await pilot.press("[", "[")  # to the top, as some bureaus put the 第一责任人 part
        await settle(pilot)
        assert cursor(app).ref.file == "1-leadership.toml"
        await pilot.press("f2")
        await settle(pilot)
        shown = app.screen.query_one(PreviewPane).text
        assert shown.lstrip().startswith("一、党政主要负责人2023年度履行")
        await pilot.press("[")  # already the first: said, nothing changes
        await settle(pilot)
        assert cursor(app).ref.file == "1-leadership.toml"
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert [p.name for p in sorted(report_dir.glob("*-*.toml"))] == [
        "1-leadership.toml",
        "2-measures.toml",
        "3-shortcomings.toml",
        "4-plans.toml",
    ]


@run_async
async def test_a_section_added_on_the_body_goes_last_by_default(
    report_dir: Path, recovery_dir: Path
) -> None:
    app = make_app(report_dir, recovery_dir=recovery_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down")  # 版头 → 主体
        assert cursor(app).role == "body"
        for key in ("a", "s", "o", "enter"):  # 新的一节, 其他, its title as filled in
            await prompt(pilot, key)
        assert [str(b.label) for b in app.screen.query("Button")][0] == "1 最后（第五节）（e）"
        await prompt(pilot, "enter")
        await settle(pilot)
        assert cursor(app).ref.file == "5-other.toml"
        await pilot.press("ctrl+s")
        await settle(pilot)
    report = load_report(report_dir)
    assert [s.kind for s in report.sections][-1] == "other"
    assert report.sections[-1].title == "其他需要报告的情况"


# -- the session: what undo and a recovered draft go back to -----------------------------
def test_restoring_an_earlier_state_brings_back_removed_and_renamed_sections(
    report_dir: Path,
) -> None:
    before = listing(report_dir)
    session = EditSession(report_dir)
    start = session.state()
    add(session, "other", "其他需要报告的情况", 1)
    move(session, "5-plans.toml", -1)
    remove(session, "3-shortcomings.toml")
    later = session.state()
    assert [f.path.name for f in session.draft.sections] != ORIGINAL

    session.restore(start)

    assert [f.path.name for f in session.draft.sections] == ORIGINAL
    assert [n.ref.file for n in session.outline if n.role == "section"] == ORIGINAL
    assert not session.modified and session.save() == [] and listing(report_dir) == before

    session.restore(later)  # redo
    assert [f.path.name for f in session.draft.sections] == [
        "1-measures.toml",
        "2-other.toml",
        "4-plans.toml",
        "5-leadership.toml",
    ]
    session.save()
    assert sorted(listing(report_dir)) == [
        "1-measures.toml",
        "2-other.toml",
        "4-plans.toml",
        "5-leadership.toml",
        "report.toml",
    ]

    session.restore(start)  # undo after the save: the disk is told at the next one
    assert session.modified
    session.save()
    assert listing(report_dir) == before


def test_a_recovered_draft_brings_back_added_moved_and_removed_sections(
    report_dir: Path, tmp_path: Path
) -> None:
    before = listing(report_dir)
    session = EditSession(report_dir)
    add(session, "other", "其他需要报告的情况", 4)
    session.set_value(
        next(
            s
            for n in session.outline
            for s in n.fields
            if s.file == "5-other.toml" and s.keys == ("title",)
        ),
        "其他需要报告的情况（补记）",
    )
    move(session, "4-plans.toml", -1)
    remove(session, "2-shortcomings.toml")
    expected = {f.path.name: f.text() for f in session.files()}
    store = RecoveryStore(report_dir, tmp_path / "recovery")
    store.write(session)  # then the editor is killed: nothing saved
    assert listing(report_dir) == before

    reopened = EditSession(report_dir)
    found = store.read(reopened)
    assert found is not None and found.removed == ["2-shortcomings.toml"]
    assert found.summary() == (  # what the offer to restore says it holds
        "3-plans.toml（原 4-plans.toml）、4-leadership.toml（原 3-leadership.toml）、"
        "5-other.toml（新增）；删除 2-shortcomings.toml"
    )
    assert restore(reopened, found) == []

    assert {f.path.name: f.text() for f in reopened.files()} == expected
    reopened.save()
    assert sorted(listing(report_dir)) == sorted(expected)
    assert all(listing(report_dir)[n] == t.encode("utf-8") for n, t in expected.items())
    assert store.read(EditSession(report_dir)) is None  # nothing left to offer


@run_async
async def test_ctrl_z_undoes_a_section_added_and_moved_as_ctrl_s_then_writes_it(
    report_dir: Path, recovery_dir: Path
) -> None:
    before = listing(report_dir)
    app = make_app(report_dir, recovery_dir=recovery_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await to_section(pilot, app, "2-shortcomings.toml")
        for key in ("a", "s", "o", "enter", "enter"):  # 其他, after 二、
            await prompt(pilot, key)
        await settle(pilot)
        await to_section(pilot, app, "5-plans.toml")
        await pilot.press("[")  # 四、 ↔ 五、: 4-leadership.toml and 5-plans.toml renamed
        await settle(pilot)
        assert cursor(app).ref.file == "4-plans.toml"

        await pilot.press("ctrl+z")  # the move undone: the cursor on the section moved
        await settle(pilot)
        assert cursor(app).ref.file == "5-plans.toml"
        await pilot.press("ctrl+s")
        await settle(pilot)
        middle = listing(report_dir)
        assert sorted(middle) == [
            "1-measures.toml",
            "2-shortcomings.toml",
            "3-other.toml",
            "4-leadership.toml",
            "5-plans.toml",
            "report.toml",
        ]
        assert middle["4-leadership.toml"] == numbered(before["3-leadership.toml"], "三", "四")
        assert middle["5-plans.toml"] == numbered(before["4-plans.toml"], "四", "五")

        await pilot.press("ctrl+z")  # the section added, undone after the save
        await settle(pilot)
        assert "未保存" in app.sub_title
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert listing(report_dir) == before  # 3-other.toml gone, the others' names back

        await pilot.press("ctrl+y", "ctrl+y")  # both again
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert [s.kind for s in load_report(report_dir).sections] == [
        "measures",
        "shortcomings",
        "other",
        "plans",
        "leadership",
    ]
    assert sorted(listing(report_dir))[3:5] == ["4-plans.toml", "5-leadership.toml"]


def test_a_removed_section_changed_on_disk_comes_back_when_the_clerk_reloads_it(
    report_dir: Path,
) -> None:
    session = EditSession(report_dir)
    remove(session, "2-shortcomings.toml")
    path = report_dir / "2-shortcomings.toml"
    path.write_text(path.read_text(encoding="utf-8") + "# 同事加的一行\n", encoding="utf-8")
    assert session.conflicts() == [path]  # the save asks: 重新载入, 覆盖, 取消

    session.reload(session.conflicts())  # 重新载入: the colleague's version, back in its place

    assert [f.path.name for f in session.draft.sections] == ORIGINAL
    assert [n.ref.file for n in session.outline if n.role == "section"] == ORIGINAL
    assert session.save() == [] and path.read_text(encoding="utf-8").endswith("# 同事加的一行\n")


@run_async
async def test_sections_added_and_moved_before_a_kill_are_offered_back_and_saved(
    report_dir: Path, recovery_dir: Path
) -> None:
    before = listing(report_dir)
    app = make_app(report_dir, recovery_dir=recovery_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await to_section(pilot, app, "4-plans.toml")
        for key in ("a", "s", "o", "enter", "enter"):  # 其他, after 四、
            await prompt(pilot, key)
        await settle(pilot)
        await to_section(pilot, app, "3-leadership.toml")
        await pilot.press("[")  # above 二、
        await settle(pilot)
    # the terminal went away: nothing saved, the recovery copy kept
    assert listing(report_dir) == before

    again = make_app(report_dir, recovery_dir=recovery_dir)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(again.screen, ChoiceScreen)
        assert "5-other.toml（新增）" in again.screen.detail
        assert "2-leadership.toml（原 3-leadership.toml）" in again.screen.detail
        await prompt(pilot, "r")
        await settle(pilot)
        assert [f.path.name for f in again.session.draft.sections] == [
            "1-measures.toml",
            "2-leadership.toml",
            "3-shortcomings.toml",
            "4-plans.toml",
            "5-other.toml",
        ]
        await pilot.press("ctrl+s")
        await settle(pilot)
    after = listing(report_dir)
    assert after["2-leadership.toml"] == numbered(before["3-leadership.toml"], "三", "二")
    assert after["3-shortcomings.toml"] == numbered(before["2-shortcomings.toml"], "二", "三")
    assert [s.kind for s in load_report(report_dir).sections][-1] == "other"
    assert sorted(after) == sorted(
        ["report.toml", "1-measures.toml", "2-leadership.toml", "3-shortcomings.toml"]
        + ["4-plans.toml", "5-other.toml"]
    )
