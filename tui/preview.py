"""The text a node's preview shows: its section as exported, metric values filled in.

Uses the text exporter's own layout (``exporters``), so the preview is the
published text, not an imitation of it. Section headings are the only heading
paragraphs of the body, which is how a section's paragraphs are found.
"""

from __future__ import annotations

from typing import NamedTuple

from exporters.document import build_document
from exporters.text import INDENT, export_text
from records import Report
from records.positions import KeyPath


class Preview(NamedTuple):
    """What the preview shows: paragraphs, and which one holds the selected node."""

    paragraphs: list[str]
    focus: int = 0


def preview(report: Report, section_file: str, keys: KeyPath = ()) -> Preview:
    """The exported text of ``section_file``'s section, or the whole report for report.toml.

    ``keys`` is the selected node inside the section (a part, a point): the
    preview opens at its paragraph, not at the section's heading.
    """
    names = [s.path.name for s in report.sections]
    if section_file not in names:
        return Preview([export_text(report)[0]])
    document = build_document(report)
    index = names.index(section_file)
    headings = [i for i, p in enumerate(document.body) if p.heading]
    if index >= len(headings):
        return Preview([])
    start = headings[index]
    end = headings[index + 1] if index + 1 < len(headings) else len(document.body)
    paragraphs = [INDENT + p.text for p in document.body[start:end]]
    # the heading, the lead (with the section's own points) if any, then a paragraph a part
    parts = len(report.sections[index].blocks)
    lead = len(paragraphs) - 1 - parts
    focus = 0
    if keys[:1] == ("parts",) and len(keys) > 1 and isinstance(keys[1], int):
        focus = 1 + lead + keys[1]
    elif keys[:1] in (("lead",), ("points",)) and lead:
        focus = 1
    return Preview(paragraphs, min(focus, len(paragraphs) - 1))
