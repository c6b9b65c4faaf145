"""Every department's report in one table: what the district's 依法治区办 needs to know.

The office receives thirty to sixty reports each first quarter. For each it
needs who sent it, its 发文字号 and date, whether it came by the deadline,
what is wrong with it, and its figures, lined up so that the district's
totals (行政处罚案件 in all, 法制审核 in all, year on year) can be read off.
This module returns that as data and prints nothing: ``tui summary`` writes it
as text, CSV, XLSX or JSON, and the editor lists it.

A report that cannot be read is a row that says why; nothing about one report
stops the summary of the others.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from records import Diagnostic, Metric, RecordError, Report
from records.diagnostic import relative_to_cwd
from schema.catalogue import Number, WellKnown, catalogue, match
from schema.loading import load_schema

PARALLEL_FROM = 8
"""From this many reports on, they are read and checked in worker processes, one per core."""


@dataclass(frozen=True)
class Figure:
    """One catalogue metric in one report, in the catalogue's unit, beside last year's."""

    key: str
    """The catalogue's key; ``stated_key`` is the report's own."""
    stated_key: str
    stated_value: Number | None
    stated_unit: str
    value: Number | None
    previous: Number | None = None
    """Last year's figure in the catalogue's unit, when ``previous`` names a report stating it."""
    change: Decimal | None = None
    ratio: Decimal | None = None
    compared: bool = False
    """Whether last year's report states this figure (its value may still be missing)."""
    codes: tuple[str, ...] = ()
    """The comparison's warnings about this figure (U001 元 and 万元 mixed up, …)."""


@dataclass(frozen=True)
class OtherMetric:
    """A figure of a report that the catalogue does not know."""

    key: str
    label: str
    unit: str
    value: Number | None


@dataclass(frozen=True)
class ReportRow:
    """One report: who, when, by the deadline or not, what is wrong, and its figures."""

    folder: str
    department: str
    year: int | None
    doc_number: str
    date: dt.date | None
    deadline: dt.date | None
    on_time: bool | None
    """Dated by the deadline (31 March after the year); ``None`` when date or year is missing."""
    diagnostics: tuple[Diagnostic, ...]
    """The validator's findings, then the comparison's with last year (U001…)."""
    figures: dict[str, Figure] = field(default_factory=dict)
    others: tuple[OtherMetric, ...] = ()
    previous: str = ""
    """The folder of last year's report, as ``previous`` names it ("" when none)."""
    problem: str = ""
    """Why the report (or a file of it, or last year's) could not be read; "" when it could."""
    unreadable: bool = False
    """Nothing of the report could be read: the folder is no report, or report.toml fails."""
    clean: bool = False
    """The validator found nothing at all (so ``tui validate`` may remember it as clean)."""

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        """Warnings that count: a warning the report waives with a reason does not."""
        return [d for d in self.diagnostics if d.severity == "warning" and not d.waived]

    @property
    def codes(self) -> list[str]:
        """The codes of the errors and counted warnings, each once, errors first."""
        return list(dict.fromkeys(d.code for d in [*self.errors, *self.warnings]))

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON; numbers stay numbers, dates are ISO strings."""
        return {
            "folder": self.folder,
            "department": self.department,
            "year": self.year,
            "doc_number": self.doc_number,
            "date": self.date.isoformat() if self.date else None,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "on_time": self.on_time,
            "unreadable": self.unreadable,
            "problem": self.problem or None,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "codes": self.codes,
            "diagnostics": [d.as_dict() for d in self.diagnostics],
            "metrics": {
                key: {
                    "value": number(f.value),
                    "unit": entry_of(key).unit,
                    "stated": {
                        "key": f.stated_key,
                        "value": number(f.stated_value),
                        "unit": f.stated_unit,
                    },
                    **(
                        {
                            "previous": number(f.previous),
                            "change": number(f.change),
                            "ratio": number(rounded(f.ratio, 4)),
                            "warnings": list(f.codes),
                        }
                        if f.compared
                        else {}
                    ),
                }
                for key, f in self.figures.items()
            },
            "other_metrics": [
                {"key": m.key, "label": m.label, "unit": m.unit, "value": number(m.value)}
                for m in self.others
            ],
            "previous": self.previous or None,
        }


@dataclass(frozen=True)
class Total:
    """A catalogue metric added up over a year's reports, and over those comparable year on year."""

    key: str
    value: Number | None
    reports: int
    """How many reports state the figure (the rest are not in ``value``)."""
    current: Number | None = None
    previous: Number | None = None
    compared: int = 0
    """How many reports state it both years: ``current`` and ``previous`` add up those only."""

    @property
    def change(self) -> Number | None:
        if self.current is None or self.previous is None:
            return None
        return self.current - self.previous

    @property
    def ratio(self) -> Decimal | None:
        if self.current is None or not self.previous:
            return None
        return Decimal(self.current) / Decimal(self.previous)


