"""Every value can be traced to its line and column, so diagnostics can point at it."""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import tomlkit
from hypothesis import given, settings
from hypothesis import strategies as st

from records import load_report, read_file
from records.positions import KeyPath, Locator
from tests.conftest import EXAMPLE


def leaves(data: Any, prefix: KeyPath = ()) -> list[tuple[KeyPath, Any]]:
    """Every scalar of parsed TOML with its key path."""
    if isinstance(data, dict):
        return [x for k, v in data.items() for x in leaves(v, (*prefix, k))]
    if isinstance(data, list):
        return [x for i, v in enumerate(data) for x in leaves(v, (*prefix, i))]
    return [(prefix, data)]


def value_at(locator: Locator, keys: KeyPath) -> Any:
    """Parse the source text the locator names for ``keys`` back into a value."""
    start, end = locator.index.values[keys]
    return tomllib.loads("v = " + locator.text[start:end], parse_float=Decimal)["v"]


def test_every_value_of_the_example_is_located_exactly() -> None:
    for path in EXAMPLE.glob("*.toml"):
        record = read_file(path)
        lines = record.source.text.splitlines()
        for keys, value in leaves(record.data):
            assert value_at(record.locator, keys) == value, (path.name, keys)
            pos = record.position(keys)
            line = lines[pos.line - 1]
            start = record.locator.index.values[keys][0]
            written = record.locator.text[start:].split("\n", 1)[0]
            assert line[pos.column - 1 :].startswith(written), (path.name, keys)


def test_metric_value_position_names_its_line(example_dir: Path) -> None:
    record = read_file(example_dir / "1-measures.toml")
    where = record.where(("metrics", "penalty_cases", "value"))
    line = record.source.text.splitlines()[where.line - 1]
    assert line == "value = 142"
    assert where.column == len("value = ") + 1
    assert where.pointer == "/metrics/penalty_cases/value"


def test_a_placeholder_inside_prose_is_located_to_its_brace(example_dir: Path) -> None:
    report = load_report(example_dir)
    measures = report.sections[0]
    point = measures.blocks[1].points[0]
    index = point.index("{penalty_cases}")
    where = measures.file.where(("parts", 1, "points", 0), index)
    line = measures.file.source.text.splitlines()[where.line - 1]
    assert line[where.column - 1 :].startswith("{penalty_cases}")


def test_positions_inside_strings_follow_escapes_and_multiline_strings() -> None:
    text = 'a = "x\\t\\u4e2d{k}"\nb = """\nfirst\\\n   {k} line"""\n'
    locator = Locator(text)
    assert text.splitlines()[0][locator.in_string(("a",), 3).column - 1] == "{"
    where = locator.in_string(("b",), 5)
    assert (where.line, text.splitlines()[where.line - 1][where.column - 1]) == (4, "{")


def test_tables_arrays_of_tables_and_dotted_keys() -> None:
    text = (
        "title = 'x'\n"
        '[[parts]]\ntitle = "一"\n'
        '[[parts]]\ntitle = "二"  # c\npoints = [\n  "甲", # c\n  "乙",\n]\n'
        "[metrics.a]\nvalue = 1\n"
        '[metrics]\nb.value = 2\nc = { value = 3, unit = "次" }\n'
    )
    locator = Locator(text)
    assert locator.value(("parts", 1, "title")).line == 5
    assert locator.value(("parts", 1, "points", 1)).line == 8
    assert locator.key(("parts", 1)).line == 4
    assert locator.value(("metrics", "b", "value")).line == 13
    assert locator.value(("metrics", "c", "unit")).line == 14
    # a missing key points at its nearest parent
    assert locator.value(("metrics", "a", "unit")) == locator.value(("metrics", "a"))
    assert locator.value(("nothing",)).line == 1


def test_crlf_files_count_lines_like_editors() -> None:
    locator = Locator("a = 1\r\nb = 2\r\n")
    assert locator.value(("b",)).line == 2
    assert locator.value(("b",)).column == 5


