"""The layers stay layered: records ← schema ← exporters ← tui.

Two guards, as harlequin keeps them: import-linter's contracts (pyproject.toml),
and fresh interpreters that import a package and look at what came along.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def modules_after(code: str) -> set[str]:
    """The top-level modules a fresh interpreter holds after running ``code``."""
    script = (
        code
        + "\nimport sys, json\nprint(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return set(json.loads(result.stdout.splitlines()[-1]))


def test_reading_a_report_loads_neither_ui_nor_docx_nor_tomlkit() -> None:
    loaded = modules_after(
        "import records\nfrom pathlib import Path\n"
        "records.load_report(Path('records/examples/baoshan-emergency-2023'))"
    )
    assert not loaded & {"textual", "docx", "tomlkit", "schema", "exporters", "tui"}


def test_the_text_export_loads_neither_ui_nor_docx() -> None:
    loaded = modules_after("import exporters.text")
    assert not loaded & {"textual", "docx", "tui"}


def test_the_command_line_loads_heavy_libraries_only_when_a_command_needs_them() -> None:
    loaded = modules_after("from tui.cli import build_parser\nbuild_parser()")
    assert not loaded & {"textual", "docx", "xlsxwriter", "openpyxl"}


def test_validating_loads_neither_ui_nor_docx_nor_the_workbook_library() -> None:
    loaded = modules_after(
        "from tui.cli import main\n"
        "main(['validate', '--no-cache', 'records/examples/baoshan-emergency-2023'])"
    )
    assert "jsonschema" in loaded  # it did validate
    assert not loaded & {"textual", "docx", "xlsxwriter", "openpyxl", "tomlkit"}


def test_only_the_xlsx_summary_loads_the_workbook_library(tmp_path: Path) -> None:
    folder = "records/examples/baoshan-emergency-2023"
    text = modules_after(f"from tui.cli import main\nmain(['summary', '{folder}'])")
    assert not text & {"xlsxwriter", "openpyxl", "textual", "docx"}
    out = tmp_path / "summary.xlsx"
    xlsx = modules_after(f"from tui.cli import main\nmain(['summary', '{folder}', '-o', '{out}'])")
    assert "xlsxwriter" in xlsx and "openpyxl" not in xlsx and out.is_file()


def test_import_linter_contracts_hold() -> None:
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint is not None, "import-linter is a test dependency: pip install -e '.[test]'"
    result = subprocess.run([lint], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
