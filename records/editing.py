"""Editing record files without disturbing what the clerk did not touch.

Edits go through tomlkit, which keeps comments, key order, blank lines and
quoting; adding, removing and reordering elements is in ``records.restructure``.
An untouched file is never written, so it stays byte-identical; a touched one
keeps its BOM and line endings. Saves are atomic, a report's files are saved
all together or not at all (:mod:`records.atomic`), and a file that changed
on disk since it was loaded is refused unless the caller forces it.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import tomlkit
import tomlkit.container
import tomlkit.exceptions
import tomlkit.items

from records.atomic import atomic_write
from records.errors import FileChangedError, RecordError, TomlSyntaxError
from records.loader import REPORT_FILE, check_folder, parse_toml, section_paths
from records.model import RecordFile, Report, build_report
from records.positions import KeyPath
from records.source import BOM, SourceText, digest, read_source

_LONE_LF = re.compile(r"(?<!\r)\n")

PLACEHOLDER_NOTE = "删去下一行行首的“# ”"
"""What the note above a commented-out key says (``# date =``, ``# value =``, as ``tui new``
writes them): once the key is filled in, the placeholder and this note go."""

FILL_IN_NOTE = "填好后删去本行"
"""How the note above a value still to complete ends (``doc_number = "宝应急〔2025〕号"``, as
``tui new --from`` writes it): once the value is changed, the note goes."""

_CONTINUED_NOTE = re.compile(rf"#\s*(?:填写后|需要时|再)?{PLACEHOLDER_NOTE}")
"""A note line that only says what to do, under the line that explains the field."""


def to_item(value: Any) -> Any:
    """A Python value as a tomlkit item; a Decimal keeps its digits (2.30 stays 2.30)."""
    if isinstance(value, Decimal):
        return tomlkit.items.Float(float(value), tomlkit.items.Trivia(), format(value, "f"))
    if isinstance(value, list):
        array = tomlkit.array()
        array.extend(_inline(v) for v in value)
        return array
    if isinstance(value, dict):
        table = tomlkit.table()
        for key, item in value.items():
            table[key] = to_item(item)
        return table
    return value


def _inline(value: Any) -> Any:
    """An array element: tables inside an array must be inline tables to stay valid TOML."""
    if isinstance(value, dict):
        table = tomlkit.inline_table()
        for key, item in value.items():
            table[key] = _inline(item)
        return table
    return to_item(value)


def _parse_for_editing(source: SourceText) -> tomlkit.TOMLDocument:
    """The tomlkit document of a file; a syntax error is explained as the loader explains it.

    Only a file that fails is parsed a second time (by the standard parser,
    whose errors :mod:`records.toml_errors` turns into Chinese).
    """
    try:
        return tomlkit.parse(source.text)
    except tomlkit.exceptions.ParseError as e:
        parse_toml(source)  # raises the explained error when the standard parser agrees
        raise TomlSyntaxError(f"TOML 语法错误：{e}", source.path, e.line, e.col) from e


class EditableFile:
    """A record file opened for editing: its tomlkit document and how it was stored."""

    def __init__(self, source: SourceText) -> None:
        self.source = source
        self.doc = _parse_for_editing(source)
        self._saved_text = source.text
        self.path = source.path
        """The name the file goes by in the draft, and is saved under (a section renamed)."""
        self.origin: Path | None = source.path
        """The file on disk it was read from or last saved as; ``None`` for a new file."""

    @classmethod
    def open(cls, path: Path) -> EditableFile:
        return cls(read_source(path))

    @classmethod
    def new(cls, path: Path, text: str, newline: str = "\n") -> EditableFile:
        """A file not on disk yet (a section added in the editor), written at the next save."""
        file = cls(SourceText(path, text, False, newline, ""))
        file.origin = None
        return file

    @property
    def renamed(self) -> bool:
        """Whether the file is saved under another name than it is on disk (or is new)."""
        return self.path != self.origin

    # -- reading and changing values -----------------------------------------
    def _container(self, keys: KeyPath, create: bool) -> Any:
        node: Any = self.doc
        for depth, key in enumerate(keys):
            if not _fits(node, key):
                if create:
                    self._refuse(keys[:depth])
                raise KeyError(key)
            if isinstance(key, int):
                node = node[key]
            elif key in node:
                node = node[key]
            elif create:
                node[key] = tomlkit.table()
                node = node[key]
            else:
                raise KeyError(key)
        return node

    def _refuse(self, keys: KeyPath) -> None:
        where = ".".join(str(k) for k in keys) or "文件顶层"
        raise RecordError(f"无法修改：{where} 不是表或数组", self.path)

    def get(self, keys: KeyPath, default: Any = None) -> Any:
        """The plain value at ``keys``, or ``default`` when it is not there."""
        try:
            node = self._container(keys, create=False)
        except (KeyError, IndexError, TypeError):
            return default
        return node.unwrap() if hasattr(node, "unwrap") else node

    def set(self, keys: KeyPath, value: Any) -> None:
        """Set the value at ``keys``, creating missing tables on the way."""
        parent = self._container(keys[:-1], create=True)
        key = keys[-1]
        if not _fits(parent, key):
            self._refuse(keys[:-1])
        if isinstance(parent, list) and isinstance(key, int) and key == len(parent):
            parent.append(to_item(value))
            return
        old = None
        if isinstance(key, int):
            old = parent[key] if 0 <= key < len(parent) else None
        elif key in parent:
            old = parent[key]
        elif fill_placeholder(parent, key, value):
            return  # on the line of its ``# key =``, the placeholder and its note gone
        if old is not None and not isinstance(key, int) and _same(old, value):
            return  # keep the original spelling (quotes, number format) of an equal value
        parent[key] = quoted_like(old, value)
        if old is not None and not isinstance(key, int):
            _drop_fill_in_note(parent, key)

    def delete(self, keys: KeyPath) -> None:
        """Remove the key or array element at ``keys``; a missing one is no error."""
        try:
            parent = self._container(keys[:-1], create=False)
            del parent[keys[-1]]
        except (KeyError, IndexError, TypeError):
            return

    # -- text and saving -------------------------------------------------------
    def replace_text(self, text: str) -> None:
        """Take ``text`` as the file's new content (a recovered draft, say), unsaved.

        The file on disk and the conflict check are untouched: saving writes
        ``text`` only if the disk still holds what was loaded.
        """
        self.doc = _parse_for_editing(
            SourceText(self.path, text, self.source.bom, self.source.newline, "")
        )

    def text(self) -> str:
        """The file's text as it would be saved (without the BOM)."""
        text = self.doc.as_string()
        if self.source.newline == "\r\n":
            text = _LONE_LF.sub("\r\n", text)
        return text

    @property
    def modified(self) -> bool:
        return self.differs(self.text())

    def differs(self, text: str) -> bool:
        """Whether ``text`` (this file's :meth:`text`, kept by the caller) is not what is saved.

        A file renamed, or new, is never what is saved.
        """
        return text != self._saved_text or self.renamed

    def record(self) -> RecordFile:
        """The current content as a parsed record, for the model and the validator."""
        text = self.text()
        source = SourceText(self.path, text, self.source.bom, self.source.newline, "")
        return RecordFile(source, parse_toml(source) if text.strip() else {})

    def changed_on_disk(self) -> bool:
        """Whether the file on disk is no longer the one we loaded or last saved.

        Of a renamed file, the one under its old name; a new file has none.
        """
        if self.origin is None:
            return False
        try:
            return digest(self.origin.read_bytes()) != self.source.digest
        except FileNotFoundError:
            return bool(self.source.digest)

    def save(self, force: bool = False) -> bool:
        """Write the file if it changed; returns whether it wrote.

        Refuses (:class:`FileChangedError`) when the file changed on disk since
        it was loaded, unless ``force``.
        """
        if not self.modified:
            return False
        if not force and self.changed_on_disk():
            raise FileChangedError(
                "文件在打开之后被其他程序修改过；为免覆盖他人的修改，未保存", self.path
            )
        text, data = self._encoded()
        atomic_write(self.path, data)
        self._saved_as(text, data)
        return True

    def _encoded(self) -> tuple[str, bytes]:
        text = self.text()
        return text, ((BOM if self.source.bom else "") + text).encode("utf-8")

    def _saved_as(self, text: str, data: bytes) -> None:
        self.source = SourceText(
            self.path, text, self.source.bom, self.source.newline, digest(data)
        )
        self._saved_text = text
        self.origin = self.path


