"""Fifteen more real reports, as their web pages read: import → validate → export.

``tests/data/realworld-more/<stem>.txt`` is a published report's page as a clerk would copy it
(the page's own lines around the report included; the stored copy ends after its first ~700
characters). Each is imported with ``tui import`` as a new user would, and:

- what was recognised is the report's: its title, 主送, 发文字号, year, the kind of each section;
- ``tui export --format txt --web`` prints every line of the page that belongs to the report,
  in order and exactly, except the page's own lines (listed as skipped), a 版头 line (it became
  the header fields, which the website form leaves out) and the changes each case names;
- ``tui validate`` finds what the web copy lacks (the 版头 and 版记 fields, 署名, 成文日期, and the
  mandated sections after the cut) and nothing else but the findings each case lists, each
  with its reason.
"""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from exporters.text import export_text
from records import Report, load_report
from schema import validate_report
from tests.cli.test_realworld import paragraphs
from tui.cli import main

ROOT = Path(__file__).resolve().parents[2]
MORE = ROOT / "tests" / "data" / "realworld-more"
KINDS = ("measures", "shortcomings", "leadership", "plans")


@dataclass(frozen=True)
class Case:
    """What the page holds, and how its report differs from it by definition."""

    year: int
    kinds: tuple[str, ...]
    title: str = ""
    recipients: tuple[str, ...] = ()
    doc_number: str = ""
    chrome: tuple[str, ...] = ()
    """The page's own lines (menus, 来源, the title's first copy): skipped, listed, not exported."""
    header: tuple[str, ...] = ()
    """Lines that became 版头 fields: the full text prints them, the website form does not."""
    changed: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """A source paragraph and what the export prints for it, where the two differ by design."""
    findings: tuple[tuple[str, str], ...] = ()
    """(file, code) that validate reports besides what the copy lacks; the reason beside each."""
    date: str = ""
    """The 成文日期 of the page's index table, which the cut copy's end does not reach."""
    covered: tuple[str, ...] = ()
    """Mandated items the copy reports as a heading inside another section (no M001 for them)."""


