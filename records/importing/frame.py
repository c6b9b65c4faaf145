"""The frame around the body: web chrome, 版头, title, 主送 at the top; 署名, 日期, 版记 at the end.

:func:`split_frame` takes the source's paragraphs, fills the frame's fields
of an :class:`ImportedReport`, and returns the paragraphs left between: the
opening and the body.
"""

from __future__ import annotations

import re

from records.importing.model import ImportedReport, Note, SourceParagraph
from records.importing.words import find_date, parse_date

_CHROME_KEYS = (
    "索引号",
    "发布机构",
    "发文机构",
    "发文机关",
    "发布日期",
    "发文日期",
    "生成日期",
    "成文日期",
    "主题分类",
    "组配分类",
    "体裁分类",
    "服务对象",
    "信息来源",
    "来源",
    "公开方式",
    "公开范围",
    "公开时限",
    "文号",
    "有效性",
    "失效日期",
    "发布时间",
    "浏览次数",
    "点击数",
    "访问量",
    "阅读量",
    "字号",
    "分享到",
    "责任编辑",
    "作者",
    "信息名称",
    "标题",
    "名称",
    "主题词",
    "发布于",
    "文章来源",
    "更新时间",
    "时间",
    "日期",
    "浏览量",
    "信息发布人",
    "发布单位",
    "内容分类",
    "今天是",
    "上一篇",
    "下一篇",
    "相关链接",
    "相关文章",
    "相关阅读",
)
_CHROME = re.compile(
    r"^(?:(?:" + "|".join(_CHROME_KEYS) + r")\s*[：:]?(?:\s|$|[：:]).*"
    r"|【.*】.*|[【\[]?(?:打印|关闭|收藏|返回顶部)[】\]]?.*"
    r"|(?:您)?(?:当前|现在|所在)(?:的)?位置\s*[：:].*|首页\s*[>＞].*|扫一扫.*"
    r"|字体[：:]?\s*[大中小].*|\[\s*\S{2,6}\s*\].*)$"
)
_CHROME_PARTS = re.compile(r"\||\d{4}[-/]\d{1,2}[-/]\d{1,2}")
"""A page's menu (``简体 | 繁体``) or a date written as a computer does (2024-03-28)."""
_TITLE_END = re.compile(r"(?:报告|总结|情况)$")
_CHROME_KEY_ALONE = re.compile(r"^(?:" + "|".join(_CHROME_KEYS) + r")\s*[：:]?$")
_ISSUER_MARK = re.compile(r"^\S{2,30}文件$")
_DOC_NUMBER = re.compile(r"^(?P<number>[^\s：:]{1,20}?[〔\[［(（]\d{4}[〕\]］)）]\s*\d+\s*号)")
_SIGNER = re.compile(r"签发人\s*[：:]\s*(?P<signer>\S.*)$")
_SENTENCE = re.compile(r"[。；;！!？?]")
_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．])"
)
_RULE = re.compile(r"^[─—\-_=━–]{3,}$")
_CC = re.compile(r"^抄\s*送\s*[：:]\s*(?P<cc>.*?)[。.]?$")
_PRINTED = re.compile(r"^(?P<printer>.*?)\s*(?P<date>\S+日)\s*印\s*发$")
_COPIES = re.compile(r"^[（(]?\s*共印\s*(?P<n>\d+)\s*份\s*[）)]?$")
_NOT_RECIPIENTS = re.compile(r"如下|现将|现就|报告|汇报|总结")
_RECIPIENT_SPLIT = re.compile(r"[、，,]")
_AFTER_DATE = re.compile(
    r"^(?:附\s*件|附\s*表|附\s*[：:]).*"
    r"|^[（(]\s*(?:此件|本件|联系人|联系电话|本文)[^）)]*[）)]$"
)
"""Lines a web page or a clerk sets after the 成文日期: 附件：…, （此件公开发布）, （联系人：…）."""


def is_chrome(text: str) -> bool:
    """A line of a web page around the report (索引号：…, 【打印】) rather than of the report.

    Besides the known keys and marks, a short line without a sentence that
    holds a ``|`` or a date written 2024-03-28 (a report writes 2024年3月28日).
    """
    if _CHROME.match(text):
        return True
    return len(text) <= 100 and not _SENTENCE.search(text) and bool(_CHROME_PARTS.search(text))


def _title_like(text: str) -> bool:
    return (
        len(text) <= 45
        and not _SENTENCE.search(text)
        and not text.endswith(("：", ":", "，", ","))
        and not _HEADING.match(text)
    )


def _recipients_like(text: str) -> bool:
    """The 主送 line: names of organs and a colon (not 现将……报告如下：)."""
    return (
        text.endswith(("：", ":"))
        and not _NOT_RECIPIENTS.search(text)
        and len(text) <= 60
        and not _SENTENCE.search(text[:-1])
        and "，" not in text
        and not _HEADING.match(text)
    )


