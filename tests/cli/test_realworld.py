"""Five real reports written in tui's records: the website text reproduces each, and it validates.

``tests/data/realworld/<stem>.txt`` is the published opening of a real report (one paragraph a
line, the last cut off where the web copy was cut); ``<stem>/`` is that report as a folder. The
website form (``--web``) must print the file's paragraphs in order and exactly, the cut-off
last one as the start of its paragraph. Where the published copy and the website form differ by
definition, each case says so below; nothing else is forgiven.
"""

from __future__ import annotations

import fnmatch
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

from exporters.text import export_text
from records import load_report
from records.body import walk
from records.editing import EditableFile
from schema import validate_report
from tests.cli.runner import run

ROOT = Path(__file__).resolve().parents[2]
REALWORLD = ROOT / "tests" / "data" / "realworld"
EXAMPLE = ROOT / "records" / "examples" / "dongan-emergency-2025"
CHECK = Path(sys.executable).parent / "check-jsonschema"


@dataclass(frozen=True)
class Case:
    """How the published copy differs from what the website form prints, by definition."""

    title_not_in_file: str = ""
    """The copy starts below the title; the website form prints the title first."""
    recipients_not_in_file: str = ""
    """The copy has no 主送 line; the website form prints the 主送 after the title."""
    not_on_web: tuple[str, ...] = ()
    """Lines of the copy that belong to the 版头, which the website form leaves out."""


CASES = {
    # The copy shows the 发文字号/签发人 line under the title; that is the 版头 (header fields),
    # printed by the full text export and left out of the website form.
    "2020-shanghai-shi-minfangban": Case(not_on_web=("沪民防〔2021〕28号 签发人：钟杰",)),
    # The copy starts at the opening paragraph: no title, no 主送.
    "2023-shanghai-songjiang-lvhuashirongju": Case(
        title_not_in_file="上海市松江区绿化和市容管理局2023年法治政府建设情况报告",
        recipients_not_in_file="中共上海市松江区委、上海市松江区人民政府：",
    ),
    # The copy starts at the 主送: no title.
    "2024-shanghai-shi-yingjiju": Case(
        title_not_in_file="上海市应急管理局关于2024年度法治政府建设情况的报告",
    ),
    # The copy goes from the title straight to the opening: no 主送.
    "2024-zhejiang-jiaxing-shi-yingjiju": Case(
        recipients_not_in_file="中共嘉兴市委、嘉兴市人民政府：",
    ),
    # The title is over two lines, as in the copy; no 主送.
    "2025-hunan-dongan-xian-yingjiju": Case(
        recipients_not_in_file="中共东安县委、东安县人民政府：",
    ),
}
STEMS = sorted(CASES)


def paragraphs(text: str) -> list[str]:
    """The non-blank lines, without their leading ideographic or ASCII spaces."""
    return [line.lstrip(" \u3000") for line in text.splitlines() if line.strip()]


def expected_lines(stem: str) -> list[str]:
    """The file's lines as the website form prints them, with the case's declared differences."""
    case = CASES[stem]
    lines = [
        line
        for line in paragraphs((REALWORLD / f"{stem}.txt").read_text("utf-8"))
        if line not in case.not_on_web
    ]
    title = case.title_not_in_file.split("\n") if case.title_not_in_file else []
    lines[:0] = title
    if case.recipients_not_in_file:
        at = len(title) if title else len(load_report(REALWORLD / stem).body.title.split("\n"))
        lines.insert(at, case.recipients_not_in_file)
    return lines


def assert_reproduces(export: str, want: list[str]) -> None:
    """``export`` prints ``want`` from its start, the last line as the start of its paragraph."""
    got = paragraphs(export)
    assert len(got) >= len(want), "the export is shorter than the published copy"
    for k, line in enumerate(want):
        if k == len(want) - 1:
            assert got[k].startswith(line), (k, line, got[k])
        else:
            assert got[k] == line, (k, line, got[k])


@pytest.mark.parametrize("stem", STEMS)
def test_the_website_text_reproduces_the_published_copy(stem: str) -> None:
    report = load_report(REALWORLD / stem)
    text, document = export_text(report, web=True)
    assert document.problems == []
    assert_reproduces(text, expected_lines(stem))


def test_the_doc_number_line_comes_from_the_header_not_the_body() -> None:
    stem = "2020-shanghai-shi-minfangban"
    report = load_report(REALWORLD / stem)
    (line,) = CASES[stem].not_on_web
    assert (report.header.doc_number, report.header.signer) == ("沪民防〔2021〕28号", "钟杰")
    full, _ = export_text(report)
    web, _ = export_text(report, web=True)
    # the full text prints the header as a line of its own, spaced out: the copy's words
    assert line.split() in [printed.split() for printed in full.splitlines()]
    assert report.header.doc_number not in web and "签发人" not in web


