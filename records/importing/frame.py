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
)
_CHROME = re.compile(
    r"^(?:(?:" + "|".join(_CHROME_KEYS) + r")\s*[：:]?(?:\s|$|[：:]).*"
    r"|【.*】.*|[【\[]?(?:打印|关闭|收藏|返回顶部)[】\]]?.*"
    r"|当前位置[：:].*|首页\s*[>＞].*|扫一扫.*|字体[：:]?\s*[大中小].*)$"
)
_CHROME_KEY_ALONE = re.compile(r"^(?:" + "|".join(_CHROME_KEYS) + r")\s*[：:]?$")
_ISSUER_MARK = re.compile(r"^\S{2,30}文件$")
_DOC_NUMBER = re.compile(r"^(?P<number>\S{1,20}?[〔\[［(（]\d{4}[〕\]］)）]\s*\d+\s*号)")
_SIGNER = re.compile(r"签发人\s*[：:]\s*(?P<signer>\S.*)$")
_SENTENCE = re.compile(r"[。；;！!？?]")
_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．])"
)
_RULE = re.compile(r"^[─—\-_=━–]{3,}$")
_CC = re.compile(r"^抄\s*送\s*[：:]\s*(?P<cc>.*?)[。.]?$")
_PRINTED = re.compile(r"^(?P<printer>.*?)\s*(?P<date>\S+日)\s*印\s*发$")
_COPIES = re.compile(r"^[（(]?\s*共印\s*(?P<n>\d+)\s*份\s*[）)]?$")
_RECIPIENT_SPLIT = re.compile(r"[、，,]")
_AFTER_DATE = re.compile(
    r"^(?:附\s*件|附\s*表|附\s*[：:]).*"
    r"|^[（(]\s*(?:此件|本件|联系人|联系电话|本文)[^）)]*[）)]$"
)
"""Lines a web page or a clerk sets after the 成文日期: 附件：…, （此件公开发布）, （联系人：…）."""


def is_chrome(text: str) -> bool:
    """A line of a web page around the report (索引号：…, 【打印】) rather than of the report."""
    return bool(_CHROME.match(text))


def _title_like(text: str) -> bool:
    return (
        len(text) <= 45
        and not _SENTENCE.search(text)
        and not text.endswith(("：", ":", "，", ","))
        and not _HEADING.match(text)
    )


def _recipients_like(text: str) -> bool:
    return (
        text.endswith(("：", ":"))
        and len(text) <= 60
        and not _SENTENCE.search(text[:-1])
        and "，" not in text
        and not _HEADING.match(text)
    )


def _top(report: ImportedReport, paras: list[SourceParagraph]) -> int:
    """Read the top of the source into ``report``; the index of the first paragraph left."""
    i = 0
    title: list[str] = []
    title_done = False
    while i < len(paras):
        text = paras[i].text
        if not title and _CHROME_KEY_ALONE.match(text):
            # a table copied cell by cell: the key, then its value on the next line
            report.skipped.append(Note(paras[i].number, text))
            if i + 1 < len(paras) and not _title_like_report(paras[i + 1].text):
                report.skipped.append(Note(paras[i + 1].number, paras[i + 1].text))
                i += 1
            i += 1
            continue
        if not title and is_chrome(text):
            report.skipped.append(Note(paras[i].number, text))
            i += 1
            continue
        if not title and not report.issuer_mark and _ISSUER_MARK.match(text):
            report.issuer_mark = text
            i += 1
            continue
        number = _DOC_NUMBER.match(text)
        signer = _SIGNER.search(text)
        if (number or (signer and signer.start() == 0)) and not report.doc_number:
            if number:
                report.doc_number = re.sub(r"\s+", "", number.group("number"))
            if signer:
                report.signer = signer.group("signer").strip()
            rest = text[number.end() if number else 0 : signer.start() if signer else len(text)]
            if rest.strip(" \u3000\t"):
                report.review.append(
                    Note(paras[i].number, text, "发文字号一行中还有别的文字，未导入")
                )
            i += 1
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


def split_frame(report: ImportedReport, paras: list[SourceParagraph]) -> list[SourceParagraph]:
    """Fill the frame of ``report`` from ``paras``; the paragraphs of the opening and body.

    Lines after the 成文日期 (附件：…) end the body, since a report has no
    place for them there; they are listed for review.
    """
    start = _top(report, paras)
    end = _bottom(report, paras, start)
    report.skipped.sort(key=lambda note: note.number)
    return paras[start:end] + report.after_date
