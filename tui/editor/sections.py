"""Sections from the editor: one added of a mandated kind, one removed, one moved.

The session's side of the tree's keys on a section; the screen asks the
questions (:mod:`tui.editor.screens.sections`), :mod:`records.sections`
names the files. Every change stays in the draft: files are written,
renamed and deleted only by the save. No Textual here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from records.sections import Renames, add_section, move_section, remove_section
from records.skeleton import section_title
from schema import load_schema
from tui.editor.outline import (
    KIND_NAMES,
    REPORT_FILE,
    NodeRef,
    OutlineNode,
    Renumbering,
    chinese_number,
)
from tui.editor.session import EditSession


@cache
def _required_kinds() -> tuple[list[str], list[str]]:
    """The kinds a report must have, and those only one section may be (folder.schema.json)."""
    rule = load_schema("folder")["tuiRequiredKinds"]
    return list(rule["required"]), list(rule["unique"])


@dataclass(frozen=True)
class KindChoice:
    """A kind the add prompt offers: its name, and whether the report has one already."""

    kind: str
    label: str
    present: bool
    unique: bool

    @property
    def shown(self) -> str:
        """The answer as the prompt shows it: a kind that may be there only once says so."""
        if self.present and self.unique:
            return f"{self.label}（已有，只能有一个）"
        return f"{self.label}（已有）" if self.present else self.label


def kinds(session: EditSession) -> list[KindChoice]:
    """Every section kind, in the regulation's order, marked when the report has it."""
    _, unique = _required_kinds()
    present = {session.data(f.path.name).get("kind") for f in session.draft.sections}
    return [KindChoice(k, n, k in present, k in unique) for k, n in KIND_NAMES.items()]


def report_year(session: EditSession) -> int:
    """The report's year (report.toml ``year``), or last year's while it is not typed in."""
    year = session.data(REPORT_FILE).get("year")
    return year if isinstance(year, int) else dt.date.today().year - 1


def standard_title(session: EditSession, kind: str) -> str:
    """The statutory title of ``kind`` for the report's year, as ``tui new`` writes it."""
    return section_title(kind, report_year(session))


LONG_TITLE = 60
"""A section title longer than this many characters gets a note (not a refusal) in the prompt."""


def same_title(session: EditSession, title: str) -> int | None:
    """The index of the section whose title is ``title`` (spaces and line breaks aside), if any.

    Two sections with one title are M002 (a copied file), so a new one must not take it.
    """
    wanted = "".join(title.split())
    for i, f in enumerate(session.draft.sections):
        other = session.data(f.path.name).get("title")
        if isinstance(other, str) and "".join(other.split()) == wanted:
            return i
    return None


def title_problem(session: EditSession, title: str) -> str | None:
    """Why ``title`` cannot be a new section's: another section has it already."""
    at = same_title(session, title)
    if at is None:
        return None
    return f"与第{chinese_number(at + 1)}节的标题相同；请写出这一节的主题"


def title_note(session: EditSession, title: str) -> str | None:
    """What the title prompt says under the text as it stands: taken, or long (only a note)."""
    problem = title_problem(session, title)
    if problem:
        return problem
    if len(title) > LONG_TITLE:
        return f"标题有 {len(title)} 个字，偏长，导出后要占几行；可以再精简"
    return None


def index_of(session: EditSession, name: str) -> int:
    """Where the section file ``name`` stands among the sections (0 for the first)."""
    return next(i for i, f in enumerate(session.draft.sections) if f.path.name == name)


def number_of(session: EditSession, name: str) -> str:
    """The section's number as the export prints it: 一 for the first."""
    return chinese_number(index_of(session, name) + 1)


def add(session: EditSession, kind: str, title: str, at: int) -> tuple[str, Renames]:
    """Add a section of ``kind`` as the ``at``-th (0-based); its file name and the renames."""
    new, renames = add_section(session.draft, kind, title, at)
    _follow(session, renames)
    session.refresh()
    return new.path.name, renames


