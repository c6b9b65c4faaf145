"""Keys through a Chinese input method: full-width letters act as their ASCII forms, except in text.

Each single-letter action of the editor (the tree's a x s, a prompt's answers,
F1's q, the list's n e t r) is pressed as its ASCII letter, as the full-width
letter an input method types (ａ, and Ａ with Shift), as the Caps Lock letter
(A), and as its key that is no letter (Insert, Delete, F6, a digit); each must
leave the same files, the same screen. In a text field the same characters are
typed as text.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from textual.app import ComposeResult
from textual.pilot import Pilot
from textual.widgets import Footer, Input, Static, TextArea
from textual.widgets._footer import FooterKey, FooterLabel

from records import TomlSyntaxError, read_file
from records.source import read_source
from tests.conftest import EXAMPLE
from tests.schema.test_summary_district import make_district
from tests.tui.conftest import jump, jump_to_input, run_async, settle
from tests.tui.test_summary_list import listing, loaded, order
from tui.editor.app import EditorApp, make_app
from tui.editor.input_method import InputMethodApp, ascii_form, full_width
from tui.editor.outline import NodeRef
from tui.editor.repair import RepairApp
from tui.editor.screens.comparison import ComparisonScreen
from tui.editor.screens.help import HelpScreen, help_text, key_names
from tui.editor.screens.prompts import Choice, ChoiceScreen, TextScreen, button_text, numbered

SIZE = (80, 24)
PART = NodeRef("1-measures.toml", ("parts", 0))  # 一、（一）, a heading with points under it
SECTION_2 = NodeRef("2-shortcomings.toml", ())  # 二、, a section with two points
POINT_2 = NodeRef("2-shortcomings.toml", ("points", 0))  # 二、一是
POINT_2_2 = NodeRef("2-shortcomings.toml", ("points", 1))  # 二、二是


async def go(pilot: Pilot[Any], where: NodeRef) -> None:
    """The tree's cursor on ``where``, as the arrow keys would put it."""
    app = pilot.app
    assert isinstance(app, EditorApp)
    tree = app.editor.report_tree
    tree.go_to(where)
    await settle(pilot)
    node = tree.cursor_node.data if tree.cursor_node is not None else None
    assert node is not None and node.ref == where
    assert pilot.app.focused is tree


def test_full_width_letters_and_digits_have_ascii_forms() -> None:
    assert [ascii_form(c) for c in "ａｘｓｚＡＸＳＺ０１９"] == list("axszAXSZ019")
    assert [ascii_form(c) for c in ("a", "【", "中", "", None)] == [None] * 5
    assert [full_width(c) for c in "axS1["] == ["ａ", "ｘ", "Ｓ", "１", "["]


def test_help_lists_a_letter_with_its_full_width_form_and_its_other_keys() -> None:
    assert key_names("a,insert") == ["a", "ａ", "Insert"]
    assert key_names("s,f6") == ["s", "ｓ", "F6"]
    assert key_names("escape,f3") == ["Esc", "F3"]


def test_each_answer_of_a_prompt_shows_its_digit_and_its_letter() -> None:
    choices = [Choice("save", "保存并退出", "s"), Choice("stay", "留下", "escape")]
    assert numbered(choices) == {"1": choices[0]}
    assert button_text(choices[0], 1) == "1 保存并退出（s）"
    assert button_text(choices[1]) == "留下（Esc）"


