"""Nothing is lost: whatever mix of headings, numbers and paragraphs a body holds, it comes back.

A property over generated bodies (hypothesis): the import of a report whose
body is any sequence of the lines real reports write (numbered at every
level, in or out of sequence, run-in or standalone, points, figures,
attachments, braces) exports the same paragraphs, in the same order.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from exporters.text import export_text
from records import load_report
from records.importing.model import SourceParagraph
from records.importing.structure import recognise, split_points, split_run_in
from records.importing.writer import report_files
from records.skeleton import create_report_folder
from tests.cli.test_realworld import paragraphs
from tui.commands.import_ import take_figures

HEAD = ["某局2024年法治政府建设情况报告", "区政府：", "2024年，我局依法履职，现报告如下："]
LINES = [
    "{cn}、主要举措和成效",
    "（{cn}）强化组织领导",
    "（{cn}）强化组织领导。",
    "（{cn}）加强学习。全年学习12次。",
    "（{cn}）标题：正文一是甲；二是乙。",
    "（{cn}）“引号。内”标题。正文",
    "{n}.规范执法。办理案件3件。",
    "{n}、规范执法",
    "{n}.标题！正文",
    "（{n}）开展评查。",
    "（{n}）开展评查工作",
    "普通段落，没有编号。",
    "要点：一是甲；二是乙。",
    "一是甲；二是乙；三是丙。",
    "统一是关键。",
    "附件：清单",
    "{{花括号}}的段落。",
    "1.5万元的资金已到位。",
    "第3次会议，历时3个月。",
    "经费100%到位，罚款2.30万元，约30人次，检查企业100余家。",
]
CN = "一二三四五六七八九十"
line = st.builds(
    lambda template, n, cn: template.format(n=n, cn=CN[cn]),
    st.sampled_from(LINES),
    st.integers(1, 4),
    st.integers(0, 3),
)


def reimported(lines: list[str]) -> list[str]:
    report = recognise([SourceParagraph(i, text) for i, text in enumerate(lines, 1)], "x.txt")
    take_figures(report)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "r"
        create_report_folder(folder, report_files(report, folder))
        text, document = export_text(load_report(folder), web=True)
    assert document.problems == []
    return paragraphs(text)


@settings(max_examples=60, deadline=None)
@given(st.lists(line, min_size=1, max_size=25))
def test_any_body_exports_as_it_was_imported(body: list[str]) -> None:
    lines = [*HEAD, "一、主要举措和成效", *body]
    assert reimported(lines) == lines


def test_run_in_headings_end_at_the_first_stop_outside_quotes() -> None:
    assert split_run_in("强化组织领导。我局成立了小组。") == ("强化组织领导", "我局成立了小组。")
    assert split_run_in("“引号。内”标题。正文") == ("“引号。内”标题", "正文")
    assert split_run_in("主要做法：一是甲") == ("主要做法：", "一是甲")
    assert split_run_in("没有句号的标题") == ("", "没有句号的标题")


def test_points_need_two_and_a_boundary() -> None:
    assert split_points("要点：一是甲；二是乙。") == ("要点：", ["甲；", "乙。"])
    assert split_points("统一是关键，二是") == ("统一是关键，二是", [])
    assert split_points("只有一是一项。") == ("只有一是一项。", [])


def test_a_section_heading_run_into_its_text_is_split_and_nothing_else_moves() -> None:
    """``一、主要举措和成效。今年…`` : the title on its own line, the rest its first paragraph."""
    lines = [*HEAD, "一、主要举措和成效。全年召开会议3次，一是甲；二是乙。", "（一）强化组织领导"]
    report = recognise([SourceParagraph(i, t) for i, t in enumerate(lines, 1)], "x.txt")
    section = report.sections[0]
    assert (section.title, section.lead, section.points) == (
        "主要举措和成效",
        "全年召开会议3次，",
        ["甲；", "乙。"],
    )
    assert section.blocks[0].title == "强化组织领导"
    assert any("标题单独成行" in note.reason for note in report.review)
    exported = reimported(lines)
    assert exported[3:] == [
        "一、主要举措和成效",
        "全年召开会议3次，一是甲；二是乙。",
        "（一）强化组织领导",
    ]


def test_a_section_title_with_a_stop_and_nothing_after_it_is_kept_whole() -> None:
    lines = [*HEAD, "一、主要举措和成效。", "正文。"]
    report = recognise([SourceParagraph(i, t) for i, t in enumerate(lines, 1)], "x.txt")
    assert report.sections[0].title == "主要举措和成效。"
    assert report.sections[0].lead == "正文。"
