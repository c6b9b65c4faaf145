"""Fixtures shared by every test: the example report, and a private copy of it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "records" / "examples" / "baoshan-emergency-2023"
SEED = ROOT / "tests" / "data" / "seed-baoshan-emergency-2023.txt"


@pytest.fixture(autouse=True, scope="session")
def _private_validation_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep ``tui validate``'s cache of clean reports out of the user's home folder."""
    os.environ["TUI_CACHE_DIR"] = str(tmp_path_factory.mktemp("tui-cache"))


@pytest.fixture
def example_dir() -> Path:
    """The shipped example report (read only: copy it before changing anything)."""
    return EXAMPLE


@pytest.fixture
def report_dir(tmp_path: Path) -> Path:
    """A private copy of the example report that a test may change."""
    target = tmp_path / "baoshan-emergency-2023"
    shutil.copytree(EXAMPLE, target)
    return target
