"""``tui summary``: what the 依法治区办 reads in each format, over generated reports."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
from pathlib import Path

import pytest

from tests.cli.runner import run
from tests.schema.test_summary_district import (
    BROKEN,
    CLEAN,
    DEPARTMENTS,
    ERRORS,
    LATE,
    MIXED,
    PENALTY_CASES,
    PENALTY_CASES_2022_MIXED,
    RENAMED,
    make_district,
)
from tui.cells import width

TOTAL_CASES = sum(PENALTY_CASES.values())
FINES_WAN = {  # 罚没金额 in 万元, as each report states it once converted
    CLEAN: 861.98,
    RENAMED: 25,  # 250000 元
    ERRORS: 861.98,
    LATE: 861.98,
    MIXED: 8619800,  # 元 typed under 万元: the slip U001 points at
}


@pytest.fixture
def district(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The district's folder, named relative to the working folder as an office would type it."""
    monkeypatch.chdir(tmp_path)
    make_district(tmp_path)
    return Path("district")


def _json(capsys: pytest.CaptureFixture[str], folder: Path) -> dict:
    status, out, _ = run(capsys, "summary", str(folder), "--format", "json")
    assert status == 0
    return json.loads(out)


def _by_folder(data: dict) -> dict[str, dict]:
    return {Path(r["folder"]).name: r for r in data["reports"]}


# -- text ---------------------------------------------------------------------------------
def test_the_text_has_a_line_per_report_saying_what_is_wrong(district: Path, capsys) -> None:
    status, out, _ = run(capsys, "summary", str(district))
    assert status == 0  # errors in the reports are listed, they do not fail the summary
    lines = out.splitlines()
    assert all(width(line) <= 80 for line in lines)
    assert "单位名称略去共同的开头“上海市宝山区”。" in lines
    table = lines[lines.index(next(x for x in lines if x.startswith("单位名称"))) :]

    def line_of(name: str) -> list[str]:
        return next(x for x in table if x.startswith(name)).split()

    assert line_of("应急管理局")[1:] == [
        "2023",
        "宝应急〔2024〕2号",
        "2024-01-19",
        "按期",
        "0",
        "0",
    ]
    assert line_of("市场监督管理局")[5:] == ["2", "0", "P001", "N002"]
    assert line_of("住房和城乡建")[3:] == ["2024-04-15", "逾期", "0", "1", "Y006"]
    assert line_of(BROKEN)[-3:] == ["1", "0", "R004"]
    assert f"  district/{BROKEN}：report.toml：TOML 语法错误：值无效" in lines
    # the unreadable report is counted under 无法读取, not 有错误: as the CSV's 合计 line
    assert lines[1] == "共 6 份报告（2023年度 5 份）；逾期 1 份，有错误 1 份，无法读取 1 份。"


def test_the_text_puts_the_figures_below_in_tables_that_fit_80_columns(
    district: Path, capsys
) -> None:
    _, out, _ = run(capsys, "summary", str(district))
    lines = out.splitlines()
    start = lines.index("指标（金额换算为万元；合计只含写有该指标的报告）：")
    heading = lines[start + 2 : start + 5]
    assert heading[0].split()[:3] == ["单位名称", "办理行政处罚", "罚没金额"]
    assert heading[1].split()[:2] == ["案件", "（万元）"]
    total = next(x for x in lines[start:] if x.startswith("合计"))
    assert total.split()[1:3] == [str(TOTAL_CASES), "8622410.94"]
    justice = next(x for x in lines[start:] if x.startswith("司法局"))
    assert justice.split()[1:3] == ["60", "25"]  # other keys, and 元 brought to 万元
    # numbers are right-aligned: every row of the first table ends in the same column
    first = lines[start + 6 : lines.index("", start + 3)]
    assert len({width(x) for x in first if not x.startswith("-")}) == 1


