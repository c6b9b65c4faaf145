"""``tui compare``: the table a clerk reads, the JSON a script reads, and the exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.cli.runner import run
from tui.cells import width as display_width


@pytest.fixture
def this_year(report_dir: Path) -> Path:
    """Next year's report: the example moved on, with penalty_amount typed in 元 by mistake."""
    new = report_dir.parent / "baoshan-emergency-2024"
    shutil.copytree(report_dir, new)
    meta = new / "report.toml"
    meta.write_text(
        meta.read_text("utf-8").replace(
            "year = 2023  # 报告年度", 'year = 2024\nprevious = "../baoshan-emergency-2023"'
        ),
        "utf-8",
    )
    measures = new / "1-measures.toml"
    text = measures.read_text("utf-8").replace("value = 861.98\n", "value = 8619800\n")
    text = text.replace("value = 1014\n", "value = 1100\n")
    measures.write_text(text, "utf-8")
    return new


def table_rows(out: str) -> list[str]:
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("指标"))
    end = lines.index("", start)
    return lines[start:end]


def test_the_table_lines_up_chinese_labels_and_numbers(
    this_year: Path, report_dir: Path, capsys
) -> None:
    status, out, _ = run(capsys, "compare", str(this_year), str(report_dir))
    assert status == 0
    rows = table_rows(out)
    assert rows[0].split() == ["指标", "单位", "2024年", "2023年", "增减", "倍数"]
    # right-aligned number columns end in the same terminal column on every line
    assert len({display_width(r) for r in rows if not r.startswith("-")}) == 1
    row = next(r for r in rows if r.startswith("监督检查指导生产经营单位"))
    assert row.split()[1:] == ["家次", "1100", "1014", "+86", "1.08"]
    assert all(display_width(r) <= 80 for r in rows)


def test_the_planted_yuan_mistake_is_warned_with_its_place(
    this_year: Path, report_dir: Path, capsys
) -> None:
    status, out, _ = run(capsys, "compare", str(this_year), str(report_dir))
    warnings = [line for line in out.splitlines() if " warning " in line]
    assert len(warnings) == 1 and " U001 " in warnings[0] and "万元" in warnings[0]
    assert warnings[0].split(":")[0].endswith("1-measures.toml")
    assert status == 0
    assert run(capsys, "compare", str(this_year), str(report_dir), "--strict")[0] == 1


def test_old_dir_defaults_to_previous(this_year: Path, capsys) -> None:
    status, out, _ = run(capsys, "compare", str(this_year), "--format", "json")
    assert status == 0
    data = json.loads(out)
    assert (data["new"]["year"], data["old"]["year"]) == (2024, 2023)
    amount = next(m for m in data["metrics"] if m["key"] == "penalty_amount")
    assert (amount["new"], amount["old"], amount["unit"]) == (8619800, 861.98, "万元")
    assert amount["ratio"] == pytest.approx(10000, rel=1e-3)
    assert [w["code"] for w in data["warnings"]] == ["U001"]
    assert data["appeared"] == [] and data["disappeared"] == []


def test_appeared_and_disappeared_are_listed(this_year: Path, report_dir: Path, capsys) -> None:
    leadership = this_year / "3-leadership.toml"
    text = leadership.read_text("utf-8").replace(
        "[metrics.study_hours_per_capita]", "[metrics.study_hours]"
    )
    leadership.write_text(text, "utf-8")
    status, out, _ = run(capsys, "compare", str(this_year), str(report_dir))
    assert status == 0
    assert "2024年新增的指标（1 项）" in out and "study_hours  人均学习学时" in out
    assert "2023年有、2024年没有的指标（1 项）" in out and "study_hours_per_capita" in out


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (["{tmp}/missing", "{old}"], 2, "路径不存在"),
        (["{new}", "{tmp}/missing"], 2, "路径不存在"),
        (["{tmp}"], 1, "不是报告文件夹"),
        (["{old}"], 2, "previous"),
        (["{new}", "{old}", "--format", "xml"], 2, "无效的选项"),
    ],
)
def test_bad_input(
    this_year: Path,
    report_dir: Path,
    tmp_path: Path,
    capsys,
    args: list[str],
    status: int,
    message: str,
) -> None:
    places = {"tmp": str(tmp_path), "new": str(this_year), "old": str(report_dir)}
    code, out, err = run(capsys, "compare", *(a.format(**places) for a in args))
    assert (code, out) == (status, "")
    assert message in err and "Traceback" not in err


def test_a_previous_that_names_nothing_is_an_error_at_its_line(this_year: Path, capsys) -> None:
    meta = this_year / "report.toml"
    meta.write_text(
        meta.read_text("utf-8").replace("../baoshan-emergency-2023", "../gone"), "utf-8"
    )
    code, out, err = run(capsys, "compare", str(this_year))
    assert code == 1 and out == ""
    assert f"{meta}:6:" in err and "previous" in err


def test_folders_given_the_wrong_way_round_are_pointed_out(
    this_year: Path, report_dir: Path, capsys
) -> None:
    status, out, err = run(capsys, "compare", str(report_dir), str(this_year))
    assert status == 0 and out
    assert "作为去年的报告是 2024 年的，不早于今年的 2023 年；两个文件夹是否写反了？" in err
    _, _, err = run(capsys, "compare", str(this_year), str(report_dir))
    assert err == ""
