"""Timing `tui summary` over 1,000 generated reports, as text and as an XLSX workbook.

Run with ``.venv/bin/python tests/benchmarks/bench_summary.py [--dev]`` (``BENCH_REPORTS``
and ``BENCH_RUNS`` change the size and the number of runs). tui is measured as
installed from its wheel in a new environment; ``--dev`` measures the
development environment instead. Target (issue 14):
the summary of 1,000 reports, text and xlsx, in at most 3 s on 2 cores.

Each command runs as a whole process, as an office runs it. "Checked" clears
the cache of clean reports first, so every report is read and validated;
"unchanged" is the second run over the same folder, where reports found
clean before are read but not checked again (the cache ``tui validate``
keeps). The best of the runs is the figure least disturbed by other work on
the machine; the median is printed beside it, and the CPU time the run took
in all its processes (user and system), which other work on the machine
disturbs much less: divided by the cores it is what an idle machine could do.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_validate import generate  # noqa: E402
from installing import installed_tui  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
DEV_TUI = str(Path(sys.executable).parent / "tui")
REPORTS = int(os.environ.get("BENCH_REPORTS", "1000"))
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
TARGET = 3.0


def vary(folder: Path) -> None:
    """Make some of the generated reports what a district really receives."""
    folders = sorted(folder.iterdir())
    for n, report in enumerate(folders):
        if n % 50 == 1:  # late
            meta = report / "report.toml"
            text = meta.read_text("utf-8")
            meta.write_text(text.replace("-01-19\n\n[footer]", "-04-19\n\n[footer]"), "utf-8")
        if n % 100 == 2:  # unreadable
            (report / "report.toml").write_text("year = = 1\n", "utf-8")
        if n % 10 == 3 and n + 1 < len(folders):  # compared with another as last year's
            meta = report / "report.toml"
            text = meta.read_text("utf-8")
            meta.write_text(f'previous = "../{folders[n + 1].name}"\n' + text, "utf-8")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(argv: list[str], cache: Path, clear: bool) -> tuple[float, float]:
    """Wall time and CPU time (user + system, all its processes) of one run."""
    if clear:
        shutil.rmtree(cache, ignore_errors=True)
    cpu, start = _children_cpu(), time.perf_counter()
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, env={**os.environ})
    took = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed (exit {done.returncode}):\n{done.stderr.decode()}")
    return took, _children_cpu() - cpu


def main() -> None:
    cache = Path(tempfile.mkdtemp(prefix="tui-bench-cache-"))
    os.environ["TUI_CACHE_DIR"] = str(cache)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, {RUNS} runs of each")
    with tempfile.TemporaryDirectory() as tmp:
        dev = "--dev" in sys.argv[1:]
        tui = DEV_TUI if dev else str(installed_tui(Path(tmp) / "install") / "tui")
        print("tui:", "the development environment" if dev else "installed from a wheel")
        folder = Path(tmp) / "district"
        generate(folder, REPORTS)
        vary(folder)
        xlsx = str(Path(tmp) / "summary.xlsx")
        commands = {
            "text": [tui, "summary", "--no-progress", str(folder)],
            "xlsx": [tui, "summary", "--no-progress", str(folder), "-o", xlsx],
        }
        print(f"\n{REPORTS} generated reports (target <= {TARGET:.0f} s on 2 cores)")
        worst = 0.0
        for name, argv in commands.items():
            for state, clear in (("checked", True), ("unchanged", False)):
                if not clear:
                    timed(argv, cache, clear=True)  # fill the cache
                runs = [timed(argv, cache, clear) for _ in range(RUNS)]
                times = [wall for wall, _ in runs]
                cpu = min(c for _, c in runs)
                best = min(times)
                worst = max(worst, best)
                print(
                    f"  {name:<5} {state:<10} best {best:5.2f} s  "
                    f"median {statistics.median(times):5.2f} s  CPU {cpu:5.2f} s"
                )
        verdict = "within target" if worst <= TARGET else "OVER TARGET"
        print(f"  {verdict} (slowest best {worst:.2f} s)")
        print(
            "  (CPU is the work of all the command's processes: on a machine that other work"
            " keeps busy, wall times wobble, CPU time much less)"
        )
    shutil.rmtree(cache, ignore_errors=True)


if __name__ == "__main__":
    main()
