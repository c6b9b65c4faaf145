"""Blocks from the keyboard: headings standalone or run-in, paragraphs, numbered paragraphs.

Each test drives the editor at 80×24 as a clerk would, saves with Ctrl+S,
and reads the saved records back (``load_report``, ``export_text``): what
the clerk built is what the next session and the export see.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual import events
from textual.keys import _character_to_key
from textual.pilot import Pilot

from records import load_report
from tests.conftest import ROOT
from tests.tui.conftest import run_async, settle
from tui.editor.app import EditorApp, make_app
from tui.editor.outline import OutlineNode
from tui.editor.screens.prompts import ChoiceScreen
from tui.editor.session import EditSession

SIZE = (80, 24)
REALWORLD = ROOT / "tests" / "data" / "realworld"
DONGAN = REALWORLD / "2025-hunan-dongan-xian-yingjiju"
EMPTY_MEASURES = 'kind = "measures"\ntitle = "推进法治政府建设的主要举措和成效"\n'


async def type_text(pilot: Pilot[None], text: str) -> None:
    """Type ``text`` as a terminal sends it (full-width marks too, which Pilot cannot press)."""
    for ch in text:
        pilot.app.post_message(events.Key(_character_to_key(ch), ch))
    await settle(pilot)


def cursor(app: EditorApp) -> OutlineNode:
    """The outline node under the tree's cursor."""
    node = app.editor.report_tree.cursor_node
    assert node is not None and node.data is not None
    return node.data


async def add(pilot: Pilot[None], answer: str) -> None:
    """``a`` in the tree, then the prompt's ``answer`` key; the cursor is in the new field."""
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ChoiceScreen)
    await pilot.press(answer)
    await settle(pilot)


def section_paragraphs(folder: Path, index: int = 0) -> list[str]:
    """The paragraphs of section ``index`` as the saved records export them."""
    from exporters.document import build_document

    body = build_document(load_report(folder)).body
    return [p.text for p in body if p.section == index]


@pytest.fixture
def dongan(tmp_path: Path) -> Path:
    """The 东安县 report of ``tests/data/realworld``, section 一 emptied to its kind and title."""
    folder = tmp_path / DONGAN.name
    shutil.copytree(DONGAN, folder)
    (folder / "1-measures.toml").write_text(EMPTY_MEASURES, encoding="utf-8")
    return folder


@run_async
async def test_the_dongan_opening_is_built_from_an_empty_section_with_the_keyboard(
    dongan: Path, recovery_dir: Path
) -> None:
    lines = (REALWORLD / f"{DONGAN.name}.txt").read_text(encoding="utf-8").splitlines()
    # 一、 then (一) standalone, its paragraph, (二) standalone, its (cut-off) paragraph
    heading, first, first_text, second, second_text = lines[3:8]
    assert first == "（一）强化组织领导" and second == "（二）坚持依法行政"
    app = make_app(dongan, recovery_dir=recovery_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "down")  # 版头 主体 主送机关 → 一、
        assert cursor(app).role == "section" and cursor(app).ref.file == "1-measures.toml"
        await add(pilot, "b")  # a heading （一）; the cursor in its title
        await type_text(pilot, first.removeprefix("（一）"))
        await pilot.press("tab", "space", "tab")  # 单独成段 switched on, on to its text
        await type_text(pilot, first_text)
        await pilot.press("escape")  # back in the tree, on （一）
        assert cursor(app).label == first and cursor(app).standalone
        await add(pilot, "b")  # the next heading, standalone as the one before
        await type_text(pilot, second.removeprefix("（二）"))
        await pilot.press("tab", "tab")
        await type_text(pilot, second_text)
        await pilot.press("escape")
        assert cursor(app).label == second and cursor(app).standalone
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not app.session.modified
    assert section_paragraphs(dongan) == [heading, first, first_text, second, second_text]
    # the same export as the report written by hand (whose figure is a metric)
    from exporters.text import export_text

    reference = export_text(load_report(DONGAN), web=True)[0]
    assert export_text(load_report(dongan), web=True)[0] == reference
    saved = (dongan / "1-measures.toml").read_text(encoding="utf-8")
    assert saved.count("[[parts]]") == 2 and saved.count("standalone = true") == 2
    assert '[[parts]]\ntitle = "强化组织领导"\nstandalone = true\ntext = "我局成立了' in saved
    assert "\n\n\n" not in saved  # one blank line between the tables, as a clerk writes them


