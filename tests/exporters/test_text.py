"""The published text: every sentence of the seed, numbering generated, values filled in."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from exporters.numbering import chinese_number, point_number
from exporters.text import export_text, width
from records import load_report
from tests.conftest import SEED

_HALF_TO_FULL = str.maketrans(
    {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "?": "？", "!": "！"}
)


def normalise(text: str) -> str:
    """Drop white space, Markdown marks and rules; make punctuation full-width."""
    text = re.sub(r"^#+ *|\*\*|^-{3,}$|─+", "", text, flags=re.MULTILINE)
    return re.sub(r"\s+", "", text).translate(_HALF_TO_FULL)


def seed_sentences() -> list[str]:
    """The seed cut into sentences, after joining the words its page breaks cut.

    A long line that stops mid-sentence was cut by a page break and runs on;
    a short one (header fields, 版记) stands alone.
    """
    lines = [normalise(line) for line in SEED.read_text(encoding="utf-8").splitlines()]
    blocks, current = [], ""
    for line in filter(None, lines):
        current += line
        if len(line) < 40 or line.endswith(("。", "：", "；")):
            blocks.append(current)
            current = ""
    blocks.append(current)
    return [s for block in blocks for s in re.split(r"(?<=[。；：])", block) if s]


def test_the_export_contains_every_sentence_of_the_seed(example_dir: Path) -> None:
    text, document = export_text(load_report(example_dir))
    assert document.problems == []
    exported = normalise(text)
    missing = [s for s in seed_sentences() if s not in exported]
    assert not missing, "导出文本缺少原文句子：\n" + "\n".join(missing)


def test_the_export_reads_in_the_seeds_order(example_dir: Path) -> None:
    exported = normalise(export_text(load_report(example_dir))[0])
    position = 0
    for sentence in seed_sentences():
        found = exported.find(sentence, position)
        assert found >= 0, f"顺序不符：{sentence}"
        position = found + len(sentence)


def test_values_are_written_as_stated(example_dir: Path) -> None:
    text, _ = export_text(load_report(example_dir))
    assert "处罚金额861.98万元" in text
    assert "重大执法决定法制审核100%全覆盖" in text
    assert "汇聚全区视频资源2.3万路" in text
    assert "排查事故隐患103400条" in text
    assert "{" not in text


def test_header_signature_and_footer(example_dir: Path) -> None:
    lines = export_text(load_report(example_dir))[0].splitlines()
    assert lines[0] == "上海市宝山区应急管理局文件"
    assert re.fullmatch(r"\u3000宝应急〔2024〕2号[\u3000 ]+签发人：沈斌", lines[2])
    assert "中共上海市宝山区委、宝山区人民政府：" in lines
    assert [line.strip("\u3000") for line in lines[-8:-5]] == [
        "上海市宝山区应急管理局",
        "2024年1月19日",
        "",
    ]
    assert lines[-1] == "─" * 28
    # 印发日期 and 印数 both end one character in from the right, as in the DOCX
    assert lines[-2].strip("\u3000 ") == "（共印5份）"
    assert width(lines[-2]) == width(lines[-3]) == 28 * 2 - 2
    assert lines[-4] == "\u3000抄送：区法治政府办。"
    assert lines[-3].startswith("\u3000上海市宝山区应急管理局") and lines[-3].endswith(
        "2024年1月19日印发"
    )


def test_date_starts_two_characters_right_of_the_signature(example_dir: Path) -> None:
    lines = export_text(load_report(example_dir))[0].splitlines()
    signature = next(line for line in lines if line.strip("\u3000") == "上海市宝山区应急管理局")
    date = lines[lines.index(signature) + 1]
    indent = len(signature) - len(signature.lstrip("\u3000"))
    assert date.startswith("\u3000" * (indent + 2) + "2024年")


def test_numbering_is_generated_from_structure(example_dir: Path) -> None:
    text, _ = export_text(load_report(example_dir))
    headings = re.findall(r"^\u3000\u3000([一二三四五六七八九十]+)、", text, flags=re.MULTILINE)
    assert headings == ["一", "二", "三", "四"]
    assert text.count("（一）") == 2  # parts of 一、 and of 四、
    assert "（三）落实普法责任，持续推进普法宣传工作向纵深发展。一是制定并报送" in text
    assert "八是强化全流程数字化监管" in text
    assert "主要表现在：一是企业安全生产主体责任落实不到位。个别企业" in text
    assert "仍旧淡薄。二是部分执法人员能力有待提升。" in text


def test_sections_follow_their_file_names(report_dir: Path) -> None:
    shutil.move(report_dir / "3-leadership.toml", report_dir / "0-leadership.toml")
    text, _ = export_text(load_report(report_dir))
    assert "一、党政主要负责人2023年度履行推进法治建设第一责任人职责" in text
    assert "二、2023年度推进法治政府建设的主要举措和成效" in text


def test_a_reference_to_no_metric_is_a_problem_with_its_position(report_dir: Path) -> None:
    path = report_dir / "2-shortcomings.toml"
    text = path.read_text(encoding="utf-8").replace("不到位。", "不到位{missing_count}。", 1)
    path.write_text(text, encoding="utf-8")
    exported, document = export_text(load_report(report_dir))
    assert "{missing_count}" in exported  # kept visibly, never an empty string
    [problem] = document.problems
    line = text.splitlines()[problem.line - 1]
    assert problem.file.endswith("2-shortcomings.toml")
    assert line[problem.column - 1 :].startswith("{missing_count}")
    assert "missing_count" in problem.message
    assert problem.pointer == "/points/0"


@pytest.mark.parametrize(
    ("prose", "code"),
    [("{0}次", "X002"), ("{__class__}", "X001"), ("共{penalty_cases次", "X002"), ("a}b", "X002")],
)
def test_stray_braces_are_never_evaluated(report_dir: Path, prose: str, code: str) -> None:
    path = report_dir / "4-plans.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("不断走深走实。", prose), encoding="utf-8"
    )
    _, document = export_text(load_report(report_dir))
    assert [p.code for p in document.problems] == [code]


def test_doubled_braces_are_literal_braces(report_dir: Path) -> None:
    path = report_dir / "4-plans.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("走深走实", "{{走深走实}}"), encoding="utf-8"
    )
    text, document = export_text(load_report(report_dir))
    assert document.problems == []
    assert "{走深走实}" in text


@pytest.mark.parametrize(
    ("n", "word"),
    [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"), (21, "二十一"), (99, "九十九")],
)
def test_chinese_numbers(n: int, word: str) -> None:
    assert chinese_number(n) == word
    assert point_number(n) == word + "是"


def test_a_full_width_percent_unit_is_attached_as_written(report_dir: Path) -> None:
    path = report_dir / "1-measures.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('value = 100\nunit = "%"', 'value = 100\nunit = "％"'), encoding="utf-8"
    )
    assert "重大执法决定法制审核100％全覆盖" in export_text(load_report(report_dir))[0]


def test_an_integral_float_year_and_copies_still_export(report_dir: Path) -> None:
    path = report_dir / "report.toml"
    text = path.read_text(encoding="utf-8").replace("year = 2023", "year = 2023.0")
    path.write_text(text.replace("copies = 5", "copies = 5.0"), encoding="utf-8")
    report = load_report(report_dir)
    assert report.year == 2023
    assert export_text(report)[0].splitlines()[-2].strip("\u3000 ") == "（共印5份）"


# -- the website form, the title's lines, the body as blocks ---------------------------------
LAYOUT = Path(__file__).resolve().parents[1] / "data" / "layout-blocks"


def test_the_website_form_is_the_full_text_without_the_masthead_and_the_imprint(
    example_dir: Path,
) -> None:
    report = load_report(example_dir)
    full = export_text(report)[0].splitlines()
    web, document = export_text(report, web=True)
    assert document.problems == []
    lines = web.splitlines()
    assert lines[0] == "宝山区应急管理局2023年法治政府建设情况报告"
    assert lines[2] == "中共上海市宝山区委、宝山区人民政府："
    assert [line.strip("\u3000") for line in lines[-2:]] == [
        "上海市宝山区应急管理局",
        "2024年1月19日",
    ]
    # exactly the full text's lines from the title to the date, laid out alike
    start, end = full.index(lines[0]), full.index(lines[-1])
    assert lines == full[start : end + 1]
    for absent in (
        "上海市宝山区应急管理局文件",
        "宝应急〔2024〕2号",
        "签发人",
        "抄送",
        "印发",
        "共印",
        "─",
    ):
        assert absent not in web, absent
    assert web.endswith("2024年1月19日\n")


def test_the_website_form_without_recipients_goes_from_title_to_opening(report_dir: Path) -> None:
    path = report_dir / "report.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('recipients = ["中共上海市宝山区委", "宝山区人民政府"]', "recipients = []"),
        encoding="utf-8",
    )
    lines = export_text(load_report(report_dir), web=True)[0].splitlines()
    assert lines[:2] == ["宝山区应急管理局2023年法治政府建设情况报告", ""]
    assert lines[2].startswith("\u3000\u30002023年，区应急管理局")


@pytest.mark.parametrize("web", [False, True])
def test_a_title_written_over_two_lines_prints_two_lines(web: bool) -> None:
    lines = export_text(load_report(LAYOUT), web=web)[0].splitlines()
    at = lines.index("某市某区测试管理局")
    assert lines[at + 1] == "2024年法治政府建设情况报告"
    assert lines[at + 2] == ""


def test_standalone_headings_and_paragraphs_each_print_as_a_paragraph() -> None:
    text = export_text(load_report(LAYOUT), web=True)[0]
    indent = "\u3000\u3000"
    body = [line.removeprefix(indent) for line in text.splitlines() if line.startswith(indent)]
    heads = [line for line in body if len(line) < 16]
    assert heads == [
        "（一）强化组织领导",
        "（二）坚持依法行政",
        "1.规范行政决策",
        "（1）完善决策目录管理",
        "（2）加强合法性审查",
        "2.规范行政执法",
        "（三）提升执法能力",
        "（一）加强队伍建设",
        "（二）优化法治环境",
        "（三）强化监督问效",
    ]  # printed as written: no 。 added, numbers generated
    at = body.index("（一）强化组织领导")
    assert [line[:4] for line in body[at + 1 : at + 5]] == [
        "局党组把",
        "健全法治",
        "落实党政",
        "加强法治",
    ]
    # numbered paragraphs: the number, then the text, in one paragraph; （1） restart under 2.
    assert "1.加强执法人员培训。制定年度执法培训计划" in text
    assert (
        "\u3000\u3000（1）建立执法人员信息库" in text
        and "\u3000\u3000（2）开展执法证件专项清理" in text
    )
