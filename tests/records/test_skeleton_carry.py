"""Carrying a report into the next year: kept, cleared, moved on; the old one untouched."""

from __future__ import annotations

import hashlib
import re
import shutil
import tomllib
from pathlib import Path

import pytest

from records import RecordError, load_report
from records.body import block_tables, prose
from records.carry import LAST_YEAR, carry_over, doc_number_template
from records.skeleton import create_report_folder
from schema import MISSING_CONTENT_CODES, validate_folder

_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


def fingerprint(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def carried(report_dir: Path) -> Path:
    """The example (a private copy) carried into a sibling folder for 2024."""
    new = report_dir.parent / "baoshan-emergency-2024"
    create_report_folder(new, carry_over(report_dir, new))
    return new


def strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def test_the_old_folder_is_never_changed(report_dir: Path) -> None:
    before = fingerprint(report_dir)
    new = report_dir.parent / "next"
    create_report_folder(new, carry_over(report_dir, new))
    assert fingerprint(report_dir) == before


def test_file_names_and_sections_are_kept(carried: Path, report_dir: Path) -> None:
    assert sorted(p.name for p in carried.iterdir()) == sorted(p.name for p in report_dir.iterdir())
    old, new = load_report(report_dir), load_report(carried)
    assert [s.kind for s in new.sections] == [s.kind for s in old.sections]


def test_every_year_in_the_new_report_is_2024_or_2025(carried: Path) -> None:
    report = load_report(carried)
    assert report.year == 2024
    assert report.body.title == "宝山区应急管理局2024年法治政府建设情况报告"
    assert report.sections[3].title.startswith("2025年")
    for file in report.files:
        # every value but `previous`, the path to last year's folder
        data = {k: v for k, v in file.data.items() if k != "previous"}
        for text in strings(data):
            assert set(_YEAR.findall(text)) <= {"2024", "2025"}, (file.path.name, text)


def test_dates_are_cleared_and_the_doc_number_keeps_its_code_and_moves_its_year(
    carried: Path,
) -> None:
    report = load_report(carried)
    assert report.header.doc_number == "宝应急〔2025〕号"  # the serial number is left to type
    assert report.body.date is None and report.footer.print_date is None
    data = report.meta.data
    assert "date" not in data["body"] and "print_date" not in data["footer"]
    lines = (carried / "report.toml").read_text("utf-8").splitlines()
    at = lines.index('doc_number = "宝应急〔2025〕号"')
    assert "去年为“宝应急〔2024〕2号”" in lines[at - 1] and "写上今年的序号" in lines[at - 1]
    assert lines[at - 1].startswith("# 发文字号：") and "没有序号不能导出" in lines[at - 1]


def test_the_missing_serial_number_is_a_finding_where_it_goes(carried: Path) -> None:
    found = [d for d in validate_folder(carried) if d.pointer == "/header/doc_number"]
    assert [(d.code, d.severity) for d in found] == [("S005", "error")]  # cannot be exported
    (finding,) = found
    text = (carried / "report.toml").read_text("utf-8")
    line = text[: text.index('doc_number = "')].count("\n") + 1
    column = len('doc_number = "宝应急〔2025〕') + 1  # on 号: the number is typed before it
    assert (finding.line, finding.column) == (line, column)
    assert "还没有序号" in finding.message and "宝应急〔2025〕2号" in finding.message


def test_the_serial_number_typed_the_report_toml_is_clean_of_it(carried: Path) -> None:
    meta = carried / "report.toml"
    meta.write_text(
        meta.read_text("utf-8").replace("宝应急〔2025〕号", "宝应急〔2025〕3号"), "utf-8"
    )
    assert not [d for d in validate_folder(carried) if d.pointer == "/header/doc_number"]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("宝应急〔2024〕2号", "宝应急〔2025〕号"),
        ("宝应急〔2024〕02号", "宝应急〔2025〕号"),  # a slip of last year's is not carried
        ("宝应急[2024]2号", "宝应急〔2025〕号"),  # nor its brackets
        ("沪应急法〔2024〕15号", "沪应急法〔2025〕号"),
        ("", None),
        ("2号", None),
    ],
)
def test_the_doc_number_template(old: str, new: str | None) -> None:
    assert doc_number_template(old, 2025) == new


