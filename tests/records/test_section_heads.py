"""The head comment naming a section's place (``# 四、…``) follows the section when it moves.

``tui new`` starts each section file with its number and kind (``# 四、下一年度
推进法治建设的主要安排。…``). Found by hand: after the editor moved 四、 down,
5-plans.toml still said ``# 四、``. Only that form, the one tui writes, is
renumbered; a comment of the clerk's own is left as it is.
"""

from __future__ import annotations

from pathlib import Path

from records import ReportDraft
from records.sections import add_section, move_section, remove_section
from records.skeleton import create_report_folder, section_title, skeleton_files

ISSUER = "上海市宝山区应急管理局"


def head(path: Path) -> str:
    """The second line of a section file: the comment after ``#:schema``."""
    return path.read_text(encoding="utf-8").split("\n")[1].rstrip("\r")


def new_report(tmp_path: Path) -> Path:
    folder = tmp_path / "report"
    schema = Path(__file__).resolve().parents[2] / "schema"
    create_report_folder(folder, skeleton_files(folder, ISSUER, 2024, schema))
    return folder


def test_a_moved_section_of_tui_new_says_its_new_number(tmp_path: Path) -> None:
    folder = new_report(tmp_path)
    assert head(folder / "4-plans.toml").startswith("# 四、下一年度推进法治建设的主要安排。编号")
    draft = ReportDraft(folder)
    move_section(draft, draft.file("4-plans.toml"), -3)  # to the top
    draft.save()
    assert head(folder / "1-plans.toml") == (
        "# 一、下一年度推进法治建设的主要安排。编号（一、（一）、一是）由程序生成，不要手写。"
    )
    assert head(folder / "2-measures.toml").startswith("# 二、主要举措和成效。")
    assert head(folder / "4-leadership.toml").startswith(
        "# 四、党政主要负责人履行推进法治建设第一责任人职责情况。"
    )


def test_an_added_section_is_numbered_and_removing_it_again_changes_no_file(
    tmp_path: Path,
) -> None:
    folder = new_report(tmp_path)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    draft = ReportDraft(folder)
    new, _ = add_section(draft, "other", section_title("other", 2024), 1)
    assert new.text().split("\n")[1].startswith("# 二、其他需要报告的情况。")
    assert draft.file("3-shortcomings.toml").text().split("\n")[1].startswith("# 三、存在的")
    remove_section(draft, new)
    assert not draft.modified  # the others' numbers are back as they were
    assert draft.save() == [] and {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_comments_of_the_clerks_own_are_left_alone(tmp_path: Path) -> None:
    folder = new_report(tmp_path)
    plans = folder / "4-plans.toml"
    lines = plans.read_text(encoding="utf-8").split("\n")
    lines[1] = "# 四、这一部分由办公室王强负责，1 月 10 日前交稿。"  # numbered, but no kind heading
    plans.write_text("\n".join(lines), encoding="utf-8")
    leadership = folder / "3-leadership.toml"
    own = leadership.read_text(encoding="utf-8").replace(
        "\n# 三、党政主要负责人", "\n# 党政主要负责人", 1
    )
    leadership.write_text(own, encoding="utf-8")  # the number taken out by the clerk
    draft = ReportDraft(folder)
    move_section(draft, draft.file("4-plans.toml"), -1)
    draft.save()
    assert head(folder / "3-plans.toml") == "# 四、这一部分由办公室王强负责，1 月 10 日前交稿。"
    assert (folder / "4-leadership.toml").read_text(encoding="utf-8") == own


def test_a_file_with_crlf_line_ends_keeps_them(report_dir: Path) -> None:
    path = report_dir / "2-shortcomings.toml"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    draft = ReportDraft(report_dir)
    move_section(draft, draft.file("2-shortcomings.toml"), 1)  # below 三、
    draft.save()
    data = (report_dir / "3-shortcomings.toml").read_bytes()
    assert b"\r\n# \xe4\xb8\x89\xe3\x80\x81" in data  # "# 三、" after a CRLF
    assert data.count(b"\r\n") == data.count(b"\n")
    assert head(report_dir / "2-leadership.toml").startswith("# 二、党政主要负责人")
