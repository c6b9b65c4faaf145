"""``tui import`` on what a new user brings: figures with separators, web copies, wrong files.

Each keeps the promise of the import: the export prints the source again,
what could not be placed is listed with its line, and a file that is no
report is refused with a message that says what to do.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from exporters.text import export_text
from records import Report, load_report
from tests.cli.runner import run
from tests.cli.test_realworld import paragraphs


def imported(capsys: pytest.CaptureFixture[str], source: Path, folder: Path) -> tuple[Report, str]:
    status, out, err = run(capsys, "import", str(source), str(folder))
    assert (status, err) == (0, ""), out + err
    return load_report(folder), out


def write(tmp_path: Path, lines: list[str], name: str = "report.txt") -> Path:
    source = tmp_path / name
    source.write_text("\n".join(lines) + "\n", "utf-8")
    return source


SECTIONS = [
    "一、主要举措和成效",
    "开展执法。",
    "二、存在的不足和原因",
    "人员不足。",
    "三、党政主要负责人履行推进法治建设第一责任人职责情况",
    "带头学法。",
    "四、2025年主要安排",
    "继续努力。",
]


# -- 1. thousands separators ------------------------------------------------------------------
def test_a_number_with_thousands_separators_stays_text_and_is_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = "办理行政处罚案件1,142件，检查1，234家次，罚没款12,345元、1,861.98万元，培训30人次。"
    lines = ["某局2024年法治政府建设情况报告", "一、主要举措和成效", body]
    source = write(tmp_path, lines)
    report, out = imported(capsys, source, tmp_path / "r")
    metrics = [(m.value, m.unit) for m in report.metrics().values()]
    # no tail of a grouped number (142, 234, 345) becomes a metric; the plain one does
    assert metrics == [(30, "人次")]
    for figure in ("1,142件", "1，234家次", "12,345元", "1,861.98万元"):
        assert f"第 3 行：数字带千位分隔符，未转为指标：{figure}" in out
    assert paragraphs(export_text(report, web=True)[0]) == lines


# -- 2. the 署名 and 成文日期 with lines after them ----------------------------------------------
@pytest.mark.parametrize(
    ("date", "expected"),
    [("2025年1月20日", "2025-01-20"), ("二〇二五年元月二十日", "2025-01-20")],
)
def test_the_signature_and_date_are_found_above_an_attachment_line(
    date: str, expected: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        "某区民政局2024年法治政府建设情况报告",
        "区委、区政府：",
        "现报告如下：",
        *SECTIONS,
        "某区民政局",
        date,
        "附件：2024年法治政府建设情况统计表",
        "扫一扫在手机打开当前页",
        "【打印本页】【关闭窗口】",
    ]
    source = write(tmp_path, lines)
    report, out = imported(capsys, source, tmp_path / "r")
    assert report.body.signature == "某区民政局"
    assert str(report.body.date) == expected
    missing = out.split("原文没有：")[1].split("\n")[0]
    assert "署名" not in missing and "成文日期" not in missing
    # the attachment line is kept and listed; the web chrome is skipped, in line order
    assert "第 14 行：附件说明在成文日期之后，按最后一部分的段落导入（导出时印在署名之前）" in out
    assert out.count("第 14 行：") == 1
    assert out.index("第 15 行：扫一扫") < out.index("第 16 行：【打印本页】")
    assert report.sections[-1].paragraphs[-1] == "附件：2024年法治政府建设情况统计表"


# -- 3. and 5. files that are no report text ---------------------------------------------------
def _zip_without_document() -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        # a fixed date: the bytes are in the test's id, which every xdist worker must agree on
        entry = zipfile.ZipInfo("[Content_Types].xml", date_time=(2024, 1, 1, 0, 0, 0))
        package.writestr(entry, "<Types/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("report.txt", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "PDF 不能导入"),
        ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF 不能导入"),
        ("report.docx", b"%PDF-1.4\n", "PDF 不能导入"),
        ("report.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "看起来是PNG 图片"),
        ("report.docx", "某局2024年法治政府建设情况报告\n".encode(), "看起来是文本文件"),
        ("report.docx", _zip_without_document(), "缺少 document.xml 或内容已损坏"),
    ],
    ids=["pdf-as-txt", "pdf", "pdf-as-docx", "png-as-txt", "text-as-docx", "zip-without-document"],
)
def test_a_file_that_is_no_report_text_is_refused_with_what_to_do(
    name: str, data: bytes, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / name
    source.write_bytes(data)
    status, out, err = run(capsys, "import", str(source), str(tmp_path / "r"))
    assert status == 1 and message in err, out + err
    assert not (tmp_path / "r").exists()
    if message.startswith("PDF"):
        assert "请把文字复制到 .txt 文件（UTF-8）或另存为 DOCX 后再导入" in err
    if name.endswith(".docx") and "文本文件" in message:
        assert "改为 .txt" in err and ".doc 改了扩展名" not in err
    assert "There is no item" not in err


# -- 4. what the validator would reject ------------------------------------------------------
def test_metric_labels_keep_their_quotes_and_are_never_the_unit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = (
        "开展“宪法宣传周”活动12场，培训执法人员，共300人次，"
        "收缴罚没款，861.98万元。整改到位。共计20项。"
    )
    lines = ["某局2024年法治政府建设情况报告", "一、主要举措和成效", body]
    report, _ = imported(capsys, write(tmp_path, lines), tmp_path / "r")
    labels = {m.unit: m.label for m in report.metrics().values()}
    assert labels == {
        "场": "开展“宪法宣传周”活动",
        "人次": "培训执法人员",
        "万元": "收缴罚没款",
        "项": "整改到位",
    }
    for label in labels.values():
        assert label.count("“") == label.count("”")
    assert paragraphs(export_text(report, web=True)[0]) == lines


def errors_and_codes(folder: Path) -> list[tuple[str, str]]:
    from schema import validate_report

    return [(d.severity, d.code) for d in validate_report(load_report(folder))]


def test_a_heading_sentence_with_nothing_under_it_becomes_a_paragraph(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        "某局2024年法治政府建设情况报告",
        "一、主要举措和成效",
        "（一）加强领导。成立领导小组。",
        "（二）执法力量不足。",
        "二、存在的不足和原因",
        "（一）执法力量不足。",
    ]
    report, out = imported(capsys, write(tmp_path, lines), tmp_path / "r")
    first, second = report.sections
    # the first （一） keeps its number; the trailing bare one follows it as a paragraph
    assert [b.title for b in first.blocks] == ["加强领导"]
    assert first.blocks[0].paragraphs == ["（二）执法力量不足。"]
    assert second.blocks == [] and second.lead == "（一）执法力量不足。"
    assert "第 6 行：标题之下什么也没有，按普通段落导入" in out
    assert ("error", "M005") not in errors_and_codes(tmp_path / "r")
    assert paragraphs(export_text(report, web=True)[0]) == lines


def test_a_lone_yi_shi_is_a_list_of_one_point(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = ["某局2024年法治政府建设情况报告", "一、存在的不足和原因", "一是人员不足。"]
    report, _ = imported(capsys, write(tmp_path, lines), tmp_path / "r")
    section = report.sections[0]
    assert (section.lead, section.points) == ("", ["人员不足。"])
    assert "F006" not in [code for _, code in errors_and_codes(tmp_path / "r")]
    assert paragraphs(export_text(report, web=True)[0]) == lines


# -- 5. the summary -------------------------------------------------------------------------
def test_the_item_numbering_is_stated_only_when_there_are_items(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    title = "某局2024年法治政府建设情况报告"
    _, out = imported(capsys, write(tmp_path, [title, *SECTIONS]), tmp_path / "a")
    assert "条目编号" not in out
    items = [title, "一、主要举措和成效", "1.开展执法。全年检查10次。", *SECTIONS[2:]]
    _, out = imported(capsys, write(tmp_path, items, "b.txt"), tmp_path / "b")
    assert "条目编号：写作“1.”" in out


def test_a_note_after_the_date_is_kept_and_the_date_still_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    title = "某局2024年法治政府建设情况报告"
    lines = [title, *SECTIONS, "某局", "2025年1月20日", "（此件公开发布）"]
    report, out = imported(capsys, write(tmp_path, lines), tmp_path / "r")
    assert (report.body.signature, str(report.body.date)) == ("某局", "2025-01-20")
    assert report.sections[-1].paragraphs[-1] == "（此件公开发布）"
    assert "第 12 行：在成文日期之后，按最后一部分的段落导入" in out
