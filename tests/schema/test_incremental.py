"""Validating again (the editor's way): the errors of unchanged values are kept, never changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from records import read_report
from records.model import build_report
from schema import validate_report
from schema.incremental import validation
from schema.validator import TuiValidator
from tests.cli.test_validate_cases import CASES, materialise
from tests.conftest import EXAMPLE

SOME_CASES = [c for c in CASES if c[0] in "CFMNPSX"][::3]


@pytest.mark.parametrize("case", SOME_CASES)
def test_validating_again_finds_what_one_pass_finds(case: str, tmp_path: Path) -> None:
    result = read_report(materialise(case, tmp_path / "report"))
    once = validate_report(result.report, result.errors)
    assert once
    first = validate_report(result.report, result.errors, again=True)
    kept = validate_report(result.report, result.errors, again=True)  # all of it kept
    assert first == kept == once


def test_a_section_moved_keeps_its_errors_under_its_own_file(tmp_path: Path) -> None:
    """The same section data at another place: kept errors get the path of where it is now."""
    result = read_report(materialise("N002-negative-count", tmp_path / "report"))
    report = result.report
    validate_report(report, again=True)
    files = [s.file for s in report.sections]
    assert files[2].path.name == "3-leadership.toml"  # where the negative count is
    moved = build_report(report.folder, report.meta, [files[2], files[1], files[0], *files[3:]])
    found = validate_report(moved, again=True)
    assert found == validate_report(moved)
    assert {Path(d.file).name for d in found if d.code == "N002"} == {"3-leadership.toml"}


def test_the_kept_keywords_stand_for_jsonschemas_own() -> None:
    """What schema.incremental replaces is jsonschema's keyword, whose behaviour it copies."""
    from jsonschema import _keywords

    kept = validation(TuiValidator)
    for name in ("properties", "additionalProperties", "items", "propertyNames"):
        assert TuiValidator.VALIDATORS[name] is getattr(_keywords, name)
        assert kept.VALIDATORS[name] is not TuiValidator.VALIDATORS[name]


def test_the_example_is_clean_checked_again() -> None:
    report = read_report(EXAMPLE).report
    assert validate_report(report, again=True) == validate_report(report, again=True) == []
