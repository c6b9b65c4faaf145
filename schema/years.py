"""Rules on years and dates: the 发文字号, the titles, the date and its deadline.

A report for ``year`` is dated in the first quarter of ``year + 1`` (the
publication deadline is 31 March, 《法治政府建设与责任落实督察工作规定》
第二十四条); the 发文字号 carries the year of its date; titles that name a
year name the right one. A title that names no year, or a year inside a
range such as “2021-2025年” (a plan's period), is not held against it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from schema.findings import RuleError
from schema.instance import TomlDate, pointer_keys, resolve
from schema.numbers import is_integral

_ARABIC_YEAR = re.compile(
    r"(?<![0-9０-９\-–—~～至])((?:19|20|21)[0-9]{2})(?![0-9０-９])(?!\s*[\-–—~～至])"
)
_CHINESE_YEAR = re.compile(r"([〇零一二三四五六七八九]{4})(?=年)")
_CHINESE_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0"}
_DOC_NUMBER_YEAR = re.compile(r"[〔\[(（【]\s*([0-9]{4})\s*[〕\])）】]")


def years_named(text: str) -> list[tuple[int, int]]:
    """The years a title names, with their index; ranges like 2021-2025年 excluded."""
    found = [(int(m.group(1)), m.start(1)) for m in _ARABIC_YEAR.finditer(text)]
    for m in _CHINESE_YEAR.finditer(text):
        found.append((int("".join(_CHINESE_DIGITS[c] for c in m.group(1))), m.start(1)))
    return sorted(found, key=lambda f: f[1])


def _date(value: Any) -> dt.date | None:
    if isinstance(value, TomlDate):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _year(value: Any) -> int | None:
    """The report year, also from ``2023.0`` (a slip reported as F008, not a reason to stop)."""
    return int(value) if is_integral(value) else None


def report_years(
    validator: Any, spec: dict[str, Any], instance: Any, schema: Any
) -> Iterator[RuleError]:
    """``tuiReportYears``: the dates and years of report.toml agree with each other."""
    if not isinstance(instance, dict):
        return
    year = _year(resolve(instance, spec["year"]))
    doc_number = resolve(instance, spec["docNumber"])
    title = resolve(instance, spec["title"])
    date = _date(resolve(instance, spec["date"]))
    print_date = _date(resolve(instance, spec["printDate"]))
    if date and isinstance(doc_number, str):
        match = _DOC_NUMBER_YEAR.search(doc_number)
        if match and int(match.group(1)) != date.year:
            yield RuleError(
                "Y001",
                f"发文字号的年份 {match.group(1)} 与成文日期 {date.isoformat()} "
                f"的年份 {date.year} 不一致",
                pointer_keys(spec["docNumber"]),
                index=match.start(1),
            )
    if year is not None and isinstance(title, str) and title.strip():
        named = years_named(title)
        if named and year not in {y for y, _ in named}:
            yield RuleError(
                "Y003",
                f"报告标题写的是 {named[0][0]} 年，报告年度（year）是 {year} 年",
                pointer_keys(spec["title"]),
                index=named[0][1],
            )
        elif not named:
            yield RuleError(
                "Y004",
                f"报告标题没有写明年度；一般写作“××{year}年法治政府建设情况报告”",
                pointer_keys(spec["title"]),
                severity=spec.get("titleWithoutYear", "warning"),
            )
    if date and print_date and print_date < date:
        yield RuleError(
            "Y005",
            f"印发日期 {print_date.isoformat()} 早于成文日期 {date.isoformat()}",
            pointer_keys(spec["printDate"]),
        )
    if year is not None and date and dt.MINYEAR <= year < dt.MAXYEAR - 1:
        deadline = spec["deadline"]
        due = dt.date(year + deadline["yearOffset"], deadline["month"], deadline["day"])
        if date > due:
            yield RuleError(
                "Y006",
                f"成文日期 {date.isoformat()} 晚于 {due.isoformat()}："
                "年度报告应在次年第一季度报送，"
                "并于 4 月 1 日前公开（《法治政府建设与责任落实督察工作规定》第二十四条）",
                pointer_keys(spec["date"]),
                severity="warning",
            )
        elif date.year < year + deadline["yearOffset"]:
            yield RuleError(
                "Y007",
                f"成文日期 {date.isoformat()} 在 {year} 年度结束之前；"
                "请核对报告年度（year）和成文日期",
                pointer_keys(spec["date"]),
                severity="warning",
            )


def section_years(
    validator: Any, spec: dict[str, Any], instance: Any, schema: Any
) -> Iterator[RuleError]:
    """``tuiSectionYears``: a section title that names a year names the one its kind speaks of."""
    if not isinstance(instance, dict):
        return
    year = _year(resolve(instance, "/report/year"))
    sections = instance.get("sections")
    if year is None or not isinstance(sections, list):
        return
    for i, section in enumerate(sections):
        if not isinstance(section, dict) or not isinstance(section.get("title"), str):
            continue
        kind = section.get("kind")  # an unknown kind is reported (S004), its year not judged
        offset = spec["offsets"].get(kind) if isinstance(kind, str) else None
        expected = None if offset is None else year + offset
        named = years_named(section["title"])
        if expected is None or not named or expected in {y for y, _ in named}:
            continue
        which = "下一年度的安排应写" if expected != year else "应写报告年度"
        plans = [k for k, offset in spec["offsets"].items() if offset == 1]
        maybe = (
            f'；如果这一部分就是下一年度的安排，应改的是 kind（改为 "{plans[0]}"）'
            if named[0][0] == year + 1 and expected == year and plans
            else ""
        )
        yield RuleError(
            "Y002",
            f"本部分标题写的是 {named[0][0]} 年，{which} {expected} 年（报告年度 year = {year}）"
            + maybe,
            ("sections", i, "title"),
            index=named[0][1],
        )