JINGHAI_2020_TITLE = "2020年静海区法治政府建设情况报告"
DAZU_TITLE = "关于2021年法治政府工作总结和2022年 工作计划的报告"
CASES = {
    # The page: a date line and menu, the title as a heading, 文章来源 and 更新时间, then the
    # title again; 1. runs on across （一）（二）(3. under （二）).
    "2020-tianjin-jinghai-qu": Case(
        year=2020,
        kinds=("measures",),
        title=JINGHAI_2020_TITLE,
        chrome=(
            "今天是：2019年10月31日 星期三 农历十月初七",
            "工作报告",
            "您所在的位置：政务公开 > 工作报告",
            JINGHAI_2020_TITLE,
            "文章来源：司法局 更新时间：2021/03/29 11:30:01",
        ),
    ),
    # A menu, an index table written twice, the title as a one-line heading, then the
    # document: its title over two lines, its 发文字号, 主送 区政府.
    "2021-chongqing-dazu-weijianwei": Case(
        year=2021,
        kinds=("measures",),
        title="重庆市大足区卫生健康委员会\n" + DAZU_TITLE,
        recipients=("区政府",),
        doc_number="大足卫文〔2021〕82号",
        chrome=(
            "中国政府网 | 重庆市人民政府网 区政府 区人大 区政协 网站专栏",
            "| 无障碍 | 登录 | 注册 网站支持IPv6",
            "首页 政务公开 渝快办 互动交流",
            "基层政务公开",
            "您当前位置： 首页>区政府部门>卫生健康委员会>政务公开>法定主动公开内容>"
            "法治政府建设年度报告",
            "[ 索引号 ] 11500111MB15011811/2021-00403 [ 发文字号 ] 大足卫文〔2021〕82号",
            "[ 主题分类 ] 卫生 [ 体裁分类 ] 工作报告",
            "[ 发布机构 ] 大足区卫生健康委 [ 发布日期 ] 2021-11-30",
            "[ 成文日期 ] 2021-11-15 [ 有效性 ]",
            "[ 索引号 ] 11500111MB15011811/2021-00403",
            "[ 发文字号 ] 大足卫文〔2021〕82号",
            "[ 主题分类 ] 卫生",
            "[ 体裁分类 ] 工作报告",
            "[ 发布机构 ] 大足区卫生健康委",
            "[ 发布日期 ] 2021-11-30",
            "[ 成文日期 ] 2021-11-15",
            "[ 有效性 ]",
            "重庆市大足区卫生健康委员会" + DAZU_TITLE,
        ),
        header=("大足卫文〔2021〕82号",),
        # dated 2021-11-15, before the year ended: a year-end summary, which Y007 lets pass
        date="2021-11-15",
    ),
    # No title on the page: a 日期/来源 line, then 现将……总结如下： (the opening, not a 主送).
    "2021-chongqing-hechuan-weijianwei": Case(
        year=2021,
        kinds=("measures",),
        chrome=("日期：2022-03-29来源：区卫健委",),
        # （一）……履行推进法治建设第一责任人职责到位。: the 第一责任人 item is a part of 一、
        covered=("leadership",),
        # the space typed after 一、 is not kept: the number is generated, then the title
        changed={"一、 主要举措和成效": ("一、主要举措和成效",)},
    ),
    # No title, no 主送: the opening first; 1.–4. run on across （一）（二）.
    "2022-beijing-tongzhou-qu": Case(year=2022, kinds=("measures",)),
    # Run-in （一）（二）; a number inside 《…12条措施（试行）》 stays text.
    "2022-chongqing-tongliang-qu": Case(year=2022, kinds=("measures",)),
    # 时间 and 浏览量 between the title and the opening; 一是 points run in one paragraph.
    "2022-fujian-licheng-jinlong-jiedao": Case(
        year=2022,
        kinds=("measures",),
        title="鲤城区人民政府金龙街道办事处关于2022年度法治政府建设情况的报告",
        chrome=("时间：2023-02-28 15:36 浏览量：1",),
    ),
    # 发布于 between the title and the 主送.
    "2022-hebei-lutai-kaifaqu": Case(
        year=2022,
        kinds=("measures",),
        title="河北唐山芦台经济开发区管委会2022年度法治政府建设工作报告",
        recipients=("唐山市人民政府",),
        chrome=("发布于：2023-01-06 09:04:54",),
    ),
    # 一是…四是 inside one paragraph under a standalone （一）.
    "2022-shaanxi-tongguan-sifaju": Case(year=2022, kinds=("measures",)),
    # 一、 with a plain paragraph; 二、 with run-in （一）（二）.
    "2022-zhejiang-xiangshan-xianxiang-zhen": Case(
        year=2022,
        kinds=("measures", "measures"),
        title="贤庠镇人民政府关于2022年度法治政府建设情况的报告",
    ),
    # 一是 二是 三是 四是, each a paragraph of its own; the three statutory parts.
    "2023-heilongjiang-qianjin-jiaoyuju": Case(
        year=2023, kinds=("measures", "shortcomings", "leadership")
    ),
    # Two issuers in the title; 来源/发布日期/点击数 between it and the 主送.
    "2023-sichuan-quxian-jiaoyuju": Case(
        year=2023,
        kinds=("measures",),
        title="中共渠县教育局委员会 渠县教育局 关于2023年法治政府建设情况的报告",
        recipients=("中共渠县县委", "渠县人民政府"),
        chrome=(
            "来源：中共渠县教育局委员会 渠县教育局       发布日期：2024-01-23     点击数： 人次",
        ),
    ),
    # A dated menu line (2019, the page's clock), the title twice; the 第一责任人 part first.
    "2023-tianjin-jinghai-qu": Case(
        year=2023,
        kinds=("leadership",),
        title="静海区2023年度法治政府建设情况报告",
        chrome=(
            "天津市静海区人民政府 2019年12月3日星期二",
            "无障碍 简体| 繁体",
            "静海区2023年度法治政府建设情况报告",
            "来源：静海区人民政府办公室 发布时间：2024-03-28 09:18",
        ),
    ),
    # 一、2023年总体情况 (figures: 100%, 8个, 88.8%; PM2.5, 30微克/立方米 and 4.4个百分点 stay
    # text), then 二、主要做法及成效: two measures sections.
    "2023-zhejiang-shaoxing-shengtaihuanjingju": Case(year=2023, kinds=("measures", "measures")),
    # Four --lines after the opening, before 一、.
    "2023-zhejiang-shaoxing-shijianju": Case(year=2023, kinds=("measures",)),
    # 一、 title run into its text: the title printed on its own line, the text after it.
    "2024-jiangsu-yandu-qu": Case(
        year=2024,
        kinds=("measures",),
        changed={
            line: (
                "一、坚持政治引领，全面建设法治政府",
                line.removeprefix("一、坚持政治引领，全面建设法治政府。"),
            )
            for line in paragraphs((MORE / "2024-jiangsu-yandu-qu.txt").read_text("utf-8"))
            if line.startswith("一、")
        },
    ),
}
STEMS = sorted(CASES)


