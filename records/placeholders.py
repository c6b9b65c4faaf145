"""Prose that refers to numbers: ``全年共开展相关学习{study_sessions}次``.

A template is split into literal text and references by this parser, never by
``str.format`` on user text (which would let ``{0}`` or ``{__class__}`` reach
into Python). ``{{`` and ``}}`` stand for literal braces. A reference typed
with the input method's full-width braces (``｛key｝``, a common slip) is
reported rather than published as text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_FULL_WIDTH_REF = re.compile(r"｛\s*([A-Za-z_][A-Za-z0-9_]*)\s*[｝}]")


class Literal(NamedTuple):
    """Text written as it is."""

    text: str


class Reference(NamedTuple):
    """A ``{key}``; ``start`` is where its ``{`` stands in the template."""

    key: str
    start: int


class Malformed(NamedTuple):
    """A brace that opens no valid reference (its index ``start``), kept as text and reported."""

    text: str
    start: int
    reason: str


Segment = Literal | Reference | Malformed


def parse_template(template: str) -> list[Segment]:
    """Split ``template`` into literals, references and malformed braces, in order."""
    segments: list[Segment] = []
    buffer: list[str] = []
    i = 0

    def flush() -> None:
        if buffer:
            segments.append(Literal("".join(buffer)))
            buffer.clear()

    while i < len(template):
        ch = template[i]
        if ch in "{}" and template[i + 1 : i + 2] == ch:
            buffer.append(ch)
            i += 2
            continue
        if ch == "}":
            flush()
            segments.append(Malformed("}", i, "多余的“}”；要写花括号本身请用“}}”"))
            i += 1
            continue
        if ch == "｛":
            match = _FULL_WIDTH_REF.match(template, i)
            if match:
                flush()
                key = match.group(1)
                segments.append(
                    Malformed(
                        match.group(),
                        i,
                        f"“{match.group()}”用了全角花括号；指标引用应写作半角的 {{{key}}}",
                    )
                )
                i = match.end()
                continue
        if ch != "{":
            buffer.append(ch)
            i += 1
            continue
        close = template.find("}", i + 1)
        inner = template[i + 1 : close] if close != -1 else ""
        flush()
        if close == -1:
            segments.append(Malformed(template[i:], i, "“{”没有对应的“}”；要写花括号本身请用“{{”"))
            return segments
        if not _KEY.fullmatch(inner):
            segments.append(
                Malformed(
                    template[i : close + 1],
                    i,
                    f"“{{{inner}}}”不是有效的指标引用；引用须为英文字母、数字和下划线组成的指标名",
                )
            )
        else:
            segments.append(Reference(inner, i))
        i = close + 1
    flush()
    return segments


def references(template: str) -> Iterator[Reference]:
    """The ``{key}`` references of a template, in order."""
    return (s for s in parse_template(template) if isinstance(s, Reference))