def test_the_text_compares_with_last_year_and_flags_yuan_against_wan_yuan(
    district: Path, capsys
) -> None:
    _, out, _ = run(capsys, "summary", str(district))
    lines = out.splitlines()
    start = next(i for i, x in enumerate(lines) if x.startswith("与上年对比"))
    rows = [x.split() for x in lines[start:] if x.startswith("城市管理行")]
    cases = next(r for r in rows if r[1].startswith("办理行政处罚案件"))
    assert cases[2:] == [str(PENALTY_CASES[MIXED]), str(PENALTY_CASES_2022_MIXED), "+20", "1.25"]
    fines = next(r for r in rows if r[1] == "罚没金额（万元）")
    assert fines[2:4] == ["8619800", "861.98"] and fines[-1] == "U001"


# -- JSON ---------------------------------------------------------------------------------
def test_json_gives_each_report_its_status_figures_and_other_metrics(
    district: Path, capsys
) -> None:
    data = _json(capsys, district)
    reports = _by_folder(data)
    assert list(reports) == [CLEAN, RENAMED, ERRORS, LATE, BROKEN, MIXED]
    assert reports[CLEAN]["department"] == DEPARTMENTS[CLEAN]
    assert reports[CLEAN]["doc_number"] == "宝应急〔2024〕2号"
    assert reports[CLEAN]["date"] == "2024-01-19" and reports[CLEAN]["on_time"] is True
    assert reports[LATE]["on_time"] is False and reports[LATE]["deadline"] == "2024-03-31"
    assert reports[LATE]["codes"] == ["Y006"] and reports[LATE]["warnings"] == 1
    assert reports[ERRORS]["errors"] == 2 and reports[ERRORS]["codes"] == ["P001", "N002"]
    broken = reports[BROKEN]
    assert broken["unreadable"] is True and "TOML 语法错误" in broken["problem"]
    assert broken["codes"] == ["R004"] and broken["metrics"] == {}
    for name, cases in PENALTY_CASES.items():
        assert reports[name]["metrics"]["penalty_cases"]["value"] == cases
        assert reports[name]["metrics"]["penalty_amount"]["value"] == FINES_WAN[name]
    justice = reports[RENAMED]["metrics"]
    assert justice["penalty_cases"]["stated"]["key"] == "administrative_penalties"
    assert justice["penalty_amount"]["stated"] == {"key": "fines", "value": 250000, "unit": "元"}
    assert justice["legal_reviews"]["stated"]["key"] == "reviews_done"  # matched by its label
    others = {m["key"]: m for m in reports[CLEAN]["other_metrics"]}
    assert others["inspected_units"] == {
        "key": "inspected_units",
        "label": "监督检查指导生产经营单位",
        "unit": "家次",
        "value": 1014,
    }
    assert "penalty_cases" not in others


def test_json_compares_the_report_that_names_previous(district: Path, capsys) -> None:
    reports = _by_folder(_json(capsys, district))
    mixed = reports[MIXED]
    assert mixed["codes"] == ["U001"]
    warning = next(d for d in mixed["diagnostics"] if d["code"] == "U001")
    assert warning["file"].endswith(f"{MIXED}/1-measures.toml") and warning["line"] > 1
    fines = mixed["metrics"]["penalty_amount"]
    assert (fines["value"], fines["previous"], fines["ratio"]) == (8619800, 861.98, 10000)
    assert fines["warnings"] == ["U001"]
    cases = mixed["metrics"]["penalty_cases"]
    assert (cases["previous"], cases["change"]) == (PENALTY_CASES_2022_MIXED, 20)
    assert "previous" not in reports[CLEAN]["metrics"]["penalty_cases"]


def test_json_totals_add_up_the_departments_and_leave_rates_out(district: Path, capsys) -> None:
    data = _json(capsys, district)
    (year,) = data["totals"]
    assert year["year"] == 2023
    cases = year["metrics"]["penalty_cases"]
    assert (cases["value"], cases["reports"]) == (TOTAL_CASES, 5)
    assert (cases["compared"], cases["current"], cases["previous"]) == (1, 100, 80)
    assert year["metrics"]["penalty_amount"]["value"] == pytest.approx(sum(FINES_WAN.values()))
    labels = {c["key"]: (c["label"], c["unit"]) for c in data["catalogue"]}
    assert labels["penalty_amount"] == ("罚没金额", "万元")
    assert labels["penalty_cases"] == ("办理行政处罚案件", "件")


