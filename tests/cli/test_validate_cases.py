"""Every one-defect example under tests/data/invalid/ yields exactly its expected codes and lines.

Each case folder holds only what differs from ``_base/`` (a valid report):
files that replace the base's, ``deleted.txt`` naming base files to remove,
and ``expected.txt`` with one ``FILE:LINE CODE`` per diagnostic. A case whose
report.toml says ``previous = "../previous"`` (the year-over-year rules, U…) gets
last year's report there: the base again, with the files of the case's
``previous/`` subfolder, if any, laid over it (section files only, so that
``tui validate tests/data/invalid`` still finds one report a case).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from schema import CODES
from tui.cli import main

INVALID = Path(__file__).resolve().parents[1] / "data" / "invalid"
CASES = sorted(p.name for p in INVALID.iterdir() if p.is_dir() and not p.name.startswith("_"))


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts with an empty cache of clean reports, outside the user's home."""
    monkeypatch.setenv("TUI_CACHE_DIR", str(tmp_path / "tui-cache"))


def materialise(case: str, target: Path, overlay: Path | None = None) -> Path:
    """The base report with the case's files laid over it (last year's beside it, if named)."""
    shutil.copytree(INVALID / "_base", target)
    folder = overlay or INVALID / case
    for path in folder.iterdir() if folder.is_dir() else ():
        if path.name == "expected.txt" or path.is_dir():
            continue
        if path.name == "deleted.txt":
            for name in path.read_text("utf-8").split():
                (target / name).unlink()
            continue
        shutil.copy(path, target / path.name)
    meta = target / "report.toml"
    if overlay is None and meta.is_file() and 'previous = "../previous"' in meta.read_text("utf-8"):
        materialise(case, target.parent / "previous", INVALID / case / "previous")
    return target


def expected(case: str) -> list[str]:
    return [
        line for line in (INVALID / case / "expected.txt").read_text("utf-8").splitlines() if line
    ]


def test_the_base_is_valid(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(INVALID / "_base")
    assert main(["validate", "--strict", "."]) == 0


@pytest.mark.parametrize("case", CASES)
def test_case_yields_exactly_its_codes_at_its_lines(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = materialise(case, tmp_path / "report")
    monkeypatch.chdir(folder)
    status = main(["validate", "--format", "json", "."])
    found = json.loads(capsys.readouterr().out)["diagnostics"]
    assert sorted(f"{d['file']}:{d['line']} {d['code']}" for d in found) == sorted(expected(case))
    # the folder is named for the code it shows
    assert case.split("-")[0] in {line.split()[-1] for line in expected(case)}
    has_error = any(CODES[line.split()[-1]][0] == "error" for line in expected(case))
    assert status == (1 if has_error else 0)


def test_every_code_has_a_case() -> None:
    shown = {line.split()[-1] for case in CASES for line in expected(case)}
    assert set(CODES) - shown == {"S008"}  # S008 is the catch-all for shapes no rule names