def test_a_doc_number_that_gives_no_code_is_left_as_a_placeholder(report_dir: Path) -> None:
    meta = report_dir / "report.toml"
    meta.write_text(meta.read_text("utf-8").replace('"宝应急〔2024〕2号"', '"待定"'), "utf-8")
    new = report_dir.parent / "next"
    create_report_folder(new, carry_over(report_dir, new))
    text = (new / "report.toml").read_text("utf-8")
    assert '# doc_number = ""' in text and "去年为“待定”" in text
    assert "doc_number" not in load_report(new).meta.data["header"]


def test_what_stays_the_same_is_kept(carried: Path, report_dir: Path) -> None:
    old, new = load_report(report_dir), load_report(carried)
    assert new.header.issuer_mark == old.header.issuer_mark
    assert new.header.signer == old.header.signer
    assert new.body.recipients == old.body.recipients
    assert new.footer.cc == old.footer.cc and new.footer.copies == old.footer.copies


def test_metrics_keep_key_label_and_unit_with_values_cleared(
    carried: Path, report_dir: Path
) -> None:
    old, new = load_report(report_dir).metrics(), load_report(carried).metrics()
    assert list(new) == list(old)
    for key, metric in new.items():
        assert metric.value is None, key
        assert (metric.unit, metric.label) == (old[key].unit, old[key].label)
    for section in load_report(carried).sections:
        assert all("value" not in m for m in section.file.data.get("metrics", {}).values())
    assert "# 去年为 861.98 万元" in (carried / "1-measures.toml").read_text("utf-8")


def test_parts_structure_is_kept_and_prose_becomes_comments(
    carried: Path, report_dir: Path
) -> None:
    old, new = load_report(report_dir), load_report(carried)
    for old_section, new_section in zip(old.sections, new.sections, strict=True):
        assert len(new_section.blocks) == len(old_section.blocks)
        assert len(new_section.points) == len(old_section.points)
        assert new_section.lead == ""
        assert all(p == "" for p in new_section.points)
        for old_part, new_part in zip(old_section.blocks, new_section.blocks, strict=True):
            assert (new_part.title, new_part.text) == ("", "")
            assert new_part.points == [""] * len(old_part.points)
        text = new_section.file.source.text
        for old_text in [old_section.lead, *old_section.points]:
            if old_text:
                assert f"：{old_text}" in text
        for part in old_section.blocks:
            assert f"# 去年的小标题：{part.title}" in text
    opening = load_report(report_dir).body.opening
    assert f"# 去年的开头语：{opening}" in (carried / "report.toml").read_text("utf-8")


def test_previous_names_the_old_folder_relatively(carried: Path) -> None:
    data = tomllib.loads((carried / "report.toml").read_text("utf-8"))
    assert data["previous"] == "../baoshan-emergency-2023"


def test_schema_lines_are_kept_and_still_point_at_the_same_files(
    example_dir: Path, tmp_path: Path
) -> None:
    new = tmp_path / "deeper" / "2024"
    new.parent.mkdir()
    create_report_folder(new, carry_over(example_dir, new))
    for name in ("report.toml", "1-measures.toml"):
        old_ref = (example_dir / name).read_text("utf-8").splitlines()[0].split(" ", 1)[1]
        new_line = (new / name).read_text("utf-8").splitlines()[0]
        assert new_line.startswith("#:schema ")
        new_ref = new_line.split(" ", 1)[1]
        assert (new / new_ref).resolve() == (example_dir / old_ref).resolve()


def test_an_explicit_year_moves_titles_by_that_much(example_dir: Path, tmp_path: Path) -> None:
    files = carry_over(example_dir, tmp_path / "x", year=2026)
    report = tomllib.loads(files["report.toml"])
    assert report["year"] == 2026
    assert tomllib.loads(files["4-plans.toml"])["title"].startswith("2027年")


def test_an_old_report_without_a_year_needs_one(report_dir: Path, tmp_path: Path) -> None:
    path = report_dir / "report.toml"
    path.write_text(path.read_text("utf-8").replace("year = 2023", 'year = "二〇二三"'), "utf-8")
    with pytest.raises(RecordError, match="--year") as caught:
        carry_over(report_dir, tmp_path / "x")
    assert (caught.value.path, caught.value.line) == (path, 5)