@dataclass(frozen=True)
class Summary:
    """All the reports below a folder, the catalogue metrics any of them states, and totals."""

    rows: tuple[ReportRow, ...]
    columns: tuple[WellKnown, ...]
    """The catalogue metrics that at least one report states, in the catalogue's order."""
    totals: dict[int | None, dict[str, Total]]
    """Per report year (a folder may hold two years' reports), per summed catalogue key."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "reports": [r.as_dict() for r in self.rows],
            "catalogue": [{"key": c.key, "label": c.label, "unit": c.unit} for c in self.columns],
            "totals": [
                {
                    "year": year,
                    "metrics": {
                        key: {
                            "value": number(t.value),
                            "reports": t.reports,
                            "compared": t.compared,
                            "current": number(t.current),
                            "previous": number(t.previous),
                            "change": number(t.change),
                        }
                        for key, t in totals.items()
                    },
                }
                for year, totals in self.totals.items()
            ],
        }


# -- one report -------------------------------------------------------------------------
def entry_of(key: str) -> WellKnown:
    return next(e for e in catalogue() if e.key == key)


def deadline(year: int | None) -> dt.date | None:
    """The date by which the report for ``year`` is due (the rule Y006 checks)."""
    if year is None or not dt.MINYEAR <= year < dt.MAXYEAR - 1:
        return None
    due = load_schema("report")["tuiReportYears"]["deadline"]
    return dt.date(year + due["yearOffset"], due["month"], due["day"])


def department(report: Report) -> str:
    """Who sent the report: the 署名, else the issuer's mark without “文件”, else the folder."""
    name = report.body.signature.strip() or report.header.issuer_mark.strip().removesuffix("文件")
    return name or report.folder.resolve().name


def summarize_report(folder: Path, use_cache: bool = False) -> ReportRow:
    """The row of the report in ``folder``; whatever goes wrong becomes the row's ``problem``.

    With ``use_cache``, files found clean before by these very rules (see
    :mod:`schema.clean_cache`, which ``tui validate`` shares) are read but not
    checked again, and a report found clean now is remembered.
    """
    from schema import clean_cache

    mark = clean_cache.marker(folder) if use_cache else None  # before reading: see marker()
    known_clean = clean_cache.is_clean(mark)
    try:
        row = _summarize(folder, known_clean)
    except Exception as e:  # noqa: BLE001 - one report must never end the whole summary
        return _unreadable(folder, f"汇总时出错（{type(e).__name__}）：{e}", ())
    if row.clean and not known_clean:
        clean_cache.remember_clean(mark)
    return row


def _unreadable(folder: Path, problem: str, diagnostics: Iterable[Diagnostic]) -> ReportRow:
    return ReportRow(
        folder=relative_to_cwd(folder),
        department=folder.resolve().name,
        year=None,
        doc_number="",
        date=None,
        deadline=None,
        on_time=None,
        diagnostics=tuple(diagnostics),
        problem=problem,
        unreadable=True,
    )


def _summarize(folder: Path, known_clean: bool) -> ReportRow:
    from schema.folders import read_folder
    from schema.validator import load_diagnostic, validate_report

    try:
        report, load_errors = read_folder(folder)
    except RecordError as e:
        return _unreadable(folder, _why(e), [load_diagnostic(e)])
    diagnostics = [] if known_clean and not load_errors else validate_report(report, load_errors)
    problems = [_why(e) for e in load_errors]
    if any(e.path == report.meta.path for e in load_errors):
        return _unreadable(folder, "；".join(problems), diagnostics)
    known, others = match(report.metrics())
    figures = {k: _figure(k, m) for k, m in known.items()}
    found: list[Diagnostic] = []
    previous = report.meta.data.get("previous")
    if isinstance(previous, str) and previous.strip():
        try:
            figures, found = _against_previous(report, known, figures)
        except RecordError as e:
            problems.append(f"上一年度报告（previous）无法读取：{e.message}")
    due = deadline(report.year)
    date = report.body.date
    return ReportRow(
        folder=relative_to_cwd(folder),
        department=department(report),
        year=report.year,
        doc_number=report.header.doc_number.strip(),
        date=date,
        deadline=due,
        on_time=None if date is None or due is None else date <= due,
        diagnostics=(*diagnostics, *_not_yet(found, diagnostics)),
        figures=figures,
        others=tuple(OtherMetric(m.key, m.label, m.unit, finite(m.value)) for m in others),
        previous=previous.strip() if isinstance(previous, str) else "",
        problem="；".join(problems),
        clean=not diagnostics,
    )


