"""An opening of several paragraphs (``[body] paragraphs``): checked, exported, imported, edited.

The opening is one paragraph in most reports, but real ones also write two or
three before the first 一、; each stays its own paragraph in every layer.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from tests.cli.runner import run
from tui.editor.outline import all_fields, build_outline

SECOND = "全年共开展学法活动{study_sessions}次，现将有关情况报告如下："


def _with_paragraphs(report_dir: Path, paragraphs: str) -> None:
    meta = report_dir / "report.toml"
    text = meta.read_text("utf-8")
    marker = "signature = "
    meta.write_text(text.replace(marker, f"paragraphs = {paragraphs}\n{marker}", 1), "utf-8")


def test_each_further_paragraph_of_the_opening_is_its_own_paragraph(
    report_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _with_paragraphs(report_dir, f'["{SECOND}"]')
    assert run(capsys, "validate", str(report_dir))[0] == 0
    status, out, _ = run(capsys, "export", str(report_dir), "--format", "txt", "--web")
    assert status == 0
    lines = [line.strip() for line in out.splitlines() if line.strip()]
    opening = next(i for i, line in enumerate(lines) if line.startswith("2023年，区应急管理局"))
    assert lines[opening + 1] == "全年共开展学法活动12次，现将有关情况报告如下："
    assert lines[opening + 2].startswith("一、")


def test_the_opening_paragraphs_are_read_by_every_prose_rule(
    report_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _with_paragraphs(report_dir, '["", "全年学习{stdy_sessions}次。"]')
    status, out, _ = run(capsys, "validate", str(report_dir), "--format", "json")
    assert status == 1
    found = {(d["code"], d["pointer"]) for d in json.loads(out)["diagnostics"]}
    assert ("S005", "/body/paragraphs/0") in found
    assert ("P001", "/body/paragraphs/1") in found


def test_an_imported_opening_of_two_paragraphs_keeps_both(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "report.txt"
    paragraphs = [
        "某区司法局2025年法治政府建设情况报告",
        "区委、区政府：",
        "2025年，区司法局坚持依法行政。",
        "现将有关情况报告如下：",
        "一、2025年推进法治政府建设的主要举措和成效",
        "成立领导小组。",
        "二、2025年推进法治政府建设存在的不足和原因",
        "学习不够。",
        "三、党政主要负责人履行推进法治建设第一责任人职责情况",
        "主要负责人带头学法。",
        "四、2026年推进法治建设的主要安排",
        "继续努力。",
    ]
    source.write_text("\n".join(paragraphs) + "\n", "utf-8")
    target = tmp_path / "imported"
    assert run(capsys, "import", str(source), str(target), "--no-metrics")[0] == 0
    body = tomllib.loads((target / "report.toml").read_text("utf-8"))["body"]
    assert (body["opening"], body["paragraphs"]) == (paragraphs[2], [paragraphs[3]])
    _, out, _ = run(capsys, "export", str(target), "--format", "txt", "--web", "--force")
    assert [line.strip() for line in out.splitlines() if line.strip()] == paragraphs


def test_the_editor_shows_the_opening_paragraphs_as_fields(report_dir: Path) -> None:
    _with_paragraphs(report_dir, f'["{SECOND}"]')
    files = {p.name: tomllib.loads(p.read_text("utf-8")) for p in sorted(report_dir.glob("*.toml"))}
    fields = {(spec.keys, spec.kind) for _, spec in all_fields(build_outline(files))}
    assert (("body", "paragraphs", 0), "prose") in fields
    # parsed again without them, as the editor parses a changed file (never changed in place)
    meta = dict(files["report.toml"])
    meta["body"] = {k: v for k, v in meta["body"].items() if k != "paragraphs"}
    files = {**files, "report.toml": meta}
    fields = {spec.keys for _, spec in all_fields(build_outline(files))}
    assert not any(keys[:2] == ("body", "paragraphs") for keys in fields)
