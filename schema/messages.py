"""Chinese messages and stable codes for what plain JSON Schema finds.

jsonschema's own messages are English and name Python reprs; a clerk needs
the field's Chinese title (taken from the schema), what is wrong, and what
to write instead. A schema node may pin a code to one of its keywords with
``tuiCodes`` (the 发文字号 pattern is F001, an empty title S005).
"""

from __future__ import annotations

import re
from typing import Any

from jsonschema.exceptions import ValidationError

_DEFAULT_CODES = {
    "required": "S001",
    "type": "S002",
    "additionalProperties": "S003",
    "enum": "S004",
    "const": "S004",
    "minItems": "S005",
    "minLength": "S005",
    "pattern": "S006",
    "format": "S006",
    "minimum": "S007",
    "maximum": "S007",
    "maxLength": "S007",
    "exclusiveMinimum": "S007",
    "exclusiveMaximum": "S007",
}
_TYPES = {
    "string": "文字（加引号）",
    "integer": "整数",
    "number": "数字",
    "array": "数组 [...]",
    "object": "表",
    "boolean": "true 或 false",
}
VISIBLE = "[^\\s\\u200b-\\u200d\\u2060\\ufeff]"
"""The schemas' pattern for “not empty”: some character that shows (a zero-width space does not)."""

_DOC_NUMBER_HINT = "应写作“机关代字〔年份〕序号号”，如“宝应急〔2024〕2号”"


def code_for(error: ValidationError) -> str:
    """The stable code of a plain JSON Schema finding."""
    schema = error.schema if isinstance(error.schema, dict) else {}
    pinned = schema.get("tuiCodes", {}).get(error.validator)
    if pinned:
        return str(pinned)
    if error.validator == "pattern" and error.validator_value == VISIBLE:
        return "S005"
    return _DEFAULT_CODES.get(str(error.validator), "S008")


def _title(schema: Any, fallback: str) -> str:
    return schema.get("title", fallback) if isinstance(schema, dict) else fallback


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return f"数字 {value}"
    if isinstance(value, float) or type(value).__name__ == "Decimal":
        return f"小数 {value}"
    if isinstance(value, str):
        return "文字"
    if isinstance(value, list):
        return "数组"
    if isinstance(value, dict):
        return "表"
    return "其他类型"


def _unquote(error: ValidationError, types: list[Any]) -> str:
    """For a boolean or a number written in quotes: to remove them, as the line should read."""
    value = error.instance
    if not isinstance(value, str):
        return ""
    path = list(error.absolute_path)
    key = path[-1] if path and isinstance(path[-1], str) else None
    written = value.strip()
    number = r"[+-]?[0-9]+(?:\.[0-9]+)?" if "number" in types else r"[+-]?[0-9]+"
    if "boolean" in types and written.lower() in ("true", "false"):
        word = written.lower()
    elif ("integer" in types or "number" in types) and re.fullmatch(number, written):
        word = written
    else:
        return ""
    line = f"{key} = {word}" if key else word
    return f"“{value}”：请去掉引号，写作 {line}"


def explain_doc_number(value: str) -> str:
    """What exactly is wrong with a 发文字号, in the clerk's terms."""
    if re.search("[０-９]", value):
        return f"年份和序号须用半角数字（2024、2），不用全角（２０２４）；{_DOC_NUMBER_HINT}"
    if re.search(r"[\[\]()（）【】]", value):
        return f"年份须用六角括号〔〕，不用方括号或圆括号；{_DOC_NUMBER_HINT}"
    if "第" in value:
        return f"序号前不加“第”；{_DOC_NUMBER_HINT}"
    if re.search(r"〕0", value):
        return f"序号不编虚位（写 2号，不写 02号）；{_DOC_NUMBER_HINT}"
    if not value.endswith("号"):
        return f"须以“号”结尾；{_DOC_NUMBER_HINT}"
    if not re.search(r"〔[12][0-9]{3}〕", value):
        return f"年份须写全四位；{_DOC_NUMBER_HINT}"
    return _DOC_NUMBER_HINT


