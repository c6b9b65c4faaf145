"""check-jsonschema, reading the same schema files, agrees with tui on the per-file shape."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "records" / "examples" / "baoshan-emergency-2023"
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
    "F001-doc-number": ("report.toml", "report"),
    "F002-date-as-string": ("report.toml", "report"),
}

pytestmark = pytest.mark.skipif(not CHECK.exists(), reason="check-jsonschema is not installed")


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