@pytest.mark.parametrize("stem", STEMS)
def test_nothing_is_found_but_the_1_style_warning(stem: str) -> None:
    report = load_report(REALWORLD / stem)
    found = [(Path(d.file).name, d.line, d.code, d.severity) for d in validate_report(report)]
    if report.numbering.item_style == "1、":
        line = report.meta.where(("numbering", "item_style")).line
        assert found == [("report.toml", line, "F008", "warning")]
    else:
        assert found == []


def test_tui_validate_passes_every_folder(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "validate", *(str(REALWORLD / s) for s in STEMS))
    assert status == 0, out + err


@pytest.mark.parametrize(
    ("stem", "structure"),
    [
        # 一、 lead; （一） standalone with text and a second paragraph
        ("2020-shanghai-shi-minfangban", [(2, "standalone", "text", "paragraphs")]),
        # （一） standalone with two numbered paragraphs 1、 2、
        ("2023-shanghai-songjiang-lvhuashirongju", [(2, "standalone"), (3, "text"), (3, "text")]),
        # 1.–5. across （一）（二）（三）
        (
            "2024-shanghai-shi-yingjiju",
            [(2, "standalone"), (3, "text"), (3, "text")] * 2 + [(2, "standalone"), (3, "text")],
        ),
        # run-in （一）（二）
        ("2024-zhejiang-jiaxing-shi-yingjiju", [(2, "title", "text")] * 2),
        # two standalone （一）（二）, each with a paragraph
        ("2025-hunan-dongan-xian-yingjiju", [(2, "standalone", "text")] * 2),
    ],
)
def test_the_first_written_section_has_the_files_structure(
    stem: str, structure: list[tuple[object, ...]]
) -> None:
    """The structure is written as blocks, not as text that happens to print the same."""
    section = next(s for s in load_report(REALWORLD / stem).sections if s.blocks)
    shape = []
    for block in walk(section.blocks):
        keys: list[object] = [block.level]
        if block.standalone:
            keys.append("standalone")
        elif block.title:
            keys.append("title")
        keys += [name for name in ("text", "paragraphs") if getattr(block, name)]
        shape.append(tuple(keys))
    assert shape == structure


# -- the second shipped example -----------------------------------------------------------
def test_the_example_reproduces_the_dongan_copy_and_validates_clean() -> None:
    report = load_report(EXAMPLE)
    assert validate_report(report) == []
    text, document = export_text(report, web=True)
    assert document.problems == []
    assert_reproduces(text, expected_lines("2025-hunan-dongan-xian-yingjiju"))
    # a whole report: every mandated item, and the cut-off paragraph completed
    assert [s.kind for s in report.sections] == ["measures", "shortcomings", "leadership", "plans"]
    assert "研究部署本单位法治建设依法治理工作。\n" in text


def test_the_example_exports_as_a_whole_report(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "export", str(EXAMPLE), "--format", "txt")
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "东安县应急管理局文件"
    assert lines[lines.index("东安县应急管理局") + 1] == "2025年法治政府建设报告"
    assert "（共印5份）" in out


def test_the_example_is_shipped_with_the_package() -> None:
    globs = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"][
        "package-data"
    ]["records"]
    files = [p.relative_to(ROOT / "records").as_posix() for p in EXAMPLE.rglob("*") if p.is_file()]
    assert files and all(any(fnmatch.fnmatch(f, g) for g in globs) for f in files)


@pytest.mark.parametrize("path", sorted(EXAMPLE.glob("*.toml")), ids=lambda p: p.name)
def test_the_example_round_trips_and_names_its_schema(path: Path) -> None:
    assert EditableFile.open(path).text().encode("utf-8") == path.read_bytes()
    first = path.read_text("utf-8").splitlines()[0]
    which = "report" if path.name == "report.toml" else "section"
    assert first == f"#:schema ../../../schema/{which}.schema.json"
    schema_file = (path.parent / first.split(" ", 1)[1]).resolve()
    assert schema_file == ROOT / "schema" / f"{which}.schema.json"


def test_check_jsonschema_accepts_the_example_and_the_folders() -> None:
    folders = [EXAMPLE, *(REALWORLD / s for s in STEMS)]
    for which in ("report", "section"):
        files = [
            str(p)
            for folder in folders
            for p in sorted(folder.glob("*.toml"))
            if (p.name == "report.toml") == (which == "report")
        ]
        done = subprocess.run(
            [str(CHECK), "--schemafile", str(ROOT / "schema" / f"{which}.schema.json"), *files],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stdout + done.stderr
