"""Sections as a new user meets them: the title prompt, the palette, the new section, F1.

Found by hand at 80×24: a second 主要举措和成效 was accepted with the first
one's title (M002 at once), the palette found no section command by 节 or
section, a new section opened folded on its own line, F1 never said how to
add one. Each test drives the editor as the clerk does and reads the files
written by Ctrl+S.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual import events
from textual.command import CommandList
from textual.keys import _character_to_key
from textual.pilot import Pilot
from textual.widgets import Input, Static

from records import load_report
from records.skeleton import section_title
from schema import validate_report
from tests.tui.conftest import jump, run_async, settle
from tests.tui.test_blocks import SIZE, cursor
from tests.tui.test_sections import prompt, to_section
from tui.cells import width
from tui.editor.app import EditorApp, make_app
from tui.editor.outline import NodeRef
from tui.editor.screens.help import HelpScreen, help_text
from tui.editor.screens.prompts import ChoiceScreen, TextScreen

MEASURES = section_title("measures", 2023)


def under_the_title(app: EditorApp) -> Static:
    """The line under the title prompt's field: its note, or why Enter was refused."""
    return app.screen.query_one("#prompt-detail", Static)


async def type_in_prompt(pilot: Pilot[None], text: str) -> None:
    """Type ``text`` as a terminal sends Chinese, into a prompt (its worker still waits)."""
    for ch in text:
        pilot.app.post_message(events.Key(_character_to_key(ch), ch))
    await pilot.pause()


async def clear_the_field(pilot: Pilot[None], app: EditorApp) -> None:
    field = app.screen.query_one(Input)
    await pilot.press("end", *["backspace"] * len(field.value))
    await pilot.pause()