_keys = st.text(alphabet="abc_中文-9", min_size=1, max_size=6)
_scalars = (
    st.integers(-(10**6), 10**6)
    | st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)
    | st.booleans()
    | st.dates()
)
_values = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_keys, inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(_keys, _values, min_size=1, max_size=6), st.booleans())
def test_any_document_tomlkit_writes_is_located_exactly(
    data: dict[str, Any], multiline: bool
) -> None:
    doc = tomlkit.document()
    for key, value in data.items():
        doc[key] = value
    text = tomlkit.dumps(doc)
    if multiline:
        text = text.replace("\n", "\n\n# comment\n")
    parsed = tomllib.loads(text, parse_float=Decimal)
    locator = Locator(text)
    for keys, value in leaves(parsed):
        assert value_at(locator, keys) == value, (text, keys)


def test_a_missing_key_is_found_at_its_commented_out_placeholder() -> None:
    text = (
        "year = 2024\n"
        "# note = \n"
        "[header]\n"
        'signer = ""\n'
        '  # doc_number = ""\n'
        "[footer]\n"
        "# copies =\n"
        "[[parts]]\n"
        'title = "x"\n'
    )
    locator = Locator(text)
    assert locator.value(("header", "doc_number")) == (5, 3)
    assert locator.value(("footer", "copies")) == (7, 1)
    assert locator.value(("note",)) == (2, 1)
    # no placeholder in its own table: the table itself, not another table's comment
    assert locator.value(("header", "copies")) == (3, 1)
    assert locator.value(("parts", 0, "doc_number")) == (8, 1)


def _scanned(text: str) -> tuple[dict[KeyPath, int], dict[KeyPath, tuple[int, int]]]:
    index = Locator(text).index
    return index.keys, index.values


def _parses(text: str) -> bool:
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return False
    return True


_EXAMPLE_TEXTS = {p.name: p.read_text("utf-8") for p in sorted(EXAMPLE.glob("*.toml"))}
_TYPED = st.text(alphabet="0123456789.-\"'\\ \n#[]{}=,xe中，{}", max_size=6)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(sorted(_EXAMPLE_TEXTS)), st.data())
def test_after_a_keystroke_the_positions_moved_are_those_a_new_scan_finds(
    name: str, data: st.DataObject
) -> None:
    """A change inside one value (or anywhere): the base's index moved equals a new scan."""
    before = _EXAMPLE_TEXTS[name]
    base = Locator(before)
    spans = sorted(base.index.values.values())
    if data.draw(st.booleans()):  # inside a value, as typing in a field changes the file
        first, last = data.draw(st.sampled_from([s for s in spans if s[1] > s[0]]))
        start = data.draw(st.integers(first, last))
    else:  # anywhere at all
        start = data.draw(st.integers(0, len(before)))
    end = data.draw(st.integers(start, min(len(before), start + 4)))
    text = before[:start] + data.draw(_TYPED) + before[end:]
    if not _parses(text):
        return  # positions are only asked of files that parse
    moved = Locator(text, base=base)
    assert (moved.index.keys, moved.index.values) == _scanned(text)


def test_a_value_typed_longer_moves_the_positions_after_it(example_dir: Path) -> None:
    before = (example_dir / "1-measures.toml").read_text("utf-8")
    base = Locator(before)
    base.index  # noqa: B018 - the base has its index, as after a check with findings
    text = before.replace("value = 142\n", "value = 14200\n", 1)
    moved = Locator(text, base=base)
    assert (moved.index.keys, moved.index.values) == _scanned(text)
    keys = ("metrics", "legal_reviews", "value")
    assert moved.value(keys) == Locator(text).value(keys)
    # a base without an index leaves the index to a scan of its own, and holds no chain
    third = Locator(text.replace("14200", "1"), base=Locator(text))
    assert third._base is None