def test_a_folder_of_two_years_gets_a_total_for_each(district: Path, capsys) -> None:
    data = _json(capsys, Path("."))  # the district and last year's archive
    assert [t["year"] for t in data["totals"]] == [2022, 2023]
    totals = {t["year"]: t["metrics"]["penalty_cases"]["value"] for t in data["totals"]}
    assert totals == {2022: PENALTY_CASES_2022_MIXED, 2023: TOTAL_CASES}
    status, out, _ = run(capsys, "summary", ".")
    assert any(x.startswith("合计（2022年度）") for x in out.splitlines())


# -- CSV ----------------------------------------------------------------------------------
def _csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel and WPS read UTF-8
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_csv_is_written_as_three_files_excel_reads_as_utf8(district: Path, capsys) -> None:
    target = district.parent / "汇总.csv"
    status, _, err = run(capsys, "summary", str(district), "-o", str(target))
    assert status == 0
    main = _csv(target)
    head = main[0]
    assert head[:7] == [
        "单位名称",
        "文件夹",
        "年度",
        "发文字号",
        "成文日期",
        "报送期限",
        "是否按期",
    ]
    assert "办理行政处罚案件（件）" in head and "罚没金额（万元）" in head
    rows = {r[1].split("/")[-1]: dict(zip(head, r, strict=True)) for r in main[1:-1]}
    assert rows[LATE]["是否按期"] == "逾期" and rows[LATE]["问题代码"] == "Y006"
    assert rows[RENAMED]["罚没金额（万元）"] == "25"
    assert rows[BROKEN]["是否按期"] == "无法读取" and "TOML" in rows[BROKEN]["无法读取的原因"]
    total = dict(zip(head, main[-1], strict=True))
    assert total["单位名称"] == "合计" and total["办理行政处罚案件（件）"] == str(TOTAL_CASES)
    others = _csv(district.parent / "汇总-其他指标.csv")
    assert others[0] == ["单位名称", "文件夹", "年度", "指标名", "说明", "数值", "计量单位"]
    assert [DEPARTMENTS[CLEAN], f"district/{CLEAN}", "2023", "inspected_units"] == others[1][:4]
    yoy = _csv(district.parent / "汇总-与上年对比.csv")
    fines = next(r for r in yoy[1:] if r[3] == "罚没金额" and r[0] != "合计")
    assert fines[5:] == ["8619800", "861.98", "8618938.02", "10000.00", "U001"]
    written = [line.removeprefix("tui：已写出 ") for line in err.splitlines() if "已写出" in line]
    assert written == [str(target), *(str(target.with_name(f"汇总{s}.csv")) for s in SUFFIXES)]
    # the unreadable report is not among those with errors, in the CSV as in the text
    assert total["问题代码"] == "有错误 1 份"
    _, out, _ = run(capsys, "summary", str(district))
    assert "有错误 1 份，无法读取 1 份" in out


SUFFIXES = ("-其他指标", "-与上年对比")


def test_csv_writes_all_three_files_every_time_so_none_is_left_stale(
    district: Path, capsys
) -> None:
    target = district.parent / "c2" / "汇总.csv"
    target.parent.mkdir()
    assert run(capsys, "summary", str(district), "-o", str(target))[0] == 0
    yoy = target.with_name("汇总-与上年对比.csv")
    assert len(_csv(yoy)) > 1
    (district / MIXED / "report.toml").write_text(
        "\n".join(
            line
            for line in (district / MIXED / "report.toml").read_text("utf-8").splitlines()
            if not line.startswith("previous")
        )
        + "\n",
        "utf-8",
    )
    status, _, err = run(capsys, "summary", str(district), "-o", str(target))
    assert status == 0
    assert _csv(yoy) == [
        ["单位名称", "文件夹", "年度", "指标", "计量单位", "今年", "去年", "增减", "倍数", "提醒"]
    ]
    assert f"已写出 {yoy}" in err
    assert sorted(p.name for p in target.parent.iterdir()) == sorted(
        ["汇总.csv", "汇总-其他指标.csv", "汇总-与上年对比.csv"]
    )