_NO_SERIAL = re.compile(r"[^\s〔〕]+〔[12][0-9]{3}〕号")


def serial_missing(value: object) -> str | None:
    """The message for a 发文字号 whose serial number is still to be typed, else ``None``.

    ``tui new --from`` writes “宝应急〔2025〕号”: last year's 机关代字 and this
    year, the number left for the clerk (the finding points where it goes).
    """
    if not isinstance(value, str) or not _NO_SERIAL.fullmatch(value):
        return None
    return (
        f"发文字号“{value}”还没有序号：请在“〕”和“号”之间写上今年的序号"
        f"（不编虚位，如“{value[:-1]}2号”）"
    )


def doc_number_offence(value: str) -> int | None:
    """Where in a 发文字号 the slip :func:`explain_doc_number` names stands (None: no one place).

    The editor puts the cursor there, and ``tui validate`` reports its column.
    """
    for pattern in (r"[０-９]", r"[\[\]()（）【】]", r"第", r"(?<=〕)0"):
        match = re.search(pattern, value)
        if match:
            return match.start()
    return None


def missing_key(error: ValidationError) -> str:
    """The key a ``required`` finding is about (jsonschema reports one per missing key)."""
    match = re.fullmatch(r"'(.*)' is a required property", error.message)
    if match:
        return match.group(1)
    missing = [k for k in error.validator_value if k not in (error.instance or {})]
    return str(missing[0]) if missing else "?"


def message_for(error: ValidationError, code: str) -> str:
    """A Chinese message for a plain JSON Schema finding."""
    schema = error.schema if isinstance(error.schema, dict) else {}
    title = _title(schema, "该项")
    kind = error.validator
    value = error.instance
    if kind == "required":
        name = missing_key(error)
        label = _title(schema.get("properties", {}).get(name), name)
        return f"缺少“{label}”（{name}）：请填写"
    if code == "S005":
        path = list(error.absolute_path)
        which = f"第 {path[-1] + 1} 条" if path and isinstance(path[-1], int) else ""
        examples = schema.get("examples")
        like = f"（如{'、'.join(examples)}）" if isinstance(examples, list) and examples else ""
        return f"{which}“{title}”是空的：请填写内容{like}"
    if code == "F001" and isinstance(value, str):
        return f"发文字号“{value}”格式不对：{explain_doc_number(value)}"
    if kind == "type":
        expected = error.validator_value
        types = expected if isinstance(expected, list) else [expected]
        wanted = "或".join(_TYPES.get(str(t), str(t)) for t in types)
        gap = " " if wanted[:1].isascii() else ""  # “应为 true 或 false”, “应为整数”
        return f"“{title}”应为{gap}{wanted}，这里是{_type_name(value)}{_unquote(error, types)}"
    if kind == "enum":
        titles = schema.get("tuiEnumTitles", {})
        options = "、".join(
            f"{v}（{titles[v]}）" if v in titles else str(v) for v in error.validator_value
        )
        import difflib  # a clean report never gets here

        close = difflib.get_close_matches(str(value), [str(v) for v in error.validator_value], n=1)
        hint = f"，是否应为“{close[0]}”" if close else ""
        return f"“{title}”不能是“{value}”{hint}；可选：{options}"
    if kind in ("minimum", "exclusiveMinimum"):
        return f"“{title}”不能小于 {error.validator_value}，这里是 {value}"
    if kind == "maxLength" and isinstance(value, str):
        return f"“{title}”太长：最多 {error.validator_value} 个字，这里有 {len(value)} 个"
    if kind in ("maximum", "exclusiveMaximum"):
        return f"“{title}”不能大于 {error.validator_value}，这里是 {value}"
    if kind == "pattern":
        if "propertyNames" in error.schema_path:
            return f"指标名“{value}”不合规：须以英文字母或下划线开头，只含英文字母、数字和下划线"
        examples = schema.get("examples")
        like = f"；应写成如“{examples[0]}”" if isinstance(examples, list) and examples else ""
        return f"“{title}”的格式不对：“{value}”{like}"
    if kind == "anyOf" and code == "M003":
        return (
            "本部分没有内容：请至少写引语（lead）、要点（points）、段落（paragraphs）"
            "或分项（[[parts]]）之一"
        )
    if kind == "anyOf" and code in ("M004", "M005"):
        return _empty_block(code, value, list(error.absolute_path))
    return f"“{title}”不符合要求"