class PromptApp(InputMethodApp[None]):
    """Nothing but the prompt that asks what to add under a heading, asked again and again."""

    OPTIONS = [
        Choice("point", "要点", "p"),
        Choice("paragraph", "段落", "d"),
        Choice("heading", "下一级标题", "h"),
        Choice("numbered", "下一级编号段落", "n"),
        Choice("part", "下一个同级标题", "b"),
        Choice("metric", "指标", "m"),
        Choice("cancel", "取消", "escape"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.answers: list[str | None] = []

    def compose(self) -> ComposeResult:
        yield Static("")

    def ask(self) -> None:
        self.push_screen(ChoiceScreen("添加什么？", self.OPTIONS, "cancel"), self.answered)

    def answered(self, answer: str | None) -> None:
        self.answers.append(answer)


@run_async
async def test_each_answer_of_the_add_prompt_is_picked_by_its_letter_in_every_form() -> None:
    app = PromptApp()
    keys = []
    for digit, choice in enumerate(PromptApp.OPTIONS[:-1], start=1):
        letter = choice.key
        keys.append((choice.value, [letter, full_width(letter), letter.upper()]))
        keys[-1][1].extend([full_width(letter.upper()), str(digit), full_width(str(digit))])
    async with app.run_test(size=SIZE) as pilot:
        for value, forms in keys:
            for key in forms:
                app.answers.clear()
                app.ask()
                await pilot.pause()
                await pilot.press(key)
                await pilot.pause()
                assert app.answers == [value], (key, value)
        app.ask()
        await pilot.pause()
        await pilot.press("ｚ", "７")  # no answer: the prompt stays
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen) and app.answers == [value]
        await pilot.press("escape")
        await pilot.pause()
        assert app.answers[-1] == "cancel"


async def run_keys(tmp_path: Path, name: str, where: NodeRef, *keys: str) -> dict[str, bytes]:
    """The example copied as ``name``, after ``keys`` on ``where`` and Ctrl+S: each file's bytes."""
    folder = tmp_path / name / EXAMPLE.name
    shutil.copytree(EXAMPLE, folder)
    app = make_app(folder, recovery_dir=tmp_path / name / "recovery")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go(pilot, where)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        assert not isinstance(app.screen, ChoiceScreen), "a prompt was left open"
        await pilot.press("ctrl+s")
        await settle(pilot)
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


async def same_as_ascii(
    tmp_path: Path, where: NodeRef, ascii: tuple[str, ...], *others: tuple[str, ...]
) -> bytes:
    """Press ``ascii``, and each of ``others``, on ``where``: the same files must be saved.

    Returns the one file that changed.
    """
    expected = await run_keys(tmp_path, "ascii", where, *ascii)
    original = {p.name: p.read_bytes() for p in sorted(EXAMPLE.iterdir())}
    changed = [name for name in expected if expected[name] != original[name]]
    assert len(changed) == 1, changed
    for i, keys in enumerate(others):
        assert await run_keys(tmp_path, f"other-{i}", where, *keys) == expected, keys
    return expected[changed[0]]


@run_async
async def test_adding_by_full_width_letters_digits_or_insert_as_by_a_and_p(tmp_path: Path) -> None:
    # the point's text typed in full-width letters and a digit: text, not keys
    typed = ("ａ", "ｘ", "ｓ", "Ａ", "１", "escape")
    saved = await same_as_ascii(
        tmp_path,
        SECTION_2,
        ("a", "p", *typed),
        ("ａ", "ｐ", *typed),
        ("Ａ", "Ｐ", *typed),
        ("A", "P", *typed),  # Caps Lock on
        ("insert", "１", *typed),
    )
    assert '"ａｘｓＡ１"' in saved.decode("utf-8")


@run_async
async def test_removing_by_full_width_letters_digits_or_delete_as_by_x_and_y(
    tmp_path: Path,
) -> None:
    saved = await same_as_ascii(
        tmp_path,
        POINT_2,
        ("x", "y"),
        ("ｘ", "ｙ"),
        ("Ｘ", "Ｙ"),
        ("delete", "１"),
    )
    assert "企业安全生产主体责任" not in saved.decode("utf-8")


@run_async
async def test_standalone_by_full_width_s_or_f6_as_by_s(tmp_path: Path) -> None:
    saved = await same_as_ascii(tmp_path, PART, ("s",), ("ｓ",), ("Ｓ",), ("f6",))
    assert "standalone = true" in saved.decode("utf-8")


@run_async
async def test_moving_by_the_brackets_a_chinese_input_method_types_as_by_brackets(
    tmp_path: Path,
) -> None:
    await same_as_ascii(
        tmp_path,
        POINT_2_2,
        ("[",),
        ("left_black_lenticular_bracket",),  # 【
        ("fullwidth_left_square_bracket",),  # ［
    )


@run_async
@pytest.mark.parametrize(
    ("key", "saved"), [("１", True), ("ｓ", True), ("S", True), ("２", False), ("Ｄ", False)]
)
async def test_the_quit_prompt_answers_full_width_letters_and_digits(
    editor: EditorApp, report_dir: Path, key: str, saved: bool
) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await jump(pilot, "签发人")
        await pilot.press("end", "ｓ")  # typed in the field: 沈斌ｓ
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(editor.screen, ChoiceScreen)
        await pilot.press(key)
        await settle(pilot)
        assert not editor.is_running
    text = (report_dir / "report.toml").read_text(encoding="utf-8")
    assert ('signer = "沈斌ｓ"' in text) is saved


@run_async
async def test_in_a_one_line_field_full_width_letters_and_digits_are_text(
    editor: EditorApp, report_dir: Path
) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        field = await jump_to_input(pilot, "签发人")
        await pilot.press("ctrl+u", "ａ", "ｘ", "Ｓ", "Ａ", "ｓ", "２", "x", "A")
        await pilot.pause()
        assert field.value == "ａｘＳＡｓ２xA" and editor.focused is field
        assert editor.screen is editor.editor  # no prompt opened
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert 'signer = "ａｘＳＡｓ２xA"' in (report_dir / "report.toml").read_text("utf-8")


@run_async
async def test_in_the_palette_and_the_metric_name_prompt_full_width_letters_are_text(
    editor: EditorApp,
) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", "ａ", "Ｘ", "１")
        await pilot.pause()
        palette_input = editor.focused
        assert isinstance(palette_input, Input) and palette_input.value == "ａＸ１"
        await pilot.press("escape")
        await pilot.pause()
        await go(pilot, PART)
        await pilot.press("ａ", "ｍ")  # add … a metric: its name first
        await pilot.pause()
        assert isinstance(editor.screen, TextScreen)
        await pilot.press("ａ", "ｍ", "１")
        name = editor.screen.query_one(Input)
        assert name.value == "ａｍ１" and isinstance(editor.screen, TextScreen)


@run_async
async def test_f1_lists_both_forms_and_a_full_width_q_closes_it(editor: EditorApp) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(editor.screen, HelpScreen)
        text = help_text(editor.screen.groups)
        both = ("a / ａ / Insert", "x / ｘ / Delete", "s / ｓ / F6", "[ / 【 / ［", "1 / 2 / 3")
        for keys in both:
            assert keys in text
        assert "全角字母、大写字母同小写" in text and "字段中照常是输入的文字" in text
        await pilot.press("ｑ")
        await pilot.pause()
        assert editor.screen is editor.editor
        await pilot.press("f1", "Ｑ")
        await pilot.pause()
        assert editor.screen is editor.editor


def footer_text(pilot: Pilot[Any]) -> str:
    """The footer as it reads: each key and its description, left to right."""
    footer = pilot.app.screen.query_one(Footer)
    parts = []
    for widget in sorted(footer.query("FooterKey, FooterLabel"), key=lambda w: w.region.x):
        if isinstance(widget, FooterKey):
            parts.append(f"{widget.key_display} {widget.description}".strip())
        elif isinstance(widget, FooterLabel):
            parts.append(str(widget.render()))
    assert all(w.region.right <= SIZE[0] for w in footer.query("*")), "the footer is cut off"
    return " ".join(parts)


@run_async
async def test_the_footer_shows_the_keys_that_are_no_letters(editor: EditorApp) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go(pilot, PART)  # on a heading the footer is at its fullest
        shown = footer_text(pilot)
        assert "ins/ del 增删" in shown and "f6 单独成段" in shown and "^p 命令" in shown
        assert "a 添加" not in shown and "x 删除" not in shown and "s 单独成段" not in shown


@run_async
async def test_full_width_q_closes_the_comparison_with_last_year(
    this_year: Path, recovery_dir: Path
) -> None:
    app = make_app(this_year, recovery_dir=recovery_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await jump(pilot, "与去年对比")
        await settle(pilot)
        assert isinstance(app.screen, ComparisonScreen)
        await pilot.press("ｑ")
        await pilot.pause()
        assert app.screen is app.editor


@run_async
async def test_the_list_sorts_by_full_width_letters_and_digits_as_by_n_e_t(
    tmp_path: Path,
) -> None:
    district = make_district(tmp_path)
    sorts = {"department": "n", "errors": "e", "date": "t"}
    forms = {
        "department": ["n", "ｎ", "Ｎ", "1", "１"],
        "errors": ["e", "ｅ", "Ｅ", "E", "2", "２"],
        "date": ["t", "ｔ", "3", "３"],
    }
    app = listing(district)
    orders: dict[str, list[str]] = {}
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot)
        assert "n/1 按单位 e/2 按错误 t/3 按日期 r/f5 刷新" in footer_text(pilot)
        for sort, keys in forms.items():
            for key in keys:
                # first another order, so that the key sorts afresh rather than reversing
                other = next(s for s in sorts if s not in (sort, screen.state.sort))
                await pilot.press(sorts[other], key)
                await pilot.pause()
                assert (screen.state.sort, screen.state.reverse) == (sort, False), key
                orders[key] = order(screen)
        reloaded = []
        screen.action_reload = lambda: reloaded.append(True)  # type: ignore[method-assign]
        await pilot.press("f5", "ｒ", "Ｒ", "r")
        await pilot.pause()
        assert len(reloaded) == 4
    assert orders["e"] != orders["n"] != orders["t"]
    for sort, keys in forms.items():
        assert all(orders[key] == orders[keys[0]] for key in keys), sort


@run_async
async def test_mending_a_file_full_width_letters_are_text_and_d_discards(
    report_dir: Path,
) -> None:
    path = report_dir / "report.toml"
    original = path.read_bytes()
    path.write_bytes(original.replace('signer = "沈斌"'.encode(), "signer = “沈斌”".encode()))
    with pytest.raises(TomlSyntaxError) as raised:
        read_file(path)
    app = RepairApp(read_source(path), raised.value)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        area = app.query_one(TextArea)
        before = area.text
        await pilot.press("ｄ", "Ｄ")
        assert area.text != before and "ｄＤ" in area.text  # typed into the file
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("ｄ")  # 放弃修改并退出
        await pilot.pause()
        assert not app.is_running
    assert path.read_bytes() == original.replace(
        'signer = "沈斌"'.encode(), "signer = “沈斌”".encode()
    )
