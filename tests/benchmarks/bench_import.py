"""Timing `tui import` of a 10-page DOCX, as a whole process.

Run with ``.venv/bin/python tests/benchmarks/bench_import.py [--dev]`` (``BENCH_RUNS``
changes the number of runs). tui is measured as installed from its wheel in a
new environment; ``--dev`` measures the development environment instead.
Target (issue 11): importing a 10-page DOCX takes at most 1 s, start-up,
reading, writing the folder and validating it included.

The DOCX is tui's own export of a generated report of about 7,000 characters
of body text (four sections of four （一） parts with four 1. paragraphs each,
figures in every paragraph): ten pages of 22 lines of 28 characters.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEV_TUI = str(Path(sys.executable).parent / "tui")
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
TARGET = 1.0
_CN = "一二三四五六七八九十"
_TITLES = (
    "主要举措和成效",
    "存在的不足和原因",
    "党政主要负责人履行推进法治建设第一责任人职责情况",
    "主要安排",
)


def report_text() -> str:
    """A plain-text report of about ten pages."""
    lines = [
        "某区应急管理局2024年法治政府建设情况报告",
        "区委、区政府：",
        "2024年，我局坚持以习近平法治思想为指导，依法全面履行职责，现将有关情况报告如下：",
    ]
    sentence = (
        "严格执行行政执法公示制度、执法全过程记录制度和重大执法决定法制审核制度，"
        "全年开展执法检查{n}次，检查企业{m}余家，发现并整改隐患{k}条，"
        "进一步规范执法程序，提升执法质量和效率，执法规范化水平不断提高。"
    )
    for s, title in enumerate(_TITLES):
        lines.append(f"{_CN[s]}、2024年度{title}")
        for p in range(4):
            lines.append(f"（{_CN[p]}）加强第{p + 1}项重点工作的制度建设和落实")
            for i in range(4):
                n = s * 100 + p * 10 + i
                lines.append(f"{i + 1}.{sentence.format(n=n + 1, m=n + 20, k=n + 5)}")
    lines += ["某区应急管理局", "2025年1月20日"]
    return "\n".join(lines) + "\n"


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        dev = "--dev" in sys.argv[1:]
        if dev:
            tui = DEV_TUI
        else:
            sys.path.insert(0, str(Path(__file__).resolve().parent))
            from installing import installed_tui

            tui = str(installed_tui(Path(tmp) / "install") / "tui")
        folder = Path(tmp) / "work"
        folder.mkdir()
        (folder / "report.txt").write_text(report_text(), "utf-8")
        subprocess.run(
            [tui, "import", "report.txt", "draft"], cwd=folder, check=True, capture_output=True
        )
        subprocess.run(
            [tui, "export", "draft", "-o", "report.docx", "--force"],
            cwd=folder,
            check=True,
            capture_output=True,
        )
        times = []
        for run in range(RUNS):
            started = time.perf_counter()
            subprocess.run(
                [tui, "import", "report.docx", f"out{run}"],
                cwd=folder,
                check=True,
                capture_output=True,
            )
            times.append(time.perf_counter() - started)
    best, median = min(times), statistics.median(times)
    verdict = "ok" if best <= TARGET else "SLOW"
    print(
        f"tui import of a 10-page DOCX: best {best:.2f} s, median {median:.2f} s "
        f"(target {TARGET:.1f} s) {verdict}"
    )
    return 0 if best <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
