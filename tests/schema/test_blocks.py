"""The rules at every level of the body's blocks: tables of section files and their findings.

Each case adds one section file (a second ``measures`` section, which a
report may have) to a valid report written in every kind of block
(``data/blocks-report``), and asserts exactly the findings it must produce:
code, JSON pointer, and line and column, given as a piece of the file that
starts where the finding points.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from schema import validate_folder

BLOCKS = Path(__file__).resolve().parent / "data" / "blocks-report"
HEAD = '#:schema ../../../../schema/section.schema.json\nkind = "measures"\ntitle = "专题举措"\n'
"""The start of every added section: a thematic measures section."""


@pytest.fixture
def blocks_dir(tmp_path: Path) -> Path:
    target = tmp_path / "blocks-report"
    shutil.copytree(BLOCKS, target)
    return target


def test_the_block_report_is_clean(blocks_dir: Path) -> None:
    """Every block, several measures sections and a title over two lines: nothing to say."""
    assert validate_folder(blocks_dir) == []


def findings(folder: Path, name: str, text: str) -> list[tuple[str, str, str]]:
    """Each finding in the section ``name`` holding ``text``: code, pointer, and what it points at.

    “What it points at” is the file's text from the finding's line and column
    to the end of that line, so a table can say “at ``{nope}``” or “at
    ``[[parts.items]]``” instead of counting lines.
    """
    (folder / name).write_text(text, "utf-8")
    lines = text.splitlines()
    found = []
    for d in validate_folder(folder):
        assert Path(d.file).name == name, d
        found.append((d.code, d.pointer, lines[d.line - 1][d.column - 1 :]))
    return found


PROSE_AT_EVERY_LEVEL = [
    # {metric} references (P001, P002) in every string of every block
    (
        'paragraphs = ["全年检查{nope}家。"]\n',
        [("P001", "/paragraphs/0", "{nope}")],
    ),
    (
        '[[parts]]\ntitle = "规范执法"\nstandalone = true\nparagraphs = ["检查{nope}家。"]\n',
        [("P001", "/parts/0/paragraphs/0", "{nope}")],
    ),
    (
        '[[parts]]\ntitle = "规范执法"\nstandalone = true\n\n'
        '[[parts.items]]\ntext = "检查{nope}家。"\n',
        [("P001", "/parts/0/items/0/text", "{nope}")],
    ),
    (
        '[[parts]]\ntitle = "规范执法"\nstandalone = true\n\n'
        '[[parts.items]]\ntitle = "检查"\nstandalone = true\n\n'
        '[[parts.items.subitems]]\ntitle = "检查{0}家"\ntext = "全年检查。"\n',
        [("P002", "/parts/0/items/0/subitems/0/title", "{0}")],
    ),
    # the unit after a reference (N006, N007), deep down
    (
        '[[parts]]\ntitle = "规范执法"\nstandalone = true\n\n'
        '[[parts.items]]\ntitle = "检查"\nstandalone = true\n\n'
        '[[parts.items.subitems]]\ntext = "评查案卷{case_reviews}件次。"\n'
        'paragraphs = ["专题学习{study_sessions}万次。"]\n',
        [
            ("N007", "/parts/0/items/0/subitems/0/text", "{case_reviews}"),
            ("N006", "/parts/0/items/0/subitems/0/paragraphs/0", "{study_sessions}"),
        ],
    ),
    # a part-year figure in the measures (F004)
    (
        '[[parts]]\ntitle = "规范执法"\nstandalone = true\n\n'
        '[[parts.items]]\ntitle = "执法检查"\nparagraphs = ["截至10月底，检查企业。"]\n'
        'text = "全年检查。"\n',
        [("F004", "/parts/0/items/0/paragraphs/0", "截至10月底")],
    ),
    # half-width punctuation (F003) in a heading and a paragraph
    (
        '[[items]]\ntitle = "规范执法,严格监督"\ntext = "全年检查。"\n'
        'paragraphs = ["加强监督;落实责任。"]\n',
        [
            ("M006", "/items", "[[items]]"),
            ("F003", "/items/0/title", ",严格监督"),
            ("F003", "/items/0/paragraphs/0", ";落实责任"),
        ],
    ),
    # control and invisible characters (X003, X004)
    (
        '[[parts]]\ntitle = "规范\\u200b执法"\ntext = "全年\\u0007检查。"\n',
        [
            ("X004", "/parts/0/title", "\\u200b执法"),
            ("X003", "/parts/0/text", "\\u0007检查"),
        ],
    ),
]


@pytest.mark.parametrize(("body", "expected"), PROSE_AT_EVERY_LEVEL)
def test_rules_that_read_text_read_every_block(
    blocks_dir: Path, body: str, expected: list[tuple[str, str, str]]
) -> None:
    found = findings(blocks_dir, "6-extra.toml", HEAD + body)
    assert [
        (c, p, at[: len(a)]) for (c, p, at), (_, _, a) in zip(found, expected, strict=False)
    ] == expected
    assert len(found) == len(expected)


TYPED_NUMBERS = [
    # a number typed where the tool generates the same: an error (F005)
    ('[[parts]]\ntitle = "（一）规范执法"\ntext = "全年检查。"\n', [("F005", "/parts/0/title")]),
    (
        '[[parts]]\ntitle = "规范执法"\nstandalone = true\n'
        '\n[[parts.items]]\ntitle = "1.执法检查"\n'
        'text = "全年检查。"\n',
        [("F005", "/parts/0/items/0/title")],
    ),
    (
        '[[parts]]\ntitle = "规范执法"\nstandalone = true\n'
        '\n[[parts.items]]\ntext = "2、全年检查。"\n',
        [("F005", "/parts/0/items/0/text")],
    ),
    (
        '[[parts]]\ntitle = "规范执法"\nstandalone = true\n'
        '\n[[parts.items]]\ntext = "１．全年检查。"\n',
        [("F005", "/parts/0/items/0/text")],
    ),
    (
        '[[parts]]\ntitle = "规范执法"\nstandalone = true\n\n[[parts.items]]\ntitle = "检查"\n'
        'standalone = true\n\n[[parts.items.subitems]]\ntitle = "（1）检查企业"\ntext = "全年。"\n',
        [("F005", "/parts/0/items/0/subitems/0/title")],
    ),
    (  # half-width (1): the typed number, not also its brackets as punctuation
        '[[parts]]\ntitle = "规范执法"\nstandalone = true\n\n[[parts.items]]\ntitle = "检查"\n'
        'standalone = true\n\n[[parts.items.subitems]]\ntext = "(1)检查企业。"\n',
        [("F005", "/parts/0/items/0/subitems/0/text")],
    ),
    (
        '[[parts]]\ntitle = "规范执法"\nstandalone = true\n\n[[parts.items]]\ntitle = "检查"\n'
        'points = ["一是检查企业。"]\n',
        [("F005", "/parts/0/items/0/points/0")],
    ),
    # the subitem's number typed without its opening bracket, half- or full-width: still （1）
    (
        '[[parts]]\ntitle = "规范执法"\nstandalone = true\n\n[[parts.items]]\ntitle = "检查"\n'
        'standalone = true\n\n[[parts.items.subitems]]\ntext = "1)检查企业。"\n\n'
        '[[parts.items.subitems]]\ntitle = "2）检查企业"\ntext = "全年。"\n',
        [
            ("F005", "/parts/0/items/0/subitems/0/text"),  # not also F003 for the “)”
            ("F005", "/parts/0/items/0/subitems/1/title"),
        ],
    ),
    # another level's number: a warning (F006)
    (
        '[[parts]]\ntitle = "规范执法"\nstandalone = true\n'
        '\n[[parts.items]]\ntext = "1)全年检查。"\n',
        [("F006", "/parts/0/items/0/text")],
    ),
    (
        '[[parts]]\ntitle = "规范执法"\nstandalone = true\n\n[[parts.items]]\ntitle = "①执法检查"\n'
        'text = "全年检查。"\n',
        [("F006", "/parts/0/items/0/title")],
    ),
    (
        '[[parts]]\ntitle = "规范执法"\nstandalone = true\n'
        '\n[[parts.items]]\ntext = "（1）全年检查。"\n',
        [("F006", "/parts/0/items/0/text")],
    ),
    (
        '[[parts]]\ntitle = "规范执法"\nstandalone = true\nparagraphs = ["（一）全年检查。"]\n',
        [("F006", "/parts/0/paragraphs/0")],
    ),
    # what is no typed number: a heading's text or a paragraph opening with 1. (the seed's
    # style of listing inside a text), figures such as 7.0版 and 2名
    (
        '[[parts]]\ntitle = "规范执法"\nstandalone = true\nparagraphs = ["1.全年检查。"]\n\n'
        '[[parts.items]]\ntitle = "执法检查"\ntext = "1.全年检查。"\n\n'
        '[[parts.items]]\ntext = "7.0版方案落地，配备2名干部。"\n',
        [],
    ),
]


@pytest.mark.parametrize(("body", "expected"), TYPED_NUMBERS)
def test_typed_numbering_at_every_level(
    blocks_dir: Path, body: str, expected: list[tuple[str, str]]
) -> None:
    found = findings(blocks_dir, "6-extra.toml", HEAD + body)
    assert [(c, p) for c, p, _ in found] == expected
    for (_, _, at), (_code, _) in zip(found, expected, strict=False):  # at the typed number
        assert at[0] in "（(1１2①一", at


def test_typed_numbering_messages_name_the_levels(blocks_dir: Path) -> None:
    (found,) = validate_folder_with(
        blocks_dir,
        '[[parts]]\ntitle = "规范执法"\nstandalone = true\n'
        '\n[[parts.items]]\ntext = "1.全年检查。"\n',
    )
    assert "条目前由程序按顺序自动加“1.”" in found.message and "请删除“1.”" in found.message
    (found,) = validate_folder_with(blocks_dir, 'lead = "（一）全年检查。"\n')
    assert found.code == "F006"
    assert "细目“（1）”" in found.message and "[[parts.items.subitems]]" in found.message


def validate_folder_with(folder: Path, body: str) -> list:
    (folder / "6-extra.toml").write_text(HEAD + body, "utf-8")
    return validate_folder(folder)


STRUCTURE = [
    # an empty heading at every level (S005)
    (
        '[[parts]]\ntitle = "规范执法"\nstandalone = true\n\n[[parts.items]]\ntitle = " "\n'
        'text = "全年检查。"\n',
        [("S005", "/parts/0/items/0/title", '" "')],
    ),
    (
        '[[parts]]\ntitle = "规范执法"\nstandalone = true\nparagraphs = ["", "全年检查。"]\n',
        [("S005", "/parts/0/paragraphs/0", '"", "')],
    ),
    (
        '[[parts]]\ntitle = "规范执法"\nstandalone = true\nparagraphs = []\n',
        [("S005", "/parts/0/paragraphs", "[]")],
    ),
    # a run-in heading needs its text; a standalone one something under it (M004, M005)
    (
        '[[parts]]\ntitle = "规范执法"\nparagraphs = ["全年检查。"]\n',
        [("M004", "/parts/0", "[[parts]]")],
    ),
    (
        '[[parts]]\ntitle = "规范执法"\nstandalone = true\n',
        [("M005", "/parts/0", "[[parts]]")],
    ),
    (
        '[[parts]]\ntitle = "规范执法"\nstandalone = true\n\n[[parts.items]]\ntitle = "检查"\n'
        "standalone = true\n",
        [("M005", "/parts/0/items/0", "[[parts.items]]")],
    ),
    (
        '[[parts]]\ntitle = "规范执法"\nstandalone = true\n\n[[parts.items]]\ntitle = "检查"\n'
        'standalone = true\n\n[[parts.items.subitems]]\ntitle = "企业"\nstandalone = true\n',
        [("M005", "/parts/0/items/0/subitems/0", "[[parts.items.subitems]]")],
    ),
    (
        '[[parts]]\ntitle = "规范执法"\nstandalone = true\n\n[[parts.items]]\n'
        'paragraphs = ["全年检查。"]\n',
        [("M004", "/parts/0/items/0", "[[parts.items]]")],
    ),
    # a standalone heading with only a heading under it says enough
    (
        '[[parts]]\ntitle = "规范执法"\nstandalone = true\n\n[[parts.items]]\ntitle = "检查"\n'
        'standalone = true\n\n[[parts.items.subitems]]\ntext = "全年检查。"\n',
        [],
    ),
    # a level skipped (M006, at the key), and a level that does not exist (S003)
    ('[[subitems]]\ntext = "全年检查。"\n', [("M006", "/subitems", "[[subitems]]")]),
    (
        '[[parts]]\ntitle = "规范执法"\nstandalone = true\n'
        '\n[[parts.subitems]]\ntext = "全年检查。"\n',
        [("M006", "/parts/0/subitems", "[[parts.subitems]]")],
    ),
    (
        '[[parts]]\ntitle = "规范执法"\nstandalone = true\n\n[[parts.items]]\ntitle = "检查"\n'
        'standalone = true\n\n[[parts.items.items]]\ntext = "全年检查。"\n',
        [
            ("M005", "/parts/0/items/0", "[[parts.items]]"),
            ("S003", "/parts/0/items/0/items", "[[parts.items.items]]"),
        ],
    ),
    # a heading naming another year than its section's (a warning: it may cite another year)
    (
        '[[parts]]\ntitle = "2025年工作打算"\ntext = "全年检查。"\n',
        [("Y008", "/parts/0/title", "2025年")],
    ),
    # a year inside 《》 or “” is a document's or a campaign's name, not the heading's year
    (
        '[[parts]]\ntitle = "落实《2023年度法治督察反馈意见》整改"\nstandalone = true\n\n'
        '[[parts.items]]\ntitle = "开展“2025年安全生产月”活动"\ntext = "全年检查。"\n',
        [],
    ),
    (
        '[[parts]]\ntitle = "2023年落实《2024年度工作要点》情况"\ntext = "全年检查。"\n',
        [("Y008", "/parts/0/title", "2023年落实")],
    ),
    # lead where a block's first paragraph, text, is meant: one finding, not also “empty”
    (
        '[[parts]]\ntitle = "规范执法"\nlead = "全年检查。"\n',
        [("S003", "/parts/0/lead", "lead")],
    ),
    (
        '[[parts]]\ntitle = "规范执法"\nstandalone = true\nlead = "全年检查。"\n',
        [("S003", "/parts/0/lead", "lead")],
    ),
    (
        '[[parts]]\ntitle = "规范执法"\nstandalone = true\n'
        '\n[[parts.items]]\nlead = "全年检查。"\n',
        [("S003", "/parts/0/items/0/lead", "lead")],
    ),
    # and text where a section's, lead, is: no M003 either
    ('text = "全年检查。"\n', [("S003", "/text", "text")]),
    # a key misspelt past doubt is the text; one merely like it leaves the heading without text
    (
        '[[parts]]\ntitle = "规范执法"\ntexts = "全年检查。"\n',
        [("S003", "/parts/0/texts", "texts")],
    ),
    (
        '[[parts]]\ntitle = "规范执法"\nnote = "待补"\nparagraphs = ["全年检查。"]\n',
        [("M004", "/parts/0", "[[parts]]"), ("S003", "/parts/0/note", "note")],
    ),
    # standalone in quotes: the type, not also the heading without text
    (
        '[[parts]]\ntitle = "规范执法"\nstandalone = "true"\nparagraphs = ["全年检查。"]\n',
        [("S002", "/parts/0/standalone", '"true"')],
    ),
    (
        '[[parts]]\ntitle = "规范执法"\nstandalone = true\n\n[[parts.items]]\ntitle = "检查"\n'
        'standalone = "yes"\nparagraphs = ["全年检查。"]\n',
        [("S002", "/parts/0/items/0/standalone", '"yes"')],
    ),
    # a metric's unit left empty: unfinished (S005), as a missing one is S001
    (
        'lead = "检查{checks}家次。"\n\n[metrics.checks]\nvalue = 3\nunit = ""\nlabel = "检查"\n',
        [("S005", "/metrics/checks/unit", '""')],
    ),
    (
        'lead = "检查{checks}家次。"\n\n[metrics.checks]\nvalue = 3\nunit = "　"\nlabel = "检查"\n',
        [("S005", "/metrics/checks/unit", '"　"')],
    ),
    (
        '[[parts]]\ntitle = "落实《2021-2025年规划》"\nstandalone = true\n\n'
        '[[parts.items]]\ntitle = "2024年执法检查"\ntext = "全年检查。"\n',
        [],
    ),
]


@pytest.mark.parametrize(("body", "expected"), STRUCTURE)
def test_the_structure_of_the_blocks(
    blocks_dir: Path, body: str, expected: list[tuple[str, str, str]]
) -> None:
    found = findings(blocks_dir, "6-extra.toml", HEAD + body)
    assert [
        (c, p, at[: len(a)]) for (c, p, at), (_, _, a) in zip(found, expected, strict=False)
    ] == expected
    assert len(found) == len(expected)


def test_empty_blocks_say_what_is_missing(blocks_dir: Path) -> None:
    cases = {
        '[[parts]]\ntitle = "规范执法"\nparagraphs = ["全年检查。"]\n': "standalone = true",
        '[[parts]]\ntitle = "规范执法"\n': "分项只有标题：请写正文（text）或要点（points）",
        '[[parts]]\ntitle = "规范执法"\nstandalone = true\n': "其下却什么也没有",
        '[[parts]]\ntitle = "规范执法"\nstandalone = true\n\n[[parts.items]]\n'
        'paragraphs = ["全年检查。"]\n': "空的编号段落：导出后“1.”之后什么也没有",
        '[[items]]\ntitle = "规范执法"\ntext = "全年检查。"\n': "请把它们写在 [[parts.items]] 中",
    }
    for body, says in cases.items():
        messages = [d.message for d in validate_folder_with(blocks_dir, body)]
        assert any(says in m for m in messages), (body, messages)


def test_relations_read_hedges_in_every_block(blocks_dir: Path) -> None:
    """A figure hedged in a numbered paragraph is a bound there too (no C004)."""
    metrics = (
        '\n[metrics.penalty_cases]\nvalue = 142\nunit = "件"\nlabel = "办理行政处罚案件"\n'
        '\n[metrics.legal_reviews]\nvalue = 100\nunit = "件次"\nlabel = "法制审核"\n'
    )
    body = (
        '[[parts]]\ntitle = "规范执法"\nstandalone = true\n\n[[parts.items]]\n'
        'text = "办理处罚案件{penalty_cases}件，法制审核{legal_reviews}HEDGE件次。"\n'
    )
    exact = validate_folder_with(blocks_dir, body.replace("HEDGE", "") + metrics)
    assert [d.code for d in exact] == ["C004"]
    assert validate_folder_with(blocks_dir, body.replace("HEDGE", "余") + metrics) == []


def _report(folder: Path, old: str, new: str) -> list[tuple[str, str, str, int, int]]:
    path = folder / "report.toml"
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    found = validate_folder(folder)
    return [(Path(d.file).name, d.code, d.pointer, d.line, d.column) for d in found]


TITLE = 'title = "上海市应急管理局\\n2024年法治政府建设情况报告"'


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # the lines are read as one title: a year broken over two lines is still named
        ('title = "上海市应急管理局20\\n24年法治政府建设情况报告"', []),
        ('title = "上海市应急管理局\\r\\n2024年法治政府建设情况报告"', []),
        ('title = """\n上海市应急管理局\n2024年法治政府建设情况报告"""', []),
        # the wrong year on the second line, pointed at where it is written
        ('title = "上海市应急管理局\\n2023年法治政府建设情况报告"', [("Y003", 12, 20)]),
        ('title = "上海市应急管理局\\n法治政府建设情况报告"', [("Y004", 12, 9)]),
        # a year inside 《》 is a document's, not the report's; a title all in 《》 is read inside
        ('title = "关于落实《2023年督察反馈意见》的\\n2024年法治政府建设情况报告"', []),
        ('title = "关于落实《2023年督察反馈意见》的法治政府建设情况报告"', [("Y004", 12, 9)]),
        ('title = "《上海市应急管理局2024年法治政府建设情况报告》"', []),
        ('title = "《上海市应急管理局2023年法治政府建设情况报告》"', [("Y003", 12, 19)]),
    ],
)
def test_a_title_over_several_lines_is_one_title(
    blocks_dir: Path, title: str, expected: list[tuple[str, int, int]]
) -> None:
    found = _report(blocks_dir, TITLE, title)
    assert [(code, line, column) for _, code, _, line, column in found] == expected


@pytest.mark.parametrize(
    ("numbering", "expected"),
    [
        ('item_style = "1."', []),
        ('item_style = "1、"', [("F008", "/numbering/item_style", 14)]),
        ('item_style = "1．"', [("F008", "/numbering/item_style", 14)]),
        ('item_style = "1)"', [("S004", "/numbering/item_style", 14)]),
        ('item_style = "1."\nitems_run_on = "yes"', [("S002", "/numbering/items_run_on", 16)]),
        ('item_style = "1."\nstyle = "1."', [("S003", "/numbering/style", 1)]),
    ],
)
def test_the_numbering_table(
    blocks_dir: Path, numbering: str, expected: list[tuple[str, str, int]]
) -> None:
    found = _report(blocks_dir, 'items_run_on = true\nitem_style = "1."', numbering)
    assert [(code, pointer, column) for _, code, pointer, _, column in found] == expected


def test_a_style_other_than_the_standard_says_so_and_may_be_waived(blocks_dir: Path) -> None:
    _report(blocks_dir, 'item_style = "1."', 'item_style = "1、"')
    (found,) = validate_folder(blocks_dir)
    assert found.severity == "warning" and "GB/T 9704" in found.message and "“1.”" in found.message
    with (blocks_dir / "report.toml").open("a", encoding="utf-8") as f:
        f.write('\n[[waivers]]\ncode = "F008"\nreason = "本局公文一向写作“1、”"\n')
    assert [(d.code, d.waived) for d in validate_folder(blocks_dir)] == [("F008", True)]


SEVERAL_SECTIONS = [
    # several measures sections with thematic titles: the city-level way
    ('kind = "measures"\ntitle = "坚持依法决策"\nlead = "健全决策机制。"\n', []),
    # a second section of another mandated item is a mistake, at its kind
    ('kind = "plans"\ntitle = "2025年其他安排"\nlead = "继续推进。"\n', [("M002", "/kind", 1)]),
    ('kind = "other"\ntitle = "其他需要报告的情况"\nlead = "无。"\n', []),
    # a section titled as another one is a copied file, whatever its kind
    (
        'kind = "measures"\n'
        'title = "统筹发展和安全，以法治保障城市安全运行"\nlead = "健全机制。"\n',
        [("M002", "/title", 2)],
    ),
    (  # spaces aside
        'kind = "other"\ntitle = "统筹发展和安全， 以法治保障城市安全运行"\nlead = "带头学法。"\n',
        [("M002", "/title", 2)],
    ),
    (
        'kind = "plans"\ntitle = "2025年推进法治政府建设的主要安排"\nlead = "继续推进。"\n',
        [("M002", "/kind", 1)],  # a copied file is one finding, not two
    ),
    # a year inside 《》 names a document (no Y002); the title's own year is still read
    ('kind = "measures"\ntitle = "落实《2023年度法治督察反馈意见》的举措"\nlead = "整改。"\n', []),
    (
        'kind = "measures"\ntitle = "2023年落实《2024年度工作要点》的举措"\nlead = "整改。"\n',
        [("Y002", "/title", 2)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), SEVERAL_SECTIONS)
def test_several_sections_of_one_kind(
    blocks_dir: Path, text: str, expected: list[tuple[str, str, int]]
) -> None:
    (blocks_dir / "6-more.toml").write_text(text, "utf-8")
    found = validate_folder(blocks_dir)
    assert [(Path(d.file).name, d.code, d.pointer, d.line) for d in found] == [
        ("6-more.toml", *e) for e in expected
    ]


def test_a_second_section_of_a_kind_names_the_first_and_what_may_be_several(
    blocks_dir: Path,
) -> None:
    (blocks_dir / "6-more.toml").write_text(
        'kind = "plans"\ntitle = "2025年其他安排"\nlead = "继续推进。"\n', "utf-8"
    )
    (found,) = validate_folder(blocks_dir)
    assert "已在 5-plans.toml 第 2 行出现" in found.message
    assert "可以分成几个部分的只有主要举措和成效" in found.message
    (blocks_dir / "6-more.toml").write_text(
        'kind = "other"\ntitle = "统筹发展和安全，以法治保障城市安全运行"\nlead = "带头学法。"\n',
        "utf-8",
    )
    (found,) = validate_folder(blocks_dir)
    assert "与 2-measures-safety.toml 第 4 行的部分相同" in found.message
    assert "复制" in found.message


LINE_BREAKS = [
    # a paragraph wrapped in a """ string without the line-ending backslash: at the break
    (
        'paragraphs = ["""全年检查企业，\n发现隐患。"""]\n',
        [("X005", "/paragraphs/0", "")],  # the end of the line the break ends
    ),
    ('lead = "全年检查企业，\\n发现隐患。"\n', [("X005", "/lead", "\\n发现")]),
    ('lead = "全年检查企业，\\r\\n发现隐患。"\n', [("X005", "/lead", "\\r\\n")]),  # one break
    # the line-ending backslash joins the lines: nothing to say
    ('lead = """\n全年检查企业，\\\n  发现隐患。"""\n', []),
    # a closing """ on a line of its own leaves a break at the end
    ('lead = """\n全年检查企业，\\\n  发现隐患。\n"""\n', [("X005", "/lead", "")]),
    # at every level, in headings, numbered paragraphs and points
    (
        '[[parts]]\ntitle = "规范\\n执法"\nstandalone = true\n\n'
        '[[parts.items]]\ntext = "全年\\n检查。"\npoints = ["检查\\n企业。"]\n\n'
        '[[parts.items.subitems]]\ntitle = "检查\\n企业"\ntext = "全年。"\n',
        [
            ("X005", "/parts/0/title", "\\n执法"),
            ("X005", "/parts/0/items/0/text", "\\n检查"),
            ("X005", "/parts/0/items/0/points/0", "\\n企业"),
            ("X005", "/parts/0/items/0/subitems/0/title", "\\n企业"),
        ],
    ),
    # a backslash and an n, as '…\n…' writes them: printed as such
    ("points = ['检查\\n企业。']\n", [("X006", "/points/0", "\\n企业")]),
    ('paragraphs = ["检查\\\\n企业。"]\n', [("X006", "/paragraphs/0", "\\\\n企业")]),
    (
        "[[parts]]\ntitle = '规范\\n执法'\ntext = \"全年。\"\n",
        [("X006", "/parts/0/title", "\\n执法")],
    ),
    # an empty string is S005, not a line break as well
    ('paragraphs = ["\\n"]\n', [("S005", "/paragraphs/0", '"\\n"')]),
]


