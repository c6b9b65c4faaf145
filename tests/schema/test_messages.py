"""Messages a clerk can act on: which metric lacks what, where a duplicate was first written."""

from __future__ import annotations

from pathlib import Path

import pytest

from schema import validate_folder


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        ("value = 142\n", "", "指标 penalty_cases（办理行政处罚案件）缺少“数值”（value）"),
        ('unit = "件"\n', "", "指标 penalty_cases（办理行政处罚案件）缺少“单位”（unit）"),
        ('label = "办理行政处罚案件"\n', "", "指标 penalty_cases 缺少“说明”（label）"),
        ("value = 142\n", 'value = "142"\n', "指标 penalty_cases（办理行政处罚案件）：“数值”应为"),
        ('label = "办理行政处罚案件"\n', 'label = ""\n', "指标 penalty_cases："),
        (
            "value = 142\n",
            "valeu = 142\n",
            "指标 penalty_cases（办理行政处罚案件）：未知的键“valeu”",
        ),
    ],
)
def test_a_metric_finding_names_the_metric_and_its_label(
    report_dir: Path, old: str, new: str, says: str
) -> None:
    path = report_dir / "1-measures.toml"
    text = path.read_text("utf-8")
    start = text.index("[metrics.penalty_cases]")
    # edit inside this metric's table only
    path.write_text(text[:start] + text[start:].replace(old, new, 1), "utf-8")
    messages = [d.message for d in validate_folder(report_dir) if d.code.startswith("S")]
    assert any(says in m for m in messages), messages


def test_a_duplicate_metric_names_the_file_and_line_of_the_first(report_dir: Path) -> None:
    measures = (report_dir / "1-measures.toml").read_text("utf-8").splitlines()
    first = measures.index("[metrics.penalty_cases]") + 1
    with (report_dir / "4-plans.toml").open("a", encoding="utf-8") as f:
        f.write('\n[metrics.penalty_cases]\nvalue = 1\nunit = "件"\nlabel = "重复"\n')
    (found,) = [d for d in validate_folder(report_dir) if d.code == "P003"]
    assert found.file.endswith("4-plans.toml")
    assert f"已在 1-measures.toml 第 {first} 行定义" in found.message


def test_a_duplicate_kind_names_the_file_of_the_first(report_dir: Path) -> None:
    (report_dir / "5-more.toml").write_text(
        'kind = "plans"\ntitle = "下一步打算"\nlead = "继续努力。"\n', "utf-8"
    )
    (found,) = validate_folder(report_dir)
    assert found.code == "M002" and "已在 4-plans.toml 第 4 行出现" in found.message


@pytest.mark.parametrize(
    ("written", "slip"),
    [("宝应急〔2024〕02号", "0"), ("宝应急〔2024〕第2号", "第"), ("宝应急[2024]2号", "[")],
)
def test_a_doc_number_slip_is_reported_at_the_slip(
    report_dir: Path, written: str, slip: str
) -> None:
    path = report_dir / "report.toml"
    edit(path, "宝应急〔2024〕2号", written)
    [finding] = [d for d in validate_folder(report_dir) if d.code == "F001"]
    line = path.read_text("utf-8").splitlines()[finding.line - 1]
    assert line[finding.column - 1] == slip  # the editor's F4 → Enter lands on it too


def test_a_unit_rule_inside_a_metric_names_the_metric(report_dir: Path) -> None:
    path = report_dir / "1-measures.toml"
    text = path.read_text("utf-8")
    start = text.index("[metrics.penalty_cases]")
    path.write_text(text[:start] + text[start:].replace("value = 142", "value = 142.5", 1), "utf-8")
    (found,) = [d for d in validate_folder(report_dir) if d.code == "N001"]
    assert found.message.startswith(
        "指标 penalty_cases（办理行政处罚案件）：以“件”计的数量应为整数"
    )


def test_a_fractional_year_is_called_a_decimal(report_dir: Path) -> None:
    edit(report_dir / "report.toml", "year = 2023 ", "year = 2023.5 ")
    (found,) = [d for d in validate_folder(report_dir) if d.code == "S002"]
    assert found.message == "“报告年度”应为整数，这里是小数 2023.5"


def test_a_mistyped_kind_is_named_by_the_missing_part_and_its_year_not_judged(
    report_dir: Path,
) -> None:
    edit(report_dir / "4-plans.toml", 'kind = "plans"', 'kind = "plan"')
    found = {d.code: d for d in validate_folder(report_dir)}
    assert set(found) == {"S004", "M001"}  # no Y002: the plans' title names year + 1 rightly
    line = found["S004"].line
    assert f"如果它就是 4-plans.toml 第 {line} 行那个 kind 写错的部分" in found["M001"].message
    assert 'kind = "plans"' in found["M001"].message


def test_an_empty_part_is_called_empty(report_dir: Path) -> None:
    with (report_dir / "2-shortcomings.toml").open("a", encoding="utf-8") as f:
        f.write("\n[[parts]]\n")
    (found,) = [d for d in validate_folder(report_dir) if d.code == "M004"]
    assert found.message.startswith("分项是空的：请写标题（title）")


def test_a_lower_case_waiver_code_is_shown_its_form_once(report_dir: Path) -> None:
    with (report_dir / "report.toml").open("a", encoding="utf-8") as f:
        f.write('\n[[waivers]]\ncode = "y006"\nreason = "经区司法局同意延期报送"\n')
    found = validate_folder(report_dir)
    assert [d.code for d in found] == ["S006"]
    assert found[0].message == "“警告代码”的格式不对：“y006”；应写成如“Y006”"