def section_node(session: EditSession, name: str) -> OutlineNode | None:
    """The tree's node of the section file ``name`` (``None`` for report.toml's nodes)."""
    return next((n for n in session.outline if n.role == "section" and n.ref.file == name), None)


def first_to_fill(session: EditSession, name: str) -> NodeRef:
    """The first node under the section ``name`` with something to type in (its 一是, its （一）).

    The section's own node when there is none (its title and lead are all there is).
    """
    section = section_node(session, name)
    first = next((c for c in section.children if c.fields), None) if section else None
    return first.ref if first is not None else NodeRef(name, ())


def remove(session: EditSession, name: str) -> Renames:
    """Take the section ``name`` out of the draft (its file is deleted by the save).

    Returns the files renamed (back to their names on disk, when the order allows).
    """
    renames = remove_section(session.draft, session.file(name))
    session.rejected = {k: v for k, v in session.rejected.items() if k[0] != name}
    _follow(session, renames)
    session.refresh()
    return renames


def on_disk(session: EditSession, name: str) -> bool:
    """Whether the section ``name`` has a file on disk (one added since has none yet)."""
    return session.file(name).origin is not None


def move(session: EditSession, name: str, offset: int) -> tuple[str, Renames] | None:
    """Move the section ``name`` by ``offset``; its new name and the renames, or ``None``."""
    section = session.file(name)
    renames = move_section(session.draft, section, offset)
    if renames is None:
        return None
    _follow(session, renames)
    session.refresh()
    return section.path.name, renames


def _follow(session: EditSession, renames: Renames) -> None:
    """Text typed into fields that could not be stored goes with its file's new name."""
    session.rejected = {(renames.get(f, f), k): v for (f, k), v in session.rejected.items()}


def renamed(renames: Renames, gone: str = "") -> Renumbering:
    """Tree refs after files were renamed (and the file ``gone`` removed), for what stays open."""

    def follow(ref: NodeRef) -> NodeRef | None:
        if ref.file == gone:
            return None
        return NodeRef(renames.get(ref.file, ref.file), ref.keys)

    return follow


def said_renames(session: EditSession, renames: Renames) -> str:
    """The renames of files on disk, for a notice: ``3-leadership.toml → 4-leadership.toml``…

    A section added since (not on disk yet) is left out: it is only named anew.
    """
    real = [(old, new) for old, new in renames.items() if session.file(new).origin is not None]
    shown = [f"{old} → {new}" for old, new in real[:3]]
    more = f" 等 {len(real)} 个文件" if len(real) > 3 else ""
    return "、".join(shown) + more


def removal_detail(session: EditSession, name: str) -> str:
    """What removing a section means, for its confirmation: the file, the parts, the metrics."""
    data = session.data(name)
    origin = session.file(name).origin
    if origin is None:
        lines = ["本节是新添加的，还没有写入文件；删除后不再写入。"]
    else:
        called = f"文件 {name}" if origin.name == name else f"该文件（磁盘上名为 {origin.name}）"
        lines = [f"保存时删除{called}；可按 Ctrl+Z 撤销（保存之后也可以）。"]
    required, _ = _required_kinds()
    kind = data.get("kind")
    others = [session.data(f.path.name) for f in session.draft.sections if f.path.name != name]
    if kind in required and all(other.get("kind") != kind for other in others):
        lines.insert(0, f"删除后报告缺少必须有的“{KIND_NAMES.get(str(kind), kind)}”部分。")
    metrics = data.get("metrics")
    used = []
    for key in metrics if isinstance(metrics, dict) else {}:
        outside = [
            p for p, _ in session.references(key) if not p.startswith(_prefix(session, name))
        ]
        if outside:
            used.append(f"{{{key}}}")
    if used:
        lines.insert(
            0,
            f"本节的指标 {'、'.join(used[:4])}{' 等' if len(used) > 4 else ''} "
            "在其他部分的正文中被引用，删除后那些引用会报错。",
        )
    return "\n".join(lines)


def _prefix(session: EditSession, name: str) -> str:
    return f"{number_of(session, name)}、"