def test_waivers_are_not_carried(report_dir: Path, tmp_path: Path) -> None:
    path = report_dir / "report.toml"
    path.write_text(
        path.read_text("utf-8") + '\n[[waivers]]\ncode = "T001"\nreason = "引用原文"\n', "utf-8"
    )
    files = carry_over(report_dir, tmp_path / "x")
    assert "waivers" not in tomllib.loads(files["report.toml"])
    assert "豁免" in files["report.toml"]


def test_checks_and_unknown_keys_are_copied(report_dir: Path, tmp_path: Path) -> None:
    path = report_dir / "1-measures.toml"
    path.write_text(
        path.read_text("utf-8")
        + '\n[[checks]]\nrule = "legal_reviews >= penalty_cases"\nmessage = "审核不少于案件"\n',
        "utf-8",
    )
    files = carry_over(report_dir, tmp_path / "x")
    data = tomllib.loads(files["1-measures.toml"])
    assert data["checks"] == [
        {"rule": "legal_reviews >= penalty_cases", "message": "审核不少于案件"}
    ]


def test_a_broken_old_report_raises_and_writes_nothing(report_dir: Path, tmp_path: Path) -> None:
    (report_dir / "2-shortcomings.toml").write_text('kind = "shortcomings\n', "utf-8")
    with pytest.raises(RecordError) as caught:
        carry_over(report_dir, tmp_path / "x")
    assert caught.value.path == report_dir / "2-shortcomings.toml"
    assert not (tmp_path / "x").exists()


def test_the_old_reports_own_previous_is_replaced(report_dir: Path, tmp_path: Path) -> None:
    path = report_dir / "report.toml"
    text = path.read_text("utf-8").replace(
        "year = 2023  # 报告年度", 'year = 2023\nprevious = "../baoshan-emergency-2022"'
    )
    path.write_text(text, "utf-8")
    new = report_dir.parent / "2024"
    data = tomllib.loads(carry_over(report_dir, new)["report.toml"])
    assert data["previous"] == "../baoshan-emergency-2023"


def test_carrying_a_carried_report_replaces_its_notes(carried: Path) -> None:
    again = carried.parent / "baoshan-emergency-2025"
    create_report_folder(again, carry_over(carried, again))
    for path in again.glob("*.toml"):
        notes = [line for line in path.read_text("utf-8").splitlines() if "tui new --from" in line]
        assert notes == [notes[0]] and "baoshan-emergency-2024 转入" in notes[0], path.name


# -- every block level, on the real reports of tests/data/realworld ------------------------
REALWORLD = Path(__file__).resolve().parents[1] / "data" / "realworld"
REALWORLD_FOLDERS = sorted(p.name for p in REALWORLD.iterdir() if p.is_dir())


def block_shape(data: dict[str, object]) -> list[tuple[object, ...]]:
    """Each block's place, level, keys, standalone flag and number of points and paragraphs."""
    return [
        (
            path,
            level,
            sorted(table),
            table.get("standalone"),
            len(table.get("points", [])),
            len(table.get("paragraphs", [])),
        )
        for path, level, table in block_tables(data)
    ]


@pytest.fixture(params=REALWORLD_FOLDERS)
def real_carried(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, Path]:
    """A real report (copied) and its carried next year, side by side."""
    old = tmp_path / request.param
    shutil.copytree(REALWORLD / request.param, old)
    new = tmp_path / "next"
    create_report_folder(new, carry_over(old, new))
    return old, new


def test_every_block_level_is_carried_with_its_shape(real_carried: tuple[Path, Path]) -> None:
    old, new = (load_report(p) for p in real_carried)
    assert new.numbering == old.numbering
    for old_section, new_section in zip(old.sections, new.sections, strict=True):
        old_data, new_data = old_section.file.data, new_section.file.data
        assert block_shape(new_data) == block_shape(old_data), old_section.path.name
        assert len(new_data.get("paragraphs", [])) == len(old_data.get("paragraphs", []))