def _top(report: ImportedReport, paras: list[SourceParagraph]) -> int:
    """Read the top of the source into ``report``; the index of the first paragraph left.

    A web copy often shows the title twice (the page's heading, then the
    document's own, perhaps over two lines) with chrome around and between
    them: the title is the last line ending it (…报告) before the body starts,
    with the title lines just above it; everything before is chrome, but for
    the 版头 (发文机关标志, 发文字号, 签发人).
    """
    body = _body_start(paras)
    end = next(
        (k for k in range(body - 1, -1, -1) if _title_end(paras[k].text)),
        None,
    )
    if end is None:
        return _top_lines(report, paras, 0, [])
    start = end
    while (
        start > 0
        and end - start < 3
        and paras[start].number - paras[start - 1].number <= 2
        and _title_line(paras[start - 1].text)
    ):
        start -= 1
    for para in paras[:start]:
        if not _header_line(report, para):
            report.skipped.append(Note(para.number, para.text))
    return _top_lines(report, paras, end + 1, [p.text for p in paras[start : end + 1]])


def _body_start(paras: list[SourceParagraph]) -> int:
    """The first paragraph of the opening or the body: a 一、 heading, or a sentence."""
    for k, para in enumerate(paras):
        text = para.text
        if is_chrome(text) or _recipients_like(text):
            continue
        if _HEADING.match(text) or _SENTENCE.search(text) or text.endswith(("：", ":")):
            return k
    return len(paras)


def _title_end(text: str) -> bool:
    """The last line of a title: …报告, …总结 or …情况, and no sentence."""
    return (
        len(text) <= 60
        and _TITLE_END.search(text) is not None
        and not _SENTENCE.search(text)
        and not _HEADING.match(text)
        and not is_chrome(text)
    )


def _title_line(text: str) -> bool:
    """A line that may open a title broken over lines (an organ's name, 关于…)."""
    return (
        _title_like(text)
        and not _title_end(text)
        and not is_chrome(text)
        and not _ISSUER_MARK.match(text)
        and not _DOC_NUMBER.match(text)
        and not _SIGNER.search(text)
    )


def _header_line(report: ImportedReport, para: SourceParagraph, issuer: bool = True) -> bool:
    """Read a 版头 line (发文机关标志, or 发文字号 and 签发人) into ``report``; whether it was one.

    ``issuer``: the line may be the 发文机关标志 (above the title, not under it).
    """
    text = para.text
    if issuer and not report.issuer_mark and not report.doc_number and _ISSUER_MARK.match(text):
        report.issuer_mark = text
        return True
    number = _DOC_NUMBER.match(text)
    signer = _SIGNER.search(text)
    if not (number or (signer and signer.start() == 0)) or report.doc_number:
        return False
    if number:
        report.doc_number = re.sub(r"\s+", "", number.group("number"))
    if signer:
        report.signer = signer.group("signer").strip()
    rest = text[number.end() if number else 0 : signer.start() if signer else len(text)]
    if rest.strip(" \u3000\t"):
        report.review.append(Note(para.number, text, "发文字号一行中还有别的文字，未导入"))
    return True


def _top_lines(
    report: ImportedReport, paras: list[SourceParagraph], i: int, title: list[str]
) -> int:
    """Read from ``paras[i]`` on: 版头 lines, chrome, title lines (unless found), the 主送."""
    title_done = bool(title)
    while i < len(paras):
        text = paras[i].text
        if _CHROME_KEY_ALONE.match(text):
            # a table copied cell by cell: the key, then its value on the next line
            report.skipped.append(Note(paras[i].number, text))
            if i + 1 < len(paras) and not _title_like_report(paras[i + 1].text):
                report.skipped.append(Note(paras[i + 1].number, paras[i + 1].text))
                i += 1
            i += 1
            continue
        if is_chrome(text):
            report.skipped.append(Note(paras[i].number, text))
            i += 1
            continue
        if _header_line(report, paras[i], issuer=not title):
            i += 1  # before the title, or (a web copy) the 发文字号 under it
            continue
        if _recipients_like(text):
            names = [n.strip() for n in _RECIPIENT_SPLIT.split(text[:-1]) if n.strip()]
            report.recipients = names
            i += 1
            break
        if _title_like(text) and not title_done:
            title.append(text)
            i += 1
            title_done = len(title) == 4 or text.endswith(("报告", "情况", "总结"))
            continue
        break
    report.title = "\n".join(title)
    return i


def _title_like_report(text: str) -> bool:
    return "报告" in text and _title_like(text)


