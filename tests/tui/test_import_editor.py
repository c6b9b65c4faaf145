"""An imported report in the editor: every paragraph of the source has a field in the tree.

The user imports last year's DOCX and expects to find each of its paragraphs
in the editor to change it; a text the import wrote where the editor shows
nothing would be text the clerk cannot reach.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from records.body import prose
from tests.cli.runner import run
from tui.editor.outline import all_fields, build_outline

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "records" / "examples"
REALWORLD = ROOT / "tests" / "data" / "realworld"


@pytest.mark.parametrize(
    "source",
    ["baoshan-emergency-2023", "dongan-emergency-2025", "2024-shanghai-shi-yingjiju"],
)
def test_every_imported_paragraph_is_a_field_of_the_tree(
    source: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if (EXAMPLES / source).is_dir():
        path = tmp_path / "source.docx"
        assert run(capsys, "export", str(EXAMPLES / source), "-o", str(path))[0] == 0
    else:
        path = REALWORLD / f"{source}.txt"
    status, out, err = run(capsys, "import", str(path), str(tmp_path / "r"))
    assert status == 0, out + err
    folder = tmp_path / "r"
    files = {
        p.name: tomllib.loads(p.read_text("utf-8"))
        for p in [folder / "report.toml", *sorted(folder.glob("[0-9]*.toml"))]
    }
    shown = {(spec.file, spec.keys) for _, spec in all_fields(build_outline(files))}
    written = [
        (name, keys)
        for name, data in files.items()
        if name != "report.toml"
        for keys, _ in prose(data)
    ]
    assert written and [w for w in written if w not in shown] == []
    assert ("report.toml", ("body", "opening")) in shown
