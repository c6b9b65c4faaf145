"""``tui validate`` as a user calls it: exit codes, output formats, paths, many reports, waivers."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cells import width
from tui.cli import main
from tui.reporters import ProgressBar, ReportResult, table

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts with an empty cache of clean reports, outside the user's home."""
    monkeypatch.setenv("TUI_CACHE_DIR", str(tmp_path / "tui-cache"))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        status = main(["validate", *argv])
    except SystemExit as e:  # argparse refuses a bad call
        status = int(e.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def late(report: Path) -> None:
    """Date the report after the deadline: a warning (Y006), nothing else."""
    edit(report / "report.toml", "date = 2024-01-19\n", "date = 2024-04-10\n")
    edit(report / "report.toml", "print_date = 2024-01-19", "print_date = 2024-04-10")


def test_a_clean_report_exits_0(example_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, str(example_dir))
    assert status == 0 and "未发现问题" in out


def test_errors_exit_1_with_file_line_column_code(
    report_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(report_dir / "report.toml", 'signer = "沈斌"', 'signer = ""')
    monkeypatch.chdir(report_dir)
    status, out, _ = run(capsys, ".")
    assert status == 1
    assert out.splitlines()[0] == "report.toml:10:10: error S005 “签发人”是空的：请填写内容"


def test_warnings_fail_only_with_strict(
    report_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    late(report_dir)
    status, out, _ = run(capsys, str(report_dir))
    assert status == 0 and "warning Y006" in out
    status, _, _ = run(capsys, "--strict", str(report_dir))
    assert status == 1


@pytest.mark.parametrize(
    "argv",
    [["does-not-exist"], ["--format", "xml", "."], ["--bogus", "."], [], ["--jobs", "-1", "."]],
)
def test_a_wrong_call_exits_2(argv: list[str], tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    status, out, err = run(capsys, *argv)
    assert status == 2 and "错误" in err and out == ""


def test_a_path_that_holds_no_report_is_a_wrong_call(tmp_path: Path, capsys) -> None:
    """A mistyped path in CI must fail, not pass as “0 reports, no problems”."""
    (tmp_path / "empty" / "sub").mkdir(parents=True)
    (tmp_path / "notes.txt").write_text("hostname\n", "utf-8")
    for path in (tmp_path / "empty", tmp_path / "notes.txt"):
        status, out, err = run(capsys, str(path))
        assert status == 2 and out == ""
        assert str(path) in err and "report.toml" in err


def test_a_folder_of_sections_without_report_toml_exits_1(tmp_path: Path, capsys) -> None:
    (tmp_path / "1-measures.toml").write_text('kind = "measures"\ntitle = "x"\n', "utf-8")
    status, out, _ = run(capsys, str(tmp_path))
    assert status == 1 and "R002" in out


def test_only_toml_files_outside_reports_check_nothing_and_pass(tmp_path: Path, capsys) -> None:
    """pre-commit passes every TOML file a commit touches, pyproject.toml included."""
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', "utf-8")
    status, out, _ = run(capsys, str(tmp_path / "pyproject.toml"))
    assert status == 0 and "没有检查任何报告" in out and "未发现问题" not in out


def test_json_has_exactly_the_fields_and_a_summary(report_dir: Path, capsys, monkeypatch) -> None:
    edit(report_dir / "3-leadership.toml", "value = 18", "value = 18.5")
    late(report_dir)
    monkeypatch.chdir(report_dir)
    status, out, _ = run(capsys, "--format", "json", ".")
    data = json.loads(out)
    assert status == 1
    assert [set(d) for d in data["diagnostics"]] == [
        {"file", "line", "column", "severity", "code", "message", "pointer"}
    ] * 2
    first = data["diagnostics"][0]
    assert (first["file"], first["code"], first["pointer"]) == (
        "3-leadership.toml",
        "N001",
        "/metrics/leader_study_sessions/value",
    )
    assert data["summary"] == {
        "reports": 1,
        "errors": 1,
        "warnings": 1,
        "waived": 0,
        "failed_reports": 1,
    }


def test_github_annotations(report_dir: Path, capsys, monkeypatch) -> None:
    edit(report_dir / "report.toml", "宝应急〔2024〕2号", "宝应急〔2024〕02号")
    monkeypatch.chdir(report_dir)
    status, out, _ = run(capsys, "--format", "github", ".")
    line = out.splitlines()[0]
    assert status == 1
    assert line.startswith(
        "::error file=report.toml,line=9,col=24,title=F001::发文字号“宝应急〔2024〕02号”"
    )
    assert "序号不编虚位" in line


def test_files_are_grouped_by_report_folder(report_dir: Path, capsys, monkeypatch) -> None:
    edit(report_dir / "4-plans.toml", "2024年推进", "2023年推进")
    monkeypatch.chdir(report_dir.parent)
    name = report_dir.name
    # naming two files of one report checks the report once, whole (4-plans.toml was not named)
    status, out, _ = run(
        capsys, "--format", "json", f"{name}/1-measures.toml", f"{name}/report.toml"
    )
    data = json.loads(out)
    assert status == 1 and data["summary"]["reports"] == 1
    assert [(d["file"], d["code"]) for d in data["diagnostics"]] == [
        (f"{name}/4-plans.toml", "Y002")
    ]


def test_toml_files_outside_reports_are_skipped_and_stray_sections_reported(
    tmp_path: Path, capsys
) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', "utf-8")
    (tmp_path / "1-measures.toml").write_text('kind = "measures"\ntitle = "x"\n', "utf-8")
    status, out, err = run(capsys, str(tmp_path / "pyproject.toml"))
    assert status == 0 and "跳过" in err
    status, out, _ = run(capsys, str(tmp_path / "1-measures.toml"))
    assert status == 1 and "R002" in out


def _city(root: Path, example: Path, count: int) -> Path:
    for n in range(count):
        shutil.copytree(example, root / f"dept-{n:02d}")
    return root


def test_many_reports_give_a_table_and_the_same_exit_codes(
    tmp_path: Path, example_dir: Path, capsys, monkeypatch
) -> None:
    city = _city(tmp_path / "city", example_dir, 10)
    edit(city / "dept-03" / "report.toml", "year = 2023", "year = 2022")
    late(city / "dept-07")
    monkeypatch.chdir(tmp_path)
    status, out, err = run(capsys, "city")
    assert status == 1
    rows = {
        line.split()[0]: line.split()[1:]
        for line in out.splitlines()
        if line.startswith("city/") and ":" not in line
    }
    assert len(rows) == 10
    assert rows["city/dept-03"][0] != "0" and rows["city/dept-03"][-1] == "未通过"
    assert rows["city/dept-07"] == ["0", "1", "0", "通过"]
    assert rows["city/dept-00"] == ["0", "0", "0", "通过"]
    assert "检查了 10 份报告" in out
    assert "\r" not in err  # no progress bar off a terminal
    shutil.rmtree(city / "dept-03")
    status, out, _ = run(capsys, "--format", "json", "city")
    assert status == 0 and len(json.loads(out)["reports"]) == 9


def test_many_reports_are_listed_in_natural_order(
    tmp_path: Path, example_dir: Path, capsys, monkeypatch
) -> None:
    for name in ("dept10", "dept2", "dept1"):
        shutil.copytree(example_dir, tmp_path / "city" / name)
    monkeypatch.chdir(tmp_path)
    for argv in (["city"], ["city/dept10", "city/dept2", "city/dept1"]):
        _, out, _ = run(capsys, "--jobs", "1", *argv)
        rows = [line.split()[0] for line in out.splitlines() if line.startswith("city/")]
        assert rows == ["city/dept1", "city/dept2", "city/dept10"]


def test_parallel_and_serial_agree(tmp_path: Path, example_dir: Path, capsys) -> None:
    city = _city(tmp_path / "city", example_dir, 9)
    edit(city / "dept-05" / "3-leadership.toml", "value = 70", "value = -70")
    _, parallel, _ = run(capsys, "--format", "json", "--jobs", "2", str(city))
    _, serial, _ = run(capsys, "--format", "json", "--jobs", "1", str(city))
    assert parallel == serial and json.loads(serial)["summary"]["failed_reports"] == 1


def test_progress_bar_draws_on_a_terminal() -> None:
    stream = io.StringIO()
    bar = ProgressBar(4, stream, enabled=True)
    for name in ("a", "b", "c", "d"):
        bar.advance(name)
    bar.close()
    frames = stream.getvalue().split("\r")
    assert "1/4" in frames[1] and "4/4" in frames[4] and "#" * 30 in frames[4]
    assert ProgressBar(4, io.StringIO()).enabled is False  # not a terminal


def test_table_aligns_chinese_names() -> None:
    lines = table([ReportResult("宝山区/应急局", []), ReportResult("b", [])])
    # everything before the last column ends at the same terminal column
    assert len({width(line.rsplit(" ", 1)[0]) for line in lines if not line.startswith("-")}) == 1


def test_waived_warnings_are_shown_not_counted(report_dir: Path, capsys, monkeypatch) -> None:
    late(report_dir)
    with (report_dir / "report.toml").open("a", encoding="utf-8") as f:
        f.write(
            '\n[[waivers]]\ncode = "Y006"\npointer = "/body/date"\n'
            'reason = "经区司法局同意延期报送"\n'
        )
    monkeypatch.chdir(report_dir)
    status, out, _ = run(capsys, "--strict", ".")
    assert status == 0
    assert "warning Y006" in out and "【已豁免：经区司法局同意延期报送】" in out
    status, out, _ = run(capsys, "--format", "json", ".")
    data = json.loads(out)
    assert data["diagnostics"] == [] and data["summary"]["waived"] == 1
    assert (
        data["waived"][0]["code"] == "Y006"
        and data["waived"][0]["reason"] == "经区司法局同意延期报送"
    )


def test_a_waiver_for_another_place_does_not_apply(report_dir: Path, capsys) -> None:
    late(report_dir)
    with (report_dir / "report.toml").open("a", encoding="utf-8") as f:
        f.write('\n[[waivers]]\ncode = "Y006"\nfile = "1-measures.toml"\nreason = "不对应"\n')
    status, out, _ = run(capsys, "--strict", str(report_dir))
    assert status == 1 and "warning Y006" in out and "V002" in out


def test_validate_imports_neither_textual_nor_docx(example_dir: Path) -> None:
    code = (
        "import sys\nfrom tui.cli import main\n"
        f"status = main(['validate', {str(example_dir)!r}])\n"
        "heavy = sorted(m for m in sys.modules\n"
        "               if m.split('.')[0] in ('textual', 'docx', 'tomlkit'))\n"
        "print(status, heavy)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.splitlines()[-1] == "0 []", result.stderr


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_many_reports_on_a_terminal_show_progress(
    tmp_path: Path, example_dir: Path, capsys, monkeypatch
) -> None:
    city = _city(tmp_path / "city", example_dir, 3)
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["validate", "--jobs", "1", str(city)]) == 0
    drawn = terminal.getvalue()
    assert "校验中" in drawn and "3/3" in drawn and drawn.endswith("\r")
    terminal.truncate(0)
    assert main(["validate", "--no-progress", str(city)]) == 0
    assert terminal.getvalue() == ""


def test_a_report_kept_inside_another_is_checked_too(
    report_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inner = report_dir / "old-2022"
    shutil.copytree(report_dir, inner)
    edit(inner / "report.toml", "〔2024〕2号", "〔2024〕02号")
    status, out, _ = run(capsys, "--format", "json", str(report_dir))
    data = json.loads(out)
    assert status == 1 and data["summary"]["reports"] == 2
    assert [d["code"] for d in data["diagnostics"]] == ["F001"]
    assert "old-2022" in data["diagnostics"][0]["file"]
