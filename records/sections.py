"""Sections added, removed and moved in a draft, and file names that keep their order.

A report's sections are its ``*.toml`` files other than report.toml, shown in
the natural order of their names (:func:`records.loader.section_paths`:
``2-x`` before ``10-x``). Whatever the clerk does to the order, the names
must sort that way, so a move renames files and an insertion names the new
one to fit. Names follow the folder's own scheme (``1-measures.toml``,
``02-plans.toml``): a number, a separator, and the slug after it, which a
renamed file keeps. A file that fits where it is keeps its name; when no
number fits between its neighbours, the sections are numbered again from 1
(renaming others is part of the same save). A head comment naming a
section's place as ``tui new`` writes it (``# 四、…``) follows its new number.
Nothing is written here: the draft saves it all at once (:mod:`records.saving`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

import tomlkit.items

from records.editing import EditableFile, ReportDraft
from records.model import natural_key
from records.skeleton import new_section_text, renumbered_head

_NUMBERED = re.compile(r"(?P<digits>\d+)(?P<sep>[-_. ]?)(?P<slug>.*)", re.DOTALL)
SUFFIX = ".toml"


class SectionName(NamedTuple):
    """A section file's name in parts: ``02-plans.toml`` is ``02``, ``-``, ``plans``, ``.toml``."""

    digits: str
    """The number as written (zero-padded or not); empty for a name without one."""
    sep: str
    slug: str
    suffix: str

    @property
    def number(self) -> int | None:
        return int(self.digits) if self.digits else None


def split_name(name: str) -> SectionName:
    """A file name as number, separator, slug and suffix (``measures.toml``: no number)."""
    stem, suffix = (name[: -len(SUFFIX)], name[-len(SUFFIX) :])
    if suffix.lower() != SUFFIX:
        stem, suffix = name, ""
    match = _NUMBERED.fullmatch(stem)
    if match is None:
        return SectionName("", "", stem, suffix)
    return SectionName(match["digits"], match["sep"], match["slug"], suffix)


class Scheme(NamedTuple):
    """How a folder numbers its files: digits (``02-``: 2, else 1) and the separator."""

    width: int
    sep: str

    @classmethod
    def of(cls, names: Sequence[str]) -> Scheme:
        parts = [p for p in map(split_name, names) if p.digits]
        padded = [len(p.digits) for p in parts if len(p.digits) > 1 and p.digits[0] == "0"]
        seps = Counter(p.sep for p in parts)
        return cls(max(padded, default=1), seps.most_common(1)[0][0] if seps else "-")

    def name(self, number: int, slug: str, sep: str | None = None, suffix: str = SUFFIX) -> str:
        sep = self.sep if sep is None else sep
        if not sep and slug[:1].isdigit():
            sep = "-"  # 3 and 2023-review would read as 32023-review
        return f"{number:0{self.width}d}{sep}{slug}{suffix or SUFFIX}"


def in_order(names: Sequence[str]) -> bool:
    """Whether ``names`` sort, one strictly after another, in this order (no two alike)."""
    keys = [natural_key(n) for n in names]
    unique = len({n.casefold() for n in names}) == len(names)
    return unique and all(a < b for a, b in zip(keys, keys[1:], strict=False))


def plan_names(
    current: Sequence[str | None],
    slugs: Sequence[str],
    placed: int | None = None,
    taken: frozenset[str] = frozenset(),
) -> list[str]:
    """Names for sections in this order, each ``current`` kept where the order allows.

    ``current``: each section's name now (``None`` for a new one, named
    ``N-slug.toml``); ``placed``: the index of the one whose place changed.
    ``taken``: names (case-folded) in the folder that are not the draft's,
    never given to a file. First the placed section alone gets a number
    between its neighbours' (the rest keep their names); when none fits,
    every section is numbered again from 1, each keeping its slug.
    """
    scheme = Scheme.of([n for n in current if n is not None])
    if placed is not None:
        fitted = _fit(current, slugs, placed, scheme)
        if fitted is not None and _free(fitted, current, taken):
            return fitted
    elif all(n is not None for n in current) and in_order([n or "" for n in current]):
        return [n or "" for n in current]
    return _renumbered(current, slugs, scheme, taken)