@dataclass(frozen=True)
class Imported:
    report: Report
    summary: str


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Imported]:
    """Every page imported once, with ``tui import`` as a user runs it."""
    root = tmp_path_factory.mktemp("more")
    done: dict[str, Imported] = {}
    for stem in STEMS:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(["import", str(MORE / f"{stem}.txt"), str(root / stem)])
        assert (status, err.getvalue()) == (0, ""), out.getvalue() + err.getvalue()
        done[stem] = Imported(load_report(root / stem), out.getvalue())
    return done


def test_every_page_has_a_case() -> None:
    assert sorted(p.stem for p in MORE.glob("*.txt")) == STEMS


@pytest.mark.parametrize("stem", STEMS)
def test_the_frame_is_the_reports(stem: str, imported: dict[str, Imported]) -> None:
    case, report = CASES[stem], imported[stem].report
    assert report.year == case.year
    assert report.body.title == case.title
    assert tuple(report.body.recipients) == case.recipients
    assert report.header.doc_number == case.doc_number
    assert str(report.body.date or "") == case.date
    assert tuple(s.kind for s in report.sections) == case.kinds
    # the page's own lines are listed as skipped, in line order
    summary = imported[stem].summary
    if case.chrome:
        assert f"跳过的网页内容（未写入报告）{len(case.chrome)} 行" in summary
        listed = [
            line.split("：", 1)[1] for line in summary.splitlines() if line.startswith("  第 ")
        ]
        assert [c for c in listed if c in case.chrome] == list(case.chrome)
    else:
        assert "跳过的网页内容" not in summary


def expected_lines(stem: str) -> list[str]:
    """The page's report lines as the website form prints them, with the case's changes."""
    case = CASES[stem]
    lines: list[str] = []
    chrome = list(case.chrome)
    for line in paragraphs((MORE / f"{stem}.txt").read_text("utf-8")):
        if chrome and line == chrome[0]:
            chrome.pop(0)
        elif line not in case.header:
            lines.extend(case.changed.get(line, (line,)))
    if case.date:  # printed after the body, where the 署名 and 日期 stand
        year, month, day = (int(n) for n in case.date.split("-"))
        lines.append(f"{year}年{month}月{day}日")
    return lines


@pytest.mark.parametrize("stem", STEMS)
def test_the_website_text_prints_the_page_paragraph_by_paragraph(
    stem: str, imported: dict[str, Imported]
) -> None:
    report = imported[stem].report
    text, document = export_text(report, web=True)
    assert document.problems == []
    assert paragraphs(text) == expected_lines(stem)
    full, _ = export_text(report)
    for line in CASES[stem].header:
        assert line in full


def lacking(report: Report) -> set[tuple[str, str, str]]:
    """What validate reports for the fields and sections a cut web copy does not have."""
    found: set[tuple[str, str, str]] = set()
    fields = {
        "/header/issuer_mark": report.header.issuer_mark,
        "/header/signer": report.header.signer,
        "/body/title": report.body.title,
        "/body/recipients": report.body.recipients,
        "/body/signature": report.body.signature,
        "/footer/printer": report.footer.printer,
    }
    found |= {("report.toml", "S005", pointer) for pointer, value in fields.items() if not value}
    missing = {
        "/header/doc_number": report.header.doc_number,
        "/body/date": report.body.date,
        "/footer/print_date": report.footer.print_date,
        "/footer/copies": report.footer.copies,
    }
    found |= {
        ("report.toml", "S001", p) for p, value in missing.items() if value is None or value == ""
    }
    if any(kind not in {s.kind for s in report.sections} for kind in KINDS):
        found.add(("report.toml", "M001", ""))
    return found


@pytest.mark.parametrize("stem", STEMS)
def test_validate_finds_only_what_the_copy_lacks(stem: str, imported: dict[str, Imported]) -> None:
    report = imported[stem].report
    found = {(Path(d.file).name, d.code, d.pointer) for d in validate_report(report)}
    intended = set(CASES[stem].findings)
    assert {(f, c) for f, c, _ in found - lacking(report)} == intended
    # every mandated section the copy reaches counts: M001 only for those after the cut
    m001 = [d.message for d in validate_report(report) if d.code == "M001"]
    kinds = {s.kind for s in report.sections} | set(CASES[stem].covered)
    assert len(m001) == len([k for k in KINDS if k not in kinds])
