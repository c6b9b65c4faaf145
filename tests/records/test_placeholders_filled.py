"""A placeholder that ``tui new`` left, filled in, leaves neither itself nor its note behind.

``tui new`` (the skeleton) and ``tui new --from`` (carried from last year) leave
what TOML cannot hold empty as commented-out keys (``# date =``, ``# value =``,
``# doc_number = ""``, ``# lead = ""``) under a note saying “填写后删去下一行行首的“# ”：”,
and the 发文字号 as ``"宝应急〔2025〕号"`` under a note ending “填好后删去本行”. The
editor fills a field through :meth:`EditableFile.set`, or :func:`set_in_order` for
a metric's value (``tui.editor.session``): each of them, for every placeholder the files
hold, puts the value on the placeholder's line and removes the note.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from records import load_report
from records.carry import carry_over
from records.editing import FILL_IN_NOTE, PLACEHOLDER_NOTE, EditableFile, ReportDraft
from records.positions import KeyPath
from records.restructure import set_in_order
from records.skeleton import create_report_folder, skeleton_files

_PLACEHOLDER = re.compile(r"^\s*#\s*([A-Za-z_]+)\s*=")
_HEADER = re.compile(r"^\s*\[([^\[\]]+)\]")

VALUES: dict[str, Any] = {
    "doc_number": "宝应急〔2025〕3号",
    "date": dt.date(2025, 1, 20),
    "print_date": dt.date(2025, 1, 21),
    "copies": 5,
    "value": Decimal("861.98"),
    "lead": "全年工作有以下不足。",
}


@pytest.fixture
def skeleton(tmp_path: Path) -> Path:
    folder = tmp_path / "new-2024"
    create_report_folder(folder, skeleton_files(folder, "上海市宝山区应急管理局", 2024))
    return folder


@pytest.fixture
def carried(report_dir: Path) -> Path:
    folder = report_dir.parent / "baoshan-emergency-2024"
    create_report_folder(folder, carry_over(report_dir, folder))
    return folder


def placeholders(text: str) -> list[KeyPath]:
    """The keys of the commented-out placeholders under a note, as ``tui new`` writes them."""
    found: list[KeyPath] = []
    table: tuple[str, ...] = ()
    lines = text.splitlines()
    for i, line in enumerate(lines):
        header = _HEADER.match(line)
        if header:
            table = tuple(header.group(1).strip().split("."))
            continue
        match = _PLACEHOLDER.match(line)
        if match and i and PLACEHOLDER_NOTE in lines[i - 1]:
            found.append((*table, match.group(1)))
    return found


def fill(file: EditableFile, keys: KeyPath, value: Any) -> None:
    """As the editor's session does: a metric's new value in order, anything else set."""
    if len(keys) == 3 and keys[0] == "metrics":
        set_in_order(file, keys, value)
    else:
        file.set(keys, value)


def fill_all(folder: Path) -> dict[str, list[KeyPath]]:
    """Fill every placeholder (and the 发文字号 to complete) of the report, and save it."""
    draft = ReportDraft(folder)
    filled: dict[str, list[KeyPath]] = {}
    for file in draft.files:
        keys = placeholders(file.text())
        if FILL_IN_NOTE in file.text():
            keys.append(("header", "doc_number"))
        for key in keys:
            fill(file, key, VALUES[key[-1]])
        filled[file.path.name] = keys
    draft.save()
    return filled


def test_the_skeleton_and_the_carried_report_hold_every_kind_of_placeholder(
    skeleton: Path, carried: Path
) -> None:
    kinds = set()
    for folder in (skeleton, carried):
        for path in folder.glob("*.toml"):
            kinds |= {k[-1] for k in placeholders(path.read_text("utf-8"))}
    assert kinds == {"doc_number", "date", "print_date", "copies", "value", "lead"}


@pytest.mark.parametrize("which", ["skeleton", "carried"])
def test_every_filled_placeholder_leaves_no_placeholder_and_no_note(
    which: str, request: pytest.FixtureRequest
) -> None:
    folder: Path = request.getfixturevalue(which)
    before = {p.name: p.read_text("utf-8") for p in folder.glob("*.toml")}
    filled = fill_all(folder)
    assert any(filled.values())
    for name, keys in filled.items():
        text = (folder / name).read_text("utf-8")
        assert PLACEHOLDER_NOTE not in text, name
        assert FILL_IN_NOTE not in text, name
        assert not [k for k in placeholders(text) if k in keys], name
        # nothing but the notes, the placeholders and the values changed
        removed = set(before[name].splitlines()) - set(text.splitlines())
        assert all(line.startswith("# ") or "doc_number" in line for line in removed), removed
    report = load_report(folder)
    assert report.body.date == VALUES["date"] and report.footer.print_date == VALUES["print_date"]
    assert report.header.doc_number == VALUES["doc_number"]
    assert report.footer.copies == 5


def test_a_filled_metric_value_takes_the_line_of_its_placeholder(carried: Path) -> None:
    fill_all(carried)
    text = (carried / "1-measures.toml").read_text("utf-8")
    table = text[text.index("[metrics.penalty_amount]") :].split("\n\n")[0]
    assert table.splitlines() == [
        "[metrics.penalty_amount]",
        "value = 861.98",
        'unit = "万元"',
        'label = "行政处罚金额"',
    ]


def test_the_report_toml_fields_take_the_lines_of_their_placeholders(carried: Path) -> None:
    fill_all(carried)
    lines = (carried / "report.toml").read_text("utf-8").splitlines()
    header = lines.index("[header]  # 版头")
    assert lines[header : header + 4] == [
        "[header]  # 版头",
        'issuer_mark = "上海市宝山区应急管理局文件"',
        'doc_number = "宝应急〔2025〕3号"',
        'signer = "沈斌"',
    ]
    signature = lines.index('signature = "上海市宝山区应急管理局"')
    assert lines[signature + 1] == "date = 2025-01-20"
    footer = lines.index("[footer]  # 版记")
    printed = lines.index("print_date = 2025-01-21")
    assert footer < printed and not lines[printed - 1].startswith("#")
    # last year's wording above an emptied field is reference, not a placeholder: it stays
    assert any(line.startswith("# 去年的开头语：") for line in lines)


def test_the_skeleton_s_two_line_notes_go_with_their_placeholder(skeleton: Path) -> None:
    fill_all(skeleton)
    text = (skeleton / "report.toml").read_text("utf-8")
    assert "发文字号：机关代字〔年份〕序号号" not in text  # the line explaining the field
    assert "成文日期：TOML 日期" not in text and "印发日期：不早于成文日期" not in text
    assert "印数（共印几份）" not in text
    lines = text.splitlines()
    at = lines.index('doc_number = "宝应急〔2025〕3号"')
    assert lines[at - 1].startswith("issuer_mark = ") and lines[at + 1].startswith("signer = ")
    printed = lines.index("print_date = 2025-01-21")
    assert lines[printed + 1] == "copies = 5"
    shortcomings = (skeleton / "2-shortcomings.toml").read_text("utf-8")
    assert 'lead = "全年工作有以下不足。"' in shortcomings and "引语（可选）" not in shortcomings


def test_a_comment_of_the_clerk_s_own_above_a_placeholder_stays(tmp_path: Path) -> None:
    path = tmp_path / "1-measures.toml"
    path.write_text(
        '[metrics.x]\n# 待核实：统计口径\n# value =\nunit = "件"\nlabel = "x"\n', "utf-8"
    )
    file = EditableFile.open(path)
    fill(file, ("metrics", "x", "value"), 3)
    assert file.text() == '[metrics.x]\n# 待核实：统计口径\nvalue = 3\nunit = "件"\nlabel = "x"\n'


def test_a_placeholder_under_another_placeholder_keeps_the_other(tmp_path: Path) -> None:
    path = tmp_path / "report.toml"
    note = "填写后删去下一行行首的“# ”："
    path.write_text(
        f"[footer]\n# 印发日期：{note}\n# print_date =\n# 印数：{note}\n# copies =\n", "utf-8"
    )
    file = EditableFile.open(path)
    file.set(("footer", "copies"), 5)
    assert file.text() == f"[footer]\n# 印发日期：{note}\n# print_date =\ncopies = 5\n"
    file.set(("footer", "print_date"), dt.date(2025, 1, 21))
    assert file.text() == "[footer]\nprint_date = 2025-01-21\ncopies = 5\n"


def test_changing_a_value_without_such_a_note_keeps_the_comment_above(tmp_path: Path) -> None:
    path = tmp_path / "report.toml"
    path.write_text('[header]\n# 本单位的发文字号\ndoc_number = "宝应急〔2025〕3号"\n', "utf-8")
    file = EditableFile.open(path)
    file.set(("header", "doc_number"), "宝应急〔2025〕4号")
    assert file.text() == '[header]\n# 本单位的发文字号\ndoc_number = "宝应急〔2025〕4号"\n'