@pytest.mark.parametrize(("body", "expected"), LINE_BREAKS)
def test_a_line_break_in_prose_is_reported_where_it_stands(
    blocks_dir: Path, body: str, expected: list[tuple[str, str, str]]
) -> None:
    found = findings(blocks_dir, "6-extra.toml", HEAD + body)
    assert [
        (c, p, at[: len(a)]) for (c, p, at), (_, _, a) in zip(found, expected, strict=False)
    ] == expected
    assert len(found) == len(expected)


def test_a_raw_line_break_points_at_the_end_of_its_line(blocks_dir: Path) -> None:
    (found,) = validate_folder_with(blocks_dir, 'lead = """\n全年检查企业，\n发现隐患。"""\n')
    lines = (HEAD + 'lead = """\n全年检查企业，\n发现隐患。"""\n').splitlines()
    assert (found.line, found.column) == (5, len(lines[4]) + 1)  # where the \ belongs
    assert found.severity == "warning"
    assert found.message.startswith("引语中有换行，导出时会在此处断开：一段文字应写成一个字符串，")
    assert (
        "另起一段请写在 paragraphs 中" in found.message
        and '在 """ 中换行时行尾加 \\' in found.message
    )


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # in the report's title a line break is the title's: no X005, in any spelling
        (TITLE, []),
        ('title = """上海市应急管理局\n2024年法治政府建设情况报告"""', []),
        # written as a backslash and an n, it does not break the title
        ("title = '上海市应急管理局\\n2024年法治政府建设情况报告'", [("X006", 12, 18)]),
        ('title = "上海市应急管理局\\\\n2024年法治政府建设情况报告"', [("X006", 12, 18)]),
    ],
)
def test_the_report_title_breaks_where_a_line_break_is_written(
    blocks_dir: Path, title: str, expected: list[tuple[str, int, int]]
) -> None:
    found = _report(blocks_dir, TITLE, title)
    assert [(code, line, column) for _, code, _, line, column in found] == expected


