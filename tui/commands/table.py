"""Plain-text tables that line up in a terminal, Chinese included (widths in cells)."""

from __future__ import annotations

from collections.abc import Sequence

from tui.cells import pad, width


def format_table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[bool] = ()
) -> list[str]:
    """The lines of a table: header, a rule, then rows; ``right`` aligns number columns."""
    columns = len(headers)
    widths = [max(width(r[i]) for r in [headers, *rows]) for i in range(columns)]
    align = [right[i] if i < len(right) else False for i in range(columns)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(pad(c, widths[i], align[i]) for i, c in enumerate(cells)).rstrip()

    return [line(headers), "  ".join("-" * w for w in widths), *(line(r) for r in rows)]