def _fit(
    current: Sequence[str | None], slugs: Sequence[str], placed: int, scheme: Scheme
) -> list[str] | None:
    """The names with only the placed section's changed to fit its place, or ``None``."""
    if any(n is None for i, n in enumerate(current) if i != placed):
        return None
    own = current[placed]
    if own is not None and in_order([n or "" for n in current]):
        return [n or "" for n in current]  # it fits where it is
    before = split_name(current[placed - 1] or "") if placed > 0 else None
    after = split_name(current[placed + 1] or "") if placed + 1 < len(current) else None
    low = 0 if before is None else before.number
    high = None if after is None else after.number
    if low is None or (after is not None and high is None):
        return None  # a neighbour without a number: only numbering all again orders them
    if high is not None and low + 1 >= high:
        return None
    parts = split_name(own) if own is not None else None
    slug = (parts.slug if parts is not None else "") or slugs[placed]
    sep = parts.sep if parts is not None and parts.digits else None
    name = scheme.name(low + 1, slug, sep, parts.suffix if parts is not None else SUFFIX)
    fitted = [name if i == placed else n or "" for i, n in enumerate(current)]
    return fitted if in_order(fitted) else None


def _free(names: list[str], current: Sequence[str | None], taken: frozenset[str]) -> bool:
    return all(n == c or n.casefold() not in taken for n, c in zip(names, current, strict=True))


def _renumbered(
    current: Sequence[str | None], slugs: Sequence[str], scheme: Scheme, taken: frozenset[str]
) -> list[str]:
    names: list[str] = []
    number = 0
    for name, slug in zip(current, slugs, strict=True):
        parts = split_name(name) if name is not None else None
        sep = parts.sep if parts is not None and parts.digits else None
        own = parts.slug if parts is not None and parts.slug else slug
        suffix = parts.suffix if parts is not None else SUFFIX
        number += 1
        candidate = scheme.name(number, own, sep, suffix)
        while candidate != name and candidate.casefold() in taken:
            number += 1  # a file of someone else's has that name: the next number, still in order
            candidate = scheme.name(number, own, sep, suffix)
        names.append(candidate)
    return names


# -- the draft -----------------------------------------------------------------------
Renames = dict[str, str]
"""Files renamed by a change to the sections: old name → new name."""


def taken_names(draft: ReportDraft) -> frozenset[str]:
    """Names (case-folded) in the folder that are not the draft's files: never written over."""
    try:
        names = {p.name.casefold() for p in draft.folder.iterdir()}
    except OSError:
        names = set()
    known = {f.origin.name.casefold() for f in draft.on_disk if f.origin is not None}
    return frozenset(names - known)


def arrange(
    draft: ReportDraft, sections: list[EditableFile], placed: EditableFile, slug: str = ""
) -> Renames:
    """Make ``sections`` the draft's, in this order, naming their files to sort so.

    ``placed`` is the section that moved, or was added (named from ``slug``).
    Returns the files renamed (old name → new name), the added one left out.
    """
    index = next(i for i, f in enumerate(sections) if f is placed)
    current = [None if f is placed and slug else f.path.name for f in sections]
    slugs = [slug if f is placed and slug else split_name(f.path.name).slug for f in sections]
    taken = taken_names(draft)
    names = _as_on_disk(sections, plan_names(current, slugs, index, taken), taken)
    return _rename(draft, sections, names, current)