def test_a_backslash_n_in_the_title_says_how_to_break_it(blocks_dir: Path) -> None:
    _report(blocks_dir, TITLE, "title = '上海市应急管理局\\n2024年法治政府建设情况报告'")
    (found,) = validate_folder(blocks_dir)
    assert "原样印出“\\n”" in found.message and 'title = "……\\n……"' in found.message


def test_a_line_break_in_the_opening_is_reported(blocks_dir: Path) -> None:
    old = 'opening = "市应急局全面梳理总结2024年法治政府建设工作，现将有关情况报告如下。"'
    new = 'opening = """市应急局全面梳理总结2024年法治政府建设工作，\n现将有关情况报告如下。"""'
    found = _report(blocks_dir, old, new)
    assert [(name, code, pointer, line) for name, code, pointer, line, _ in found] == [
        ("report.toml", "X005", "/body/opening", 14)
    ]
    (finding,) = validate_folder(blocks_dir)
    assert finding.message.startswith("开头语中有换行") and "开头语是一段文字" in finding.message


def test_a_misplaced_first_paragraph_names_the_key_meant(blocks_dir: Path) -> None:
    cases = {
        '[[parts]]\ntitle = "规范执法"\nlead = "全年检查。"\n': (
            "分项中的第一段写作 text（正文）：请把 lead 改为 text"
        ),
        '[[parts]]\ntitle = "规范执法"\nstandalone = true\n\n[[parts.items]]\ntitle = "检查"\n'
        'lead = "全年检查。"\n': "条目中的第一段写作 text",
        '[[parts]]\ntitle = "规范执法"\ntext = "全年。"\nlead = "检查。"\n': "本分项已有 text",
        'text = "全年检查。"\n': "本部分的第一段（标题后的引语）写作 lead",
        'lead = "全年。"\ntext = "全年检查。"\n': "本部分已有 lead",
    }
    for body, says in cases.items():
        (found,) = validate_folder_with(blocks_dir, body)
        assert found.code == "S003" and says in found.message, (body, found.message)
        if body.startswith("[[parts]]"):  # in case the section's own lead was meant
            assert "请把它移到文件开头、第一个表头之前" in found.message