def _body(node: Any) -> list[Any] | None:
    """The (key, item) lines of a table or of the document; ``None`` for anything else."""
    container = node.value if isinstance(node, tomlkit.items.Table) else node
    if isinstance(container, tomlkit.container.Container):
        return container.body  # type: ignore[no-any-return]
    return None


def _comment(line: Any) -> str | None:
    """A comment line's text (``# …``), or ``None`` when the line is no comment."""
    name, item = line
    if name is None and isinstance(item, tomlkit.items.Comment):
        return str(item.as_string().strip())
    return None


def _is_placeholder(text: str | None) -> bool:
    return text is not None and re.fullmatch(r"#\s*[A-Za-z_][A-Za-z0-9_]*\s*=.*", text) is not None


def fill_placeholder(table: Any, key: str, value: Any) -> bool:
    """Put ``key = value`` on the line of its placeholder ``# key = …``, which goes with its note.

    ``tui new`` leaves keys that TOML cannot hold empty (a date, a metric's
    value) as commented-out lines under a note that says to uncomment them
    (:data:`PLACEHOLDER_NOTE`). Filled in, the file should read as if the
    clerk had typed it there: the note lines (the one that ends “…删去下一行
    行首的“# ”：” and, when that one only says so, the line explaining the
    field above it) are removed. Returns ``False`` when ``table`` holds no
    placeholder for ``key``.
    """
    body = _body(table)
    if body is None:
        return False
    pattern = re.compile(rf"#\s*{re.escape(key)}\s*=.*")
    for index, line in enumerate(body):
        text = _comment(line)
        if text is None or not pattern.fullmatch(text):
            continue
        item = value if isinstance(value, tomlkit.items.Item) else tomlkit.item(to_item(value))
        item.trivia.indent = line[1].trivia.indent
        container = table.value if isinstance(table, tomlkit.items.Table) else table
        container._insert_at(index, key, item)
        body[index + 1] = (None, tomlkit.items.Null())  # the placeholder
        _drop_note(body, index - 1)
        return True
    return False


