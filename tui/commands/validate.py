"""``tui validate PATH...``: check report folders (or files of them) and report every finding.

Files are grouped by the report folder they belong to, and the whole report
is checked; a folder that holds report folders (a city's departments) is
checked report by report, in parallel, with a progress bar on a terminal and
a table of results. Reports found clean before and unchanged since are not
checked again (see :mod:`schema.clean_cache`). Exit status: 0 no errors, 1 errors (or warnings with
``--strict``), 2 a wrong call. pre-commit runs this on every commit, so it
imports neither Textual nor python-docx.
"""

from __future__ import annotations

import argparse
import os
import sys
import tomllib
from collections.abc import Iterable, Iterator
from pathlib import Path

from records import REPORT_FILE, Diagnostic
from records.diagnostic import relative_to_cwd
from records.loader import section_paths
from records.model import natural_key
from tui.commands import UsageError, add_batch_options

NAME = "validate"
PARALLEL_FROM = 8
"""From this many reports on, they are checked in worker processes, one per core."""
_SKIP_DIRS = {".git", ".venv", "venv", "node_modules", "__pycache__"}


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser(
        NAME,
        help="校验报告（必备部分、年份、数字、引用）",
        description=(
            "校验一份或多份报告。可以给报告文件夹、其中的文件，或包含多个报告文件夹的上级文件夹；"
            "文件按所在的报告文件夹归组，整份报告一起检查。"
            "退出码：0 没有错误，1 有错误（加 --strict 时警告也算），2 调用方式有误。"
        ),
    )
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="路径",
        help="报告文件夹、报告中的文件，或包含报告文件夹的文件夹",
    )
    parser.add_argument(
        "--format",
        "-f",
        choices=("text", "json", "github"),
        default="text",
        help="输出格式：text 便于阅读（默认），json 供程序读取，github 为 GitHub Actions 注释",
    )
    parser.add_argument("--strict", action="store_true", help="有未豁免的警告时也以退出码 1 结束")
    add_batch_options(
        parser,
        jobs="同时校验的进程数（默认为 CPU 核数；报告较少时不启用多进程）",
        cache=(
            "不使用缓存：重新检查上次已通过且未改动的报告（缓存在 ~/.cache/tui，"
            "或环境变量 TUI_CACHE_DIR 指定的文件夹）"
        ),
    )
    parser.set_defaults(run=run)


def _looks_like_record(path: Path) -> bool:
    """Whether a TOML file outside any report folder is meant as a report file."""
    if path.name == REPORT_FILE:
        return True
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return False
    return "kind" in data


def _reports_under(folder: Path) -> list[Path]:
    """Report folders at and below ``folder``, in natural order (dept2 before dept10).

    A report kept inside another (last year's, in a subfolder) is checked too.
    """
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(
            (d for d in dirs if d not in _SKIP_DIRS and not d.startswith(".")), key=natural_key
        )
        if REPORT_FILE in files:
            found.append(Path(root))
    return found


def _holds_records(folder: Path) -> bool:
    """Whether a folder without report.toml holds section files: a report that lost it."""
    return any(_looks_like_record(p) for p in section_paths(folder) if p.is_file())


def group(paths: Iterable[str]) -> tuple[list[Path], list[Diagnostic], list[Path]]:
    """The report folders the paths name, findings for stray report files, and skipped files.

    Folders come in natural order (dept2 before dept10), however the shell
    expanded a glob, so the summary table reads as a clerk numbers folders.
    """
    folders: dict[Path, Path] = {}
    stray: list[Diagnostic] = []
    skipped: list[Path] = []
    for value in paths:
        path = Path(value)
        if not path.exists():
            raise UsageError(f"路径不存在：{value}")
        if path.is_dir():
            found = _reports_under(path)
            if not found and not _holds_records(path):
                raise UsageError(
                    f"{value} 中没有报告：这个文件夹及其子文件夹里都没有 report.toml；"
                    "请检查路径是否写对"
                )
            found = found or [path]  # section files without report.toml: reported as R002
        elif (path.parent / REPORT_FILE).is_file():
            found = [path.parent]
        elif path.suffix == ".toml" and _looks_like_record(path):
            stray.append(
                Diagnostic(
                    relative_to_cwd(path),
                    1,
                    1,
                    "R002",
                    "error",
                    "这个报告文件不在报告文件夹中：同一文件夹中没有 report.toml",
                )
            )
            continue
        elif path.suffix == ".toml":
            skipped.append(path)  # pre-commit passes every TOML file a commit touches
            continue
        else:
            raise UsageError(
                f"{value} 不是报告文件，也不在报告文件夹中（同一文件夹中没有 report.toml）；"
                "请给出报告文件夹或其中的文件"
            )
        for folder in found:
            folders.setdefault(folder.resolve(), folder)
    ordered = sorted(folders.values(), key=lambda f: natural_key(f.as_posix()))
    return ordered, stray, skipped


def _check(folder: Path) -> list[Diagnostic]:
    from schema import validate_folder

    return validate_folder(folder)


def check_all(folders: list[Path], jobs: int) -> Iterator[list[Diagnostic]]:
    """Each folder's findings, in order; many folders are shared out among processes."""
    workers = jobs or os.cpu_count() or 1
    if workers > 1 and len(folders) >= PARALLEL_FROM:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=workers) as pool:
            yield from pool.map(_check, folders, chunksize=max(1, len(folders) // (workers * 16)))
    else:
        yield from map(_check, folders)


def run(args: argparse.Namespace) -> int:
    from schema import clean_cache
    from tui.reporters import REPORTERS, ProgressBar, ReportResult

    if args.jobs < 0:
        raise UsageError("--jobs 不能为负数")
    folders, stray, skipped = group(args.paths)
    for path in skipped:
        print(f"tui：跳过 {path}：不属于任何报告文件夹", file=sys.stderr)
    results = [ReportResult(d.file, [d]) for d in stray]
    progress = ProgressBar(
        len(folders), enabled=False if args.no_progress or len(folders) < 2 else None
    )
    marks = {f: None if args.no_cache else clean_cache.marker(f) for f in folders}
    to_check = [f for f in folders if not clean_cache.is_clean(marks[f])]
    pending = set(to_check)
    checked = check_all(to_check, args.jobs)
    try:
        for folder in folders:
            diagnostics: list[Diagnostic] = []
            if folder in pending:
                diagnostics = next(checked)
                if not diagnostics:
                    clean_cache.remember_clean(marks[folder])
            results.append(ReportResult(relative_to_cwd(folder), diagnostics))
            progress.advance(relative_to_cwd(folder))
    finally:
        progress.close()
    REPORTERS[args.format](results, sys.stdout)
    sys.stdout.flush()
    if any(r.errors for r in results):
        return 1
    return 1 if args.strict and any(r.warnings for r in results) else 0
