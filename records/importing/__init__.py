"""Importing an existing report (its published text, or its DOCX) into records.

The readers (:mod:`records.importing.text` here, ``exporters.docx_reader`` for a
DOCX) turn a source into numbered paragraphs (:class:`SourceParagraph`);
:mod:`records.importing.structure` recognises the report in them and builds
an :class:`ImportedReport`, the intermediate form every reader shares; and
:mod:`records.importing.writer` writes it as TOML files that read like a
clerk's own. ``tui validate`` never imports this package.
"""

from records.importing.model import (
    ImportedBlock,
    ImportedReport,
    ImportedSection,
    Note,
    SourceParagraph,
)

__all__ = ["ImportedBlock", "ImportedReport", "ImportedSection", "Note", "SourceParagraph"]
