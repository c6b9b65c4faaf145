"""What ``tui import`` met in real published pages (tests/data/realworld-more), one thing a test.

Each source is a few lines in a structure a real page has; the full pages are checked by
``test_realworld_more.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from exporters.text import export_text
from records import Report, load_report
from schema import validate_report
from tests.cli.runner import run
from tests.cli.test_realworld import paragraphs


def imported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str
) -> tuple[Report, str, Path]:
    source = tmp_path / "copy.txt"
    source.write_text(text, "utf-8")
    status, out, err = run(capsys, "import", str(source), str(tmp_path / "r"))
    assert (status, err) == (0, ""), out + err
    return load_report(tmp_path / "r"), out, tmp_path / "r"


def codes(report: Report) -> list[str]:
    return sorted(d.code for d in validate_report(report) if d.code not in {"S001", "S005", "M001"})


POINTS_APART = """\
测试区教育局2023年法治政府建设情况报告
2023年，我局深入推进法治政府建设。现将工作情况汇报如下：
一、2023年度推进法治政府建设的主要举措和成效
一是精心谋划部署。我局部署年度依法行政工作。
二是加强组织领导。严格落实第一责任人职责。
三是组织学习教育。学习《教育法》等法律法规。
（一）强化执法监督
一是规范执法行为。严格执行三项制度。
二是加强案卷评查。全年评查案卷。
"""


def test_points_each_a_paragraph_are_points_that_stand_alone(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    report, _, folder = imported(capsys, tmp_path, POINTS_APART)
    section = report.sections[0]
    assert section.points == ["精心谋划部署。我局部署年度依法行政工作。", *section.points[1:]]
    assert len(section.points) == 3 and section.points_standalone and not section.paragraphs
    (part,) = section.blocks
    assert part.points_standalone and len(part.points) == 2 and not part.paragraphs
    written = (folder / "1-measures.toml").read_text("utf-8")
    assert "points_standalone = true  # 原文每个要点单独成段" in written
    # the numbers are generated again, each point on its own line, and nothing is typed
    assert paragraphs(export_text(report, web=True)[0]) == paragraphs(POINTS_APART)
    assert "F006" not in codes(report)


@pytest.mark.parametrize(
    ("second", "why"),
    [
        ("二是加强组织领导。三是组织学习教育。", "a run of points in one paragraph"),
        ("三是加强组织领导。", "not the next number"),
    ],
)
def test_a_paragraph_that_does_not_continue_the_points_stays_a_paragraph(
    second: str, why: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = "一、主要举措和成效\n一是精心谋划部署。我局部署工作。\n" + second + "\n"
    report, _, _ = imported(capsys, tmp_path, text)
    section = report.sections[0]
    assert (section.points, section.paragraphs, section.points_standalone) == (
        ["精心谋划部署。我局部署工作。"],
        [second],
        False,
    ), why
    assert paragraphs(export_text(report, web=True)[0]) == paragraphs(text)


def test_points_after_a_lead_in_its_paragraph_run_on_as_before(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = "一、主要举措和成效\n我局成立了领导小组：一是健全制度。\n二是明确分工。\n"
    report, _, _ = imported(capsys, tmp_path, text)
    section = report.sections[0]
    assert (section.lead, section.points, section.points_standalone) == (
        "我局成立了领导小组：",
        ["健全制度。"],
        False,
    )
    assert section.paragraphs == ["二是明确分工。"]


PAGE = """\
首页 政务公开 互动交流
您当前位置： 首页>区政府部门>卫生健康委员会>法治政府建设年度报告
[ 索引号 ] 11500111MB15011811/2021-00403 [ 发文字号 ] 测卫文〔2022〕8号
测试区卫生健康委员会关于2021年法治政府建设情况的报告

测试区卫生健康委员会

关于2021年法治政府建设情况的报告

测卫文〔2022〕8号

来源：测试区卫生健康委 发布时间：2022-03-28 09:18

区政府：

现将我委2021年度法治政府建设工作开展情况总结如下：

