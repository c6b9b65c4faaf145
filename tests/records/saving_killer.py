"""Kill saving processes with SIGKILL at random moments, and check what each kill left.

Run as ``python -m tests.records.saving_killer FOLDER KILLS SEED`` by
``test_saving_kill.py``; prints one JSON object: the problems found (none is
the test's expectation) and how the kills fell. It runs in a process of its
own, with one thread, so that forking a saver is safe and cheap (a few
hundred kills take seconds, where starting Python each time would take
minutes).

Every save writes all four section files and ``report.toml`` to the same
version (A or B), through :func:`records.atomic.atomic_write_many`, so a
report is consistent exactly when all its files hold one version. After each
kill the killer checks, as the next ``tui edit`` would find it:

- every file that is renamed into place parses and is version A or B, at once;
- after :func:`records.interrupted.tidy_folder` (the next open), every file, the
  hard-linked one too, parses and is A or B; the report is all-A or all-B
  unless the tidy reported the save as interrupted, and then its lists of newer
  and older files are right; no temporary file or journal is left anywhere;
- the symbolic link is still a link, the hard link still one file.

With ``layout`` as a fourth argument, version B is the report reshaped as the
editor reshapes it (a section added, one moved, one removed: files written
under new names, old names deleted) and each save goes from one layout to the
other. Such a save is completed by the next open, so after the tidy the folder
must be exactly one layout, every section once.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sys
import time
import tomllib
from pathlib import Path

from records import ReportDraft
from records.atomic import atomic_write_many
from records.interrupted import tidy_folder
from records.leftovers import is_tui_file
from records.sections import add_section, move_section, remove_section

SAVER_LIFETIME = 5.0
"""Seconds after which a saver nobody killed ends by itself (none outlives a crashed killer)."""


def versions(folder: Path) -> tuple[list[Path], dict[Path, bytes], dict[Path, bytes]]:
    """The report's files and their two versions: as they are (A), and edited (B)."""
    draft = ReportDraft(folder)
    draft.meta.set(("header", "signer"), "李四")
    for number, section in enumerate(draft.sections):
        section.set(("title",), f"第{number}部分，改过的标题" + "很长" * 300 * (number % 2))
        section.set(("lead",), "改过的引语。")
    paths = [f.path for f in draft.files]
    old = {p: p.read_bytes() for p in paths}
    new = {f.path: f.text().encode("utf-8") for f in draft.files}
    assert all(old[p] != new[p] for p in paths), "the folder holds version B already"
    return paths, old, new


def saver(paths: list[Path], kinds: dict[str, dict[Path, bytes]], first: str) -> None:
    """Save all files as one version, then the other, and so on, until killed."""
    version = first
    deadline = time.monotonic() + SAVER_LIFETIME
    while time.monotonic() < deadline:
        atomic_write_many([(p, kinds[version][p]) for p in paths], paths[0].parent)
        version = "B" if version == "A" else "A"
    os._exit(0)


def wait_for_journal(folder: Path, deadline: float) -> None:
    while time.monotonic() < deadline:
        if any(n.startswith(".tui-saving.") for n in os.listdir(folder)):
            return
        time.sleep(0.0001)  # leave the processor to the saver (CI has two)


def which(path: Path, kinds: dict[str, dict[Path, bytes]]) -> str | None:
    """The version ``path`` holds (both parse: :func:`main` checks it once), or ``None``."""
    data = path.read_bytes()
    return next((kind for kind, contents in kinds.items() if data == contents[path]), None)