@run_async
async def test_a_second_measures_section_needs_a_title_of_its_own(
    report_dir: Path, recovery_dir: Path
) -> None:
    app = make_app(report_dir, recovery_dir=recovery_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await to_section(pilot, app, "1-measures.toml")
        for key in ("a", "s", "m"):  # 新的一节, 主要举措和成效
            await prompt(pilot, key)
        assert isinstance(app.screen, TextScreen)
        assert app.screen.query_one(Input).value == MEASURES  # filled in, to change
        assert "规定的标题已用于第一节" in app.screen.question
        assert str(under_the_title(app).render()).startswith("与第一节的标题相同")

        await prompt(pilot, "enter")  # the same title: refused, the prompt stays
        assert isinstance(app.screen, TextScreen)
        assert under_the_title(app).has_class("prompt-problem")
        assert str(under_the_title(app).render()).startswith(
            "与第一节的标题相同；请写出这一节的主题"
        )

        await clear_the_field(pilot, app)
        await prompt(pilot, "enter")  # nothing: refused too
        assert isinstance(app.screen, TextScreen)
        assert str(under_the_title(app).render()).startswith("请写出本节的标题")

        long = "2023年度" + "深入推进安全生产领域行政执法规范化建设" * 3 + "的主要举措和成效"
        await type_in_prompt(pilot, long)
        assert len(long) > 60 and "偏长" in str(under_the_title(app).render())
        assert not under_the_title(app).has_class("prompt-problem")  # a note, not a refusal
        await prompt(pilot, "enter")
        assert isinstance(app.screen, ChoiceScreen)  # where it goes
        await prompt(pilot, "enter")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
    added = tomllib.loads((report_dir / "2-measures.toml").read_text(encoding="utf-8"))
    assert added["kind"] == "measures" and added["title"] == long
    codes = [d.code for d in validate_report(load_report(report_dir))]
    assert "M002" not in codes


async def palette_offers(pilot: Pilot[None], query: str) -> list[str]:
    """What Ctrl+P lists for ``query`` (then closed again)."""
    await pilot.press("ctrl+p", *query)
    await pilot.pause(0.4)  # the palette searches in the background
    found = pilot.app.screen.query_one(CommandList)
    texts = [str(found.get_option_at_index(i).prompt) for i in range(found.option_count)]
    await pilot.press("escape")
    await pilot.pause()
    return texts


SECTION_COMMANDS = ["添加新的一节", "删除本节", "本节上移", "本节下移"]


@run_async
async def test_the_palette_finds_the_section_commands_and_they_act_on_the_cursors_section(
    report_dir: Path, recovery_dir: Path
) -> None:
    app = make_app(report_dir, recovery_dir=recovery_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for query in ("节", "section"):
            found = await palette_offers(pilot, query)
            for command in SECTION_COMMANDS:
                assert any(command in text for text in found), (query, command, found)
        assert any("添加新的一节" in t for t in await palette_offers(pilot, "新的一节"))

        await to_section(pilot, app, "2-shortcomings.toml")
        await pilot.press("down")  # its 一是: a point inside the section
        assert cursor(app).role == "point"
        await jump(pilot, "本节上移")
        await settle(pilot)
        assert [f.path.name for f in app.session.draft.sections][:2] == [
            "1-shortcomings.toml",
            "2-measures.toml",
        ]

        await to_section(pilot, app, "3-leadership.toml")
        await pilot.press("down")
        await jump(pilot, "删除本节")  # asks about the section, not about the point
        assert isinstance(app.screen, ChoiceScreen)
        assert app.screen.question.startswith("删除第三节“三、党政主要负责人")
        await prompt(pilot, "n")

        while app.editor.report_tree.cursor_line > 0:  # up to 版头: in no section
            await pilot.press("up")
        assert cursor(app).role == "header"
        await jump(pilot, "删除本节")
        assert app.screen is app.editor  # nothing asked: which section?
        assert "光标不在哪一节中" in [n.message for n in app._notifications][-1]

        await jump(pilot, "添加新的一节")  # from outside a section: last, as on 主体
        for key in ("o", "enter"):  # 其他, its title as filled in
            await prompt(pilot, key)
        places = [str(b.label) for b in app.screen.query("Button")]
        assert places[0] == "1 最后（第五节）（e）"
        await prompt(pilot, "enter")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert [s.kind for s in load_report(report_dir).sections] == [
        "shortcomings",
        "measures",
        "leadership",
        "plans",
        "other",
    ]


@run_async
async def test_a_new_section_opens_with_the_cursor_on_what_to_fill_in_first(
    report_dir: Path, recovery_dir: Path
) -> None:
    app = make_app(report_dir, recovery_dir=recovery_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await to_section(pilot, app, "4-plans.toml")
        for key in ("a", "s", "o", "enter", "enter"):  # 其他, after 四、: the last line of the tree
            await prompt(pilot, key)
        await settle(pilot)
        tree = app.editor.report_tree
        section = tree.find(NodeRef("5-other.toml", ()))
        assert section is not None and section.is_expanded
        assert cursor(app).ref == NodeRef("5-other.toml", ("paragraphs", 0))  # its empty 段落
        assert tree.cursor_line - tree.scroll_offset.y < tree.size.height  # in sight at 80×24

        await to_section(pilot, app, "1-measures.toml")
        for key in ("a", "s", "m"):
            await prompt(pilot, key)
        await clear_the_field(pilot, app)
        await type_in_prompt(pilot, "2023年度安全生产执法的主要举措")
        for key in ("enter", "enter"):  # after 一、
            await prompt(pilot, key)
        await settle(pilot)
        first = tree.find(NodeRef("2-measures.toml", ("parts", 0)))
        assert first is not None and first.is_expanded  # its （一）, open on its empty 一是
        assert cursor(app).ref == NodeRef("2-measures.toml", ("parts", 0))
        assert [f.spec.keys for f in app.editor.form.editors()][:1] == [("parts", 0, "title")]


@run_async
async def test_f1_says_how_to_add_remove_and_move_a_section(editor: EditorApp) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(editor.screen, HelpScreen)
        text = help_text(editor.screen.groups)
        tree = text[text.index("【目录（左侧）】") : text.index("【移动与编辑】")]
        assert "新的一节" in tree and "删除整节" in tree and "整节上移、下移" in tree
        assert "p / ｐ / F7" in tree and "要点分段" in tree
        widest = max(width(line) for line in tree.splitlines())
        assert widest <= 58  # one line each in the help box at 80 columns