def test_csv_on_standard_output_is_the_main_table(district: Path, capsysbinary) -> None:
    from tui.cli import main

    assert main(["summary", str(district), "--format", "csv"]) == 0
    out, err = capsysbinary.readouterr()
    assert out.startswith(b"\xef\xbb\xbf\xe5\x8d\x95\xe4\xbd\x8d")  # BOM, then 单位
    assert "-o" in err.decode("utf-8")


def test_the_csv_opens_in_libreoffice_with_the_chinese_intact(district: Path, capsys) -> None:
    import shutil
    import subprocess

    soffice, pdftotext = shutil.which("soffice"), shutil.which("pdftotext")
    calc = Path("/usr/lib/libreoffice/program/pagein-calc").exists()
    if soffice is None or pdftotext is None or not calc:
        message = "LibreOffice Calc and poppler-utils are needed"
        if os.environ.get("CI") == "true":  # .ci/run installs them: CI must not pass unrendered
            pytest.fail(message + " (CI=true: .ci/run installs them)", pytrace=False)
        pytest.skip(message)
    target = district.parent / "summary.csv"
    run(capsys, "summary", str(district), "-o", str(target))
    profile = Path.cwd() / "lo-profile"  # a profile of its own: another soffice may be running
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            # comma, double quote, UTF-8: what the import dialog takes from the BOM
            "--infilter=CSV:44,34,76",
            "--convert-to",
            "pdf",
            "--outdir",
            str(district.parent),
            str(target),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    text = subprocess.run(
        [pdftotext, "-layout", str(district.parent / "summary.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    for name in DEPARTMENTS.values():
        assert name in text
    assert "单位名称" in text and "宝应急〔2024〕2号" in text


# -- XLSX ---------------------------------------------------------------------------------
def test_the_workbook_holds_numbers_as_numbers_under_frozen_headings(
    district: Path, capsys
) -> None:
    from openpyxl import load_workbook

    target = district.parent / "汇总.xlsx"
    status, _, _ = run(capsys, "summary", str(district), "-o", str(target))  # format from suffix
    assert status == 0
    book = load_workbook(target)
    assert book.sheetnames == ["汇总", "其他指标", "与上年对比", "图表"]
    sheet = book["汇总"]
    assert sheet.freeze_panes == "B2"
    head = [c.value for c in sheet[1]]
    assert head[0] == "单位名称" and "罚没金额（万元）" in head
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 6 + 1  # the reports, then the total
    column = {h: i for i, h in enumerate(head)}
    for row in rows[:-1]:
        name = row[column["文件夹"]].split("/")[-1]
        assert isinstance(row[column["错误"]], int) and isinstance(row[column["警告"]], int)
        if name == BROKEN:
            assert row[column["办理行政处罚案件（件）"]] is None
            continue
        assert row[column["年度"]] == 2023
        assert isinstance(row[column["成文日期"]], dt.datetime)  # a date, not text
        assert row[column["办理行政处罚案件（件）"]] == PENALTY_CASES[name]
        fines = row[column["罚没金额（万元）"]]
        assert isinstance(fines, int | float) and fines == pytest.approx(FINES_WAN[name])
    total = rows[-1]
    assert total[0] == "合计" and total[column["办理行政处罚案件（件）"]] == TOTAL_CASES
    # wide enough for the longest department's name, a Chinese character counting two
    longest = max(width(n) for n in DEPARTMENTS.values())
    assert sheet.column_dimensions["A"].width >= longest
    assert sheet.cell(1, 1).font.bold


def test_the_workbook_has_the_other_metrics_the_comparison_and_a_bar_chart(
    district: Path, capsys
) -> None:
    from openpyxl import load_workbook

    target = district.parent / "out.xlsx"
    run(capsys, "summary", str(district), "--format", "xlsx", "-o", str(target))
    book = load_workbook(target)
    others = list(book["其他指标"].iter_rows(values_only=True))
    assert others[0] == ("单位名称", "文件夹", "年度", "指标名", "说明", "数值", "计量单位")
    video = next(r for r in others if r[3] == "video_channels")
    assert video[5] == pytest.approx(2.3) and video[6] == "万路"
    yoy = list(book["与上年对比"].iter_rows(values_only=True))
    fines = next(r for r in yoy[1:] if r[3] == "罚没金额" and r[0] != "合计")
    assert fines[5:7] == (8619800, pytest.approx(861.98)) and fines[-1] == "U001"
    (chart,) = book["图表"]._charts
    assert chart.tagname == "barChart"
    summed = [h for h in [c.value for c in book["汇总"][1]] if h and "（" in h and h != "单位名称"]
    assert len(chart.series) == len([h for h in summed if not h.endswith("（%）")])


# -- calls --------------------------------------------------------------------------------
def test_a_folder_without_reports_is_a_wrong_call(tmp_path: Path, capsys) -> None:
    status, _, err = run(capsys, "summary", str(tmp_path))
    assert status == 2 and "没有报告" in err
    status, _, err = run(capsys, "summary", str(tmp_path / "missing"))
    assert status == 2 and "路径不存在" in err


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["--format", "xlsx", "-o", "z.csv"], "扩展名 .csv 与 --format xlsx 不符"),
        (["--format", "csv", "-o", "z.json"], "扩展名 .json 与 --format csv 不符"),
        (["--format", "json", "-o", "z.txt"], "扩展名 .txt 与 --format json 不符"),
        (["-o", "z.pdf"], "扩展名是 .pdf，无法判断汇总格式"),
        (["-o", "z"], "没有扩展名"),
    ],
)
def test_an_output_file_whose_extension_names_another_format_is_refused(
    district: Path, capsys, argv: list[str], said: str
) -> None:
    status, out, err = run(capsys, "summary", str(district), *argv)
    assert status == 2 and said in err and out == ""
    assert not Path(argv[-1]).exists()


