"""Source positions for every key and value of a TOML file.

Neither tomllib nor tomlkit says where a value stood, and a diagnostic has to
name the line and column. This is a small scanner of TOML's lexical structure
(headers, keys, strings, arrays, inline tables) that records, for each key
path such as ``("parts", 0, "points", 2)``, where its key and its value start.

It runs only on files that parsed, so it can be lenient; and it runs lazily
(see :class:`Locator`), so a clean report pays nothing for it.
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

KeyPath = tuple[str | int, ...]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_WS = re.compile(r"[ \t]*")
_WS_NL_COMMENT = re.compile(r"(?:[ \t\n]|#[^\n]*)*")
_SCALAR = re.compile(r"[^\s,\]}#]+(?: \d\d:\d\d[^\s,\]}#]*)?")
_ESCAPE_WIDTH = {"u": 6, "U": 10, "x": 4}
_BASIC_BODY = re.compile(r'[^"\\\n]*(?:\\[\s\S]?[^"\\\n]*)*')
_LITERAL_BODY = re.compile(r"[^'\n]*")
_COMMENT = re.compile(r"#[^\n]*")


class Position(NamedTuple):
    """A 1-based line and column (in characters) in a file."""

    line: int
    column: int


class _Index:
    """Where each key path's key starts, and where its value starts and ends."""

    def __init__(self) -> None:
        self.keys: dict[KeyPath, int] = {}
        self.values: dict[KeyPath, tuple[int, int]] = {}


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.index = _Index()
        self.aot_counts: dict[KeyPath, int] = {}

    # -- low level -----------------------------------------------------------
    def skip(self, pattern: re.Pattern[str]) -> None:
        match = pattern.match(self.text, self.pos)
        if match:
            self.pos = match.end()

    def peek(self, n: int = 1) -> str:
        return self.text[self.pos : self.pos + n]

    # -- document ------------------------------------------------------------
    def scan(self) -> _Index:
        table: KeyPath = ()
        while self.pos < len(self.text):
            self.skip(_WS_NL_COMMENT)
            if self.pos >= len(self.text):
                break
            if self.peek() == "[":
                table = self.header()
            else:
                self.key_value(table)
            self.skip(_WS)
            if self.peek() == "#":
                self.skip(_COMMENT)
        return self.index

    def header(self) -> KeyPath:
        start = self.pos
        is_array = self.peek(2) == "[["
        self.pos += 2 if is_array else 1
        keys = self.dotted_key()
        self.skip(_WS)
        self.pos += 2 if is_array else 1
        path: KeyPath = ()
        for i, key in enumerate(keys):
            path += (key,)
            last = i == len(keys) - 1
            if last and is_array:
                count = self.aot_counts.get(path, 0)
                self.aot_counts[path] = count + 1
                self.index.keys.setdefault(path, start)
                self.index.values.setdefault(path, (start, start))
                path += (count,)
            elif path in self.aot_counts:
                path += (self.aot_counts[path] - 1,)
            self.index.keys.setdefault(path, start)
            self.index.values.setdefault(path, (start, start))
        return path

    def dotted_key(self) -> list[str]:
        keys = []
        while True:
            self.skip(_WS)
            keys.append(self.simple_key())
            self.skip(_WS)
            if self.peek() != ".":
                return keys
            self.pos += 1

    def simple_key(self) -> str:
        ch = self.peek()
        if ch and ch in "\"'":
            start = self.pos
            self.string()
            raw = self.text[start : self.pos]
            return _decode_simple(raw)
        match = _BARE_KEY.match(self.text, self.pos)
        if not match:
            self.pos += 1  # not valid TOML; keep moving rather than loop
            return ""
        self.pos = match.end()
        return match.group()

    def key_value(self, table: KeyPath) -> None:
        key_start = self.pos
        keys = self.dotted_key()
        path = table
        for key in keys:
            path += (key,)
            self.index.keys.setdefault(path, key_start)
        self.skip(_WS)
        if self.peek() == "=":
            self.pos += 1
        self.skip(_WS)
        self.value(path)

    # -- values --------------------------------------------------------------
    def value(self, path: KeyPath) -> None:
        start = self.pos
        ch = self.peek()
        if ch and ch in "\"'":
            self.string()
        elif ch == "[":
            self.array(path)
        elif ch == "{":
            self.inline_table(path)
        else:
            match = _SCALAR.match(self.text, self.pos)
            self.pos = match.end() if match else self.pos + 1
        self.index.values[path] = (start, self.pos)

    def string(self) -> None:
        quote = self.peek()
        if self.peek(3) == quote * 3:
            end = self.text.find(quote * 3, self.pos + 3)
            while end != -1 and quote == '"' and _escaped(self.text, end):
                end = self.text.find(quote * 3, end + 1)
            if end == -1:
                self.pos = len(self.text)
                return
            end += 3
            # up to two quotes right before the closing delimiter belong to the content
            extra = 0
            while extra < 2 and self.text[end : end + 1] == quote:
                end += 1
                extra += 1
            self.pos = end
            return
        # up to the closing quote or the line's end; in a basic string a backslash
        # escapes the character after it, whatever it is
        body = _BASIC_BODY if quote == '"' else _LITERAL_BODY
        end = body.match(self.text, self.pos + 1).end()  # type: ignore[union-attr]
        self.pos = min(end + 1, len(self.text))

    def array(self, path: KeyPath) -> None:
        self.pos += 1
        i = 0
        while self.pos < len(self.text):
            self.skip(_WS_NL_COMMENT)
            if self.peek() == "]":
                self.pos += 1
                return
            self.index.keys.setdefault(path + (i,), self.pos)
            self.value(path + (i,))
            i += 1
            self.skip(_WS_NL_COMMENT)
            if self.peek() == ",":
                self.pos += 1
            elif self.peek() != "]":
                self.pos += 1

    def inline_table(self, path: KeyPath) -> None:
        self.pos += 1
        while self.pos < len(self.text):
            self.skip(_WS_NL_COMMENT)
            if self.peek() == "}":
                self.pos += 1
                return
            self.key_value(path)
            self.skip(_WS_NL_COMMENT)
            if self.peek() == ",":
                self.pos += 1
            elif self.peek() != "}":
                self.pos += 1


