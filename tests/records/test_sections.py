"""Sections added, moved and removed in a draft: names that sort, one save, conflicts, kills.

The folder after a save is checked as the next ``tui validate`` and ``tui
edit`` read it (file names, their natural order, each file's kind and
title); failures are real where they can be (a process killed between two
steps of the save) and injected at the system call otherwise.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from records import FileChangedError, ReportDraft, WriteError, load_report
from records.interrupted import tidy_folder
from records.leftovers import is_tui_file
from records.loader import section_paths
from records.sections import (
    add_section,
    move_section,
    plan_names,
    remove_section,
    renumber_head,
    split_name,
)
from records.skeleton import section_title
from tests.conftest import ROOT

NAMES = ["1-measures.toml", "2-shortcomings.toml", "3-leadership.toml", "4-plans.toml"]
SLUGS = [split_name(n).slug for n in NAMES]


def _folder(folder: Path) -> dict[str, bytes]:
    """Every file in the folder (tui's temporary files and journals too) and its bytes."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _numbered(data: bytes, old: str, new: str) -> bytes:
    """A section file's bytes with the number in its head comment (``# 三、…``) changed."""
    return data.replace(f"\n# {old}、".encode(), f"\n# {new}、".encode(), 1)


def _kinds(folder: Path) -> list[tuple[str, str]]:
    """The sections as the loader reads them, in report order: (file name, kind)."""
    return [(s.file.path.name, s.kind) for s in load_report(folder).sections]


# -- names ------------------------------------------------------------------------------
def test_a_section_inserted_between_two_renumbers_those_after_it_keeping_their_slugs() -> None:
    names = plan_names([*NAMES[:2], None, *NAMES[2:]], [*SLUGS[:2], "other", *SLUGS[2:]], 2)
    assert names == [
        "1-measures.toml",
        "2-shortcomings.toml",
        "3-other.toml",
        "4-leadership.toml",
        "5-plans.toml",
    ]


def test_a_section_that_fits_in_a_gap_renames_no_other() -> None:
    current = ["10-measures.toml", None, "20-plans.toml"]
    assert plan_names(current, ["measures", "other", "plans"], 1) == [
        "10-measures.toml",
        "11-other.toml",
        "20-plans.toml",
    ]
    # moved up past its neighbour into a gap: only the moved file is renamed
    current = ["10-measures.toml", "30-plans.toml", "20-leadership.toml"]
    assert plan_names(current, ["measures", "plans", "leadership"], 1) == [
        "10-measures.toml",
        "11-plans.toml",
        "20-leadership.toml",
    ]


def test_the_folders_own_scheme_is_kept_zero_padding_and_separator() -> None:
    current = ["01_measures.toml", "03_plans.toml", "02_leadership.toml"]
    assert plan_names(current, ["measures", "plans", "leadership"], 1) == [
        "01_measures.toml",
        "02_plans.toml",
        "03_leadership.toml",
    ]


def test_files_without_numbers_get_them_when_the_order_needs_it() -> None:
    names = plan_names(["plans.toml", "measures.toml"], ["plans", "measures"], 0)
    assert names == ["1-plans.toml", "2-measures.toml"]


def test_a_name_someone_else_has_in_the_folder_is_skipped() -> None:
    taken = frozenset({"2-other.toml"})
    names = plan_names(
        ["1-measures.toml", None, "2-plans.toml"], ["measures", "other", "plans"], 1, taken
    )
    assert names == ["1-measures.toml", "3-other.toml", "4-plans.toml"]


def test_ten_sections_and_more_sort_by_number_not_by_letter(report_dir: Path) -> None:
    draft = ReportDraft(report_dir)
    for n in range(8):
        add_section(draft, "measures", f"专题{n}", len(draft.sections))
    move_section(draft, draft.sections[-1], -11)  # to the top
    draft.save()
    titles = [s.title for s in load_report(report_dir).sections]
    assert titles[0] == "专题7" and titles[-1] == "专题6" and len(titles) == 12
    assert [p.name for p in section_paths(report_dir)][:2] == ["1-measures.toml", "2-measures.toml"]


# -- one save ---------------------------------------------------------------------------
def _reshape(draft: ReportDraft) -> None:
    """Add 其他 after 二、, move 四、 up one, remove 二、 (as the clerk would in the tree)."""
    add_section(draft, "other", section_title("other", 2023), 2)
    move_section(draft, draft.file("5-plans.toml"), -1)
    remove_section(draft, draft.file("2-shortcomings.toml"))


def test_added_moved_and_removed_sections_are_one_save_and_nothing_before_it(
    report_dir: Path,
) -> None:
    before = _folder(report_dir)
    leadership = before["3-leadership.toml"]
    draft = ReportDraft(report_dir)
    _reshape(draft)
    assert [f.path.name for f in draft.sections] == [
        "1-measures.toml",
        "3-other.toml",
        "4-plans.toml",
        "5-leadership.toml",
    ]
    assert _folder(report_dir) == before  # nothing written until the save
    assert draft.modified

    written = draft.save()

    # 4-plans.toml keeps its name but is 三、 now: its head comment (# 四、…) says so
    assert sorted(p.name for p in written) == ["3-other.toml", "4-plans.toml", "5-leadership.toml"]
    assert sorted(p.name for p in draft.deleted) == ["2-shortcomings.toml", "3-leadership.toml"]
    assert _kinds(report_dir) == [
        ("1-measures.toml", "measures"),
        ("3-other.toml", "other"),
        ("4-plans.toml", "plans"),
        ("5-leadership.toml", "leadership"),
    ]
    after = _folder(report_dir)
    # renamed, byte for byte but for the number in the head comment tui wrote
    assert after["5-leadership.toml"] == _numbered(leadership, "三", "四")
    assert after["4-plans.toml"] == _numbered(before["4-plans.toml"], "四", "三")
    assert after["1-measures.toml"] == before["1-measures.toml"]
    assert after["3-other.toml"].decode().split("\n")[1].startswith("# 二、其他需要报告的情况。")
    other = tomllib.loads(after["3-other.toml"].decode())
    assert other["kind"] == "other" and other["title"] == "其他需要报告的情况"
    assert after["3-other.toml"].startswith(b"#:schema ../../../schema/section.schema.json\n")
    assert not draft.modified and ReportDraft(report_dir).files[1].path.name == "1-measures.toml"


def test_a_full_disk_midway_changes_no_file(
    report_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _folder(report_dir)
    draft = ReportDraft(report_dir)
    _reshape(draft)
    real, calls = os.fsync, []

    def fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(WriteError, match="没有文件被改动：磁盘空间已满"):
        draft.save()
    assert _folder(report_dir) == before
    monkeypatch.undo()
    draft.save()
    assert [k for _, k in _kinds(report_dir)] == ["measures", "other", "plans", "leadership"]


def test_a_file_that_cannot_be_deleted_puts_every_file_back(
    report_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _folder(report_dir)
    draft = ReportDraft(report_dir)
    _reshape(draft)
    real = os.unlink

    def unlink(path: str | Path, *args: object, **kwargs: object) -> None:
        if Path(path).name == "3-leadership.toml":
            raise OSError(errno.EACCES, "Permission denied")
        real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "unlink", unlink)
    with pytest.raises(WriteError, match="没有文件被改动"):
        draft.save()
    monkeypatch.undo()
    assert (
        _folder(report_dir) == before
    )  # the deleted 2-shortcomings.toml is back, the new ones gone
    assert draft.modified


def test_a_section_removed_and_saved_comes_back_as_a_new_file(report_dir: Path) -> None:
    before = _folder(report_dir)
    draft = ReportDraft(report_dir)
    shortcomings = draft.file("2-shortcomings.toml")
    remove_section(draft, shortcomings)
    draft.save()
    assert not (report_dir / "2-shortcomings.toml").exists()
    leadership = (report_dir / "3-leadership.toml").read_text(encoding="utf-8")
    assert leadership.split("\n")[1].startswith("# 二、党政主要负责人")  # 二、 now
    draft.sections.insert(1, shortcomings)  # what undo does: the same file, back in its place,
    for number, f in enumerate(draft.sections, 1):  # and the texts of the others as they were
        renumber_head(f, number)
    assert draft.modified
    saved = [p.name for p in draft.save()]
    assert saved == ["2-shortcomings.toml", "3-leadership.toml", "4-plans.toml"]
    assert _folder(report_dir) == before


# -- conflicts ----------------------------------------------------------------------------
def test_a_removed_file_changed_on_disk_is_a_conflict(report_dir: Path) -> None:
    draft = ReportDraft(report_dir)
    remove_section(draft, draft.file("2-shortcomings.toml"))
    path = report_dir / "2-shortcomings.toml"
    path.write_text(path.read_text(encoding="utf-8") + "# 同事加的一行\n", encoding="utf-8")
    before = _folder(report_dir)
    assert draft.conflicts() == [path]
    with pytest.raises(FileChangedError) as caught:
        draft.save()
    assert caught.value.path == path
    assert _folder(report_dir) == before
    draft.save(force=True)  # the clerk chose 覆盖
    assert not path.exists()


def test_a_renamed_file_changed_on_disk_is_a_conflict_under_its_old_name(report_dir: Path) -> None:
    draft = ReportDraft(report_dir)
    move_section(draft, draft.file("4-plans.toml"), -1)
    path = report_dir / "4-plans.toml"
    path.write_text(path.read_text(encoding="utf-8") + "# 同事加的一行\n", encoding="utf-8")
    assert draft.conflicts() == [path]
    with pytest.raises(FileChangedError):
        draft.save()
    draft.reload(path)  # the clerk chose 重新载入: their line, under the new name
    assert [f.path.name for f in draft.sections][2:] == ["3-plans.toml", "4-leadership.toml"]
    draft.save()
    assert (report_dir / "3-plans.toml").read_text(encoding="utf-8").endswith("# 同事加的一行\n")
    assert [k for _, k in _kinds(report_dir)][2:] == ["plans", "leadership"]


def test_a_new_name_that_appeared_on_disk_is_never_overwritten(report_dir: Path) -> None:
    draft = ReportDraft(report_dir)
    add_section(draft, "other", "其他需要报告的情况", 4)
    assert draft.sections[-1].path.name == "5-other.toml"
    theirs = report_dir / "5-other.toml"
    theirs.write_text('kind = "other"\ntitle = "同事写的"\n', encoding="utf-8")
    before = _folder(report_dir)
    for force in (False, True):
        with pytest.raises(WriteError, match="已有 5-other.toml"):
            draft.save(force=force)
    assert _folder(report_dir) == before


# -- a save killed part-way ---------------------------------------------------------------
_KILLED = """
import os, sys
from pathlib import Path
from records import ReportDraft
from tests.records.test_sections import _reshape

draft = ReportDraft(Path(sys.argv[1]))
_reshape(draft)
call, at = sys.argv[2], int(sys.argv[3])
real, calls = getattr(os, call), []
def killing(*args, **kwargs):
    calls.append(args)
    if len(calls) == at:
        os.kill(os.getpid(), 9)
    return real(*args, **kwargs)
setattr(os, call, killing)
draft.save()
"""


def _killed(folder: Path, call: str, at: int) -> None:
    result = subprocess.run(
        [sys.executable, "-c", _KILLED, str(folder), call, str(at)],
        cwd=ROOT,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == -9, result.stderr


@pytest.mark.parametrize(
    ("call", "at"),
    [("replace", 1), ("replace", 2), ("unlink", 1), ("unlink", 2)],
)
def test_a_save_killed_after_its_journal_is_completed_on_the_next_open(
    report_dir: Path, tmp_path: Path, call: str, at: int
) -> None:
    expected = tmp_path / "expected"
    expected.mkdir()
    for p in report_dir.iterdir():
        (expected / p.name).write_bytes(p.read_bytes())
    draft = ReportDraft(expected)
    _reshape(draft)
    draft.save()

    _killed(report_dir, call, at)
    assert any(p.name.startswith(".tui-saving.") for p in report_dir.iterdir())

    found = tidy_folder(report_dir)

    assert _folder(report_dir) == _folder(expected)  # every section once, under its new name
    assert len(found) == 1 and not found[0].mixed
    message = found[0].message()
    assert "在改名或删除文件的中途被中断，已按那次保存补全" in message
    assert "3-leadership.toml 已删除" in message  # the last step: never done before these kills
    assert tidy_folder(report_dir) == []


def test_a_save_killed_before_its_journal_changes_nothing(report_dir: Path) -> None:
    before = _folder(report_dir)
    _killed(report_dir, "fsync", 2)  # the second temporary file
    assert [s.message() for s in tidy_folder(report_dir)] == []
    assert _folder(report_dir) == before
    assert not [p for p in report_dir.iterdir() if is_tui_file(p.name)]


def test_a_save_killed_before_removing_its_journal_is_whole(
    report_dir: Path, tmp_path: Path
) -> None:
    _killed(report_dir, "unlink", 3)  # the journal, once every file is in place
    assert tidy_folder(report_dir) == []
    assert [k for _, k in _kinds(report_dir)] == ["measures", "other", "plans", "leadership"]
    assert not [p for p in report_dir.iterdir() if p.name.startswith(".")]


def test_a_file_changed_after_the_kill_is_neither_overwritten_nor_deleted(
    report_dir: Path,
) -> None:
    _killed(report_dir, "replace", 2)  # 3-other.toml in place; 5-leadership.toml not yet
    leadership = report_dir / "3-leadership.toml"
    leadership.write_text(leadership.read_text(encoding="utf-8") + "# 同事加的一行\n", "utf-8")

    found = tidy_folder(report_dir)

    assert leadership.read_text(encoding="utf-8").endswith("# 同事加的一行\n")  # kept
    assert (report_dir / "5-leadership.toml").exists()
    assert not (report_dir / "2-shortcomings.toml").exists()  # unchanged: deleted as saved
    assert len(found) == 1 and found[0].mixed
    assert found[0].changed == ["3-leadership.toml"]
    assert "3-leadership.toml 在那之后又被修改过" in found[0].message()
