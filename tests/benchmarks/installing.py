"""tui as a user installs it, for the benchmarks: a wheel in a new virtual environment.

The wheel is built from a copy of the files git tracks, not from the working
tree: setuptools reuses a ``build/lib`` it finds in the source folder, so a
wheel built in place can carry modules that were moved or deleted since, and
an untracked scratch file would go in too. Dependencies come from the package
index, as ``pip install`` on a clean machine has them.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def tracked_copy(target: Path) -> Path:
    """A copy of the repository's tracked files (as committed or edited) under ``target``."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=False)
    if listed.returncode != 0:  # not a git checkout (an unpacked archive): all but the build
        shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns(".venv", "build", ".git"))
        return target
    for name in listed.stdout.decode().split("\0"):
        source = ROOT / name
        if name and source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def build_wheel(target: Path) -> Path:
    """tui's wheel, built from :func:`tracked_copy`, in ``target``."""
    source = tracked_copy(target / "source")
    wheels = target / "wheel"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            str(source),
            "-w",
            str(wheels),
        ],
        check=True,
        cwd=target,
    )
    return next(wheels.glob("*.whl"))


def installed(target: Path, requirement: str) -> Path:
    """A new virtual environment with ``requirement`` installed from the package index; its bin/.

    Each tool gets an environment of its own, holding just what it needs, as
    pre-commit gives each hook (and as ``pip install`` in a clean environment
    would).
    """
    print(f"(installing {Path(requirement).name} into a new environment)", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "venv", str(target)], check=True)
    pip = [str(target / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    done = subprocess.run([*pip, requirement], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"pip install {requirement} failed:\n{done.stderr}")
    return target / "bin"


def installed_tui(target: Path) -> Path:
    """The bin/ of a new environment with tui installed from its wheel (built under ``target``)."""
    return installed(target / "venv", str(build_wheel(target)))