一、主要举措和成效

全年办理行政复议案件1件，及格率达100%。
"""


def test_a_page_with_the_title_twice_and_chrome_between(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    report, out, _ = imported(capsys, tmp_path, PAGE)
    assert report.body.title == "测试区卫生健康委员会\n关于2021年法治政府建设情况的报告"
    assert report.header.doc_number == "测卫文〔2022〕8号"
    assert report.body.recipients == ["区政府"]
    assert report.body.opening == "现将我委2021年度法治政府建设工作开展情况总结如下："
    assert report.year == 2021
    assert "跳过的网页内容（未写入报告）5 行" in out
    assert "第 4 行：测试区卫生健康委员会关于2021年法治政府建设情况的报告" in out
    assert "第 12 行：来源：测试区卫生健康委 发布时间：2022-03-28 09:18" in out
    (rate,) = [m for m in report.sections[0].metrics.values() if m.unit == "%"]
    assert rate.label == "及格率"  # not 格率: 及 opens the word here


def test_an_opening_ending_in_a_colon_is_not_a_recipient(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = (
        "日期：2022-03-29来源：区卫健委\n"
        "现将我委2021年度法治政府建设工作开展情况总结如下：\n"
        "一、主要举措和成效\n我委强化组织领导。\n"
    )
    report, out, _ = imported(capsys, tmp_path, text)
    assert (report.body.title, report.body.recipients) == ("", [])
    assert report.body.opening == "现将我委2021年度法治政府建设工作开展情况总结如下："
    assert "第 1 行：日期：2022-03-29来源：区卫健委" in out


def test_a_number_inside_a_documents_title_is_not_a_figure(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = (
        "一、主要举措和成效\n"
        "研究制定《铜梁区促进商务服务业高质量发展12条措施（试行）》，全年共审查重大合同39份。\n"
    )
    report, _, _ = imported(capsys, tmp_path, text)
    (metric,) = report.sections[0].metrics.values()
    assert (metric.value, metric.unit) == (39, "份")
    assert "《铜梁区促进商务服务业高质量发展12条措施（试行）》" in report.sections[0].lead


TABLE_PAGE = """\
索引号：11500111MB15011811/2022-00010
发文字号：测卫文〔2022〕8号
成文日期
2022-03-25
测试区卫生健康委员会2021年法治政府建设情况报告
区政府：
现将我委2021年度法治政府建设工作情况报告如下：
一、主要举措和成效
我委强化组织领导。
"""


def test_the_pages_index_table_gives_the_date_and_number_the_copy_lacks(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    report, out, _ = imported(capsys, tmp_path, TABLE_PAGE)
    assert (str(report.body.date), report.header.doc_number) == ("2022-03-25", "测卫文〔2022〕8号")
    assert "取自网页信息栏的“成文日期”，请核对" in out
    assert "取自网页信息栏的“发文字号”，请核对" in out
    assert "第 2 行：发文字号：测卫文〔2022〕8号" in out  # still listed as the page's line


def test_the_documents_own_date_wins_over_the_pages(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = TABLE_PAGE + "测试区卫生健康委员会\n2022年3月28日\n"
    report, out, _ = imported(capsys, tmp_path, text)
    assert str(report.body.date) == "2022-03-28"
    assert "网页信息栏的“成文日期”" not in out


def test_the_pages_links_after_the_date_are_chrome(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = (
        "测试区教育局2023年法治政府建设情况报告\n一、主要举措和成效\n我局强化组织领导。\n"
        "测试区教育局\n2024年1月15日\n"
        "上一篇：测试区教育局2022年法治政府建设情况报告\n下一篇：关于公布权责清单的通知\n"
    )
    report, out, _ = imported(capsys, tmp_path, text)
    assert (report.body.signature, str(report.body.date)) == ("测试区教育局", "2024-01-15")
    assert "第 6 行：上一篇：测试区教育局2022年法治政府建设情况报告" in out
    assert "上一篇" not in export_text(report)[0]
