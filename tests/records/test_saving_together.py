"""A save of several files changes all of them or none; what a killed save leaves is tidied.

Faults are real where they can be (a process that dies between two renames,
files left by a dead process) and injected at the system call otherwise (a
disk that fills up at the second file).
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from records import ReportDraft, WriteError, load_report
from records.atomic import PartialSaveError
from records.interrupted import tidy_folder
from records.leftovers import HOST, is_tui_file
from records.loader import section_paths
from tests.conftest import ROOT

EDITED = ["report.toml", "1-measures.toml", "2-shortcomings.toml"]


def _edit_three(draft: ReportDraft) -> None:
    """Changes in three files, as a metric renamed where it is defined and used would make."""
    draft.meta.set(("header", "signer"), "李四")
    draft.file("1-measures.toml").set(("metrics", "penalty_cases", "value"), 999)
    draft.file("2-shortcomings.toml").set(("title",), "二、存在的不足和原因（修改）")


def _contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _failing_on_call(real: object, call: int, error: int = errno.ENOSPC) -> object:
    calls = []

    def fake(*args: object) -> object:
        calls.append(args)
        if len(calls) == call:
            raise OSError(error, os.strerror(error))
        return real(*args)  # type: ignore[operator]

    return fake


def test_a_full_disk_at_the_second_file_changes_no_file(
    report_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _contents(report_dir)
    draft = ReportDraft(report_dir)
    _edit_three(draft)
    monkeypatch.setattr(os, "fsync", _failing_on_call(os.fsync, 2))
    with pytest.raises(WriteError) as caught:
        draft.save()
    assert "没有文件被改动：磁盘空间已满" in str(caught.value)
    assert _contents(report_dir) == before  # no file changed, no temporary file left
    assert draft.modified
    monkeypatch.undo()
    assert sorted(p.name for p in draft.save()) == sorted(EDITED)


def test_a_failure_between_two_renames_puts_the_first_file_back(
    report_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _contents(report_dir)
    draft = ReportDraft(report_dir)
    _edit_three(draft)
    monkeypatch.setattr(os, "replace", _failing_on_call(os.replace, 2, errno.EIO))
    with pytest.raises(WriteError) as caught:
        draft.save()
    assert "没有文件被改动" in str(caught.value)
    assert _contents(report_dir) == before
    assert all(f.modified for f in draft.files if f.path.name in EDITED)


def test_when_nothing_can_be_put_back_the_message_names_what_was_saved(
    report_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = ReportDraft(report_dir)
    _edit_three(draft)
    real = os.replace
    calls: list[object] = []

    def replace(src: str, dst: str) -> None:
        calls.append(dst)
        if len(calls) > 1:
            raise OSError(errno.EIO, "Input/output error")
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(PartialSaveError) as caught:
        draft.save()
    assert "report.toml 已保存" in str(caught.value)
    assert "1-measures.toml、2-shortcomings.toml 未保存" in str(caught.value)
    assert not draft.meta.modified  # saved: the draft knows
    assert draft.file("1-measures.toml").modified  # not saved: still to save
    assert not [p for p in report_dir.iterdir() if is_tui_file(p.name)]
    monkeypatch.undo()
    assert sorted(p.name for p in draft.save()) == EDITED[1:]
    assert load_report(report_dir).metrics()["penalty_cases"].value == 999


_KILLED_BETWEEN_RENAMES = """
import os, sys
from pathlib import Path
from records import ReportDraft
from tests.records.test_saving_together import _edit_three

draft = ReportDraft(Path(sys.argv[1]))
_edit_three(draft)
real, calls = os.replace, []
def replace(src, dst):
    calls.append(dst)
    if len(calls) == int(sys.argv[2]):
        os.kill(os.getpid(), 9)
    real(src, dst)