def main() -> None:
    folder, kills, seed = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    paths, old, new = versions(folder)
    kinds = {"A": old, "B": new}
    for contents in kinds.values():
        for data in contents.values():
            tomllib.loads(data.decode("utf-8"))  # a file equal to either version parses
    linked = [p for p in paths if p.is_symlink()]
    hard = [p for p in paths if p.stat().st_nlink > 1]
    watched = {folder, *(Path(os.path.realpath(p)).parent for p in paths)}
    started = time.monotonic()
    for _ in range(20):  # how long a save takes here, to spread the kills over it
        atomic_write_many([(p, old[p]) for p in paths], folder)
    save_time = (time.monotonic() - started) / 20
    rng = random.Random(seed)
    problems: list[str] = []
    fell = {"mid-save": 0, "reported": 0, "completed": 0, "temps": 0}
    state = "A"
    for kill in range(kills):
        first = "B" if state == "A" else "A"
        pid = os.fork()
        if pid == 0:
            saver(paths, kinds, first)
        try:
            if kill % 2:  # any moment of a save
                time.sleep(rng.uniform(0, 2.5 * save_time))
            else:  # once the journal is there: the renames, where a kill is most harmful
                wait_for_journal(folder, time.monotonic() + 1)
                time.sleep(rng.uniform(0, save_time / 4))
        finally:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)

        leftovers = [p for d in watched for p in d.iterdir() if is_tui_file(p.name)]
        fell["mid-save"] += bool(leftovers)
        fell["temps"] += any(p.suffix == ".tmp" for p in leftovers)
        for path in paths:
            if path not in hard and which(path, kinds) is None:
                problems.append(f"kill {kill}: {path.name} is neither version before the tidy")

        reports = tidy_folder(folder)

        found = {p.name: which(p, kinds) for p in paths}
        if None in found.values():
            problems.append(f"kill {kill}: a file is neither version after the tidy: {found}")
            break
        left = [p.name for d in watched for p in d.iterdir() if is_tui_file(p.name)]
        if left:
            problems.append(f"kill {kill}: left after the next open: {left}")
        if any(not p.is_symlink() for p in linked) or any(p.stat().st_nlink < 2 for p in hard):
            problems.append(f"kill {kill}: a link was broken")
        mixed = len(set(found.values())) > 1
        if mixed and not any(r.mixed for r in reports):
            problems.append(f"kill {kill}: mixed versions not reported: {found}")
        for report in reports:
            fell["reported"] += report.mixed
            fell["completed"] += bool(report.completed)
            newer = {found[n] for n in report.newer}
            older = {found[n] for n in report.older}
            if report.changed or len(newer) > 1 or len(older) > 1 or newer & older:
                problems.append(f"kill {kill}: wrong lists {report} for {found}")
        state = found[paths[0].name] or state
        if mixed:  # start the next kill from a consistent report, as a clerk would
            atomic_write_many([(p, kinds[state][p]) for p in paths], folder)
    print(json.dumps({"problems": problems, "fell": fell, "save_ms": save_time * 1000}))


Layout = dict[str, bytes]


def layouts(folder: Path) -> tuple[Layout, Layout]:
    """The folder's section files and report.toml as they are (A), and reshaped (B)."""
    old = {p.name: p.read_bytes() for p in folder.iterdir() if p.suffix == ".toml"}
    draft = ReportDraft(folder)
    draft.meta.set(("header", "signer"), "李四")
    add_section(draft, "other", "其他需要报告的情况", 2)
    move_section(draft, draft.sections[-1], -1)
    remove_section(draft, draft.sections[1])
    return old, {f.path.name: f.text().encode("utf-8") for f in draft.files}


def layout_saver(folder: Path, kinds: dict[str, Layout], first: str) -> None:
    """Save the folder as one layout, then the other, and so on, until killed."""
    version = first
    deadline = time.monotonic() + SAVER_LIFETIME
    while time.monotonic() < deadline:
        to, other = kinds[version], kinds["B" if version == "A" else "A"]
        atomic_write_many(
            [(folder / n, data) for n, data in to.items()],
            folder,
            deletes=[folder / n for n in other if n not in to],
            complete=True,
        )
        version = "B" if version == "A" else "A"
    os._exit(0)


def toml_files(folder: Path) -> Layout:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.suffix == ".toml"}


def main_layout() -> None:
    folder, kills, seed = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    a, b = layouts(folder)
    kinds = {"A": a, "B": b}
    started = time.monotonic()
    for _ in range(10):
        atomic_write_many([(folder / n, d) for n, d in a.items()], folder, complete=True)
    save_time = (time.monotonic() - started) / 10
    rng = random.Random(seed)
    problems: list[str] = []
    fell = {"mid-save": 0, "completed": 0, "A": 0, "B": 0}
    for kill in range(kills):
        now = toml_files(folder)
        first = "B" if now == a else "A"
        pid = os.fork()
        if pid == 0:
            layout_saver(folder, kinds, first)
        try:
            if kill % 2:
                time.sleep(rng.uniform(0, 2.5 * save_time))
            else:
                wait_for_journal(folder, time.monotonic() + 1)
                time.sleep(rng.uniform(0, save_time / 4))
        finally:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        fell["mid-save"] += any(is_tui_file(p.name) for p in folder.iterdir())
        for name, data in toml_files(folder).items():
            if data not in (a.get(name), b.get(name)):
                problems.append(f"kill {kill}: {name} is neither version before the tidy")
        reports = tidy_folder(folder)
        after = toml_files(folder)
        if after not in (a, b):
            problems.append(f"kill {kill}: not one layout after the tidy: {sorted(after)}")
            break
        fell["A" if after == a else "B"] += 1
        left = [p.name for p in folder.iterdir() if is_tui_file(p.name)]
        if left:
            problems.append(f"kill {kill}: left after the next open: {left}")
        for report in reports:
            fell["completed"] += bool(report.finished or report.deleted)
            if report.mixed or report.changed or report.older:
                problems.append(f"kill {kill}: a completed save reported as {report}")
    print(json.dumps({"problems": problems, "fell": fell, "save_ms": save_time * 1000}))


if __name__ == "__main__":
    if sys.argv[4:] == ["layout"]:
        main_layout()
    else:
        main()
