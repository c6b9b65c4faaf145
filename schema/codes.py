"""Every diagnostic code tui reports, its severity, and what it means.

Codes are stable: pre-commit output, CI annotations and waivers name them.
A waiver may only name a warning; the table says which codes are warnings.
"""

from __future__ import annotations

from records import Severity

CODES: dict[str, tuple[Severity, str]] = {
    # reading the files (raised by records)
    "R001": ("error", "文件无法读取（不存在、是文件夹、空文件或嵌套过深）"),
    "R002": ("error", "不是报告文件夹：缺少 report.toml"),
    "R003": ("error", "文件不是 UTF-8 编码"),
    "R004": ("error", "TOML 语法错误"),
    # the shape of each file (plain JSON Schema)
    "S001": ("error", "缺少必填项"),
    "S002": ("error", "类型不对（如数字加了引号）"),
    "S003": ("error", "未知的键（提示最接近的已知键）"),
    "S004": ("error", "取值不在允许的范围内（如部分类别 kind）"),
    "S005": ("error", "内容为空"),
    "S006": ("error", "格式不对（如指标名含中文）"),
    "S007": ("error", "数值超出范围（如年度、印数）"),
    "S008": ("error", "其他结构错误"),
    # required parts
    "M001": ("error", "缺少必备部分（measures、shortcomings、leadership、plans 每类至少一个）"),
    "M002": (
        "error",
        "部分重复：shortcomings、leadership、plans、other 出现了两次，或两个部分标题相同",
    ),
    "M003": ("error", "部分没有内容（引语、要点、段落、分项都没有）"),
    "M004": ("error", "分项只有标题，没有正文或要点（条目、细目：空的编号段落）"),
    "M005": ("error", "单独成段的标题之下什么也没有"),
    "M006": ("warning", "跳过了一级（如（1）细目直接写在（一）分项之下）"),
    # formats
    "F001": ("error", "发文字号格式不对（应为 机关代字〔年份〕序号号）"),
    "F002": ("error", "日期不是 TOML 日期（加了引号或写了时间）"),
    "F003": ("warning", "中文中使用了半角标点 , : ; ( )"),
    "F004": ("warning", "主要举措和成效中出现“截至…月”的年中数据"),
    "F005": (
        "error",
        "手写的编号与自动生成的编号重复（如标题写了“一、”、编号段落写了“1.”、要点写了“一是”）",
    ),
    "F006": ("warning", "开头像是手写的编号（如“1.”“（一）”），编号由程序生成"),
    "F007": ("warning", "整数写成了小数（如 year = 2023.0）"),
    "F008": ("warning", "条目编号样式不是国家标准的“1.”（如“1、”）"),
    # years and dates
    "Y001": ("error", "发文字号的年份与成文日期的年份不一致"),
    "Y002": ("error", "部分标题中的年份不对（下一年度安排写次年，其余写报告年度）"),
    "Y003": ("error", "报告标题中的年份不是报告年度"),
    "Y004": ("warning", "报告标题没有写明年度"),
    "Y005": ("error", "印发日期早于成文日期"),
    "Y006": ("warning", "成文日期晚于次年 3 月 31 日（报送和公开期限）"),
    "Y007": ("warning", "成文日期在报告年度 11 月 1 日之前"),
    "Y008": ("warning", "分项、条目或细目标题中的年份不是本部分所讲的年度"),
    # numbers
    "N001": ("error", "计数单位（次、件、家次……）的数值不是整数"),
    "N002": ("error", "计数不能为负"),
    "N003": ("error", "百分比不在 0–100 之间"),
    "N004": ("error", "金额不能为负"),
    "N005": ("error", "数值不是有限数字（inf、nan）"),
    "N006": ("error", "{指标名}后写的单位与指标单位的数量级不同（如万元与元），或百分号重复"),
    "N007": ("warning", "{指标名}后写的单位与指标的单位不同"),
    # relations
    "C001": ("error", "指标之间的关系不成立（合计、比率、部分不超过整体）"),
    "C002": ("error", "关系式无法解析或用了不允许的写法"),
    "C003": ("error", "关系式引用了不存在的指标"),
    "C004": (
        "warning",
        "通常成立、但有合理例外的关系不成立（如法制审核件次少于处罚案件数），可豁免",
    ),
    "C005": ("warning", "关系式中的除数为 0，无法检查（如比率的分母为 0）"),
    # references
    "P001": ("error", "{指标名} 没有对应的指标"),
    "P002": ("error", "花括号写法不对（如 {0}、缺少 }）"),
    "P003": ("error", "同一指标名定义了两次"),
    # characters (the same code as the DOCX exporter's, which drops them)
    "X003": ("error", "文字中有看不见的控制字符（如 U+0007），DOCX 无法写入"),
    "X004": ("warning", "文字中有看不见的格式字符（如零宽空格 U+200B），会随导出保留"),
    # line breaks in prose (the report's title breaks where the clerk wrote \n)
    "X005": ("warning", "段落或标题中有换行（报告标题除外），导出时会在此断开"),
    "X006": ("warning", "文字中写了反斜杠和 n（“\\n”），导出时原样印出，不会换行"),
    # last year's report (``previous`` in report.toml): what ``tui compare`` finds
    "U001": ("warning", "金额与去年相差约一万倍（元与万元混用？）"),
    "U002": ("warning", "数值与去年相差 100 倍以上"),
    "U003": ("warning", "单位与去年不同，已换算后比较"),
    "U004": ("warning", "单位与去年不同，无法比较"),
    "U005": ("warning", "previous 指向的上一年度报告无法读取，没有与去年比较"),
    # waivers
    "V001": ("error", "豁免了错误（只有警告可以豁免）"),
    "V002": ("warning", "豁免没有对应的警告（可删除）"),
    "V003": ("error", "豁免的代码不存在"),
}

YEAR_ON_YEAR_CODES = ("U001", "U002", "U003", "U004", "U005")
"""The findings of a comparison with last year's report (:mod:`schema.compare`)."""

MISSING_CONTENT_CODES = frozenset({"S001", "S005", "M001", "M003", "M004", "M005"})
"""The codes that only say something is not written yet (a fresh skeleton has only these)."""


def is_warning(code: str) -> bool:
    """Whether ``code`` is a warning, so that a waiver may accept it."""
    return CODES.get(code, ("error", ""))[0] == "warning"
