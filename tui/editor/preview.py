"""The text a node's preview shows: its section as exported, metric values filled in.

Uses the text exporter's own layout (``exporters``), so the preview is the
published text, not an imitation of it: every paragraph of the section as it
will be exported, a standalone heading on a line of its own. Each paragraph
of the laid-out document says which section it belongs to and where in the
section file it is written (``Paragraph.section`` and ``.keys``), which is
how the section's paragraphs and the selected node's paragraph are found.
"""

from __future__ import annotations

from typing import NamedTuple

from exporters.document import Paragraph, build_document
from exporters.text import INDENT, export_text
from records import Report
from records.positions import KeyPath


class Preview(NamedTuple):
    """What the preview shows: paragraphs, and which one holds the selected node."""

    paragraphs: list[str]
    focus: int = 0


def preview(report: Report, section_file: str, keys: KeyPath = ()) -> Preview:
    """The exported text of ``section_file``'s section, or the whole report for report.toml.

    ``keys`` is the selected node inside the section (a block, a point, a
    paragraph): the preview opens at its paragraph, not at the section's heading.
    """
    names = [s.path.name for s in report.sections]
    if section_file not in names:
        return Preview([export_text(report)[0]])
    document = build_document(report)
    index = names.index(section_file)
    own = [p for p in document.body if p.section == index]
    if not own:
        return Preview([])
    return Preview([INDENT + p.text for p in own], focus_of(own, keys))


def focus_of(paragraphs: list[Paragraph], keys: KeyPath) -> int:
    """Which of a section's paragraphs holds what is written at ``keys``.

    A paragraph written at ``keys`` or above it (a block's heading, for its
    title) is the one; points continue the paragraph of their owner's text
    (the lead for a section's points), wherever that paragraph is written.
    """
    if "points" in keys:
        owner = keys[: keys.index("points")]
        for key in ("lead", "text", "points"):
            found = _index(paragraphs, (*owner, key))
            if found is not None:
                return found
        keys = owner
    best, depth = 0, -1
    for i, paragraph in enumerate(paragraphs):
        written = paragraph.keys
        if keys[: len(written)] == written and len(written) > depth:
            best, depth = i, len(written)
    return best


def _index(paragraphs: list[Paragraph], keys: KeyPath) -> int | None:
    return next((i for i, p in enumerate(paragraphs) if p.keys == keys), None)
