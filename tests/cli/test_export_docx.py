"""``tui export --format docx``: the file, refusing an invalid report, ``--force``, ``--font``."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from records import Diagnostic
from tests.cli.runner import run


def texts(path: Path) -> list[str]:
    document = docx.Document(io.BytesIO(path.read_bytes()))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return [p.text for p in document.paragraphs] + cells


def replace_in_line(path: Path, starts: str, old: str, new: str) -> int:
    """Edit the line that starts with ``starts``; returns its number."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines, 1) if line.startswith(starts))
    lines[number - 1] = lines[number - 1].replace(old, new)
    path.write_text("".join(lines), encoding="utf-8")
    return number


def test_docx_is_written_to_the_named_file(
    example_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "报告.docx"
    status, out, err = run(
        capsys, "export", str(example_dir), "--format", "docx", "-o", str(target)
    )
    assert (status, out, err) == (0, "", f"tui：已导出 {target}\n")
    written = texts(target)
    assert "上海市宝山区应急管理局文件" in written
    assert "上海市宝山区应急管理局\n\t2024年1月19日" in written and "（共印5份）" in written


def test_docx_needs_an_output_file(example_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "export", str(example_dir), "--format", "docx")
    assert status == 2 and out == ""
    assert "-o" in err


@pytest.mark.parametrize("option", ["colour=红", "body"])
def test_a_bad_font_option_is_a_usage_error(
    example_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str
) -> None:
    target = tmp_path / "x.docx"
    argv = ["export", str(example_dir), "-f", "docx", "-o", str(target), "--font", option]
    status, _, err = run(capsys, *argv)
    assert status == 2 and "角色=字体名" in err
    assert not target.exists()


def test_font_option_names_the_font_in_the_file(
    example_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "x.docx"
    argv = ["export", str(example_dir), "-f", "docx", "-o", str(target), "--font", "body=仿宋"]
    assert run(capsys, *argv)[0] == 0
    assert 'w:eastAsia="仿宋"'.encode() in _document_xml(target)


def _document_xml(path: Path) -> bytes:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return archive.read("word/document.xml")


def test_an_invalid_report_is_refused_and_nothing_is_written(
    report_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    number = replace_in_line(report_dir / "4-plans.toml", "lead = ", "2024年", "{next_year}年")
    target = tmp_path / "out.docx"
    target.write_bytes(b"the previous export")
    status, out, err = run(capsys, "export", str(report_dir), "-f", "docx", "-o", str(target))
    assert status == 1 and out == ""
    assert f"4-plans.toml:{number}:9:" in err and "next_year" in err
    assert "--force" in err
    assert target.read_bytes() == b"the previous export"


def test_force_writes_the_whole_document_anyway(
    report_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    replace_in_line(report_dir / "4-plans.toml", "lead = ", "2024年", "{next_year}年")
    target = tmp_path / "out.docx"
    argv = ["export", str(report_dir), "-f", "docx", "-o", str(target), "--force"]
    status, _, err = run(capsys, *argv)
    assert status == 0
    assert "next_year" in err and "已按 --force 导出" in err  # still told what is wrong
    written = texts(target)
    assert any("{next_year}年" in t for t in written)  # visible, for the clerk to see
    assert (
        "上海市宝山区应急管理局\n\t2024年1月19日" in written and "抄送：区法治政府办。" in written
    )


def test_a_control_character_is_an_error_with_file_and_line(
    report_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = report_dir / "2-shortcomings.toml"
    number = replace_in_line(path, "lead = ", "今年以来", "今年\\u000b以来")
    target = tmp_path / "out.docx"
    status, _, err = run(capsys, "export", str(report_dir), "-f", "docx", "-o", str(target))
    assert status == 1 and not target.exists()
    assert f"2-shortcomings.toml:{number}:11: error X003" in err
    assert "Traceback" not in err
    status, _, _ = run(
        capsys, "export", str(report_dir), "-f", "docx", "-o", str(target), "--force"
    )
    assert status == 0
    assert any("今年以来我局" in t for t in texts(target))


@pytest.fixture
def fake_validator(monkeypatch: pytest.MonkeyPatch) -> list[Diagnostic]:
    """Stand in for ``schema.validate_report`` with findings a test chooses."""
    import schema

    findings: list[Diagnostic] = []
    monkeypatch.setattr(schema, "validate_report", lambda report, errors=(): list(findings))
    return findings


def test_warnings_do_not_block_but_validator_errors_do(
    example_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    fake_validator: list[Diagnostic],
) -> None:
    target = tmp_path / "out.docx"
    argv = ["export", str(example_dir), "-f", "docx", "-o", str(target)]
    fake_validator.append(
        Diagnostic("report.toml", 14, 8, "Y010", "warning", "成文日期晚于3月31日")
    )
    assert run(capsys, *argv)[0] == 0 and target.exists()
    target.unlink()
    fake_validator.append(Diagnostic("report.toml", 3, 8, "Y001", "error", "年度不对"))
    status, _, err = run(capsys, *argv)
    assert status == 1 and not target.exists()
    assert "report.toml:3:8: error Y001 年度不对" in err
    assert "Y010" not in err


def test_the_validators_errors_refuse_and_its_warnings_do_not(
    report_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out.docx"
    argv = ["export", str(report_dir), "-f", "docx", "-o", str(target)]
    report = report_dir / "report.toml"
    # late but consistent dates: a warning (after 31 March) and no error
    replace_in_line(report, "date = ", "2024-01-19", "2024-04-19")
    replace_in_line(report, "print_date = ", "2024-01-19", "2024-04-19")
    status, _, err = run(capsys, *argv)
    assert status == 0 and target.exists(), err
    target.unlink()
    number = replace_in_line(report, "doc_number = ", "〔2024〕2号", "〔2024〕02号")
    status, _, err = run(capsys, *argv)
    assert status == 1 and not target.exists()
    assert f"report.toml:{number}:24: error" in err and "02号" in err  # at the zero
    assert "warning" not in err


def test_an_incomplete_draft_still_exports_with_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "draft"
    folder.mkdir()
    (folder / "report.toml").write_text("year = 2023\n[header]\nsigner = 3\n", encoding="utf-8")
    (folder / "1-measures.toml").write_text('kind = "measures"\n', encoding="utf-8")
    target = tmp_path / "draft.docx"
    argv = ["export", str(folder), "-f", "docx", "-o", str(target), "--force"]
    status, _, err = run(capsys, *argv)
    assert status == 0 and "Traceback" not in err
    assert "一、" in texts(target)


def test_the_format_follows_the_output_extension(
    example_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "报告.docx"
    status, _, _ = run(capsys, "export", str(example_dir), "-o", str(target))
    assert status == 0
    assert target.read_bytes()[:2] == b"PK"  # a real DOCX, not text under a .docx name


def test_a_format_that_contradicts_the_extension_is_refused(
    example_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "报告.docx"
    status, _, err = run(capsys, "export", str(example_dir), "-f", "txt", "-o", str(target))
    assert status == 2
    assert "扩展名 .docx 与 --format txt 不符" in err
    assert not target.exists()
