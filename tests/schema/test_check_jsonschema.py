"""check-jsonschema, reading the same schema files, agrees with tui on the per-file shape."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "records" / "examples" / "baoshan-emergency-2023"
BLOCKS = ROOT / "tests" / "schema" / "data" / "blocks-report"
INVALID = ROOT / "tests" / "data" / "invalid"
CHECK = Path(sys.executable).parent / "check-jsonschema"

# cases whose one defect is in the plain JSON Schema part: file, schema
STRUCTURAL = {
    "S001-missing-signer": ("report.toml", "report"),
    "S002-quoted-number": ("report.toml", "report"),
    "S003-unknown-key": ("2-shortcomings.toml", "section"),
    "S004-unknown-kind": ("2-shortcomings.toml", "section"),
    "S005-empty-title": ("3-leadership.toml", "section"),
    "S006-metric-key": ("3-leadership.toml", "section"),
    "S007-no-copies": ("report.toml", "report"),
    "M003-empty-section": ("2-shortcomings.toml", "section"),
    "M004-part-without-text": ("4-plans.toml", "section"),
    "M004-run-in-heading-over-paragraphs": ("4-plans.toml", "section"),
    "M004-empty-numbered-paragraph": ("4-plans.toml", "section"),
    "M005-standalone-heading-empty": ("4-plans.toml", "section"),
    "S005-empty-item-title": ("4-plans.toml", "section"),
    "F001-doc-number": ("report.toml", "report"),
    "F002-date-as-string": ("report.toml", "report"),
}


def check_jsonschema(schema: str, *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            str(CHECK),
            "--schemafile",
            str(ROOT / "schema" / f"{schema}.schema.json"),
            *map(str, files),
        ],
        capture_output=True,
        text=True,
    )


def test_check_jsonschema_accepts_the_example() -> None:
    sections = sorted(p for p in EXAMPLE.glob("*.toml") if p.name != "report.toml")
    assert check_jsonschema("section", *sections).returncode == 0
    assert check_jsonschema("report", EXAMPLE / "report.toml").returncode == 0


def test_check_jsonschema_accepts_the_block_format() -> None:
    """Standalone headings, paragraphs, items and subitems, [numbering], a title over two lines."""
    sections = sorted(p for p in BLOCKS.glob("*.toml") if p.name != "report.toml")
    assert len(sections) == 5
    result = check_jsonschema("section", *sections)
    assert result.returncode == 0, result.stdout
    assert check_jsonschema("report", BLOCKS / "report.toml").returncode == 0


@pytest.mark.parametrize("schema", ["report", "section"])
def test_check_jsonschema_refuses_each_structural_defect(schema: str, tmp_path: Path) -> None:
    cases = {case: file for case, (file, which) in STRUCTURAL.items() if which == schema}
    copies = []
    for case, file in cases.items():
        copy = tmp_path / case / file
        copy.parent.mkdir()
        shutil.copy(INVALID / case / file, copy)
        copies.append(copy)
    result = check_jsonschema(schema, *copies)
    assert result.returncode == 1
    for case in cases:  # every file is named among the failures
        assert case in result.stdout, (case, result.stdout)


def test_a_whole_number_written_as_a_decimal_is_an_integer_to_both(tmp_path: Path) -> None:
    """JSON Schema's ``integer`` includes 2023.0: neither tool refuses it; tui only warns."""
    from schema import validate_folder

    folder = tmp_path / "report"
    shutil.copytree(INVALID / "_base", folder)
    shutil.copy(INVALID / "F007-year-as-decimal" / "report.toml", folder / "report.toml")
    text = (folder / "report.toml").read_text("utf-8").replace("copies = 5", "copies = 5.0")
    (folder / "report.toml").write_text(text, "utf-8")
    assert check_jsonschema("report", folder / "report.toml").returncode == 0
    found = validate_folder(folder)
    assert [(d.code, d.severity, d.pointer) for d in found] == [
        ("F007", "warning", "/year"),
        ("F007", "warning", "/footer/copies"),
    ]
    assert "请写成整数 2023" in found[0].message
    # a year that is not whole stays a type error for both
    text = text.replace("year = 2023.0", "year = 2023.5")
    (folder / "report.toml").write_text(text, "utf-8")
    assert check_jsonschema("report", folder / "report.toml").returncode == 1
    assert "S002" in [d.code for d in validate_folder(folder)]