@run_async
async def test_paragraphs_under_a_heading_are_added_and_survive_save_and_reload(
    dongan: Path, recovery_dir: Path
) -> None:
    app = make_app(dongan, recovery_dir=recovery_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "down")
        await add(pilot, "b")
        await type_text(pilot, "强化组织领导")
        await pilot.press("tab", "space", "tab")
        await type_text(pilot, "我局成立了领导小组。")
        await pilot.press("escape")
        await add(pilot, "d")  # a paragraph under （一）
        await type_text(pilot, "制定了工作清单。")
        await pilot.press("escape")
        assert cursor(app).ref.keys == ("parts", 0, "paragraphs", 0)
        await pilot.press("a")  # on a paragraph: the next paragraph, at once
        await settle(pilot)
        await type_text(pilot, "始终摆在重要位置。")
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert section_paragraphs(dongan)[1:] == [
        "（一）强化组织领导",
        "我局成立了领导小组。",
        "制定了工作清单。",
        "始终摆在重要位置。",
    ]
    reopened = EditSession(dongan).outline[2]
    (part,) = [n for n in reopened.children if n.role == "part"]
    assert [n.role for n in part.children] == ["paragraph", "paragraph"]


@run_async
async def test_numbered_paragraphs_under_a_part_are_numbered_and_survive_reload(
    dongan: Path, recovery_dir: Path
) -> None:
    app = make_app(dongan, recovery_dir=recovery_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "down")
        await add(pilot, "b")
        await type_text(pilot, "坚持依法行政")
        await pilot.press("tab", "space")
        await pilot.press("escape")
        await add(pilot, "n")  # a numbered paragraph 1. under （一）
        assert app.focused is not None and app.focused.id == app.editor.form.editors()[0].control_id
        await type_text(pilot, "规范执法行为。严格执行三项制度。")
        await pilot.press("escape")
        assert cursor(app).label.startswith("1.规范执法行为") and not cursor(app).heading
        await add(pilot, "b")  # the next numbered paragraph, 2.
        await type_text(pilot, "加强执法监督。")
        await pilot.press("escape")
        assert cursor(app).label == "2.加强执法监督。"
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert section_paragraphs(dongan)[1:] == [
        "（一）坚持依法行政",
        "1.规范执法行为。严格执行三项制度。",
        "2.加强执法监督。",
    ]
    saved = (dongan / "1-measures.toml").read_text(encoding="utf-8")
    assert saved.count("[[parts.items]]") == 2 and "title" not in saved.split("[[parts.items]]")[1]
    labels = [n.label for n in EditSession(dongan).outline[2].walk()]
    assert "1.规范执法行为。严格执行三项制度。" in labels and "2.加强执法监督。" in labels


@run_async
async def test_s_switches_a_heading_to_standalone_and_back_to_the_same_bytes(
    editor: EditorApp, report_dir: Path
) -> None:
    measures = report_dir / "1-measures.toml"
    original = measures.read_bytes()
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "down", "down")  # 一、（一）, run in (the seed's style)
        assert cursor(editor).heading and not cursor(editor).standalone
        shown = {b.description for _, b, _, _ in editor.screen.active_bindings.values() if b.show}
        assert "单独成段" in shown  # offered in the footer on a heading
        await pilot.press("s")
        await settle(pilot)
        assert cursor(editor).standalone
        await pilot.press("ctrl+s")
        await settle(pilot)
        saved = measures.read_text(encoding="utf-8")
        title = 'title = "提高政治站位，深入学习宣贯习近平法治思想"'
        assert f"[[parts]]\n{title}\nstandalone = true\n" in saved
        paragraphs = section_paragraphs(report_dir)
        assert paragraphs[1] == "（一）提高政治站位，深入学习宣贯习近平法治思想"  # alone, no 。
        assert paragraphs[2].startswith("一是将习近平法治思想")
        await pilot.press("s")  # back to run-in: the key goes, the file is as it was
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not editor.session.modified
    assert measures.read_bytes() == original