def test_a_waiver_for_a_file_the_report_lacks_says_so(report_dir: Path) -> None:
    with (report_dir / "report.toml").open("a", encoding="utf-8") as f:
        f.write('\n[[waivers]]\ncode = "F003"\nfile = "1-measure.toml"\nreason = "原文如此"\n')
    (found,) = validate_folder(report_dir)
    assert found.code == "V002"
    assert "“1-measure.toml”不在本报告文件夹中" in found.message


@pytest.mark.parametrize(
    ("name", "text", "says"),
    [
        (
            "4-plans.toml",
            "# 下一年度安排，待写\n\n",
            "文件中只有注释和空行，没有内容：至少要有 kind、title",
        ),
        ("report.toml", "", "文件是空的：至少要有 year、[header]、[body]"),
    ],
)
def test_a_file_without_content_is_unreadable_and_says_what_it_needs(
    report_dir: Path, name: str, text: str, says: str
) -> None:
    (report_dir / name).write_text(text, "utf-8")
    found = validate_folder(report_dir)
    assert [(d.file.rsplit("/", 1)[-1], d.code) for d in found] == [(name, "R001")]
    assert found[0].message == says + " 等内容"


def test_a_folder_or_broken_link_named_like_a_section_is_not_skipped(report_dir: Path) -> None:
    (report_dir / "5-other.toml").symlink_to(report_dir / "gone.toml")
    (report_dir / "6-notes.toml").mkdir()
    found = {d.file.rsplit("/", 1)[-1]: d for d in validate_folder(report_dir)}
    assert {name: d.code for name, d in found.items()} == {
        "5-other.toml": "R001",
        "6-notes.toml": "R001",
    }
    assert found["5-other.toml"].message == "这是一个链接，它指向的文件不存在"
    assert found["6-notes.toml"].message == "这是一个文件夹，不是文件"


def test_full_width_braces_fail_validation_as_they_fail_export(report_dir: Path) -> None:
    edit(report_dir / "1-measures.toml", "{study_sessions}", "｛study_sessions｝")
    (found,) = validate_folder(report_dir)
    assert found.code == "P002" and "全角花括号" in found.message


def test_a_top_level_key_written_under_a_table_is_explained(report_dir: Path) -> None:
    with (report_dir / "report.toml").open("a", encoding="utf-8") as f:
        f.write("year = 2023\n")
    (found,) = validate_folder(report_dir)
    assert found.code == "S003"
    assert found.message.startswith("“year”写在了 [footer] 之下")


def test_two_mistyped_kinds_are_each_paired_with_the_part_they_read_like(
    report_dir: Path,
) -> None:
    edit(report_dir / "4-plans.toml", 'kind = "plans"', 'kind = "Plans "')
    edit(report_dir / "1-measures.toml", 'kind = "measures"', 'kind = "措施"')
    missing = {
        d.message.split("”")[0]: d.message for d in validate_folder(report_dir) if d.code == "M001"
    }
    assert "4-plans.toml" in missing["缺少“下一年度主要安排"]
    assert "1-measures.toml" in missing["缺少“主要举措和成效"]


def test_an_overlong_title_is_refused_with_its_length(report_dir: Path) -> None:
    title = "宝山区应急管理局2023年法治政府建设情况报告"
    edit(report_dir / "report.toml", f'title = "{title}"', f'title = "{title * 5}"')
    (found,) = [d for d in validate_folder(report_dir) if d.code == "S007"]
    assert found.message == f"“标题”太长：最多 100 个字，这里有 {len(title) * 5} 个"


def test_hidden_files_are_not_sections_and_upper_case_toml_is(report_dir: Path) -> None:
    (report_dir / "1-measures.toml").rename(report_dir / "1-measures.TOML")
    (report_dir / ".#3-leadership.toml").symlink_to("elsewhere")
    assert validate_folder(report_dir) == []


def test_a_link_is_named_as_it_stands_in_the_folder(
    report_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (report_dir / "6-x.toml").symlink_to("nowhere.toml")
    monkeypatch.chdir(report_dir.parent)
    (found,) = validate_folder(Path(report_dir.name))
    assert found.file == f"{report_dir.name}/6-x.toml" and found.code == "R001"


def test_a_report_toml_with_capitals_is_pointed_out(report_dir: Path) -> None:
    (report_dir / "report.toml").rename(report_dir / "Report.toml")
    (found,) = validate_folder(report_dir)
    assert found.code == "R002"
    assert "这里的 Report.toml 须改名为全小写的 report.toml" in found.message


def test_a_value_of_invisible_characters_is_empty(report_dir: Path) -> None:
    edit(report_dir / "report.toml", 'signer = "沈斌"', 'signer = "\\u200b\\u3000"')
    (found,) = validate_folder(report_dir)
    assert (found.code, found.message) == ("S005", "“签发人”是空的：请填写内容")


def test_a_plans_title_under_another_kind_suggests_the_kind(report_dir: Path) -> None:
    edit(report_dir / "4-plans.toml", 'kind = "plans"', 'kind = "other"')
    (found,) = [d for d in validate_folder(report_dir) if d.code == "Y002"]
    assert found.message.endswith('如果这一部分就是下一年度的安排，应改的是 kind（改为 "plans"）')


@pytest.mark.parametrize("kind", ["folder", "broken link"])
def test_a_report_toml_that_is_no_file_says_what_it_is(report_dir: Path, kind: str) -> None:
    meta = report_dir / "report.toml"
    meta.unlink()
    if kind == "folder":
        meta.mkdir()
    else:
        meta.symlink_to("gone.toml")
    (found,) = validate_folder(report_dir)
    assert found.code == "R001"
    assert found.message == (
        "report.toml 是一个文件夹，不是文件"
        if kind == "folder"
        else "report.toml 是一个链接，它指向的文件不存在"
    )
