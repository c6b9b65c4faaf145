"""Saving keeps what a file is: a link stays a link, a hard link one file, its owner and mode."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from records import ReportDraft, load_report

MEASURES = "1-measures.toml"
PENALTIES = ("metrics", "penalty_cases", "value")


def _edit_measures(folder: Path, value: int) -> None:
    draft = ReportDraft(folder)
    draft.file(MEASURES).set(PENALTIES, value)
    assert draft.save() == [folder / MEASURES]


def test_a_linked_section_is_saved_into_the_shared_file_and_stays_a_link(
    report_dir: Path, tmp_path: Path
) -> None:
    shared = tmp_path / "shared" / MEASURES
    shared.parent.mkdir()
    shutil.move(report_dir / MEASURES, shared)
    (report_dir / MEASURES).symlink_to(shared)
    other = tmp_path / "other-report"
    shutil.copytree(report_dir, other, symlinks=True)

    _edit_measures(report_dir, 999)

    assert (report_dir / MEASURES).is_symlink()
    assert os.readlink(report_dir / MEASURES) == str(shared)
    assert "value = 999" in shared.read_text(encoding="utf-8")
    # every folder that links the shared file sees the edit
    metric = load_report(other).metrics()["penalty_cases"]
    assert metric.value == 999
    assert not [p for p in shared.parent.iterdir() if p.name != MEASURES]  # no temporary file


def test_a_relative_link_in_a_folder_of_links_keeps_pointing_where_it_did(
    report_dir: Path, tmp_path: Path
) -> None:
    shared = tmp_path / "shared"
    shutil.move(report_dir, shared)
    links = tmp_path / "links"
    links.mkdir()
    for path in shared.iterdir():
        (links / path.name).symlink_to(Path("..") / "shared" / path.name)

    _edit_measures(links, 998)

    assert all(p.is_symlink() for p in links.iterdir())
    assert os.readlink(links / MEASURES) == str(Path("..") / "shared" / MEASURES)
    assert "value = 998" in (shared / MEASURES).read_text(encoding="utf-8")


def test_a_hard_linked_section_stays_one_file(report_dir: Path, tmp_path: Path) -> None:
    twin = tmp_path / "twin.toml"
    os.link(report_dir / MEASURES, twin)
    inode = (report_dir / MEASURES).stat().st_ino

    _edit_measures(report_dir, 997)

    assert (report_dir / MEASURES).stat().st_ino == inode
    assert twin.stat().st_nlink == 2
    assert "value = 997" in twin.read_text(encoding="utf-8")
    assert sorted(p.name for p in report_dir.iterdir()) == sorted(
        p.name for p in report_dir.iterdir() if not p.name.startswith(".")
    )


def test_a_hard_linked_file_that_grows_or_shrinks_holds_exactly_the_new_text(
    report_dir: Path, tmp_path: Path
) -> None:
    path = report_dir / MEASURES
    os.link(path, tmp_path / "twin.toml")
    draft = ReportDraft(report_dir)
    file = draft.file(MEASURES)
    file.set(("title",), "短")
    draft.save()
    assert path.read_text(encoding="utf-8") == file.text()
    file.set(("title",), "长" * 5000)
    draft.save()
    assert path.read_text(encoding="utf-8") == file.text()
    assert (tmp_path / "twin.toml").read_text(encoding="utf-8") == file.text()


def test_mode_is_kept(report_dir: Path) -> None:
    path = report_dir / MEASURES
    path.chmod(0o640)
    _edit_measures(report_dir, 996)
    assert path.stat().st_mode & 0o7777 == 0o640


@pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0, reason="only root may give files away")
def test_owner_and_group_are_kept_when_root_saves_a_clerks_file(report_dir: Path) -> None:
    path = report_dir / MEASURES
    os.chown(path, 1234, 1234)  # clerk:office, a user and group other than root's
    path.chmod(0o640)
    _edit_measures(report_dir, 995)
    st = path.stat()
    assert (st.st_uid, st.st_gid, st.st_mode & 0o7777) == (1234, 1234, 0o640)
    assert "value = 995" in path.read_text(encoding="utf-8")
