"""Rules across the files of a report: its required parts and its one metric namespace.

The regulation asks for four items (measures, shortcomings, leadership,
plans), one section each, in any order the bureau likes; a fifth (other) is
optional. Metric keys are one namespace across the report, and every ``{key}``
in the prose must name one of them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from records.placeholders import Malformed, Reference
from schema.findings import RuleError, metric_items, report_prose, section_prose, segments
from schema.loading import load_schema


def _kind_titles() -> dict[str, str]:
    titles: dict[str, str] = load_schema("section")["properties"]["kind"]["tuiEnumTitles"]
    return titles


def _pair(mistyped: dict[int, str], missing: list[str]) -> dict[str, int]:
    """Each missing kind with the section whose mistyped kind reads most like it, one each."""
    import difflib  # a clean report never gets here

    likeness = sorted(
        (
            (-difflib.SequenceMatcher(None, typed.strip().lower(), kind).ratio(), n, i)
            for n, kind in enumerate(missing)
            for i, typed in mistyped.items()
        ),
    )
    pairs: dict[str, int] = {}
    for _, n, i in likeness:
        if missing[n] not in pairs and i not in pairs.values():
            pairs[missing[n]] = i
    return pairs


def required_kinds(
    validator: Any, spec: dict[str, list[str]], instance: Any, schema: Any
) -> Iterator[RuleError]:
    """``tuiRequiredKinds``: each mandated item has exactly one section."""
    if not isinstance(instance, dict):
        return
    sections = instance.get("sections") or []
    titles = _kind_titles()
    seen: dict[str, int] = {}
    mistyped: dict[int, str] = {}  # sections whose kind is no kind (S004): maybe the missing ones
    for i, section in enumerate(sections):
        kind = section.get("kind") if isinstance(section, dict) else None
        if not isinstance(kind, str):
            continue
        if kind not in titles:
            mistyped[i] = kind
        if kind in seen and kind in spec["unique"]:
            yield RuleError(
                "M002",
                f'“{titles.get(kind, kind)}”（kind = "{kind}"）已在 ',
                ("sections", i, "kind"),
                see=("sections", seen[kind], "kind"),
                after="出现，每类只能有一个部分；请合并两个文件，或改正其中一个的 kind",
            )
        seen.setdefault(kind, i)
    pairs = _pair(mistyped, [k for k in spec["required"] if k not in seen]) if mistyped else {}
    for n, kind in enumerate(spec["required"], 1):
        if kind in pairs:
            yield RuleError(
                "M001",
                f"缺少“{titles.get(kind, kind)}”部分：如果它就是 ",
                ("report",),
                see=("sections", pairs[kind], "kind"),
                after=(
                    f'那个 kind 写错的部分，请改为 kind = "{kind}"；'
                    f"否则请新建一个这样的部分文件，如 {n}-{kind}.toml"
                ),
            )
        elif kind not in seen:
            yield RuleError(
                "M001",
                f"缺少“{titles.get(kind, kind)}”部分："
                f'请在报告文件夹中新建一个 kind = "{kind}" 的部分文件，'
                f"如 {n}-{kind}.toml",
                ("report",),
            )


def metrics(
    validator: Any, spec: dict[str, bool], instance: Any, schema: Any
) -> Iterator[RuleError]:
    """``tuiMetrics``: metric keys are unique, and every ``{key}`` names one."""
    if not isinstance(instance, dict):
        return
    defined: dict[str, int] = {}
    for i, key, _ in metric_items(instance.get("sections")):
        if key in defined and spec.get("uniqueKeys"):
            yield RuleError(
                "P003",
                f"指标“{key}”已在 ",
                ("sections", i, "metrics", key),
                at_key=True,
                see=("sections", defined[key], "metrics", key),
                after="定义；指标名在整个报告中不能重复，请改用另一个指标名或删去其中一个",
            )
        defined.setdefault(key, i)
    if not spec.get("resolveReferences"):
        return
    places: list[tuple[tuple[str | int, ...], str]] = [
        (("report", *path), text) for path, text in report_prose(instance.get("report"))
    ]
    for i, section in enumerate(instance.get("sections") or []):
        places.extend((("sections", i, *path), text) for path, text in section_prose(section))
    for path, text in places:
        if not any(brace in text for brace in "{}｛｝"):  # ｛ from an input method, too
            continue
        for segment in segments(text):
            if isinstance(segment, Reference) and segment.key not in defined:
                import difflib  # a clean report never gets here

                close = difflib.get_close_matches(segment.key, list(defined), n=1, cutoff=0.6)
                hint = (
                    f"，是否应为“{{{close[0]}}}”"
                    if close
                    else f"；请在 [metrics.{segment.key}] 中定义它，或改正拼写"
                )
                yield RuleError(
                    "P001", f"“{{{segment.key}}}”没有对应的指标{hint}", path, index=segment.start
                )
            elif isinstance(segment, Malformed):
                yield RuleError("P002", segment.reason, path, index=segment.start)