def _block_level(path: list[Any]) -> int:
    """The level of the block at ``path`` (2 for a part), from the last block key in it."""
    from records.body import LEVEL_KEYS

    keys = [k for k in path if isinstance(k, str) and k in LEVEL_KEYS]
    return LEVEL_KEYS[keys[-1]] if keys else 2


_BELOW = {
    2: "正文（text）、段落（paragraphs）或条目（[[parts.items]]）",
    3: "正文（text）、段落（paragraphs）或细目（subitems）",
}
"""What may stand under a standalone heading of each level (level 4: text or paragraphs)."""


def _empty_block(code: str, value: Any, path: list[Any]) -> str:
    """What a block that says nothing lacks: M004 (run-in or numbered), M005 (standalone)."""
    from records.body import LEVEL_NAMES

    level = _block_level(path)
    name = LEVEL_NAMES[level]
    block = value if isinstance(value, dict) else {}
    title = block.get("title")
    named = f"“{title.strip()}”" if isinstance(title, str) and title.strip() else ""
    if code == "M005":
        below = _BELOW.get(level, "正文（text）或段落（paragraphs）")
        return (
            f"{name}标题{named}单独成段（standalone = true），其下却什么也没有："
            f"请在其下写{below}，或删去这个{name}"
        )
    if level > 2 and not isinstance(title, str):
        number = "1." if level == 3 else "（1）"
        return (
            f"{name}是空的编号段落：导出后“{number}”之后什么也没有；"
            f"请写正文（text），或写标题（title）作为“{number}”级标题"
        )
    if level == 2 and not title:
        return "分项是空的：请写标题（title），以及正文（text）或要点（points）"
    if any(key in block for key in ("paragraphs", "items", "subitems")):
        return (
            f"{name}标题{named}是段首标题（与正文连成一段、标题后加“。”），其后却没有正文："
            f"请写正文（text）；如果标题应单独成段、其下是段落或下一级，请写 standalone = true"
        )
    return (
        f"{name}只有标题：请写正文（text）或要点（points）；"
        "标题单独成段时写 standalone = true，并在其下写段落"
    )


def _top_level_keys() -> set[str]:
    """The keys written before any table header, in report.toml or in a section file."""
    from schema.loading import load_schema

    return {k for name in ("report", "section") for k in load_schema(name)["properties"]}


def _table_header(path: list[Any]) -> str:
    """The header a clerk wrote for the table at ``path`` inside a report (``[footer]``)."""
    keys = path[2:] if path[:1] == ["sections"] else path[1:]  # drop the file's place
    if not keys:
        return ""
    if isinstance(keys[-1], int):
        return f"[[{'.'.join(str(k) for k in keys[:-1])}]]"
    return f"[{'.'.join(str(k) for k in keys if not isinstance(k, int))}]"


def _block_name(path: list[Any]) -> str | None:
    """“分项”, “条目” or “细目” when ``path`` is a block's table in a section file, else None."""
    from records.body import LEVEL_KEYS, LEVEL_NAMES

    if len(path) >= 4 and path[0] == "sections" and isinstance(path[-1], int):
        level = LEVEL_KEYS.get(path[-2]) if isinstance(path[-2], str) else None
        return LEVEL_NAMES[level] if level else None
    return None


def _is_section(path: list[Any]) -> bool:
    return len(path) == 2 and path[0] == "sections"


_FIRST_PARAGRAPH = {"lead": "text", "text": "lead"}
"""A section's first paragraph is ``lead``, a block's ``text``: the one written for the other."""


def meant_key(key: str, known: list[str], path: list[Any], cutoff: float = 0.5) -> str | None:
    """The known key an unknown ``key`` of the table at ``path`` most likely stands for.

    ``cutoff`` is how alike a misspelt key must be (difflib's ratio): 0.5 to
    suggest it, more to be sure of it.
    """
    swapped = _FIRST_PARAGRAPH.get(key)
    if swapped in known and (_block_name(path) if key == "lead" else _is_section(path)):
        return swapped
    import difflib  # a clean report never gets here

    close = difflib.get_close_matches(key, known, n=1, cutoff=cutoff)
    return close[0] if close else None