@pytest.mark.parametrize(
    ("body", "says"),
    [
        (
            '[[parts]]\ntitle = "规范执法"\nstandalone = "true"\nparagraphs = ["全年检查。"]\n',
            "“单独成段”应为 true 或 false，这里是文字“true”：请去掉引号，写作 standalone = true",
        ),
        (
            '[[parts]]\ntitle = "规范执法"\nstandalone = "是"\nparagraphs = ["全年检查。"]\n',
            "“单独成段”应为 true 或 false，这里是文字",
        ),
        (
            'lead = "检查{checks}家次。"\n\n[metrics.checks]\n'
            'value = "3"\nunit = "家次"\nlabel = "检查"\n',
            "指标 checks（检查）：“数值”应为数字，这里是文字“3”：请去掉引号，写作 value = 3",
        ),
    ],
)
def test_a_quoted_boolean_or_number_is_told_to_lose_its_quotes(
    blocks_dir: Path, body: str, says: str
) -> None:
    (found,) = validate_folder_with(blocks_dir, body)
    assert found.code == "S002" and found.message.startswith(says), found.message


ITEM_STYLE = [
    # a number typed in a numbered paragraph: the example in the report's own style
    (
        '[[parts]]\ntitle = "规范执法"\nstandalone = true\n'
        '\n[[parts.items]]\ntext = "1、全年检查。"\n',
        "F005",
        "条目前由程序按顺序自动加“1、”“2、”……，导出后编号会重复（如“1、1、……”）；请删除“1、”",
    ),
    (
        '[[parts]]\ntitle = "规范执法"\nstandalone = true\n'
        '\n[[parts.items]]\ntext = "（1）全年检查。"\n',
        "F006",
        "条目前由程序按顺序自动加“1、”“2、”……，导出后会多出一个编号（如“1、（1）……”）",
    ),
    ('lead = "（一）全年检查。"\n', "F006", "条目“1、”，细目“（1）”"),
    # the typed number is quoted as written, whatever the style
    (
        '[[parts]]\ntitle = "规范执法"\nstandalone = true\n'
        '\n[[parts.items]]\ntitle = "1.执法检查"\n'
        'text = "全年检查。"\n',
        "F005",
        "条目标题开头的“1.”是手写的编号：条目前由程序按顺序自动加“1、”“2、”……",
    ),
]


@pytest.mark.parametrize(("body", "code", "says"), ITEM_STYLE)
def test_typed_numbering_messages_show_the_report_s_item_style(
    blocks_dir: Path, body: str, code: str, says: str
) -> None:
    _report(blocks_dir, 'item_style = "1."', 'item_style = "1、"')
    found = [d for d in validate_folder_with(blocks_dir, body) if d.code != "F008"]
    assert [d.code for d in found] == [code]
    assert says in found[0].message, found[0].message
    _report(blocks_dir, 'item_style = "1、"', 'item_style = "1."')
    (standard,) = validate_folder_with(blocks_dir, body)
    assert "“1、”“2、”" not in standard.message and "条目“1、”" not in standard.message


def test_an_empty_unit_says_what_a_unit_is(blocks_dir: Path) -> None:
    body = 'lead = "检查{checks}家次。"\n\n[metrics.checks]\nvalue = 3\nunit = ""\nlabel = "检查"\n'
    (found,) = validate_folder_with(blocks_dir, body)
    assert found.code == "S005" and found.severity == "error"
    assert found.message == "指标 checks（检查）：“单位”是空的：请填写内容（如件、家次、万元、%）"