def test_an_explicit_format_may_go_to_a_file_of_another_extension(district: Path, capsys) -> None:
    assert run(capsys, "summary", str(district), "--format", "text", "-o", "z.log")[0] == 0
    assert Path("z.log").read_text("utf-8").startswith("汇总：district")
    assert run(capsys, "summary", str(district), "-o", "z.txt")[0] == 0
    assert Path("z.txt").read_text("utf-8").startswith("汇总：district")


def test_a_workbook_needs_o_even_through_a_pipe(district: Path, capsysbinary) -> None:
    from tui.cli import main

    def call(*argv: str) -> tuple[int, bytes, str]:
        try:
            status = main(["summary", str(district), "--format", "xlsx", *argv])
        except SystemExit as e:
            status = int(e.code or 0)
        out, err = capsysbinary.readouterr()
        return status, out, err.decode("utf-8")

    status, out, err = call()  # standard output is no terminal here: still refused
    assert status == 2 and out == b"" and "-o -" in err
    status, out, _ = call("-o", "-")
    assert status == 0 and out.startswith(b"PK")  # a zip: the workbook, asked for on stdout
    assert not Path("-").exists()


def test_a_workbook_is_not_written_to_a_terminal(
    district: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    status, out, err = run(capsys, "summary", str(district), "--format", "xlsx", "-o", "-")
    assert status == 2 and "-o" in err and out == ""


def test_absurd_figures_are_written_in_every_format(district: Path, capsys) -> None:
    archive = next(Path("archive").iterdir()) / "1-measures.toml"
    archive.write_text(
        archive.read_text("utf-8").replace("value = 861.98\n", "value = 0.0001\n"), "utf-8"
    )
    measures = district / MIXED / "1-measures.toml"
    text = measures.read_text("utf-8").replace("value = 8619800\n", "value = 1e30\n")
    measures.write_text(text, "utf-8")
    for fmt in ("text", "json", "csv"):
        status, out, _ = run(capsys, "summary", str(district), "--format", fmt)
        assert status == 0 and out
    status, _, _ = run(capsys, "summary", str(district), "-o", "absurd.xlsx")
    assert status == 0 and Path("absurd.xlsx").stat().st_size > 0


def test_a_control_character_in_a_label_does_not_stop_the_workbook(district: Path, capsys) -> None:
    from openpyxl import load_workbook

    measures = district / CLEAN / "1-measures.toml"
    text = measures.read_text("utf-8").replace('label = "应急演练"', 'label = "应急\\u0007演练"')
    measures.write_text(text, "utf-8")
    status, _, _ = run(capsys, "summary", str(district), "-o", "control.xlsx")
    assert status == 0
    labels = [r[4] for r in load_workbook("control.xlsx")["其他指标"].iter_rows(values_only=True)]
    assert "应急\ufffd演练" in labels
    _, out, _ = run(capsys, "summary", str(district))
    assert "应急\ufffd演练" in out and "\x07" not in out  # nor sent to the terminal


# -- names, widths ------------------------------------------------------------------------
def test_a_reason_is_wrapped_within_80_cells_closing_marks_and_all() -> None:
    from tui.summary.text import fit_lines

    reason = (
        'S/e-broken：report.toml：TOML 语法错误：值无效；文字须用半角双引号 "…" 括起来，'
        "不能用中文引号 “…”"
    )
    lines = fit_lines(reason, 78)  # below 无法读取, indented by two
    assert all(width(line) <= 78 for line in lines)
    assert "".join(lines).replace(" ", "") == reason.replace(" ", "")
    path = "district/" + "a" * 100  # a word longer than a line is broken too
    assert all(width(line) <= 78 for line in fit_lines(path, 78))


def test_names_cut_keep_the_department_not_the_district() -> None:
    from tui.summary.text import shorten

    names = ["上海市闵行区司法局", "上海市闵行区市场监督管理局", "上海市宝山区应急管理局"]
    assert shorten(names, 12) == ["闵行区司法局", "市场监督管…", "应急管理局"]
    assert len(set(shorten(names, 8))) == 3
    # the same department of two districts: cut alike, they keep the district instead
    two = ["上海市宝山区应急管理局", "上海市闵行区应急管理局"]
    assert len(set(shorten(two, 10))) == 2
    assert shorten(["上海市宝山区城市管理和绿化市容局"], 14) == ["城市管理和绿…"]  # 城市 stays


def test_departments_of_two_districts_read_apart_in_every_table(district: Path, capsys) -> None:
    for folder, name in ((CLEAN, "上海市闵行区司法局"), (ERRORS, "上海市闵行区市场监督管理局")):
        meta = district / folder / "report.toml"
        meta.write_text(meta.read_text("utf-8").replace(DEPARTMENTS[folder], name), "utf-8")
    _, out, _ = run(capsys, "summary", str(district))
    lines = out.splitlines()
    assert all(width(line) <= 80 for line in lines)
    assert not any(line.startswith("上海市闵行区…") for line in lines)
    others = lines[lines.index(next(x for x in lines if x.startswith("目录之外"))) :]
    firsts = {x.split()[0] for x in others if "inspected_units" in x}
    assert len(firsts) == len(DEPARTMENTS)  # one name per department, none alike


def test_a_folder_of_two_years_names_the_year_in_the_metric_tables(district: Path, capsys) -> None:
    meta = district / RENAMED / "report.toml"
    meta.write_text(meta.read_text("utf-8").replace(DEPARTMENTS[RENAMED], DEPARTMENTS[CLEAN]))
    meta.write_text(meta.read_text("utf-8").replace("year = 2023", "year = 2024"), "utf-8")
    _, out, _ = run(capsys, "summary", str(district))
    lines = out.splitlines()
    assert all(width(line) <= 80 for line in lines)
    metrics = lines[lines.index(next(x for x in lines if x.startswith("指标（"))) :]
    assert any(x.startswith("应急管理局 2023 ") for x in metrics)
    assert any(x.startswith("应急管理局 2024 ") for x in metrics)
