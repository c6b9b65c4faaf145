"""The text a node's preview shows: its section as exported, metric values filled in.

Uses the text exporter's own layout (``exporters``), so the preview is the
published text, not an imitation of it. Section headings are the only heading
paragraphs of the body, which is how a section's paragraphs are found.
"""

from __future__ import annotations

from exporters.document import build_document
from exporters.text import INDENT, export_text
from records import Report


def preview_text(report: Report, section_file: str) -> str:
    """The exported text of ``section_file``'s section, or the whole report for report.toml."""
    names = [s.path.name for s in report.sections]
    if section_file not in names:
        return export_text(report)[0]
    document = build_document(report)
    index = names.index(section_file)
    headings = [i for i, p in enumerate(document.body) if p.heading]
    if index >= len(headings):
        return ""
    start = headings[index]
    end = headings[index + 1] if index + 1 < len(headings) else len(document.body)
    return "\n\n".join(INDENT + p.text for p in document.body[start:end]) + "\n"
