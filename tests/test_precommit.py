"""The pre-commit hook, installed for real: a bad report is refused, a good one accepted.

pre-commit clones this repository at its current commit and installs it in
its own virtualenv (from PyPI, the first time), exactly as a bureau's
repository would; the hook then runs on ``git commit``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "records" / "examples" / "baoshan-emergency-2023"
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "TUI_CACHE_DIR": str(repo.parent / "tui-cache"),
        "GIT_AUTHOR_NAME": "clerk",
        "GIT_AUTHOR_EMAIL": "clerk@example.invalid",
        "GIT_COMMITTER_NAME": "clerk",
        "GIT_COMMITTER_EMAIL": "clerk@example.invalid",
        "PATH": f"{PRE_COMMIT.parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    return subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=check
    )


def head_of_this_repository() -> str:
    result = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, "pre-commit installs the hook from a commit of this repository"
    return result.stdout.strip()


@pytest.fixture
def bureau_repo(tmp_path: Path) -> Path:
    """A bureau's repository whose .pre-commit-config.yaml uses this repository's hook."""
    repo = tmp_path / "bureau"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {ROOT}\n"
        f"    rev: {head_of_this_repository()}\n"
        "    hooks:\n"
        "      - id: tui-validate\n",
        "utf-8",
    )
    result = subprocess.run([str(PRE_COMMIT), "install"], cwd=repo, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return repo


def test_hook_refuses_a_bad_report_and_accepts_a_good_one(bureau_repo: Path) -> None:
    report = bureau_repo / "reports" / "baoshan-emergency-2023"
    shutil.copytree(EXAMPLE, report)
    text = (report / "report.toml").read_text("utf-8")
    (report / "report.toml").write_text(
        text.replace("宝应急〔2024〕2号", "宝应急〔2023〕2号"), "utf-8"
    )
    git(bureau_repo, "add", ".")
    refused = git(bureau_repo, "commit", "-q", "-m", "report", check=False)
    assert refused.returncode != 0
    assert (
        "reports/baoshan-emergency-2023/report.toml:9:19: error Y001"
        in refused.stdout + refused.stderr
    )
    assert git(bureau_repo, "rev-list", "--all").stdout == ""  # nothing was committed

    (report / "report.toml").write_text(text, "utf-8")
    git(bureau_repo, "add", ".")
    accepted = git(bureau_repo, "commit", "-q", "-m", "report", check=False)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert git(bureau_repo, "log", "--oneline").stdout.count("\n") == 1
