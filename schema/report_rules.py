"""Rules across the files of a report: its required parts and its one metric namespace.

The regulation asks for four items (measures, shortcomings, leadership,
plans), in any order the bureau likes; a fifth (other) is optional. Each item
is a checklist entry that some section must cover. The measures may be
spread over several sections with thematic titles (city-level reports do
so); the other items are one section each, so a second one is a mistake
(M002), and so is a section whose title another section already has (a
copied file). Metric keys are one namespace across the report, and every
``{key}`` in the prose must name one of them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from records.body import block_tables
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
    validator: Any, spec: dict[str, Any], instance: Any, schema: Any
) -> Iterator[RuleError]:
    """``tuiRequiredKinds``: each mandated item is covered; the ``unique`` kinds only once.

    With ``uniqueTitles``, two sections with the same title (lines joined,
    spaces ignored) are one section copied: the second is M002 at its title.
    """
    if not isinstance(instance, dict):
        return
    sections = instance.get("sections") or []
    titles = _kind_titles()
    seen: dict[str, int] = {}
    mistyped: dict[int, str] = {}  # sections whose kind is no kind (S004): maybe the missing ones
    several = [k for k in titles if k not in spec["unique"]]
    titled: dict[str, int] = {}
    for i, section in enumerate(sections):
        if not isinstance(section, dict):
            continue
        title = section.get("title")
        title = title if isinstance(title, str) else ""
        same = "".join(title.split()) if spec.get("uniqueTitles") else ""
        kind = section.get("kind")
        kind = kind if isinstance(kind, str) else None
        if kind is not None and kind not in titles:
            mistyped[i] = kind
        if kind in seen and kind in spec["unique"]:
            also = f"（可以分成几个部分的只有{'、'.join(titles[k] for k in several)}）"
            yield RuleError(
                "M002",
                f'“{titles.get(kind, kind)}”（kind = "{kind}"）已在 ',
                ("sections", i, "kind"),
                see=("sections", seen[kind], "kind"),
                after=(
                    f"出现，这一类只能有一个部分{also if several else ''}；"
                    "请合并两个文件，或改正其中一个的 kind"
                ),
            )
        elif same in titled:  # one finding for a copied file, whose kind and title are both twice
            yield RuleError(
                "M002",
                f"本部分的标题“{title.strip()}”与 ",
                ("sections", i, "title"),
                see=("sections", titled[same], "title"),
                after=(
                    "的部分相同：多半是复制的文件忘了改；"
                    "请改写其中一个的标题和内容，或删去多余的文件"
                ),
            )
        if same:
            titled.setdefault(same, i)
        if kind is not None:
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
        elif kind not in seen and not _covered_by_heading(sections, spec, kind):
            yield RuleError(
                "M001",
                f"缺少“{titles.get(kind, kind)}”部分："
                f'请在报告文件夹中新建一个 kind = "{kind}" 的部分文件，'
                f"如 {n}-{kind}.toml",
                ("report",),
            )


def _covered_by_heading(sections: list[Any], spec: dict[str, Any], kind: str) -> bool:
    """A mandated item reported as a heading inside another section (``coveredByHeading``).

    Many reports give the 第一责任人 item a （一） of the measures section
    (合川区卫健委: “（一）……履行推进法治建设第一责任人职责到位。”; 武汉市市场监管局:
    “（一）履行法治第一责任人职责，推进法治政府建设”) rather than a 一、 of its own.
    """
    words = spec.get("coveredByHeading", {}).get(kind)
    if not words:
        return False
    for section in sections:
        if not isinstance(section, dict):
            continue
        for _, _, table in block_tables(section):
            title = table.get("title")
            if isinstance(title, str) and any(word in title for word in words):
                return True
    return False


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
