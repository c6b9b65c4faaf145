"""``.ci/run``: it installs what the DOCX render tests need when missing, then runs ``make test``.

Run with stand-ins on ``PATH`` for ``apt-get``, ``make`` and (when present) the
render tools, which record how they were called, so nothing is installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGES = (
    "libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils"
    " fonts-noto-cjk fonts-noto-cjk-extra fonts-arphic-ukai"
)


def _stub(folder: Path, name: str, status: int = 0) -> None:
    """A command that appends its name, arguments and a few variables to ``calls``."""
    script = folder / name
    script.write_text(
        "#!/bin/sh\n"
        f'echo "{name} $* | CI=$CI DEBIAN_FRONTEND=$DEBIAN_FRONTEND" >> "{folder}/calls"\n'
        f"exit {status}\n",
        encoding="utf-8",
    )
    script.chmod(0o755)


def run_ci(
    tmp_path: Path, *, tools: bool, calc: bool = True, make_status: int = 0, apt_status: int = 0
) -> tuple[int, list[str]]:
    """Run ``.ci/run`` with only stand-ins and the basic tools it uses on ``PATH``."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name in ("dirname", "id", "env"):
        found = shutil.which(name)
        assert found, name
        (bin_dir / name).symlink_to(found)
    _stub(bin_dir, "make", make_status)
    _stub(bin_dir, "apt-get", apt_status)
    sudo = bin_dir / "sudo"  # as a non-root user .ci/run asks sudo -n
    sudo.write_text('#!/bin/sh\n[ "$1" = -n ] && shift\nexec "$@"\n', encoding="utf-8")
    sudo.chmod(0o755)
    program = tmp_path / "libreoffice-program"  # where .ci/run looks for LibreOffice Calc
    program.mkdir()
    if tools:
        _stub(bin_dir, "soffice")
        _stub(bin_dir, "pdftoppm")
        if calc:
            (program / "pagein-calc").touch()
    env = {"PATH": str(bin_dir), "HOME": str(tmp_path), "LIBREOFFICE_PROGRAM": str(program)}
    bash = shutil.which("bash")
    assert bash
    done = subprocess.run(
        [bash, str(ROOT / ".ci" / "run")], env=env, capture_output=True, text=True, check=False
    )
    calls = bin_dir / "calls"
    return done.returncode, calls.read_text("utf-8").splitlines() if calls.exists() else []


@pytest.fixture(autouse=True)
def _no_ci_from_outside(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)


def test_with_the_tools_there_it_installs_nothing_and_runs_make_test_under_ci(
    tmp_path: Path,
) -> None:
    status, calls = run_ci(tmp_path, tools=True)
    assert status == 0
    assert calls == ["make test | CI=true DEBIAN_FRONTEND="]


def test_without_the_tools_it_installs_them_quietly_first(tmp_path: Path) -> None:
    status, calls = run_ci(tmp_path, tools=False)
    assert status == 0
    assert calls == [
        "apt-get update -qq | CI=true DEBIAN_FRONTEND=",
        "apt-get install -y -qq --no-install-recommends "
        f"{PACKAGES} | CI=true DEBIAN_FRONTEND=noninteractive",
        "make test | CI=true DEBIAN_FRONTEND=",
    ]


def test_writer_without_calc_installs_the_packages(tmp_path: Path) -> None:
    status, calls = run_ci(tmp_path, tools=True, calc=False)
    assert status == 0
    assert calls[1].startswith("apt-get install") and "libreoffice-calc-nogui" in calls[1]


def test_a_failing_suite_fails_the_run(tmp_path: Path) -> None:
    status, _ = run_ci(tmp_path, tools=True, make_status=2)
    assert status == 2


def test_a_failing_install_stops_before_the_suite(tmp_path: Path) -> None:
    status, calls = run_ci(tmp_path, tools=False, apt_status=100)
    assert status == 100
    assert not [call for call in calls if call.startswith("make")]


def test_the_script_is_executable() -> None:
    assert os.access(ROOT / ".ci" / "run", os.X_OK)