def _block_keys(level: int) -> dict[str, Any]:
    """The keys a block of ``level`` may hold (a ``then`` branch of its schema lists none)."""
    from schema.loading import load_schema

    name = {2: "part", 3: "item", 4: "subitem"}[level]
    return dict(load_schema("section")["$defs"][name]["properties"])


_CONTENT_KEYS = frozenset({"lead", "text", "points", "paragraphs"})
"""Keys whose misnaming leaves a block looking empty; a misnamed level (``[[parts.items.items]]``)
is its own finding, and what stands under the block is then not known."""


def follows_from_unknown_key(error: ValidationError) -> bool:
    """Whether an empty-block finding (M003–M005) only follows from an unknown or mistyped key.

    ``lead`` in a ``[[parts]]`` is the block's ``text`` misnamed (S003),
    ``standalone = "true"`` a quoted ``true`` (S002): the block is not empty,
    and saying so again would be a second finding for one mistake.
    """
    block = error.instance
    schema = error.schema if isinstance(error.schema, dict) else {}
    if error.validator != "anyOf" or not isinstance(block, dict):
        return False
    standalone = block.get("standalone")
    if standalone is not None and not isinstance(standalone, bool):
        return True
    wanted = {k for branch in error.validator_value for k in branch.get("required", ())}
    path = list(error.absolute_path)
    known = list(schema.get("properties") or _block_keys(_block_level(path)))
    meant = {meant_key(key, known, path, cutoff=0.7) for key in block if key not in known}
    return bool(meant & wanted & _CONTENT_KEYS)


def _lead_in_a_block(block: str, has_text: bool) -> str:
    """``lead`` written in a ``[[parts]]``: the block's first paragraph is its ``text``."""
    if has_text:
        fix = f"本{block}已有 text：请把这段并入 text，或写在 paragraphs 中"
    else:
        fix = "请把 lead 改为 text"
    return (
        f"“lead”（引语）是本部分开头的第一段，{block}中的第一段写作 text（正文）：{fix}；"
        "如果这是本部分的引语，请把它移到文件开头、第一个表头之前"
    )


def _text_in_a_section(has_lead: bool) -> str:
    """``text`` written in a section: a section's first paragraph is its ``lead``."""
    if has_lead:
        fix = "本部分已有 lead：请把这段并入 lead，或写在 paragraphs 中"
    else:
        fix = "请把 text 改为 lead"
    return f"本部分的第一段（标题后的引语）写作 lead，text 是分项、条目、细目中的写法：{fix}"


def unknown_keys(error: ValidationError) -> list[tuple[str, str]]:
    """For an unknown-key finding: each unknown key and the message naming the nearest known one."""
    schema = error.schema if isinstance(error.schema, dict) else {}
    known = list(schema.get("properties", {}))

    found = []
    path = list(error.absolute_path)
    table = _table_header(path)
    block = _block_name(path)
    for key in error.instance if isinstance(error.instance, dict) else ():
        if key in known:
            continue
        meant = meant_key(key, known, path)
        if key == "lead" and block and meant == "text":
            found.append((key, _lead_in_a_block(block, "text" in error.instance)))
            continue
        if key == "text" and meant == "lead":
            found.append((key, _text_in_a_section("lead" in error.instance)))
            continue
        if table and key in _top_level_keys():
            found.append(
                (
                    key,
                    f"“{key}”写在了 {table} 之下：TOML 中写在表头之后的键都属于这个表；"
                    f"请把 {key} 移到文件开头、第一个表头之前",
                )
            )
            continue
        if meant:
            hint = f"，是否应为“{meant}”（{_title(schema['properties'][meant], meant)}）"
        else:
            hint = f"；可用的键：{'、'.join(known)}" if known else ""
        found.append((key, f"未知的键“{key}”{hint}"))
    return found