def _drop_note(body: list[Any], index: int) -> None:
    """Remove the note of a placeholder that stood under ``body[index]`` (tui's notes only)."""
    text = _comment(body[index]) if index >= 0 else None
    if text is None or PLACEHOLDER_NOTE not in text:
        return  # a comment of the clerk's own, or none: left alone
    body[index] = (None, tomlkit.items.Null())
    above = _comment(body[index - 1]) if index >= 1 else None
    if (
        _CONTINUED_NOTE.match(text)
        and above is not None
        and PLACEHOLDER_NOTE not in above
        and not _is_placeholder(above)
    ):
        body[index - 1] = (None, tomlkit.items.Null())


def _drop_fill_in_note(parent: Any, key: str) -> None:
    """Remove the note “…填好后删去本行” on the line above ``key``, now that it is changed."""
    body = _body(parent)
    if body is None:
        return
    for index, (name, _) in enumerate(body):
        if name is not None and name.key == key:
            above = _comment(body[index - 1]) if index >= 1 else None
            if above is not None and above.endswith(FILL_IN_NOTE):
                body[index - 1] = (None, tomlkit.items.Null())
            return


def _fits(node: Any, key: str | int) -> bool:
    """Whether ``key`` can index ``node``: an integer into an array, a name into a table."""
    if isinstance(key, int):
        return isinstance(node, list)
    return isinstance(node, dict)


def quoted_like(old: Any, value: Any) -> Any:
    """``value`` as an item quoted as ``old`` was: a literal string (``'…'``) stays one if it can.

    A literal string cannot hold ``'`` or control characters; such a value is
    written as a basic string (``"…"``).
    """
    if (
        isinstance(value, str)
        and isinstance(old, tomlkit.items.String)
        and old.type == tomlkit.items.StringType.SLL
    ):
        try:
            return tomlkit.string(value, literal=True)
        except tomlkit.exceptions.InvalidStringError:
            pass
    return to_item(value)


