"""``tui validate`` on a report whose ``previous`` names last year's: ``tui compare``'s warnings.

The issue's repro: 8619800 typed in 万元 where last year said 861.98 passed
``tui validate``. It is now U001, at the value, naming last year's figure and
file; ``--strict`` fails on it and a ``[[waivers]]`` entry accepts it. A
``previous`` that cannot be read is a warning (U005), never a crash.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.runner import run
from tests.conftest import EXAMPLE, ROOT

WAIVER = """
[[waivers]]
code = "U001"
file = "1-measures.toml"
reason = "今年确有大额罚没，已核对"
"""


@pytest.fixture
def reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """last/ is the example; this/ is a copy naming it as ``previous``, with 元 typed as 万元."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(EXAMPLE, tmp_path / "last")
    this = tmp_path / "this"
    shutil.copytree(EXAMPLE, this)
    meta = this / "report.toml"
    meta.write_text(
        meta.read_text("utf-8").replace("\nyear = 2023", '\nprevious = "../last"\nyear = 2023', 1),
        "utf-8",
    )
    measures = this / "1-measures.toml"
    text = measures.read_text("utf-8")
    assert text.count("value = 861.98\n") == 1
    measures.write_text(text.replace("value = 861.98\n", "value = 8619800\n"), "utf-8")
    return this


def _line_of(path: Path, text: str) -> int:
    content = path.read_text("utf-8")
    return content[: content.index(text)].count("\n") + 1


def test_the_yuan_typed_as_wan_yuan_is_a_warning_at_the_value(reports: Path, capsys) -> None:
    status, out, _ = run(capsys, "validate", "--no-cache", "this")
    assert status == 0  # a warning: a real change can be this large
    (line,) = [x for x in out.splitlines() if " U001 " in x]
    where = f"this/1-measures.toml:{_line_of(reports / '1-measures.toml', 'value = 8619800')}:9:"
    assert line.startswith(f"{where} warning U001 ")
    old_line = _line_of(EXAMPLE / "1-measures.toml", "value = 861.98")
    assert "去年是 861.98万元" in line and f"last/1-measures.toml 第 {old_line} 行" in line
    assert [x for x in out.splitlines() if " U00" in x] == [line]  # nothing else differs


def test_strict_fails_on_it_and_a_waiver_accepts_it(reports: Path, capsys) -> None:
    status, _, _ = run(capsys, "validate", "--no-cache", "--strict", "this")
    assert status == 1
    meta = reports / "report.toml"
    meta.write_text(meta.read_text("utf-8") + WAIVER, "utf-8")
    status, out, _ = run(capsys, "validate", "--no-cache", "--strict", "--format", "json", "this")
    assert status == 0
    data = json.loads(out)
    assert data["diagnostics"] == []
    (waived,) = data["waived"]
    assert waived["code"] == "U001" and waived["reason"] == "今年确有大额罚没，已核对"


def test_the_json_and_github_forms_carry_the_code(reports: Path, capsys) -> None:
    _, out, _ = run(capsys, "validate", "--no-cache", "--format", "json", "this")
    (found,) = json.loads(out)["diagnostics"]
    assert (found["code"], found["severity"]) == ("U001", "warning")
    assert found["pointer"] == "/metrics/penalty_amount/value"
    _, out, _ = run(capsys, "validate", "--no-cache", "--format", "github", "this")
    assert out.startswith("::warning file=this/1-measures.toml,") and "title=U001::" in out


def test_a_previous_folder_that_is_missing_is_a_warning_not_a_crash(reports: Path, capsys) -> None:
    shutil.rmtree(reports.parent / "last")
    status, out, err = run(capsys, "validate", "--no-cache", "this")
    assert status == 0 and "Traceback" not in err
    (line,) = [x for x in out.splitlines() if " U005 " in x]
    where = _line_of(reports / "report.toml", "previous = ")
    assert line.startswith(f"this/report.toml:{where}:12: warning U005 ")
    assert "“../last”无法读取" in line and "文件夹不存在" in line
    status, _, _ = run(capsys, "validate", "--no-cache", "--strict", "this")
    assert status == 1


def test_a_previous_report_with_a_broken_file_names_the_file(reports: Path, capsys) -> None:
    broken = reports.parent / "last" / "2-shortcomings.toml"
    broken.write_text('kind = "shortcomings\n', "utf-8")
    status, out, err = run(capsys, "validate", "--no-cache", "this")
    assert status == 0 and "Traceback" not in err
    (line,) = [x for x in out.splitlines() if " U005 " in x]
    assert "last/2-shortcomings.toml" in line and "TOML" in line


def test_a_change_to_last_years_report_is_seen_despite_the_cache(reports: Path, capsys) -> None:
    measures = reports / "1-measures.toml"
    measures.write_text(
        measures.read_text("utf-8").replace("value = 8619800\n", "value = 861.98\n"), "utf-8"
    )
    assert run(capsys, "validate", "--strict", "this")[0] == 0  # clean: remembered
    old = reports.parent / "last" / "1-measures.toml"
    old.write_text(old.read_text("utf-8").replace("value = 861.98\n", "value = 0.08\n"), "utf-8")
    status, out, _ = run(capsys, "validate", "--strict", "this")
    assert status == 1 and " U001 " in out


def test_without_previous_nothing_more_is_imported(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from tui.cli import main\n"
        f"status = main(['validate', '--no-cache', {str(EXAMPLE)!r}])\n"
        "print('schema.compare' in sys.modules, 'schema.validator' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.stdout.splitlines()[-1] == "False True", result.stderr