def test_all_prose_of_every_block_is_cleared_and_kept_as_comments(
    real_carried: tuple[Path, Path],
) -> None:
    old, new = (load_report(p) for p in real_carried)
    for old_section, new_section in zip(old.sections, new.sections, strict=True):
        new_prose = dict(prose(new_section.file.data))
        old_prose = dict(prose(old_section.file.data))
        # the section title moves on with the year; every other string is to be rewritten
        assert {k for k, v in new_prose.items() if v} <= {("title",)}
        assert set(new_prose) == set(old_prose)
        comments = new_section.file.source.text
        for keys, text in old_prose.items():
            if keys != ("title",):
                assert f"# {LAST_YEAR}" in comments and f"：{text}\n" in comments, keys


def test_a_standalone_heading_with_paragraphs_and_numbered_paragraphs_carried(
    tmp_path: Path,
) -> None:
    """The minfangban and Shanghai reports: what the clerk finds in the carried files."""
    minfangban = tmp_path / "minfangban"
    create_report_folder(
        minfangban, carry_over(REALWORLD / "2020-shanghai-shi-minfangban", minfangban)
    )
    part = load_report(minfangban).sections[0].blocks[0]
    assert (part.standalone, part.title, part.text, part.paragraphs) == (True, "", "", [""])
    text = (minfangban / "1-measures.toml").read_text("utf-8")
    assert "  # 去年段落1：高度重视加强党内法规建设和落实工作。健全贯彻执行党\n" in text

    shanghai = tmp_path / "shanghai"
    create_report_folder(shanghai, carry_over(REALWORLD / "2024-shanghai-shi-yingjiju", shanghai))
    report = load_report(shanghai)
    assert report.numbering.items_run_on
    parts = report.sections[0].blocks
    assert [len(p.children) for p in parts] == [2, 2, 1]
    item = parts[0].children[0]
    assert (item.level, item.keys, item.title, item.text) == (3, ("parts", 0, "items", 0), "", "")
    assert "title" not in report.sections[0].file.data["parts"][0]["items"][0]


def test_blocks_at_every_level_and_misplaced_ones_lose_last_years_prose(tmp_path: Path) -> None:
    old = tmp_path / "old"
    shutil.copytree(REALWORLD / "2025-hunan-dongan-xian-yingjiju", old)
    (old / "5-other.toml").write_text(
        'kind = "other"\ntitle = "其他需要报告的情况"\nparagraphs = ["段一。", "段二。"]\n\n'
        '[[items]]\ntext = "条目。"\n\n[[items.subitems]]\ntitle = "细目"\nstandalone = true\n'
        'text = "细目正文。"\n\n[[items.parts]]\ntitle = "放错的分项"\ntext = "放错的正文。"\n',
        "utf-8",
    )
    files = carry_over(old, tmp_path / "new")
    data = tomllib.loads(files["5-other.toml"])
    assert data["paragraphs"] == ["", ""]
    assert data["items"] == [
        {
            "text": "",
            "subitems": [{"title": "", "standalone": True, "text": ""}],
            "parts": [{"title": "", "text": ""}],
        }
    ]
    for old_text in ("段一。", "段二。", "条目。", "细目正文。", "放错的分项", "放错的正文。"):
        assert f"：{old_text}\n" in files["5-other.toml"]
        assert f'"{old_text}"' not in files["5-other.toml"]


def test_a_carried_real_report_asks_only_for_this_years_content(tmp_path: Path) -> None:
    old = REALWORLD / "2024-shanghai-shi-yingjiju"
    new = tmp_path / "2025"
    create_report_folder(new, carry_over(old, new))
    found = validate_folder(new)
    assert found and {d.code for d in found} <= MISSING_CONTENT_CODES
    names = ((Path(d.file).name, d.pointer) for d in found)
    in_sections = {(name, pointer) for name, pointer in names if name != "report.toml"}
    cleared = {
        (s.path.name, "".join(f"/{k}" for k in keys))
        for s in load_report(new).sections
        for keys, _ in prose(s.file.data)
        if keys != ("title",)
    }
    metrics = {(n, p) for n, p in in_sections if p.endswith("/value")}
    assert in_sections - metrics == cleared
