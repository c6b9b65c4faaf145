"""The editor's check after each change finds exactly what ``tui validate`` finds.

The editor checks in proportion to what changed (an unchanged file is not
parsed again, unchanged tables keep their errors, positions are moved rather
than found again); these tests walk through a sequence of edits and compare
each check with a fresh one of the same files, as ``tui validate`` reads them.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from records import Diagnostic, read_report
from records.model import natural_key
from records.positions import Locator
from records.source import SourceText
from schema import validate_report
from tests.cli.test_validate_cases import CASES, INVALID, materialise
from tests.conftest import EXAMPLE
from tui.editor.checking import Snapshot, check_snapshot, reuse

M, R, S = "1-measures.toml", "report.toml", "2-shortcomings.toml"

EDITS: list[tuple[str, str, str, str]] = [
    # (what, file, old text, new text): each applied to the texts as the previous left them
    ("a count breaks legal_reviews >= penalty_cases", M, "value = 142\n", "value = 1420\n"),
    ("the same count written as a decimal", M, "value = 1420\n", "value = 1420.0\n"),
    ("two decimals: validation tells 1420.00 from 1420.0", M, "1420.0\n", "1420.00\n"),
    ("a boolean where the count was", M, "value = 1420.00\n", "value = true\n"),
    ("the integer again: 1 is not true", M, "value = true\n", "value = 1\n"),
    ("negative", M, "value = 1\n", "value = -1\n"),
    ("back to where it was", M, "value = -1\n", "value = 142\n"),
    ("typed numbering in a title", M, 'title = "提高', 'title = "（一）提高'),
    ("a zero-width space in a title", M, '"坚持', '"\\u200b坚持'),
    ("a control character instead", M, '"\\u200b坚持', '"\\u0007坚持'),
    ("the character removed", M, '"\\u0007坚持', '"坚持'),
    ("the date as a string", R, "date = 2024-01-19", 'date = "2024-01-19"'),
    ("the date again", R, 'date = "2024-01-19"', "date = 2024-01-19"),
    ("a metric key the pattern refuses", M, "[metrics.penalty_cases]", '[metrics."penalty cases"]'),
    ("the key restored", M, '[metrics."penalty cases"]', "[metrics.penalty_cases]"),
    ("an unknown key in a section", S, "\nkind = ", "\nkinds = "),
    ("the key restored", S, "\nkinds = ", "\nkind = "),
    ("a reference to no metric", M, "{penalty_cases}", "{penalty_case}"),
    ("the reference restored", M, "{penalty_case}", "{penalty_cases}"),
]


def _texts() -> dict[str, str]:
    return {p.name: p.read_text("utf-8") for p in sorted(EXAMPLE.glob("*.toml"))}


def _snapshot(folder: Path, texts: dict[str, str], generation: int) -> Snapshot:
    names = [R, *sorted((n for n in texts if n != R), key=natural_key)]
    sources = tuple(SourceText(folder / n, texts[n], False, "\n", "") for n in names)
    return Snapshot(folder, sources, generation)


def fresh(folder: Path) -> list[Diagnostic]:
    """What ``tui validate`` finds in the files as saved, in the editor's order."""
    result = read_report(folder)
    found = validate_report(result.report, result.errors)
    return sorted(found, key=lambda d: (d.severity != "error", d.file, d.line))


def test_each_check_after_an_edit_equals_a_fresh_check_of_the_files(tmp_path: Path) -> None:
    folder = tmp_path / EXAMPLE.name
    folder.mkdir()
    texts = _texts()
    for name, text in texts.items():
        (folder / name).write_text(text, "utf-8")
    assert check_snapshot(_snapshot(folder, texts, 0)).diagnostics == fresh(folder) == []
    codes = set()
    for generation, (what, name, old, new) in enumerate(EDITS, 1):
        assert old in texts[name], what
        texts[name] = texts[name].replace(old, new, 1)
        (folder / name).write_text(texts[name], "utf-8")
        checked = check_snapshot(_snapshot(folder, texts, generation))
        assert checked.diagnostics == fresh(folder), what
        assert checked.generation == generation
        codes |= {d.code for d in checked.diagnostics}
    assert {"C004", "N002", "S002", "X003", "X004", "F002", "S003", "P001"} <= codes