os.replace = replace
draft.save()
"""


def _killed_at_rename(folder: Path, rename: int) -> None:
    result = subprocess.run(
        [sys.executable, "-c", _KILLED_BETWEEN_RENAMES, str(folder), str(rename)],
        cwd=ROOT,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == -9, result.stderr


def test_a_kill_between_two_renames_is_reported_on_the_next_open(report_dir: Path) -> None:
    before = _contents(report_dir)
    _killed_at_rename(report_dir, 2)
    assert (report_dir / "report.toml").read_bytes() != before["report.toml"]
    assert (report_dir / "1-measures.toml").read_bytes() == before["1-measures.toml"]
    assert any(p.name.startswith(".tui-saving.") for p in report_dir.iterdir())

    found = tidy_folder(report_dir)

    assert len(found) == 1 and found[0].mixed
    assert found[0].newer == ["report.toml"]
    assert found[0].older == ["1-measures.toml", "2-shortcomings.toml"]
    message = found[0].message()
    assert "report.toml 已是新内容" in message and "报告可能前后不一致" in message
    assert "1-measures.toml、2-shortcomings.toml 仍是保存前的内容" in message
    assert not [p for p in report_dir.iterdir() if p.name.startswith(".")]  # journal, temps gone
    assert tidy_folder(report_dir) == []  # said once


def test_a_kill_before_the_first_rename_changes_nothing_and_says_so(report_dir: Path) -> None:
    before = _contents(report_dir)
    _killed_at_rename(report_dir, 1)
    found = tidy_folder(report_dir)
    assert [s.mixed for s in found] == [False]
    assert "没有文件被改动" in found[0].message()
    assert _contents(report_dir) == before


def test_tui_temporary_files_are_not_sections(report_dir: Path) -> None:
    names = [
        ".tui-1-measures.toml.0a1b2c3d-12345-89abcdef.tmp",
        ".tui-saving.0a1b2c3d-12345-89abcdef.json",
    ]
    for name in names:
        (report_dir / name).write_text('kind = "measures"\ntitle = "x"\n', encoding="utf-8")
    assert all(is_tui_file(n) for n in names)
    assert [p.name for p in section_paths(report_dir)] == [
        "1-measures.toml",
        "2-shortcomings.toml",
        "3-leadership.toml",
        "4-plans.toml",
    ]


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", ""])
    child.wait()
    return child.pid


def _temp(folder: Path, pid: int, host: str = HOST, name: str = "1-measures.toml") -> Path:
    path = folder / f".tui-{name}.{host}-{pid}-0123abcd.tmp"
    path.write_bytes(b"a whole copy of the file")
    return path


def test_stale_temporary_files_go_and_nothing_else_does(report_dir: Path) -> None:
    living = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        dead = _temp(report_dir, _dead_pid())
        running = _temp(report_dir, living.pid, name="2-shortcomings.toml")
        abandoned_long_ago = _temp(report_dir, living.pid, name="3-leadership.toml")
        os.utime(abandoned_long_ago, (0, 0))  # the writer's pid was reused since
        other_host = _temp(report_dir, 1, host="ffffffff", name="4-plans.toml")
        not_ours = [report_dir / ".1-measures.toml.k3j4h5g6.tmp", report_dir / "notes.tmp"]
        for path in not_ours:
            path.write_text("someone else's", encoding="utf-8")

        assert tidy_folder(report_dir) == []

        assert not dead.exists() and not abandoned_long_ago.exists()
        assert running.exists() and other_host.exists()
        assert all(p.exists() for p in not_ours)
    finally:
        living.kill()
        living.wait()


def test_every_save_removes_the_stale_temporary_files_of_its_folder(report_dir: Path) -> None:
    stale = _temp(report_dir, _dead_pid(), name="4-plans.toml")
    draft = ReportDraft(report_dir)
    draft.meta.set(("header", "signer"), "李四")
    draft.save()
    assert not stale.exists()


_KILLED_WRITING_IN_PLACE = """
import os, sys
from pathlib import Path
from records import ReportDraft

draft = ReportDraft(Path(sys.argv[1]))
draft.file("2-shortcomings.toml").set(("title",), "短")
os.ftruncate = lambda fd, size: os.kill(os.getpid(), 9)  # the new text is in, the old tail too
draft.save()
"""


def test_a_hard_linked_file_left_half_written_is_completed_on_the_next_open(
    report_dir: Path, tmp_path: Path
) -> None:
    path = report_dir / "2-shortcomings.toml"
    os.link(path, tmp_path / "twin.toml")
    draft = ReportDraft(report_dir)
    draft.file(path.name).set(("title",), "短")
    new = draft.file(path.name).text().encode("utf-8")
    result = subprocess.run(
        [sys.executable, "-c", _KILLED_WRITING_IN_PLACE, str(report_dir)],
        cwd=ROOT,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == -9, result.stderr
    assert path.read_bytes().startswith(new) and path.read_bytes() != new  # half-written

    found = tidy_folder(report_dir)

    assert path.read_bytes() == new and (tmp_path / "twin.toml").read_bytes() == new
    assert [(s.newer, s.completed, s.mixed) for s in found] == [
        (["2-shortcomings.toml"], ["2-shortcomings.toml"], False)
    ]
    assert found[0].message().endswith("2-shortcomings.toml 写到一半，已按那次保存的内容补全")
    assert path.stat().st_nlink == 2
    assert not [p for p in report_dir.iterdir() if p.name.startswith(".")]