@run_async
async def test_the_form_switch_writes_standalone_too(editor: EditorApp, report_dir: Path) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "down", "down", "enter")  # into （一）'s title
        await pilot.press("tab", "space")  # the 单独成段 switch
        await pilot.press("ctrl+s")
        await settle(pilot)
    part = load_report(report_dir).sections[0].blocks[0]
    assert part.standalone and part.title == "提高政治站位，深入学习宣贯习近平法治思想"


@run_async
async def test_a_block_moves_with_what_is_under_it_and_the_move_survives_reload(
    dongan: Path, recovery_dir: Path
) -> None:
    shutil.copy(DONGAN / "1-measures.toml", dongan / "1-measures.toml")
    app = make_app(dongan, recovery_dir=recovery_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "down", "down", "down")  # 一、（二）坚持依法行政
        assert cursor(app).label == "（二）坚持依法行政"
        await add(pilot, "n")  # give it a 1. to carry along
        await type_text(pilot, "规范执法行为。")
        await pilot.press("escape", "up")  # on （二） again
        await pilot.press("[")
        await settle(pilot)
        assert cursor(app).label == "（一）坚持依法行政"
        await pilot.press("ctrl+s")
        await settle(pilot)
    paragraphs = section_paragraphs(dongan)
    assert paragraphs[1] == "（一）坚持依法行政" and paragraphs[3] == "1.规范执法行为。"
    assert paragraphs[4] == "（二）强化组织领导"
    saved = (dongan / "1-measures.toml").read_text(encoding="utf-8")
    assert "\n\n\n" not in saved and saved.endswith('label = "具体负责法治建设工作的干部"\n')


@run_async
async def test_a_block_is_removed_with_what_is_under_it(dongan: Path, recovery_dir: Path) -> None:
    shutil.copy(DONGAN / "1-measures.toml", dongan / "1-measures.toml")
    app = make_app(dongan, recovery_dir=recovery_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "down", "down")  # 一、（一）强化组织领导
        await add(pilot, "d")
        await type_text(pilot, "一段将随标题删去的文字。")
        await pilot.press("escape", "up")
        assert cursor(app).label == "（一）强化组织领导"
        await pilot.press("x")
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, ChoiceScreen) and "其下的 1 项" in prompt.detail
        await pilot.press("y")
        await settle(pilot)
        assert cursor(app).label == "（一）坚持依法行政"  # the next heading, in its place now
        await pilot.press("ctrl+s")
        await settle(pilot)
    report = load_report(dongan)
    assert [b.title for b in report.sections[0].blocks] == ["坚持依法行政"]
    assert "一段将随标题删去的文字" not in (dongan / "1-measures.toml").read_text(encoding="utf-8")


def test_the_tree_numbers_items_as_the_export_does_run_on_or_restarting(tmp_path: Path) -> None:
    run_on = EditSession(REALWORLD / "2024-shanghai-shi-yingjiju").outline[2]
    items = [n.label[:2] for n in run_on.walk() if n.role == "part" and n.level == 3]
    assert items == ["1.", "2.", "3.", "4.", "5."]  # across （一）（二）（三）
    restart = EditSession(REALWORLD / "2023-shanghai-songjiang-lvhuashirongju").outline[3]
    parts = [n for n in restart.children if n.role == "part"]
    assert parts[0].label.startswith("（一）")
    assert [n.label[:2] for n in parts[0].children if n.role == "part"][:2] == ["1、", "2、"]
    assert all(not n.heading for n in parts[0].children if n.role == "part")


def test_a_numbered_paragraph_offers_a_next_one_and_a_level_four_block_no_deeper(
    tmp_path: Path,
) -> None:
    from records.body import Numbering
    from tui.editor.adding import add_options

    outline = EditSession(REALWORLD / "2024-shanghai-shi-yingjiju").outline[2]
    item = next(n for n in outline.walk() if n.role == "part" and n.level == 3)
    options = {o.key: o.label for o in add_options(item, Numbering(True))}
    assert options["b"].startswith("下一个编号段落") and "（1）" in options["n"]
    level_four = OutlineNode(item.ref, "part", "（1）", level=4, heading=True)
    assert {o.key for o in add_options(level_four, Numbering())} == {"p", "d", "b", "m"}