def test_a_section_left_out_and_back_is_checked_as_tui_validate_checks_it(
    tmp_path: Path,
) -> None:
    folder = tmp_path / EXAMPLE.name
    folder.mkdir()
    texts = _texts()
    for name, text in texts.items():
        (folder / name).write_text(text, "utf-8")
    check_snapshot(_snapshot(folder, texts, 0))
    (folder / S).unlink()
    without = {n: t for n, t in texts.items() if n != S}
    assert check_snapshot(_snapshot(folder, without, 1)).diagnostics == fresh(folder)
    assert "M001" in {d.code for d in fresh(folder)}
    broken = {**texts, S: texts[S].replace("kind = ", "kind = = ", 1)}  # does not parse
    (folder / S).write_text(broken[S], "utf-8")
    assert check_snapshot(_snapshot(folder, broken, 2)).diagnostics == fresh(folder)
    (folder / S).write_text(texts[S], "utf-8")
    assert check_snapshot(_snapshot(folder, texts, 3)).diagnostics == fresh(folder) == []


@pytest.mark.parametrize(
    ("old", "new", "kept"),
    [
        ("a = 1\nb = [1, 2]\n", "a = 1\nb = [1, 2]\n", True),
        ("a = 1\n", "a = 1.0\n", False),
        ("a = 1.0\n", "a = 1.00\n", False),
        ("a = 1\n", "a = true\n", False),
        ("a = 2024-01-19\n", 'a = "2024-01-19"\n', False),
        ("a = 1\nb = 2\n", "b = 2\na = 1\n", False),  # the keys' order is part of it
    ],
)
def test_reuse_keeps_only_what_validation_cannot_tell_apart(old: str, new: str, kept: bool) -> None:
    before = tomllib.loads(old, parse_float=Decimal)
    after = tomllib.loads(new, parse_float=Decimal)
    result = reuse(tomllib.loads(new, parse_float=Decimal), before)
    assert (result is before) is kept
    assert repr(result) == repr(after)


def test_reuse_shares_the_unchanged_tables_of_a_changed_file() -> None:
    text = EXAMPLE.joinpath(M).read_text("utf-8")
    before = tomllib.loads(text, parse_float=Decimal)
    changed = text.replace("value = 142\n", "value = 143\n", 1)
    after = reuse(tomllib.loads(changed, parse_float=Decimal), before)
    assert after is not before and after["parts"] is before["parts"]
    assert after["metrics"]["legal_reviews"] is before["metrics"]["legal_reviews"]
    assert after["metrics"]["penalty_cases"]["value"] == 143
    assert repr(after) == repr(tomllib.loads(changed, parse_float=Decimal))


NOT_OPENED = {"R002-no-report-toml", "R003-not-utf8"}
"""Cases the editor does not open as a draft (no report.toml; a file to convert first)."""


@pytest.mark.parametrize("case", [c for c in CASES if c not in NOT_OPENED])
def test_each_defect_checked_after_the_valid_report_is_found_as_tui_validate_finds_it(
    case: str, tmp_path: Path
) -> None:
    """From the valid base to each one-defect case: reuse of the base's data changes nothing."""
    folder = materialise(case, tmp_path / "report")
    base = {p.name: p.read_text("utf-8") for p in (INVALID / "_base").glob("*.toml")}
    check_snapshot(_snapshot(folder, base, 0))
    texts = {p.name: p.read_text("utf-8") for p in folder.glob("*.toml")}
    checked = check_snapshot(_snapshot(folder, texts, 1))
    assert checked.diagnostics == fresh(folder)
    assert checked.diagnostics  # each case has its defect


_TYPED = st.text(alphabet="0123456789.-+_:e\"'\\ \n#中，{}", max_size=5)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_a_keystroke_inside_a_value_reads_as_a_parse_of_the_whole_file(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    """Text typed into any value (or anywhere): the data checked is the whole file's parse."""
    folder = tmp_path_factory.mktemp("draft")
    texts = _texts()
    check_snapshot(_snapshot(folder, texts, 0))
    name = data.draw(st.sampled_from(sorted(texts)))
    before = texts[name]
    spans = [s for s in Locator(before).index.values.values() if s[1] > s[0]]
    first, last = data.draw(st.sampled_from(spans))
    start = data.draw(st.integers(first, last))
    end = data.draw(st.integers(start, min(last, start + 3)))
    texts[name] = before[:start] + data.draw(_TYPED) + before[end:]
    try:
        whole = tomllib.loads(texts[name], parse_float=Decimal)
    except tomllib.TOMLDecodeError:
        whole = None
    checked = check_snapshot(_snapshot(folder, texts, 1))
    files = {f.path.name: f for f in checked.report.files}
    if whole is None:  # a slip: the file is reported as it cannot be read
        assert name not in files or not files[name].data
        assert "R004" in {d.code for d in checked.diagnostics}  # TOML 语法错误, where it is
    else:
        assert repr(files[name].data) == repr(whole)