def _same(item: Any, value: Any) -> bool:
    current = item.unwrap() if hasattr(item, "unwrap") else item
    if isinstance(value, Decimal) and isinstance(current, float):
        return isinstance(item, tomlkit.items.Float) and item.as_string() == format(value, "f")
    return type(current) is type(value) and current == value


class ReportDraft:
    """A report folder open for editing: one :class:`EditableFile` per file.

    Sections can be added, removed and renamed (:mod:`records.sections`):
    :attr:`on_disk` keeps every file the draft read or saved, so the save
    knows which of them are no longer in the draft and deletes them.
    """

    def __init__(self, folder: Path) -> None:
        check_folder(folder)
        self.folder = folder
        self.meta = EditableFile.open(folder / REPORT_FILE)
        self.sections = [EditableFile.open(p) for p in section_paths(folder)]
        self.on_disk: list[EditableFile] = self.files
        """The files as the folder holds them since the last load or save."""
        self.stale: list[Path] = []
        """Old names of renamed files that a failed save left behind, deleted by the next."""
        self.deleted: list[Path] = []
        """The files the last save deleted (removed sections, old names of renamed ones)."""
        self.renamed: dict[Path, Path] = {}
        """The files the last save renamed: old name → new name."""

    @property
    def files(self) -> list[EditableFile]:
        return [self.meta, *self.sections]

    @property
    def removed(self) -> list[EditableFile]:
        """Files on disk that are no longer in the draft: the save deletes them."""
        return [f for f in self.on_disk if all(f is not g for g in self.files)]

    def file(self, name: str) -> EditableFile:
        for f in self.files:
            if f.path.name == name:
                return f
        raise RecordError("报告中没有这个文件", self.folder / name)

    @property
    def modified(self) -> bool:
        return any(f.modified for f in self.files) or bool(self.removed)

    def report(self) -> Report:
        """The model of the draft as it stands, unsaved edits included."""
        return build_report(self.folder, self.meta.record(), [s.record() for s in self.sections])

    def conflicts(self) -> list[Path]:
        """Files to save or delete that someone else changed on disk meanwhile (old names)."""
        from records.saving import conflicts

        return conflicts(self)

    def save(self, force: bool = False) -> list[Path]:
        """Save every modified file, all of them or none; returns the ones written.

        Checks every file for conflicts before writing any, so a refusal
        leaves the whole report as it was; the files are then written
        together, renamed and removed sections included
        (:func:`records.saving.save_draft`).
        """
        from records.saving import save_draft

        return save_draft(self, force)

    def reload(self, path: Path) -> None:
        """Take the disk's version of the file at ``path`` (its old name), dropping its edits.

        A renamed file keeps its new name and place; a removed one comes back
        where its name sorts; one deleted on disk since is a new file now.
        """
        from records.saving import reload_file

        reload_file(self, path)


def save_repaired(source: SourceText, text: str) -> SourceText:
    """Write ``text`` over the file ``source`` was read from, once it parses; the new source.

    For a file that does not parse, which the forms cannot open: the clerk
    mends it as text. Raises :class:`TomlSyntaxError` (line and column in
    ``text``) while it still does not parse, for either parser tui uses
    (:class:`RecordError` when it holds nothing); :class:`FileChangedError`
    when the file changed on disk since it was read. The BOM and line
    endings stay as they were.
    """
    text = text.replace("\r\n", "\n")
    if source.newline == "\r\n":
        text = text.replace("\n", "\r\n")
    candidate = SourceText(source.path, text, source.bom, source.newline, "")
    parse_toml(candidate)  # an empty file, too, is refused here with the reason
    _parse_for_editing(candidate)
    try:
        on_disk = digest(source.path.read_bytes())
    except FileNotFoundError:
        on_disk = ""
    if on_disk != source.digest:
        raise FileChangedError(
            "文件在打开之后被其他程序修改过；为免覆盖他人的修改，未保存", source.path
        )
    data = ((BOM if source.bom else "") + text).encode("utf-8")
    atomic_write(source.path, data)
    return SourceText(source.path, text, source.bom, source.newline, digest(data))
