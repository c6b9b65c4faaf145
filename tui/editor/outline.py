"""The report as the editor's tree shows it: nodes, the fields each one edits.

Built from the parsed data of every file (not the lenient model), so that an
array index in a node always matches the index in the TOML even when the draft
holds a value of the wrong type. Pure data, no Textual: the tree widget, the
forms and the command palette are all drawn from this one outline.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

from records.body import Numbering, read_numbering
from records.positions import KeyPath
from tui.cells import clip
from tui.editor.labels import field_text, value_kind

REPORT_FILE = "report.toml"

FieldKind = Literal["line", "prose", "integer", "number", "date", "kind", "switch"]
"""How a value is typed: one line, prose (multi-line), whole number, number, date, section kind,
or a yes/no switch (a heading's ``standalone``)."""

Role = Literal[
    "body",
    "header",
    "footer",
    "list",
    "item",
    "section",
    "part",
    "point",
    "paragraph",
    "metrics",
    "metric",
]
"""What a node is; ``part`` is a block of any level (（一）, 1., （1）: ``OutlineNode.level``)."""

KIND_NAMES = {
    "measures": "主要举措和成效",
    "shortcomings": "存在的不足和原因",
    "leadership": "第一责任人履职情况",
    "plans": "下一年度主要安排",
    "other": "其他需要报告的情况",
}
"""The mandated items (DESIGN.md) as the clerk knows them."""

_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 12 → 十二: the numbering the exported text uses, for tree labels."""
    if not 1 <= n <= 99:
        return str(n)
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else _DIGITS[tens]) + "十" if tens else "") + (
        _DIGITS[ones] if ones else ""
    )


@dataclass(frozen=True)
class NodeRef:
    """Identifies a node across rebuilds: the file it lives in and its key path there."""

    file: str
    keys: KeyPath


Renumbering = Callable[[NodeRef], "NodeRef | None"]
"""Where a node's ref stands after a list changed (``None``: the node is gone)."""


def renumbered(file: str, keys: KeyPath, change: int) -> Renumbering:
    """Refs after the list item at ``keys`` was inserted (``change`` 1) or removed (-1).

    The items after it move by ``change``; a removed item, and all inside it, are gone.
    """
    path, at = keys[:-1], keys[-1]
    depth = len(path)

    def move(ref: NodeRef) -> NodeRef | None:
        index = ref.keys[depth] if len(ref.keys) > depth else None
        if ref.file != file or ref.keys[:depth] != path or not isinstance(index, int):
            return ref
        if change < 0 and index == at:
            return None
        if isinstance(at, int) and (index > at or (change > 0 and index == at)):
            return NodeRef(file, (*path, index + change, *ref.keys[depth + 1 :]))
        return ref

    return move


def swapped(file: str, old: KeyPath, new: KeyPath) -> Renumbering:
    """Refs after the list item at ``old`` traded places with its neighbour, now at ``new``."""
    depth = len(old) - 1

    def move(ref: NodeRef) -> NodeRef:
        if ref.file != file or ref.keys[:depth] != old[:depth] or len(ref.keys) <= depth:
            return ref
        if ref.keys[depth] == old[depth]:
            return NodeRef(file, (*new, *ref.keys[depth + 1 :]))
        if ref.keys[depth] == new[depth]:
            return NodeRef(file, (*old, *ref.keys[depth + 1 :]))
        return ref

    return move


@dataclass(frozen=True)
class FieldSpec:
    """One editable value: where it is written and how it is typed."""

    file: str
    keys: KeyPath
    kind: FieldKind
    context: str = ""
    """Where the field stands, for the palette: 一、（二）二是, or a metric's key and label."""

    @property
    def ref(self) -> NodeRef:
        """The node this field belongs to when it is a node of its own (a point, an item)."""
        return NodeRef(self.file, self.keys)

    @property
    def title(self) -> str:
        """The field's Chinese title (a list item is titled after its list)."""
        keys = self.keys[:-1] if isinstance(self.keys[-1], int) else self.keys
        return field_text(self.file, keys).title

    @property
    def description(self) -> str:
        """The schema's explanation, shown under the field while it has the cursor."""
        return field_text(self.file, self.keys).description

    @property
    def dom_id(self) -> str:
        """A widget id unique in the report, for focusing the field."""
        raw = self.file + "-" + "-".join(str(k) for k in self.keys)
        return (
            "f-"
            + "".join(c if c.isalnum() and c.isascii() else "_" for c in raw)
            + f"-{abs(hash(raw)) % 10**8}"
        )


@dataclass
class OutlineNode:
    """A node of the report tree and what the clerk can do with it."""

    ref: NodeRef
    role: Role
    label: str
    fields: list[FieldSpec] = field(default_factory=list)
    children: list[OutlineNode] = field(default_factory=list)
    section: str = ""
    """The section file this node belongs to (empty for report.toml), for the preview."""
    level: int = 0
    """A block's level: 2 （一）, 3 1., 4 （1）; 0 for any other node."""
    heading: bool = False
    """A block with a title (every （一））; a level 3 or 4 one without: a numbered paragraph."""
    standalone: bool = False
    """A heading printed as a paragraph of its own (``standalone = true``)."""

    def walk(self) -> Iterator[OutlineNode]:
        """This node and every node below it, in tree order."""
        yield self
        for child in self.children:
            yield from child.walk()


@lru_cache(maxsize=1 << 16)
def field_spec(file: str, keys: KeyPath, kind: FieldKind, context: str = "") -> FieldSpec:
    """A field whose control follows the schema where it says (integer, number, date, choice).

    Kept (the schema does not change): each check builds the metrics' fields again.
    """
    return FieldSpec(file, keys, value_kind(file, keys, kind), context)


def get_in(data: Any, keys: KeyPath) -> Any:
    """The value at ``keys`` in parsed TOML data, or ``None``."""
    node = data
    for key in keys:
        if isinstance(key, int):
            if not isinstance(node, list) or not 0 <= key < len(node):
                return None
        elif not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return node


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _string_list(
    file: str, keys: KeyPath, title: str, values: list[Any], kind: FieldKind = "line"
) -> OutlineNode:
    items = [
        OutlineNode(
            NodeRef(file, (*keys, i)),
            "item",
            clip(_text(v) or "（空）", 22),
            [field_spec(file, (*keys, i), kind, f"{title}{i + 1}")],
        )
        for i, v in enumerate(values)
    ]
    return OutlineNode(NodeRef(file, keys), "list", f"{title}（{len(items)}）", [], items)


def _report_nodes(data: dict[str, Any]) -> tuple[list[OutlineNode], OutlineNode]:
    f = REPORT_FILE
    header = OutlineNode(
        NodeRef(f, ("header",)),
        "header",
        "版头",
        [
            field_spec(f, ("header", k), "line", "版头")
            for k in ("issuer_mark", "doc_number", "signer")
        ],
    )
    body = OutlineNode(
        NodeRef(f, ("body",)),
        "body",
        "主体",
        [
            field_spec(f, ("year",), "integer", "主体"),
            field_spec(f, ("body", "title"), "line", "主体"),
            field_spec(f, ("body", "opening"), "prose", "主体"),
            field_spec(f, ("body", "signature"), "line", "主体"),
            field_spec(f, ("body", "date"), "date", "主体"),
        ],
        [
            _string_list(
                f, ("body", "recipients"), "主送机关", _list(get_in(data, ("body", "recipients")))
            ),
            *(
                [_string_list(f, ("body", "paragraphs"), "开头语的其他段落", paragraphs, "prose")]
                if (paragraphs := _list(get_in(data, ("body", "paragraphs"))))
                else []
            ),
        ],
    )
    footer = OutlineNode(
        NodeRef(f, ("footer",)),
        "footer",
        "版记",
        [
            field_spec(f, ("footer", "printer"), "line", "版记"),
            field_spec(f, ("footer", "print_date"), "date", "版记"),
            field_spec(f, ("footer", "copies"), "integer", "版记"),
        ],
        [_string_list(f, ("footer", "cc"), "抄送机关", _list(get_in(data, ("footer", "cc"))))],
    )
    return [header, body], footer


_BODIES: dict[str, tuple[Numbering, str, dict[str, Any], list[OutlineNode]]] = {}
"""The last body built for each section file, reused while its data (metrics aside) is equal."""


def _body(file: str, data: dict[str, Any], numbering: Numbering, prefix: str) -> list[OutlineNode]:
    """A section's body nodes: built again only when what they show changed.

    A keystroke in a metric, or in another file, leaves the parts as they are;
    comparing the parsed data is much cheaper than building the nodes again.
    """
    from tui.editor.outline_body import section_body  # it builds on this module's types

    shown = {k: v for k, v in data.items() if k != "metrics"}
    kept = _BODIES.get(file)
    if kept is not None and kept[0] == numbering and kept[1] == prefix and kept[2] == shown:
        return kept[3]
    children = section_body(file, data, numbering, prefix)
    _BODIES[file] = (numbering, prefix, shown, list(children))
    return children


_METRICS: dict[tuple[str, str], tuple[Any, OutlineNode]] = {}
"""Each metric's last node, reused while its table is the same object (unchanged)."""


def _metric_node(file: str, key: str, metric: Any) -> OutlineNode:
    kept = _METRICS.get((file, key))
    if kept is not None and kept[0] is metric:
        return kept[1]
    value = get_in(metric, ("value",))
    unit = _text(get_in(metric, ("unit",)))
    shown = "（空）" if value is None or isinstance(value, dict | list) else f"{value}{unit}"
    context = f"{key} {_text(get_in(metric, ('label',)))}"
    node = OutlineNode(
        NodeRef(file, ("metrics", key)),
        "metric",
        clip(f"{key} {shown}", 26),
        [
            field_spec(file, ("metrics", key, "value"), "number", context),
            field_spec(file, ("metrics", key, "unit"), "line", context),
            field_spec(file, ("metrics", key, "label"), "line", context),
        ],
        section=file,
    )
    _METRICS[(file, key)] = (metric, node)
    return node


def _section_node(
    file: str, number: int, data: dict[str, Any], numbering: Numbering
) -> OutlineNode:
    prefix = f"{chinese_number(number)}、"
    title = _text(data.get("title")) or KIND_NAMES.get(_text(data.get("kind")), "（无标题）")
    children = list(_body(file, data, numbering, prefix))
    metrics = get_in(data, ("metrics",))
    metric_nodes = [
        _metric_node(file, key, metric)
        for key, metric in (metrics if isinstance(metrics, dict) else {}).items()
    ]
    children.append(
        OutlineNode(
            NodeRef(file, ("metrics",)),
            "metrics",
            f"指标（{len(metric_nodes)}）",
            [],
            metric_nodes,
            file,
        )
    )
    return OutlineNode(
        NodeRef(file, ()),
        "section",
        clip(prefix + title, 60),
        [
            field_spec(file, ("kind",), "kind", prefix),
            field_spec(file, ("title",), "line", prefix),
            field_spec(file, ("lead",), "prose", prefix),
        ],
        children,
        section=file,
    )


_SECTIONS: dict[str, tuple[int, Numbering, dict[str, Any], OutlineNode]] = {}
"""Each section's last node, reused while its data is the same object at the same place."""

_REPORT: list[tuple[dict[str, Any], list[OutlineNode], OutlineNode]] = []
"""report.toml's last nodes, reused while its data is the same object."""


def build_outline(files: dict[str, dict[str, Any]]) -> list[OutlineNode]:
    """The top-level nodes: 版头, 主体, each section in file order, 版记.

    ``files`` maps file names to their parsed data, report.toml first and the
    section files in the order the report shows them. After a keystroke the
    checker hands back the same data objects for what did not change
    (``tui.editor.checking.reuse``): their nodes are the same objects as in
    the last outline, which is how the tree tells what to relabel. Data is
    never changed in place: a changed file is parsed into new objects.
    """
    meta = files.get(REPORT_FILE, {})
    if _REPORT and _REPORT[0][0] is meta:
        head, footer = _REPORT[0][1], _REPORT[0][2]
    else:
        head, footer = _report_nodes(meta)
        _REPORT[:] = [(meta, head, footer)]
    numbering = read_numbering(meta)
    sections = []
    names = [k for k in files if k != REPORT_FILE]
    for n, name in enumerate(names, 1):
        data = files[name]
        kept = _SECTIONS.get(name)
        if kept is None or kept[0] != n or kept[1] != numbering or kept[2] is not data:
            kept = _SECTIONS[name] = (n, numbering, data, _section_node(name, n, data, numbering))
        sections.append(kept[3])
    for gone in [name for name in _SECTIONS if name not in files]:
        del _SECTIONS[gone]
    return [*head, *sections, footer]


def all_fields(nodes: list[OutlineNode]) -> Iterator[tuple[OutlineNode, FieldSpec]]:
    """Every field of the report with the first node that shows it, in tree order.

    A point or paragraph is a field of its block's form and of its own node;
    it is listed once.
    """
    seen: set[tuple[str, KeyPath]] = set()
    for top in nodes:
        for node in top.walk():
            for spec in node.fields:
                if (spec.file, spec.keys) not in seen:
                    seen.add((spec.file, spec.keys))
                    yield node, spec


def node_for(
    nodes: list[OutlineNode], file: str, keys: KeyPath
) -> tuple[OutlineNode, FieldSpec | None]:
    """The node showing the value at ``keys`` (or its nearest ancestor), and that field if any.

    A diagnostic may point at a field, at a table that misses a key, or at a
    whole file; the deepest node whose key path is a prefix of ``keys`` wins.
    A field shown by several nodes opens in the first, except that a point
    or a paragraph (in its block's form too) opens in its own node, which
    the tree can add after, move and remove.
    """
    best: OutlineNode | None = None
    exact: tuple[OutlineNode, FieldSpec] | None = None
    for top in nodes:
        for node in top.walk():
            for spec in node.fields:
                if spec.file == file and spec.keys == keys:
                    if exact is None or node.role in ("point", "paragraph"):
                        exact = node, spec
            if node.ref.file == file and keys[: len(node.ref.keys)] == node.ref.keys:
                if best is None or len(node.ref.keys) > len(best.ref.keys):
                    best = node
    if exact is not None:
        return exact
    if best is None:
        best = nodes[0]
    # a value inside a field (a character of a string), else a field under a table that misses keys
    found = next((s for s in best.fields if keys[: len(s.keys)] == s.keys), None)
    if found is None:
        found = next((s for s in best.fields if s.keys[: len(keys)] == keys), None)
    return best, found
