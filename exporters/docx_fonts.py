"""Which font name each part of the document is set in.

GB/T 9704 names faces (小标宋, 仿宋, 黑体, 楷体, 宋体), but a DOCX names fonts,
and what Word and WPS find depends on the machine: on Chinese Windows the
usual names are 方正小标宋简体, 仿宋_GB2312, 楷体_GB2312. A bureau whose
machines have other names (仿宋, 方正仿宋_GBK…) sets them once in the
``[fonts]`` table of ``report.toml``, or per export with ``--font``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from exporters.docx_chars import strip_illegal


@dataclass(frozen=True)
class Fonts:
    """A font name for each role; the defaults are what Chinese Windows offices have."""

    title: str = "方正小标宋简体"
    """发文机关标志 and 标题 (小标宋)."""
    body: str = "仿宋_GB2312"
    """正文, 发文字号, 署名, 版记 (仿宋)."""
    heading1: str = "黑体"
    """一、 headings (黑体)."""
    heading2: str = "楷体_GB2312"
    """（一） headings, run in or standalone, and the 签发人 name (楷体); 1. and （1） headings
    are set in ``body`` (仿宋) [STD 7.3.3]."""
    page_number: str = "宋体"
    """Page numbers (宋体)."""


ROLES: tuple[str, ...] = tuple(f.name for f in fields(Fonts))
"""The keys a ``[fonts]`` table and ``--font ROLE=NAME`` accept."""


def _usable(name: Any) -> str | None:
    """A font name worth using: a non-blank string, with nothing XML cannot hold."""
    if not isinstance(name, str):
        return None
    name = strip_illegal(name).strip()
    return name or None


def fonts_from_table(table: Any, base: Fonts | None = None) -> Fonts:
    """Apply a ``[fonts]`` table read from ``report.toml``, ignoring what is not a usable name.

    The draft may hold anything; the validator reports a wrong ``[fonts]``
    table, and the export must not fail over it.
    """
    fonts = base or Fonts()
    if not isinstance(table, Mapping):
        return fonts
    chosen = {role: _usable(table.get(role)) for role in ROLES}
    return replace(fonts, **{role: name for role, name in chosen.items() if name})


def parse_font_options(options: Iterable[str]) -> dict[str, str]:
    """``ROLE=NAME`` options from the command line; ``ValueError`` (in Chinese) for a bad one."""
    chosen: dict[str, str] = {}
    for option in options:
        role, sep, name = option.partition("=")
        role = role.strip()
        if not sep or role not in ROLES:
            known = "、".join(ROLES)
            raise ValueError(f"字体设置“{option}”应写成 角色=字体名，角色是 {known} 之一")
        usable = _usable(name)
        if usable is None:
            raise ValueError(f"字体设置“{option}”缺少字体名")
        chosen[role] = usable
    return chosen


def resolve_fonts(fonts_table: Any, overrides: Mapping[str, str] | None = None) -> Fonts:
    """The fonts to use: defaults, then ``report.toml``'s ``[fonts]``, then the command line."""
    fonts = fonts_from_table(fonts_table)
    return fonts_from_table(dict(overrides or {}), fonts)