def _bottom(report: ImportedReport, paras: list[SourceParagraph], start: int) -> int:
    """Read the end of the source into ``report``; the index after the last body paragraph."""
    end = len(paras)
    while end > start and is_chrome(paras[end - 1].text):
        report.skipped.append(Note(paras[end - 1].number, paras[end - 1].text))
        end -= 1
    # the 版记, between rules
    j = end
    imprint = False
    while j > start:
        text = paras[j - 1].text
        cc, printed, copies = _CC.match(text), _PRINTED.match(text), _COPIES.match(text)
        if _RULE.match(text):
            pass
        elif cc:
            report.cc = [n.strip() for n in _RECIPIENT_SPLIT.split(cc.group("cc")) if n.strip()]
        elif printed and parse_date(printed.group("date")):
            report.printer = printed.group("printer").strip(" \u3000")
            report.print_date = parse_date(printed.group("date"))
        elif copies:
            report.copies = int(copies.group("n"))
        else:
            break
        imprint = True
        j -= 1
    if imprint:
        end = j
    # 附件：… and the like after the date: kept, after the body, once the date is found
    after = end
    while after > start and (
        _AFTER_DATE.match(paras[after - 1].text) or is_chrome(paras[after - 1].text)
    ):
        after -= 1
    if after < end and after > start and _dated(paras[after - 1].text):
        for para in paras[after:end]:
            if is_chrome(para.text):
                report.skipped.append(Note(para.number, para.text))
            else:
                report.after_date.append(para)
                reason = "在成文日期之后，按最后一部分的段落导入（导出时印在署名之前）"
                if para.text.startswith("附"):
                    reason = "附件说明" + reason + "；附件本身请另行处理"
                report.review.append(Note(para.number, para.text, reason))
        end = after
    # 成文日期, and the 署名 above it
    if end > start and parse_date(paras[end - 1].text):
        report.date = parse_date(paras[end - 1].text)
        end -= 1
        text = paras[end - 1].text if end > start else ""
        if text and len(text) <= 40 and not _SENTENCE.search(text) and not _HEADING.match(text):
            report.signature = text
            end -= 1
    elif end > start:
        # 署名 and 日期 on one line, as some web pages set them
        text = paras[end - 1].text
        date, at, stop = find_date(text)
        if date and stop == len(text) and at > 0 and len(text) <= 50:
            name = text[:at].strip(" \u3000")
            if name and not _SENTENCE.search(name) and not _HEADING.match(name):
                report.signature, report.date = name, date
                end -= 1
    return end


def _dated(text: str) -> bool:
    """A 成文日期 line, or 署名 and 日期 on one line."""
    if parse_date(text):
        return True
    date, at, stop = find_date(text)
    return bool(date) and stop == len(text) and at > 0 and len(text) <= 50


_PAGE_FIELD = re.compile(
    r"[\[【]?\s*(?P<key>成文日期|发文字号|文号)\s*[\]】]?\s*[：:]?\s*(?P<value>\S*)"
)
"""A field of a page's index table (政府信息公开): ``[ 成文日期 ] 2021-11-15``, ``文号：…``."""


def _page_fields(report: ImportedReport) -> None:
    """The 成文日期 and 发文字号 of the page's index table, where the document has none.

    A web copy often lacks the date under the 署名 (or is cut before it), while
    the page's own table states it; the clerk is asked to check.
    """
    notes = report.skipped
    for k, note in enumerate(notes):
        for match in _PAGE_FIELD.finditer(note.text):
            value = match.group("value")
            if not value and k + 1 < len(notes) and notes[k + 1].number == note.number + 1:
                value = notes[k + 1].text  # a table copied cell by cell
            key = match.group("key")
            if key == "成文日期" and report.date is None and parse_date(value):
                report.date = parse_date(value)
                reason = "原文末尾没有成文日期，取自网页信息栏的“成文日期”，请核对"
                report.review.append(Note(note.number, note.text, reason))
            elif key != "成文日期" and not report.doc_number:
                number = _DOC_NUMBER.match(value)
                if number:
                    report.doc_number = re.sub(r"\s+", "", number.group("number"))
                    reason = f"原文没有发文字号，取自网页信息栏的“{key}”，请核对"
                    report.review.append(Note(note.number, note.text, reason))


def split_frame(report: ImportedReport, paras: list[SourceParagraph]) -> list[SourceParagraph]:
    """Fill the frame of ``report`` from ``paras``; the paragraphs of the opening and body.

    Lines after the 成文日期 (附件：…) end the body, since a report has no
    place for them there; they are listed for review.
    """
    start = _top(report, paras)
    end = _bottom(report, paras, start)
    report.skipped.sort(key=lambda note: note.number)
    _page_fields(report)
    return paras[start:end] + report.after_date
