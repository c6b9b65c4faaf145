"""How a ``tui*`` keyword reports a finding to jsonschema, and the prose it reads.

A keyword yields :class:`RuleError`, a jsonschema ``ValidationError`` that
also carries the stable code, the severity, and (for a finding inside a
string) the character it points at. jsonschema adds the path from the
document's root, so the finding can be traced to its file, line and column.

The prose of a section file, at every level of its blocks, is
:func:`records.body.prose` (read once per section here, as ``section_prose``,
for the several rules that read it): the grammar of the body is known in
one place only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import Any

from jsonschema.exceptions import ValidationError

from records import Severity
from records.body import prose
from records.placeholders import Segment, parse_template
from records.positions import KeyPath
from schema.codes import CODES
from schema.kept import Kept

__all__ = ["RuleError", "metric_items", "report_prose", "section_prose", "segments"]


class RuleError(ValidationError):
    """A finding of one of tui's own rules."""

    def __init__(
        self,
        code: str,
        message: str,
        path: Iterable[str | int] = (),
        *,
        severity: Severity | None = None,
        index: int | None = None,
        at_key: bool = False,
        see: KeyPath | None = None,
        after: str = "",
        restyle: Callable[[str], str] | None = None,
    ) -> None:
        super().__init__(message, path=path)
        self.code = code
        # the code table says how bad a finding is, unless the rule says otherwise
        self.severity: Severity = severity or CODES.get(code, ("error", ""))[0]
        self.index = index
        self.at_key = at_key
        self.see = see
        """Another place the finding is about (from the document's root): a first definition."""
        self.after = after
        """Message text after that place's file and line, which the validator puts in between."""
        self.restyle = restyle
        """The message for a report that numbers its items otherwise (“1、”), given that style."""


def report_prose(report: Any) -> Iterator[tuple[KeyPath, str]]:
    """The prose of report.toml that the document shows with references filled in."""
    body = report.get("body") if isinstance(report, dict) else None
    if isinstance(body, dict):
        for key in ("title", "opening"):
            if isinstance(body.get(key), str):
                yield ("body", key), body[key]
        paragraphs = body.get("paragraphs")
        if isinstance(paragraphs, list):
            for i, text in enumerate(paragraphs):
                if isinstance(text, str):
                    yield ("body", "paragraphs", i), text


def metric_items(sections: Any) -> Iterator[tuple[int, str, Any]]:
    """Every metric definition of the report: section index, key, and its table."""
    if not isinstance(sections, list):
        return
    for i, section in enumerate(sections):
        metrics = section.get("metrics") if isinstance(section, dict) else None
        if isinstance(metrics, dict):
            for key, metric in metrics.items():
                yield i, key, metric


_PROSE = Kept()


def section_prose(section: Any) -> list[tuple[KeyPath, str]]:
    """:func:`records.body.prose` of a section, found once for each section instance.

    Several rules read every section's prose; between two validations of a
    draft (``validate_report(..., again=True)``) an unchanged section is the
    same instance, and its prose is not looked for again.
    """
    found = _PROSE.get(id(section), section)
    if found is None:
        found = list(prose(section))
        _PROSE.put(id(section), found, section)
    return found  # type: ignore[no-any-return]


def turn() -> None:
    """A validation begins: the prose of sections it does not look at again is let go."""
    _PROSE.turn()


@lru_cache(maxsize=4096)
def segments(text: str) -> tuple[Segment, ...]:
    """``parse_template`` once per distinct string: several rules read the same prose."""
    return tuple(parse_template(text))