def test_the_preview_opens_at_the_paragraph_that_holds_the_selected_node(tmp_path: Path) -> None:
    from tests.conftest import EXAMPLE
    from tui.editor.preview import preview

    def opening(report_folder: Path, file: str, keys: tuple[str | int, ...]) -> str:
        shown = preview(load_report(report_folder), file, keys)
        return shown.paragraphs[shown.focus].strip()

    shanghai = REALWORLD / "2024-shanghai-shi-yingjiju"
    assert opening(shanghai, "1-measures.toml", ("parts", 1)) == "（二）强化重大战略法治保障"
    assert opening(shanghai, "1-measures.toml", ("parts", 1, "items", 0)).startswith("3.实施")
    assert opening(DONGAN, "1-measures.toml", ("parts", 1, "text")).startswith("按照应急管理部")
    assert opening(DONGAN, "1-measures.toml", ("parts", 1, "title")) == "（二）坚持依法行政"
    # a point continues its owner's paragraph: a run-in part's, or the section's lead
    assert opening(EXAMPLE, "1-measures.toml", ("parts", 1, "points", 3)).startswith("（二）")
    assert opening(EXAMPLE, "2-shortcomings.toml", ("points", 1)).startswith("今年以来")
    assert opening(EXAMPLE, "2-shortcomings.toml", ()).startswith("二、")


def test_a_heading_s_text_emptied_is_removed_and_typed_again_goes_under_the_title(
    dongan: Path,
) -> None:
    from tui.editor.outline import FieldSpec

    shutil.copy(DONGAN / "1-measures.toml", dongan / "1-measures.toml")
    session = EditSession(dongan)
    text = FieldSpec("1-measures.toml", ("parts", 1, "text"), "prose")
    assert session.set_value(text, "")
    assert "text" not in session.data("1-measures.toml")["parts"][1]  # not text = ""
    part = next(n for n in session.outline[2].children if n.label == "（二）坚持依法行政")
    session.add(part, "paragraph")  # paragraphs = [""] now follow standalone
    assert session.set_value(text, "新的正文。")
    second = session.file("1-measures.toml").text().split("[[parts]]")[2]
    assert second.startswith(
        '\ntitle = "坚持依法行政"\nstandalone = true\ntext = "新的正文。"\nparagraphs = [\n'
    )


@run_async
async def test_the_tree_keys_have_ids_and_the_palette_runs_them_on_the_selected_node(
    editor: EditorApp,
) -> None:
    from textual.binding import Binding

    from tests.tui.conftest import jump
    from tui.editor.screens.help import help_text, rows_from
    from tui.editor.widgets.report_tree import ReportTree

    shown = [b for b in ReportTree.BINDINGS if isinstance(b, Binding) and b.description]
    assert all(b.id and b.id.startswith("tree.") for b in shown)
    assert "单独成段" in help_text([("目录", rows_from(ReportTree.BINDINGS))])
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "down", "down")  # 一、（一）
        await jump(pilot, "standalone")  # the palette's 单独成段 · standalone
        await settle(pilot)
        assert cursor(editor).standalone
        await jump(pilot, "move down")  # 下移 · move down
        await settle(pilot)
        assert cursor(editor).ref.keys == ("parts", 1) and cursor(editor).standalone


@run_async
async def test_a_further_paragraph_of_the_opening_is_added_on_the_body_node(
    report_dir: Path, recovery_dir: Path
) -> None:
    app = make_app(report_dir, recovery_dir=recovery_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down")  # 版头 → 主体
        assert cursor(app).role == "body"
        await pilot.press("a", "d")  # 开头语的下一段 (the other answer is a new section)
        await settle(pilot)
        await type_text(pilot, "现将有关情况报告如下：")
        await pilot.press("ctrl+s")
        await settle(pilot)
    report = load_report(report_dir)
    assert report.body.paragraphs == ["现将有关情况报告如下："]
    from exporters.document import build_document

    body = build_document(report).body
    assert [p.text for p in body[:2]][1] == "现将有关情况报告如下："
    reopened = EditSession(report_dir).outline[1]
    assert [n.label for n in reopened.children][-1].startswith("开头语的其他段落（1）")