def _escaped(text: str, index: int) -> bool:
    backslashes = 0
    while index - backslashes - 1 >= 0 and text[index - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def _decode_simple(raw: str) -> str:
    if raw.startswith("'"):
        return raw[1:-1]
    out, i, body = [], 0, raw[1:-1]
    simple = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            code = body[i + 1]
            if code in _ESCAPE_WIDTH:
                width = _ESCAPE_WIDTH[code]
                out.append(chr(int(body[i + 2 : i + width], 16)))
                i += width
                continue
            out.append(simple.get(code, code))
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def string_offset(raw: str, index: int) -> int:
    """Offset in a string literal's source of the character at ``index`` of its value.

    Accounts for the quotes, escapes, and a multi-line string's leading newline
    and line-ending backslashes, so a placeholder inside prose can be located.
    """
    quote = raw[:1]
    multi = raw[:3] == quote * 3
    i = 3 if multi else 1
    if multi and raw[i : i + 1] == "\n":
        i += 1
    decoded = 0
    while i < len(raw):
        ch = raw[i]
        if multi and quote == '"' and ch == "\\" and raw[i + 1 : i + 2] in (" ", "\t", "\n"):
            # a line-ending backslash: it and the white space after it are no content
            i += 1
            while i < len(raw) and raw[i] in " \t\n":
                i += 1
            continue
        if decoded == index:
            return i
        if quote == '"' and ch == "\\" and i + 1 < len(raw):
            i += _ESCAPE_WIDTH.get(raw[i + 1], 2)
        else:
            i += 1
        decoded += 1
    return i


def _common_prefix(a: str, b: str) -> int:
    """How many characters ``a`` and ``b`` share at the start (a binary search, in C's compares)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[low:middle] == b[low:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _common_suffix(a: str, b: str, most: int) -> int:
    """How many characters (at most ``most``) ``a`` and ``b`` share at the end."""
    low, high = 0, most
    while low < high:
        middle = (low + high + 1) // 2
        if a[len(a) - middle : len(a) - low] == b[len(b) - middle : len(b) - low]:
            low = middle
        else:
            high = middle - 1
    return low


class ValueEdit(NamedTuple):
    """A change that lies inside one value: where the value is, and its text before and after."""

    keys: KeyPath
    before: str
    after: str


def _value_edit(before: str, index: _Index, text: str) -> tuple[ValueEdit, _Index] | None:
    """The value ``before`` and ``text`` differ in, and the index of ``text``, if they differ so.

    A keystroke changes one number or string: the characters that differ lie
    strictly inside one value written as a scalar or a string (not its first
    character, so everything before it is read as before). That value is
    scanned again in ``text``; when it ends where the old one ended, moved by
    the change in length, everything after it is read as before, moved too,
    so the index is what a scan of ``text`` would find. ``None`` otherwise.
    """
    start = _common_prefix(before, text)
    most = min(len(before), len(text)) - start
    end = len(before) - _common_suffix(before, text, most)
    delta = len(text) - len(before)
    found = next(
        (
            (path, span)
            for path, span in index.values.items()
            if span[0] < start and end <= span[1] and before[span[0]] not in "[{"
        ),
        None,
    )
    if found is None:
        return None
    path, (first, last) = found
    scanner = _Scanner(text)
    scanner.pos = first
    scanner.value(path)
    if scanner.pos != last + delta:
        return None

    def moved(offset: int) -> int:
        return offset if offset <= first else offset + delta

    shifted = _Index()
    shifted.keys = {k: moved(offset) for k, offset in index.keys.items()}
    shifted.values = {k: (moved(a), moved(b)) for k, (a, b) in index.values.items()}
    shifted.values[path] = (first, scanner.pos)
    return ValueEdit(path, before[first:last], text[first : scanner.pos]), shifted


class Locator:
    """Positions in one file's text, computed on first use and kept.

    ``base`` is the same file's locator before a change: when the index is
    needed and the change lies inside one value, the base's index is moved
    rather than the whole file scanned again (:func:`_value_edit`).
    """

    def __init__(self, text: str, base: Locator | None = None) -> None:
        self.text = text.replace("\r\n", "\n")
        self._index: _Index | None = None
        self._line_starts: list[int] | None = None
        # a base that has no index yet points at one that has: never a chain of texts
        self._base: Locator | None = base if base is None or base._index is not None else base._base

    @property
    def index(self) -> _Index:
        if self._index is None:
            base = self._base
            if base is not None and base._index is not None:
                if base.text == self.text:
                    self._index = base._index
                else:
                    found = _value_edit(base.text, base._index, self.text)
                    self._index = found[1] if found is not None else None
            if self._index is None:
                self._index = _Scanner(self.text).scan()
            self._base = None
        return self._index

    def edited(self, text: str) -> tuple[Locator, ValueEdit | None]:
        """The locator of this file changed to ``text``, and the one value changed, if so.

        When the change lies inside one value (:func:`_value_edit`), the new
        locator has its index at once, moved from this one's (which this
        finds first, if not yet found).
        """
        after = Locator(text)
        found = _value_edit(self.text, self.index, after.text)
        if found is None:
            return after, None
        after._index = found[1]
        return after, found[0]

    def position_of_offset(self, offset: int) -> Position:
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        line = bisect.bisect_right(self._line_starts, offset)
        return Position(line, offset - self._line_starts[line - 1] + 1)

    def nearest(self, path: KeyPath) -> KeyPath:
        """The longest prefix of ``path`` that stands in the file (``()`` for none)."""
        while path and path not in self.index.values:
            path = path[:-1]
        return path

    def value(self, path: KeyPath) -> Position:
        """Where the value at ``path`` starts.

        For a missing key: its commented-out placeholder (``# date =``, as
        ``tui new`` writes them) when its table has one, else where its
        nearest parent starts.
        """
        found = self.nearest(path)
        if len(path) == len(found) + 1 and isinstance(path[-1], str):
            placeholder = self._placeholder(found, path[-1])
            if placeholder is not None:
                return self.position_of_offset(placeholder)
        if not found:
            return Position(1, 1)
        return self.position_of_offset(self.index.values[found][0])

    def _placeholder(self, table: KeyPath, key: str) -> int | None:
        """The offset of a ``# key =`` line inside ``table`` (before its next header), if any."""
        start = self.index.values[table][0] if table else 0
        if table and not self.text.startswith("[", start):
            return None  # an inline table or a value: no comment lines inside
        if not table:  # the top level ends where the first table begins
            header = re.search(r"^[ \t]*\[", self.text, re.MULTILINE)
        else:
            header = re.compile(r"^[ \t]*\[", re.MULTILINE).search(self.text, start + 1)
        end = header.start() if header else len(self.text)
        line = re.compile(rf"^[ \t]*#[ \t]*{re.escape(key)}[ \t]*=", re.MULTILINE)
        match = line.search(self.text, start, end)
        return match.start() + len(match.group()) - len(match.group().lstrip()) if match else None

    def key(self, path: KeyPath) -> Position:
        """Where the key of ``path`` is written (its header, for a table)."""
        found = self.nearest(path)
        if not found:
            return Position(1, 1)
        return self.position_of_offset(self.index.keys.get(found, self.index.values[found][0]))

    def in_string(self, path: KeyPath, index: int) -> Position:
        """Where character ``index`` of the string at ``path`` is written."""
        if path not in self.index.values:
            return self.value(path)
        start, end = self.index.values[path]
        raw = self.text[start:end]
        if not raw or raw[0] not in "\"'":
            return self.position_of_offset(start)
        return self.position_of_offset(start + string_offset(raw, index))
