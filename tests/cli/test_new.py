"""``tui new``: a skeleton or a carried-over report, and clear refusals that change nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from records import load_report
from tests.cli.runner import run


def tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (hidden ones too) with its content's hash."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_new_writes_a_skeleton_for_the_year(tmp_path: Path, capsys) -> None:
    target = tmp_path / "2024"
    status, out, _ = run(
        capsys, "new", str(target), "--issuer", "上海市宝山区应急管理局", "--year", "2024"
    )
    assert status == 0 and "tui validate" in out
    report = load_report(target)
    assert report.year == 2024 and [s.kind for s in report.sections][:4] == [
        "measures",
        "shortcomings",
        "leadership",
        "plans",
    ]
    assert report.body.title == "上海市宝山区应急管理局2024年法治政府建设情况报告"


def test_new_from_carries_the_example_into_2024_without_touching_it(
    report_dir: Path, capsys
) -> None:
    before = tree(report_dir)
    target = report_dir.parent / "baoshan-emergency-2024"
    status, out, _ = run(capsys, "new", str(target), "--from", str(report_dir))
    assert status == 0 and "转入" in out
    assert tree(report_dir) == before
    report = load_report(target)
    assert report.year == 2024 and report.sections[3].title.startswith("2025年")
    assert all(m.value is None for m in report.metrics().values())
    assert report.meta.data["previous"] == "../baoshan-emergency-2023"


def test_new_from_with_an_explicit_year(report_dir: Path, capsys) -> None:
    target = report_dir.parent / "later"
    assert run(capsys, "new", str(target), "--from", str(report_dir), "--year", "2025")[0] == 0
    assert load_report(target).body.title == "宝山区应急管理局2025年法治政府建设情况报告"


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (["--issuer", "某局", "--year", "二〇二四"], 2, "年度须为四位数字"),
        (["--issuer", "某局", "--year", "24x"], 2, "年度须为四位数字"),
        (["--issuer", "某局", "--year", "1999"], 2, "2000–2100"),
        (["--year", "2024"], 2, "--issuer"),
        (["--issuer", "  ", "--year", "2024"], 2, "--issuer"),
        (["--from", "{missing}"], 2, "路径不存在"),
        (["--from", "{not_a_report}"], 2, "不是报告文件夹"),
        (["--from", "{old}", "--year", "2023"], 2, "新报告的年度 2023 须晚于上一年度报告"),
        (["--from", "{old}", "--year", "2021"], 2, "新报告的年度 2021 须晚于上一年度报告"),
        (["--from", "{broken}"], 1, "TOML 语法错误"),
        (["--from", "{old}", "--issuer", "某局"], 2, "--issuer"),
    ],
)
def test_bad_input_gives_a_clear_error_and_changes_nothing(
    tmp_path: Path, report_dir: Path, capsys, args: list[str], status: int, message: str
) -> None:
    (tmp_path / "not-a-report").mkdir()
    (tmp_path / "not-a-report" / "notes.txt").write_text("x", "utf-8")
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "report.toml").write_text("year = = 2023\n", "utf-8")
    places = {
        "missing": str(tmp_path / "missing"),
        "not_a_report": str(tmp_path / "not-a-report"),
        "broken": str(broken),
        "old": str(report_dir),
    }
    before = tree(tmp_path)
    code, out, err = run(capsys, "new", str(tmp_path / "new"), *(a.format(**places) for a in args))
    assert (code, out) == (status, "")
    assert message in err and "Traceback" not in err
    assert tree(tmp_path) == before and not (tmp_path / "new").exists()


def test_broken_toml_is_named_with_file_line_and_column(tmp_path: Path, capsys) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "report.toml").write_text("year = 2023\n[header\n", "utf-8")
    code, _, err = run(capsys, "new", str(tmp_path / "new"), "--from", str(broken))
    assert code == 1 and f"{broken / 'report.toml'}:2:" in err


def test_an_existing_report_is_never_clobbered(report_dir: Path, capsys) -> None:
    before = tree(report_dir)
    for args in (["--issuer", "某局", "--year", "2024"], ["--from", str(report_dir)]):
        code, _, err = run(capsys, "new", str(report_dir), *args)
        assert code == 2 and "不是空的" in err
    assert tree(report_dir) == before


def test_a_new_report_inside_the_old_folder_is_refused(report_dir: Path, capsys) -> None:
    before = tree(report_dir)
    code, _, err = run(capsys, "new", str(report_dir / "2024"), "--from", str(report_dir))
    assert code == 2 and "里面" in err
    assert tree(report_dir) == before and not (report_dir / "2024").exists()


def test_new_into_an_existing_empty_folder(tmp_path: Path, capsys) -> None:
    (tmp_path / "empty").mkdir()
    assert run(capsys, "new", str(tmp_path / "empty"), "--issuer", "某局", "--year", "2024")[0] == 0
    assert (tmp_path / "empty" / "report.toml").is_file()


def test_a_gap_of_years_is_pointed_out(report_dir: Path, capsys) -> None:
    target = report_dir.parent / "much-later"
    status, _, err = run(capsys, "new", str(target), "--from", str(report_dir), "--year", "2030")
    assert status == 0
    assert "上一年度报告是 2023 年的，新报告是 2030 年，中间隔了 6 年" in err
    assert load_report(target).year == 2030


def test_a_fresh_skeleton_points_at_the_lines_to_fill_in(tmp_path: Path, capsys) -> None:
    target = tmp_path / "2024"
    run(capsys, "new", str(target), "--issuer", "上海市宝山区应急管理局", "--year", "2024")
    status, out, _ = run(capsys, "validate", "--no-cache", str(target))
    assert status == 1
    lines = (target / "report.toml").read_text("utf-8").splitlines()
    missing = [ln for ln in out.splitlines() if " S001 " in ln]
    assert len(missing) == 4
    for finding in missing:
        line = int(finding.split(":")[1])
        assert lines[line - 1].lstrip().startswith("# "), finding  # the placeholder to uncomment
        assert lines[line - 1].split("=")[0].strip("# ") in finding
