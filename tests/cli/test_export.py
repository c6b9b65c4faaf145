"""``tui export --format txt``: the published text, and clear refusals on bad input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from exporters.text import export_text
from records import load_report
from tests.cli.runner import run
from tui.cli import main


def test_text_goes_to_standard_output(
    example_dir: Path, capfdbinary: pytest.CaptureFixture[bytes]
) -> None:
    assert main(["export", str(example_dir), "--format", "txt"]) == 0
    out = capfdbinary.readouterr().out.decode("utf-8")
    assert out == export_text(load_report(example_dir))[0]


def test_text_goes_to_a_file_with_o(
    example_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "报告.txt"
    status, out, _ = run(capsys, "export", str(example_dir), "-o", str(target))
    assert status == 0 and out == ""
    assert target.read_text(encoding="utf-8").startswith("上海市宝山区应急管理局文件\n")


def test_a_missing_folder_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(capsys, "export", str(tmp_path / "nope"))
    assert status == 2
    assert "路径不存在" in err


def test_an_unknown_option_is_a_usage_error(
    example_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(capsys, "export", str(example_dir), "--format", "pdf")
    assert status == 2
    assert "无效的选项" in err


def _break(report_dir: Path, name: str, data: bytes) -> Path:
    path = report_dir / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "data", "line", "words"),
    [
        (
            "2-shortcomings.toml",
            'kind = "shortcomings"\ntitle = "不足\n'.encode(),
            2,
            "TOML 语法错误",
        ),
        (
            "2-shortcomings.toml",
            'kind = "shortcomings"\ntitle = "存在的不足"\n'.encode("gbk"),
            2,
            "GBK",
        ),
        ("2-shortcomings.toml", b"", 1, "文件是空的"),
        ("report.toml", b"year = 2023\n[header\n", 2, "TOML 语法错误"),
    ],
    ids=["syntax", "gbk", "empty", "report-syntax"],
)
def test_bad_files_name_their_file_and_line(
    report_dir: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    data: bytes,
    line: int,
    words: str,
) -> None:
    path = _break(report_dir, name, data)
    status, out, err = run(capsys, "export", str(report_dir))
    assert status == 1
    assert out == ""
    assert f"{path}:{line}:" in err
    assert words in err
    assert "Traceback" not in err


def test_a_folder_without_report_toml(report_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (report_dir / "report.toml").unlink()
    status, _, err = run(capsys, "export", str(report_dir))
    assert status == 1
    assert "缺少 report.toml" in err and str(report_dir) in err


def test_an_unknown_placeholder_refuses_the_export(
    report_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = report_dir / "4-plans.toml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines, 1) if line.startswith("lead = "))
    lines[number - 1] = lines[number - 1].replace("2024年", "{next_year}年")
    path.write_text("".join(lines), encoding="utf-8")
    status, out, err = run(capsys, "export", str(report_dir))
    assert status == 1
    assert out == ""
    assert f"4-plans.toml:{number}:9:" in err
    assert "next_year" in err


def test_no_traceback_reaches_the_user(report_dir: Path) -> None:
    (report_dir / "1-measures.toml").write_bytes("title = 存在\n".encode("gbk"))
    result = subprocess.run(
        [sys.executable, "-m", "tui", "export", str(report_dir)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "UTF-8" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("name", ["报告.pdf", "报告"])
def test_an_output_name_that_names_no_format_is_refused(
    example_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    status, _, err = run(capsys, "export", str(example_dir), "-o", str(tmp_path / name))
    assert status == 2
    assert "无法判断导出格式：请用 .docx 或 .txt 结尾，或用 --format 指定" in err
    assert not (tmp_path / name).exists()
    status, _, _ = run(capsys, "export", str(example_dir), "-f", "txt", "-o", str(tmp_path / name))
    assert status == 0 and (tmp_path / name).read_text("utf-8").startswith(
        "上海市宝山区应急管理局文件"
    )


def test_dash_is_standard_output_for_text_and_refused_for_docx(
    example_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    status, out, _ = run(capsys, "export", str(example_dir), "-o", "-")
    assert status == 0 and out.startswith("上海市宝山区应急管理局文件")
    status, _, err = run(capsys, "export", str(example_dir), "-f", "docx", "-o", "-")
    assert status == 2 and "DOCX 不能写到标准输出" in err
    assert list(tmp_path.iterdir()) == []


def test_the_report_s_own_files_are_never_export_targets(
    report_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (report_dir / "report.toml").read_bytes()
    target = str(report_dir / "report.toml")
    status, _, err = run(capsys, "export", str(report_dir), "-f", "txt", "-o", target)
    assert status == 2 and "会被覆盖" in err
    assert (report_dir / "report.toml").read_bytes() == before


def test_a_full_disk_behind_standard_output_is_a_message(example_dir: Path) -> None:
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "tui", "export", str(example_dir)],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
        )
    assert result.returncode == 1
    assert result.stderr.strip() == "tui：无法写出结果：磁盘空间已满"


# -- the website form: --web ----------------------------------------------------------------
def test_web_writes_the_website_form(
    example_dir: Path, capfdbinary: pytest.CaptureFixture[bytes]
) -> None:
    assert main(["export", str(example_dir), "--format", "txt", "--web"]) == 0
    out = capfdbinary.readouterr().out.decode("utf-8")
    assert out == export_text(load_report(example_dir), web=True)[0]
    assert out.startswith("宝山区应急管理局2023年法治政府建设情况报告\n")
    assert "签发人" not in out and "抄送" not in out


def test_web_goes_to_a_file_and_chooses_txt_without_format(
    example_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "网站.txt"
    status, out, err = run(capsys, "export", str(example_dir), "--web", "-o", str(target))
    assert (status, out) == (0, "") and "已导出" in err
    assert target.read_text(encoding="utf-8") == export_text(load_report(example_dir), web=True)[0]
    status, out, _ = run(capsys, "export", str(example_dir), "--web")
    assert status == 0 and out.startswith("宝山区应急管理局2023年法治政府建设情况报告\n")


@pytest.mark.parametrize(
    "argv",
    [["--format", "docx", "--web"], ["--web"], ["-f", "docx", "--web", "--force"]],
    ids=["format", "extension", "forced"],
)
def test_web_with_docx_is_a_usage_error(
    example_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    target = tmp_path / "报告.docx"
    status, out, err = run(capsys, "export", str(example_dir), *argv, "-o", str(target))
    assert status == 2 and out == ""
    assert "--web 只用于纯文本导出" in err and "--format txt --web" in err
    assert not target.exists()


def test_web_refuses_an_invalid_report_like_the_full_text(
    report_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = report_dir / "4-plans.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("不断走深走实。", "{nope}"), encoding="utf-8"
    )
    status, out, err = run(capsys, "export", str(report_dir), "--web")
    assert status == 1 and out == ""
    assert "nope" in err and "未导出" in err


def test_the_help_explains_web_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["export", "--help"])
    assert exit_info.value.code == 0
    flat = "".join(capsys.readouterr().out.split())  # however argparse wraps the lines
    assert "--web" in flat
    assert "政府网站发布的文本" in flat and "不含发文机关标志、发文字号和签发人、版记" in flat
