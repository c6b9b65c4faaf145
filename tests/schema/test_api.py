"""The Python API others build on: load_schema, validate_report, validate_folder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

import schema
from records import ReportDraft, read_report
from schema import load_schema, validate_folder, validate_report

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", ["report", "section", "folder"])
def test_schema_files_are_valid_draft_2020_12(name: str) -> None:
    data = load_schema(name)
    assert data["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(data)
    assert json.loads((ROOT / "schema" / f"{name}.schema.json").read_text("utf-8")) == data


def _properties(node: object, where: str = "") -> list[tuple[str, dict]]:
    found: list[tuple[str, dict]] = []
    if isinstance(node, dict):
        for key, sub in node.get("properties", {}).items():
            found.append((f"{where}/{key}", sub))
        for key, sub in node.items():
            if key not in ("tuiEnumTitles", "tuiCodes"):
                found.extend(_properties(sub, f"{where}/{key}"))
    elif isinstance(node, list):
        for i, sub in enumerate(node):
            found.extend(_properties(sub, f"{where}/{i}"))
    return found


@pytest.mark.parametrize("name", ["report", "section"])
def test_every_property_has_a_chinese_title_and_description(name: str) -> None:
    for where, prop in _properties(load_schema(name)):
        if "$ref" in prop or set(prop) == {"const"}:  # a condition (standalone = true), no field
            continue
        for field in ("title", "description"):
            text = prop.get(field, "")
            assert any("\u4e00" <= ch <= "\u9fff" for ch in text), (
                f"{where} lacks a Chinese {field}"
            )


def test_kind_is_an_enum_of_the_section_kinds() -> None:
    from records import SECTION_KINDS

    assert load_schema("section")["properties"]["kind"]["enum"] == list(SECTION_KINDS)


def test_unknown_schema_name_is_refused() -> None:
    with pytest.raises(ValueError):
        load_schema("nonsense")


def test_the_example_validates_clean(example_dir: Path) -> None:
    assert validate_folder(example_dir) == []


def test_validate_report_on_an_unsaved_draft(report_dir: Path) -> None:
    draft = ReportDraft(report_dir)
    draft.meta.set(("header", "signer"), "")
    found = validate_report(draft.report())
    assert [(d.file.endswith("report.toml"), d.code, d.pointer) for d in found] == [
        (True, "S005", "/header/signer")
    ]
    assert (report_dir / "report.toml").read_text("utf-8").count('signer = "沈斌"') == 1


def test_validate_report_takes_the_load_errors(report_dir: Path) -> None:
    (report_dir / "3-leadership.toml").write_text("kind = \n", "utf-8")
    with (report_dir / "1-measures.toml").open("a", encoding="utf-8") as f:
        f.write('\n[[checks]]\nrule = "leader_study_sessions <= study_sessions"\n')
    edit = report_dir / "2-shortcomings.toml"
    text = edit.read_text("utf-8")
    edit.write_text(text.replace("落实不到位。", "落实不到位{leader_study_sessions}。"), "utf-8")
    result = read_report(report_dir)
    found = validate_report(result.report, result.errors)
    # the unreadable file is reported once; its absence adds no "missing part",
    # no unresolved reference and no unknown metric
    assert [d.code for d in found] == ["R004"]


def test_diagnostics_are_sorted_by_file_line_column(report_dir: Path) -> None:
    text = (report_dir / "report.toml").read_text("utf-8")
    text = text.replace('signer = "沈斌"', 'signer = ""').replace("year = 2023", "year = 1800")
    (report_dir / "report.toml").write_text(text, "utf-8")
    shutil.rmtree(report_dir / "sub", ignore_errors=True)
    found = validate_folder(report_dir)
    keys = [(d.file, d.line, d.column) for d in found]
    assert keys == sorted(keys) and len(found) >= 2


def test_a_folder_without_report_toml_is_one_diagnostic(tmp_path: Path) -> None:
    found = validate_folder(tmp_path)
    assert [(d.code, d.severity) for d in found] == [("R002", "error")]


def test_missing_content_codes_are_registered() -> None:
    assert schema.MISSING_CONTENT_CODES <= set(schema.CODES)