def _as_on_disk(sections: list[EditableFile], names: list[str], taken: frozenset[str]) -> list[str]:
    """The names the files have on disk, where the order allows them all; else ``names``.

    A section added and removed again, or moved and moved back, leaves no file renamed.
    """
    back = [
        f.origin.name if f.origin is not None else n for f, n in zip(sections, names, strict=True)
    ]
    numbers = [split_name(n).number for n in back]
    rising = all(
        a < b for a, b in zip(numbers, numbers[1:], strict=False) if a is not None and b is not None
    )
    fresh = [n for f, n in zip(sections, back, strict=True) if f.origin is None]
    if (
        back != names
        and rising
        and in_order(back)
        and all(n.casefold() not in taken for n in fresh)
    ):
        return back
    return names


def _rename(
    draft: ReportDraft, sections: list[EditableFile], names: list[str], current: list[str | None]
) -> Renames:
    renames: Renames = {}
    for f, name, old in zip(sections, names, current, strict=True):
        if old is not None and old != name:
            renames[old] = name
        f.path = draft.folder / name
    draft.sections = list(sections)
    for number, f in enumerate(sections, 1):
        renumber_head(f, number)
    return renames


def renumber_head(file: EditableFile, number: int) -> bool:
    """Give the head comment that names the section's place (``# 四、…``) the number it has now.

    Only the first comment of the file (after a ``#:schema`` line), and only
    when it is in the form ``tui new`` writes (:func:`records.skeleton.renumbered_head`):
    a comment of the clerk's own is left alone. Returns whether it changed.
    """
    for key, item in file.doc.body:
        if key is not None:
            return False  # the head is over
        if not isinstance(item, tomlkit.items.Comment):
            continue
        text = item.trivia.comment
        if text.startswith("#:schema"):
            continue
        new = renumbered_head(text, file.get(("kind",)), number)
        if new is None:
            return False
        item.trivia.comment = new
        return True
    return False


def schema_line(draft: ReportDraft) -> str | None:
    """The ``#:schema`` line a new section gets: its siblings', or report.toml's made to fit."""
    for f in draft.sections:
        first = f.text().partition("\n")[0].rstrip("\r")
        if first.startswith("#:schema") and first.endswith("section.schema.json"):
            return first
    first = draft.meta.text().partition("\n")[0].rstrip("\r")
    if first.startswith("#:schema") and first.endswith("report.schema.json"):
        return first.removesuffix("report.schema.json") + "section.schema.json"
    return None


def add_section(draft: ReportDraft, kind: str, title: str, at: int) -> tuple[EditableFile, Renames]:
    """Add a section of ``kind`` titled ``title`` as the ``at``-th (0-based); it and the renames.

    Its text is what ``tui new`` writes for that kind; its file is named
    ``N-kind.toml`` to sort where it stands (not on disk until the save).
    """
    sample = draft.sections[0] if draft.sections else draft.meta
    at = max(0, min(at, len(draft.sections)))
    text = new_section_text(kind, title, schema_line(draft), at + 1)
    new = EditableFile.new(draft.folder / f"{kind}{SUFFIX}", text, sample.source.newline)
    order = [*draft.sections[:at], new, *draft.sections[at:]]
    return new, arrange(draft, order, new, slug=kind)


def remove_section(draft: ReportDraft, section: EditableFile) -> Renames:
    """Take ``section`` out of the draft; its file is deleted at the next save.

    The others keep their names, or get back the ones they have on disk
    when the order allows (a section added, then removed: nothing renamed).
    """
    sections = [f for f in draft.sections if f is not section]
    current: list[str | None] = [f.path.name for f in sections]
    names = _as_on_disk(sections, [f.path.name for f in sections], taken_names(draft))
    return _rename(draft, sections, names, current)


def move_section(draft: ReportDraft, section: EditableFile, offset: int) -> Renames | None:
    """Move ``section`` ``offset`` places; the files renamed, or ``None`` at that end."""
    index = next(i for i, f in enumerate(draft.sections) if f is section)
    to = index + offset
    if not 0 <= to < len(draft.sections):
        return None
    order = [f for f in draft.sections if f is not section]
    order.insert(to, section)
    return arrange(draft, order, section)