def _not_yet(found: list[Diagnostic], diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """The comparison's warnings that validation did not give already (or waive).

    Validation compares metrics of the same key (``tui compare``); the summary
    also matches differently named ones through the catalogue.
    """
    given = {(d.file, d.line, d.column, d.code) for d in diagnostics}
    return [w for w in found if (w.file, w.line, w.column, w.code) not in given]


def _why(error: RecordError) -> str:
    name = error.path.name if error.path is not None else ""
    return f"{name}：{error.message}" if name else error.message


def finite(value: Number | None) -> Number | None:
    """A value the summary can add up: ``inf`` or ``nan`` (the validator's N005) is none."""
    return None if isinstance(value, Decimal) and not value.is_finite() else value


def _figure(key: str, metric: Metric) -> Figure:
    stated = finite(metric.value)
    _, value = entry_of(key).convert(stated, metric.unit)
    return Figure(key, metric.key, stated, metric.unit, value)


def _against_previous(
    report: Report, known: dict[str, Metric], figures: dict[str, Figure]
) -> tuple[dict[str, Figure], list[Diagnostic]]:
    """Each catalogue figure beside last year's, with the warnings ``tui compare`` gives."""
    from schema.compare import cached_previous_report, compare_metric

    old = cached_previous_report(report)  # validation has just read it
    if old is None:
        return figures, []
    old_known, _ = match(old.metrics())
    warnings: list[Diagnostic] = []
    compared = dict(figures)
    for key, metric in known.items():
        if key not in old_known:
            continue
        _, found = compare_metric(metric, old_known[key])
        warnings += found
        _, before = entry_of(key).convert(finite(old_known[key].value), old_known[key].unit)
        now = figures[key].value
        change = ratio = None
        if now is not None and before is not None:
            change = Decimal(now) - Decimal(before)
            ratio = Decimal(now) / Decimal(before) if before != 0 else None
        compared[key] = Figure(
            key,
            metric.key,
            metric.value,
            metric.unit,
            now,
            previous=before,
            change=change,
            ratio=ratio,
            compared=True,
            codes=tuple(w.code for w in found),
        )
    return compared, warnings


# -- many reports -----------------------------------------------------------------------
def summarize_all(
    folders: list[Path], jobs: int = 0, use_cache: bool = False
) -> Iterator[ReportRow]:
    """Each folder's row, in order; many folders are shared out among processes.

    ``use_cache`` as for :func:`summarize_report` (each worker looks up its own reports).
    """
    flags = [use_cache] * len(folders)
    workers = jobs or os.cpu_count() or 1
    if workers > 1 and len(folders) >= PARALLEL_FROM:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=workers) as pool:
            chunk = max(1, len(folders) // (workers * 64))  # small: the cores finish together
            yield from pool.map(summarize_report, folders, flags, chunksize=chunk)
    else:
        yield from map(summarize_report, folders, flags)


def summarize(folders: list[Path], jobs: int = 0) -> Summary:
    """The summary of the reports in ``folders`` (in that order), each checked afresh."""
    return build_summary(list(summarize_all(folders, jobs)))


def build_summary(rows: list[ReportRow]) -> Summary:
    """Columns and totals for rows already made."""
    stated = {key for row in rows for key in row.figures}
    columns = tuple(e for e in catalogue() if e.key in stated)
    years = sorted({r.year for r in rows if not r.unreadable}, key=lambda y: (y is None, y))
    totals = {year: _totals([r for r in rows if r.year == year], columns) for year in years}
    return Summary(rows=tuple(rows), columns=columns, totals=totals)


def _totals(rows: list[ReportRow], columns: tuple[WellKnown, ...]) -> dict[str, Total]:
    totals: dict[str, Total] = {}
    for entry in columns:
        if not entry.summed:
            continue
        figures = [r.figures[entry.key] for r in rows if entry.key in r.figures]
        values = [f.value for f in figures if f.value is not None]
        both = [f for f in figures if f.value is not None and f.previous is not None]
        totals[entry.key] = Total(
            key=entry.key,
            value=_sum(values),
            reports=len(values),
            current=_sum([f.value for f in both]),
            previous=_sum([f.previous for f in both]),
            compared=len(both),
        )
    return totals


def _sum(values: list[Any]) -> Number | None:
    if not values:
        return None
    total: Number = sum(values[1:], values[0])
    return total


def rounded(value: Decimal | None, places: int) -> Decimal | None:
    """``value`` to ``places`` decimals; as it is when that takes more digits than Decimal keeps."""
    if value is None:
        return None
    try:
        return value.quantize(Decimal(1).scaleb(-places))
    except InvalidOperation:  # a ratio of 10^30: no figure of a report, but never a crash
        return value


def number(value: Number | None) -> int | float | None:
    """A figure for JSON: a whole Decimal as an integer, any other as a float."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value
