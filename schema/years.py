"""Rules on years and dates: the 发文字号, the titles, the date and its deadline.

A report for ``year`` is dated in the first quarter of ``year + 1`` (the
publication deadline is 31 March, 《法治政府建设与责任落实督察工作规定》
第二十四条); the 发文字号 carries the year of its date; titles that name a
year name the right one. A title that names no year, or a year inside a
range such as “2021-2025年” (a plan's period), is not held against it.

The report's title may be broken over lines (“\\n”, where the clerk wants
the printed title to break); it is read as one string, its lines joined.
A heading inside a section (（一）, 1., （1）) that names a year is read as
the section's title is, but only warned about (Y008): a heading may name
another year's document or campaign (“巩固2023年专项整治成果”). In the
report's title, a section's title and a heading, a year inside 《》 or “”
is a document's title (“落实《2024年度法治督察反馈意见》整改”), not the year the heading
speaks of, and is not counted.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from records.body import LEVEL_NAMES, block_tables
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


_QUOTED = re.compile(r"《[^《》]*》|〈[^〈〉]*〉|“[^“”]*”|「[^「」]*」|『[^『』]*』")
"""A document's title, or words quoted: 落实《2024年度法治督察反馈意见》 names no year itself."""


def heading_years(text: str) -> list[tuple[int, int]]:
    """The years a heading names as its own: not those inside 《》 or “” (a document's title)."""
    if not _QUOTED.search(text):
        return years_named(text)
    return years_named(_QUOTED.sub(lambda m: " " * len(m.group()), text))


def title_years(title: str) -> list[tuple[int, int]]:
    """The years the report's title names as its own (a title all in one 《》 is read inside).

    “关于落实《2024年督察反馈意见》的2023年法治政府建设情况报告” names 2023;
    “《宝山区应急管理局2023年法治政府建设情况报告》”, the whole title quoted as
    some bureaus write it, names 2023 too.
    """
    whole = re.fullmatch(r"\s*《([^《》]*)》\s*", title)
    if whole:
        return [(y, i + whole.start(1)) for y, i in heading_years(whole.group(1))]
    return heading_years(title)


def joined(text: str) -> tuple[str, list[int]]:
    """``text`` with its line breaks removed, and where each remaining character stood.

    A title broken over lines is one title: “2023\\n年” names 2023, and a
    finding's index in the joined text is mapped back to the written one.
    """
    kept = [i for i, ch in enumerate(text) if ch not in "\r\n"]
    return "".join(text[i] for i in kept), kept


def _date(value: Any) -> dt.date | None:
    if isinstance(value, TomlDate):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _year(value: Any) -> int | None:
    """The report year, also from ``2023.0`` (a slip reported as F007, not a reason to stop).

    Not a number of more digits than any year (``1e12023``): the schema's
    ``maximum`` reports it, and it could not even be printed.
    """
    return int(value) if is_integral(value) and abs(value) < 10**9 else None


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
        one_line, where = joined(title)
        named = title_years(one_line)
        if named and year not in {y for y, _ in named}:
            yield RuleError(
                "Y003",
                f"报告标题写的是 {named[0][0]} 年，报告年度（year）是 {year} 年",
                pointer_keys(spec["title"]),
                index=where[named[0][1]],
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
        elif date < _year_end(year, spec):
            yield RuleError(
                "Y007",
                f"成文日期 {date.isoformat()} 在 {year} 年度结束之前；"
                "请核对报告年度（year）和成文日期",
                pointer_keys(spec["date"]),
                severity="warning",
            )


def _year_end(year: int, spec: dict[str, Any]) -> dt.date:
    """The earliest date a report on ``year`` is written: its year's end (``yearEndFrom``).

    Many districts collect the year's report with the year-end summaries in
    November and December (大足区卫生健康委员会, 大足卫文〔2021〕82号, dated
    2021-11-15); a date in the report's own year before that is a year typed
    wrong more likely than a report.
    """
    start = spec.get("yearEndFrom")
    if not isinstance(start, dict):
        return dt.date(year + 1, 1, 1)
    return dt.date(year, start["month"], start["day"])


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
    plans = [k for k, offset in spec["offsets"].items() if offset == 1]
    for i, section in enumerate(sections):
        if not isinstance(section, dict):
            continue
        kind = section.get("kind")  # an unknown kind is reported (S004), its year not judged
        offset = spec["offsets"].get(kind) if isinstance(kind, str) else None
        if offset is None:
            continue
        expected = year + offset
        which = "下一年度的安排应写" if expected != year else "应写报告年度"
        title = section.get("title")
        named = heading_years(title) if isinstance(title, str) else []
        if named and expected not in {y for y, _ in named}:
            maybe = (
                f'；如果这一部分就是下一年度的安排，应改的是 kind（改为 "{plans[0]}"）'
                if named[0][0] == year + 1 and expected == year and plans
                else ""
            )
            yield RuleError(
                "Y002",
                f"本部分标题写的是 {named[0][0]} 年，{which} {expected} 年"
                f"（报告年度 year = {year}）" + maybe,
                ("sections", i, "title"),
                index=named[0][1],
            )
        for path, level, block in block_tables(section):
            heading = block.get("title")
            named = heading_years(heading) if isinstance(heading, str) else []
            if not named or expected in {y for y, _ in named}:
                continue
            yield RuleError(
                "Y008",
                f"{LEVEL_NAMES[level]}标题写的是 {named[0][0]} 年，本部分{which} {expected} 年"
                f"（报告年度 year = {year}）；如果标题说的确是另一年度的事"
                f"（如“巩固{named[0][0]}年整治成果”），可在 [[waivers]] 中豁免",
                ("sections", i, *path, "title"),
                severity="warning",
                index=named[0][1],
            )
