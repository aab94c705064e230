"""Blocks: what the lines are before any numbering is decided.

This stage marks the lines that are set aside from the outline (HTML comments,
tables of contents, attachment lists, rules and setext underlines), finds the
document title, and decides whether the document is hard-wrapped (PDF or
fixed-width text whose sentences run over several physical lines), so that
continuation lines can be joined back into their paragraph or node.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from . import model
from .markers import Match, markdown_prefix, match_marker
from .source import Line, rstrip_end

#: Punctuation that ends a sentence or a lead-in; a line ending in one of these is complete.
TERMINAL = "。！？；：!?;:…"
#: Closing marks that may follow the terminal punctuation (。” or ；）).
CLOSERS = "”’」』）)】〕》>\"'"
#: Stripped from the end of a title, as the annotation guide does.
TITLE_TRAILING = " \t\u3000、.．:：,，;；。？?！!"

#: Blank within a line: any white space but a line break (space, tab, U+3000, no-break spaces …).
#: Cheaper to compile than a class listing U+3000, which makes ``re`` build a 64 K bitmap each time.
_H = r"[^\S\r\n]"
#: Page numbers and page counters left by PDF or Word export: — 3 —, - 3 -, 第 3 页 共 10 页, 3/10.
_PAGE_LINE = re.compile(
    rf"{_H}*(?:[-—－–~〜]+{_H}*\d{{1,4}}{_H}*[-—－–~〜]+"
    rf"|第{_H}*\d{{1,4}}{_H}*页(?:{_H}*[,，/／]?{_H}*共{_H}*\d{{1,4}}{_H}*页)?"
    rf"|\d{{1,4}}{_H}*/{_H}*\d{{1,4}}"
    rf"|[Pp]age[ \t]*\d{{1,4}}(?:[ \t]*of[ \t]*\d{{1,4}})?){_H}*"
)
#: A date standing alone on its line: the 成文日期 under a signature.
_DATE_LINE = re.compile(
    rf"{_H}*(?:[12]\d{{3}}|[〇○零一二三四五六七八九]{{4}}){_H}*年{_H}*[\d一二三四五六七八九十〇○]{{1,3}}"
    rf"{_H}*月{_H}*[\d一二三四五六七八九十〇○]{{1,3}}{_H}*日{_H}*"
)
#: What may stand after the signature and date of a 公文: 附注 (a sentence in brackets; not a
#: placeholder such as （略）), 抄送, 印发 (GB/T 9704 版记).
_AFTER_SIGNATURE = re.compile(
    r"[（(](?:此件|联系人|此页|共印)|[（(][^（）()\n]{6,80}[）)]\s*$|抄\s*送|印\s*发|主题词|.{0,60}印发$"
)
#: The closing formula of a notice or report: it ends the body and belongs to no point.
_FORMULA = re.compile(
    r"(?:特此(?:通知|通报|通報|公告|通告|函告|函复|函覆|批复|報告|报告|请示|請示)|此复|此復)[。！]?"
    # The document's own entry into force, standing apart after its last point: 本决定自…起施行。
    r"|本(?:决定|決定|通知|意见|意見|办法|辦法|方案|规定|規定|细则|細則|规则|規則|条例|條例|公告|通告|措施|要点|要點)"
    r"自[^。\n]{1,40}(?:施行|实施|實施|执行|執行|生效)[^。\n]{0,24}。?"
)
#: The most lines one record entry (列席：… and its wrapped names) runs over.
_RECORD_LINES = 6
#: The record at the foot of minutes and notices: who attended, who took the minutes, who gets copies.
_RECORD_LABEL = re.compile(
    r"(?:出\s*席|列\s*席|缺\s*席|请\s*假|請\s*假|记\s*录|記\s*錄|参\s*加|參\s*加|主\s*持|抄\s*送|抄\s*报|抄\s*報"
    r"|分\s*送|发\s*送|發\s*送|正\s*本|副\s*本)(?:人员|人員|单位|單位)?\s*[：:]"
)
#: Who gets the document: closes the body wherever it stands (正本/副本 of a Taiwan 函, 抄送 of a 公文).
_DISTRIBUTION = re.compile(r"(?:正\s*本|副\s*本|抄\s*送|抄\s*报|抄\s*報|分\s*送)\s*[：:]")
#: The segments of a 公文 in the 主旨/說明/辦法 form (Taiwan's 函 and 公告, and their mainland forms).
#: 主旨：… opens the body with its text; the later labels stand alone above their points.
_SUBJECT = re.compile(r"主\s*旨\s*[：:]")
_SEGMENT = re.compile(
    r"(?:說\s*明|说\s*明|辦\s*法|办\s*法|擬\s*辦|拟\s*办|依\s*據|依\s*据|公告事項|公告事项)\s*[：:]\s*$"
)
#: Headings that stand unnumbered in laws and reports (序言, 总则, 附则 …), spaced out or not.
_NAMED_HEADING = re.compile(r"序言|前言|引言|导言|总则|總則|分则|分則|附则|附則|结语|結語|结束语|附录|附錄|后记|後記")

#: What web pages put around a document: breadcrumbs, toolbars, page meta, footers.
_SCRAPE_JUNK = re.compile(
    r"(?:【[^】]{1,12}】\s*)+|【[^】]{0,12}|】"
    r"|(?:首页|当前位置|當前位置|您的位置|您现在的位置)\s*[：:>＞»›].{0,60}"
    r"|(?:发布时间|發布時間|发布日期|發布日期|浏览次数|瀏覽次數|阅读次数|点击数|点击量|责任编辑|責任編輯|信息来源)\s*[：:].{0,80}"
    r"|.{0,40}(?:扫一扫在手机打开当前页|网站标识码|網站標識碼|ICP备|ICP備|版权所有|版權所有|打印本页|关闭窗口|返回顶部)"
    r".{0,60}"
    r"|(?:相关链接|相關鏈接|相关报道|相關報導|分享到|上一篇|下一篇)\s*[：:]?.{0,40}"
    r"|(?:下载|打印|全屏|收藏|加大|还原|减小|关闭|分享)"
)
#: A line of nothing but scrape tokens (<U+00A0>) and spaces.
_NOISE_LINE = re.compile(r"(?:\s*<U\+[0-9A-Fa-f]{4,6}>)+\s*")

#: The first inked character of a page-number line (besides digits) or of a rule line.
_FURNITURE_FIRST = frozenset("-—－–~〜第Pp=＝*_")
_RULE_LINE = re.compile(rf"{_H}*(?:(?P<eq>={{3,}})|(?P<dash>-{{3,}})|[*_]{{3,}}|[—－-]{{6,}}|[=＝]{{6,}}){_H}*")
_COMMENT_OPEN = "<!--"
_TOC_HEAD = re.compile(r"目\s*[录錄次]|contents", re.IGNORECASE)
_ATTACHMENT_LIST = re.compile(r"附\s*件\s*[：:]")
#: What a table-of-contents leader is made of (总则……………3, 总则 . . . 3), white space aside.
_LEADER_MARKS = ".．·…"
_DOC_KIND = re.compile(
    r"报告|條例|条例|规定|規定|办法|辦法|通知|意见|意見|决定|決定|细则|細則|综述|綜述|总结|總結|亮点|亮點|纲要|綱要|方案|"
    r"规划|規劃|公告|通告|通报|通報|批复|批覆|章程|准则|準則|规则|規則|守则|決议|决议|讲话|講話|建议|建議|解释|解釋|规范|"
    r"規範|措施|计划|計劃|要点|要點|公报|公報|白皮书|纪要|紀要|回顾|回顧|成果|法$|法（|法\(|宪法|憲法|修正案|函$"
)
_DATELINE = re.compile(r"(?:新华社|中新社|本报|人民网|新華社).{0,20}电|^\s*\d{4}[-/.年]\d{1,2}")


def is_complete(line_text: str) -> bool:
    """Does this text end a sentence (or a lead-in), ignoring closing quotes and brackets?"""
    # An index walked back, not a string cut again per mark: a line of 400 000 closers is one pass.
    end = len(line_text)
    while end and (line_text[end - 1] in CLOSERS or line_text[end - 1].isspace()):
        end -= 1
    return bool(end) and line_text[end - 1] in TERMINAL


def compact(text: str) -> str:
    return "".join(text.split())


@dataclass(slots=True)
class LineInfo:
    """What the blocks stage and the marker table found on one line."""

    line: Line
    set_aside: str = ""  # a model kind (toc, comment …) or ""
    underline: bool = False  # a setext underline that belongs to the heading above it
    hashes: int = 0  # markdown heading depth, 0 for none
    content: int = 0  # offset after the markdown prefix (== line.ink when there is none)
    match: Match | None = None
    title: bool = False  # the document title
    quoted: bool = False  # the line starts inside an open quotation
    named: bool = False  # an unnumbered structural heading: 序言, 总　　则, 附　　则
    closing: bool = False  # signature, date or 版记 of a 公文: belongs to the document, not to a node
    #: A 公文 segment label standing alone (說明：, 辦法：) after a 主旨: the points under it number
    #: afresh from the top level.  Not a node: ANNOTATION makes only numbered lines (and markdown
    #: headings) nodes, and a node there would push every point under it one level down.
    segment: bool = False


def scan(text: str, lines: list[Line]) -> list[LineInfo]:
    """Classify every line: set-aside blocks, markdown prefixes, marker candidates, quotations."""
    infos = [LineInfo(line, content=line.ink) for line in lines]
    _mark_comments(text, infos)
    _mark_rules(text, infos)
    _mark_running_heads(text, infos)
    quote_depth = 0
    quote_age = 0
    subject = False  # a 主旨 label has opened the body of a 公文
    for info in infos:
        line = info.line
        if line.blank or info.set_aside or info.underline:
            continue
        hashes, content = markdown_prefix(text, line.ink, line.end)
        noise = _NOISE_PREFIX.match(text, content, line.end)
        if noise:
            content = noise.end()
        info.hashes = hashes or info.hashes
        info.content = content
        if quote_depth > 0:
            info.quoted = True
        m = match_marker(text, content, line.end)
        if m is not None and not info.quoted:
            info.match = m
        elif m is None and line.end - content <= 12 and _NAMED_HEADING.fullmatch(compact(text[content:line.end])):
            info.named = True
        elif m is None and not info.quoted and content < line.end and text[content] in "主說说辦办擬拟依公":
            # Only after a 主旨: elsewhere a lone 说明： leads in to notes (under a table, say).
            if _SUBJECT.match(text, content, line.end):
                subject = True
            elif subject and _SEGMENT.match(text, content, line.end):
                info.segment = True
        # Track quotations over lines: an amendment quoting "第五条 …" over several
        # lines must not turn the quoted articles into nodes.  A quotation left open
        # for long is a typo, not a quotation, so it is forgotten after a few lines.
        segment = text[line.ink:line.end]
        opens = segment.count("“") + segment.count("「")
        if quote_depth > 0 and segment[:1] in "“「":
            # A quotation over several paragraphs opens each of them again and closes only the
            # last: that opening mark continues the quotation, it does not nest a new one.
            opens -= 1
        quote_depth += opens - segment.count("”") - segment.count("」")
        if quote_depth <= 0:
            quote_depth = 0
            quote_age = 0
        else:
            quote_age += 1
            if quote_age > 6:
                quote_depth = 0
                quote_age = 0
    _mark_toc(text, infos)
    _mark_attachment_lists(text, infos)
    _mark_closing(text, infos)
    return infos


def _mark_comments(text: str, infos: list[LineInfo]) -> None:
    i = 0
    n = len(infos)
    while i < n:
        line = infos[i].line
        if not line.blank and text.startswith(_COMMENT_OPEN, line.ink):
            j = i
            # A comment that is never closed is taken to end with its own line.
            limit = min(n, i + 200)
            while j < limit and "-->" not in text[infos[j].line.start:infos[j].line.end]:
                j += 1
            if j >= limit:
                j = i
            for k in range(i, j + 1):
                infos[k].set_aside = model.COMMENT
            i = j + 1
        else:
            i += 1


def _mark_rules(text: str, infos: list[LineInfo]) -> None:
    """Setext underlines join the heading above; other rule lines are furniture."""
    prev: LineInfo | None = None
    for info in infos:
        line = info.line
        if line.blank:
            prev = None
            continue
        short = line.end - line.ink <= 120
        # Page numbers, scrape tokens and rules open with one of a few characters; a line of text
        # (nearly every line) is let through on its first character without running their patterns.
        first = text[line.ink]
        furniture_like = first in _FURNITURE_FIRST or first.isdecimal()
        if (
            (furniture_like and _PAGE_LINE.fullmatch(text, line.start, line.end))
            or (first == "<" and _NOISE_LINE.fullmatch(text, line.start, line.end))
            or (short and _SCRAPE_JUNK.fullmatch(text, line.ink, rstrip_end(text, line.ink, line.end)))
        ):
            info.set_aside = model.FURNITURE
            prev = None
            continue
        m = _RULE_LINE.fullmatch(text, line.start, line.end) if furniture_like else None
        if m:
            heading = prev is not None and not prev.set_aside and not prev.underline
            if heading and (m.group("eq") or m.group("dash")) and prev is not None:
                head = text[prev.line.ink:prev.line.end]
                if len(compact(head)) <= 60 and not is_complete(head):
                    info.underline = True
                    prev.hashes = prev.hashes or (1 if m.group("eq") else 2)
                    prev = None
                    continue
            info.set_aside = model.FURNITURE
            prev = None
            continue
        prev = info


def _mark_running_heads(text: str, infos: list[LineInfo]) -> None:
    """A short line repeated on every page (the gazette's name, the document's title) is furniture.

    It must come back at least three times, and it never ends a sentence: a
    repeated salutation (各位代表！) or a repeated heading is text, not furniture.
    Nor is a markdown heading (``## 一、…``): running heads come from paged
    layouts, and a heading marked up by its writer is structure however often
    it recurs.
    """
    seen: dict[str, list[int]] = {}
    for i, info in enumerate(infos):
        line = info.line
        if line.blank or info.set_aside or line.end - line.ink > 40:
            continue
        if markdown_prefix(text, line.ink, line.end)[0]:
            continue
        body = text[line.ink:line.end]
        if is_complete(body):
            continue
        seen.setdefault(compact(body), []).append(i)
    for key, where in seen.items():
        if len(where) >= 3 and len(key) >= 4:
            for i in where:
                infos[i].set_aside = model.FURNITURE


def _strip_dot_leader(text: str) -> str:
    """``text`` less a closing leader of three or more dots or spaces and its page number.

    One scan back from the end: a pattern searched for along the line would start again at every
    dot or space of a long run and take time growing with a power of the line's length.
    """
    end = len(text.rstrip())
    digits = end
    while digits and text[digits - 1].isdecimal():
        digits -= 1
    start = digits
    while start and (text[start - 1] in _LEADER_MARKS or text[start - 1].isspace()):
        start -= 1
    return text[:start] if digits < end and digits - start >= 3 else text


def _heading_like(text: str) -> bool:
    if len(text) > 200:
        return False
    body = _strip_dot_leader(text).strip()
    return 0 < len(body) <= 60 and "。" not in body and not is_complete(body)


def _mark_toc(text: str, infos: list[LineInfo]) -> None:
    """A 目录 line and the heading list after it, up to where the body repeats the first entry."""
    n = len(infos)
    for i, info in enumerate(infos):
        line = info.line
        if line.blank or info.set_aside or info.match is not None:
            continue
        head = compact(text[info.content:line.end])
        if len(head) > 8 or not _TOC_HEAD.fullmatch(head):
            continue
        entries: list[int] = []
        first_entry = ""
        has_marker = False
        j = i + 1
        while j < n:
            other = infos[j]
            if other.line.blank or other.underline:
                j += 1
                continue
            body = text[other.content:other.line.end]
            key = compact(_strip_dot_leader(body))
            if entries and key == first_entry:
                break  # the body begins: its first heading repeats the first entry
            if other.set_aside or not _heading_like(body):
                break
            if not entries:
                first_entry = key
            entries.append(j)
            has_marker = has_marker or other.match is not None
            j += 1
        if len(entries) >= 2 and has_marker:
            info.set_aside = model.TOC
            for k in range(i + 1, entries[-1] + 1):
                infos[k].set_aside = infos[k].set_aside or model.TOC
                infos[k].match = None
            return


def _mark_attachment_lists(text: str, infos: list[LineInfo]) -> None:
    """``附件：1.…`` and the numbered entries under it list the attachments; they are not nodes."""
    n = len(infos)
    i = 0
    while i < n:
        info = infos[i]
        line = info.line
        if line.blank or info.set_aside or not _ATTACHMENT_LIST.match(text, info.content, line.end):
            i += 1
            continue
        info.set_aside = model.ATTACHMENTS
        info.match = None
        j = i + 1
        while j < n:
            other = infos[j]
            if other.line.blank:
                j += 1
                continue
            m = other.match
            if m is None or m.style.name not in ("num", "num-paren", "cn-paren", "circled"):
                break
            body = text[m.end:other.line.end]
            if len(compact(body)) > 60 or "。" in body.rstrip("。"):
                break
            other.set_aside = model.ATTACHMENTS
            other.match = None
            j += 1
        i = j


#: Scrape noise standing where indentation was: literal "<U+00A0>" tokens left by a lossy conversion.
_NOISE_PREFIX = re.compile(r"(?:<U\+[0-9A-Fa-f]{4,6}>[ \t\u3000\u00a0]*)+")

def _record_above(text: str, infos: list[LineInfo], k: int) -> int:
    """The record label (列席：…) whose entry runs on down to line ``k``, or -1."""
    seen = 0
    for up in range(k, -1, -1):
        info = infos[up]
        if info.line.blank:
            continue
        if info.match is not None or info.set_aside:
            return -1
        if _RECORD_LABEL.match(text, info.content, info.line.end):
            return up
        seen += 1
        if seen >= _RECORD_LINES:
            return -1
    return -1


def _mark_closing(text: str, infos: list[LineInfo]) -> None:
    """The signature and date that close a 公文, and the 附注/抄送/印发 lines after them.

    A date alone on its line is the 成文日期 when nothing but 版记 lines, set-aside
    blocks or an annex follow it; up to three short lines right above it are the
    issuing organs' signature.
    """
    n = len(infos)
    for info in infos:
        line = info.line
        if not line.blank and info.match is None and not info.set_aside and _DISTRIBUTION.match(
            text, info.content, line.end
        ):
            info.closing = True
    # The 版记 (抄送, 印发) closes the whole document, after any annexes.
    k = n - 1
    while k >= 0:
        other = infos[k]
        if other.line.blank or other.set_aside:
            k -= 1
            continue
        if other.match is None and (
            _AFTER_SIGNATURE.match(text, other.content, other.line.end)
            or _RECORD_LABEL.match(text, other.content, other.line.end)
        ):
            other.closing = True
            k -= 1
            continue
        # A record line may run over several lines (列席：… / 　　　…): take its continuation with it.
        label = _record_above(text, infos, k)
        if label >= 0:
            for info in infos[label + 1:k + 1]:
                info.closing = info.closing or not info.line.blank
            k = label
            continue
        break
    for info in infos:
        line = info.line
        end = rstrip_end(text, info.content, line.end)
        if not line.blank and info.match is None and _FORMULA.fullmatch(text, info.content, end):
            info.closing = True  # 特此通知。 or 本决定自…起施行。 ends the body; it belongs to no point
    for i, info in enumerate(infos):
        line = info.line
        if line.blank or info.set_aside or not _DATE_LINE.fullmatch(text, line.start, line.end):
            continue
        after: list[int] = []
        j = i + 1
        ends = True
        while j < n:
            other = infos[j]
            if other.line.blank or other.set_aside:
                j += 1
                continue
            if other.match is not None and other.match.style.name == "annex":
                break
            if (
                other.closing
                or _AFTER_SIGNATURE.match(text, other.content, other.line.end)
                or _DATE_LINE.fullmatch(text, other.line.start, other.line.end)
            ):
                after.append(j)
                j += 1
                continue
            ends = False
            break
        if not ends:
            continue
        k = i - 1
        above: list[int] = []
        while k >= 0 and len(above) < 3:
            other = infos[k]
            if other.line.blank:  # a signature set apart by blank lines, as in Markdown, is one still
                k -= 1
                continue
            body = text[other.content:other.line.end].strip()
            if other.set_aside or other.match is not None or len(body) > 30 or is_complete(body) or "，" in body:
                break
            above.append(k)
            k -= 1
        for index in (*above, i, *after):
            infos[index].closing = True
            infos[index].match = None


_SALUTATION = re.compile(r".{1,20}[：:]$")


def find_title(text: str, infos: list[LineInfo]) -> int | None:
    """Index of the line that names the document, if one stands before the body."""
    window: list[int] = []
    first_inked: int | None = None
    for i, info in enumerate(infos):
        line = info.line
        if line.blank or info.set_aside or info.underline:
            continue
        if first_inked is None:
            first_inked = i
        if info.match is not None or info.named:
            break
        body = text[info.content:line.end].strip()
        if len(body) > 100 or (len(body) > 40 and is_complete(body)):
            break  # running text: the body has begun
        window.append(i)
        if len(window) >= 15:
            break
    if not window:
        return None
    first = window[0]
    if infos[first].hashes == 1 and first == first_inked:
        return first

    def plausible(i: int) -> bool:
        info = infos[i]
        body = text[info.content:info.line.end].strip()
        size = len(compact(body))
        return (
            4 <= size <= 80
            and not is_complete(body)
            and "，" not in body
            and not _SALUTATION.fullmatch(body)
            and not _DATELINE.search(body)
            and not body.startswith(("（", "(", "【", "[", "<", "—", "-"))
        )

    for i in window:
        if plausible(i) and _DOC_KIND.search(text, infos[i].content, infos[i].line.end):
            return i
    if first == first_inked and plausible(first):
        return first
    return None


class Wrapping(NamedTuple):
    """Whether the document is hard-wrapped, and how wide (in columns) a wrapped line is at least."""

    wrapped: bool
    min_width: int


def display_width(text: str) -> int:
    """Columns ``text`` takes in a fixed-width layout: Chinese characters and full-width forms take two.

    Counted from the UTF-8 length, which runs in C: a character of three bytes (the CJK range) is
    wide, one of one byte is narrow; the rare two- and four-byte characters come out in between.
    """
    size = len(text.encode("utf-8", "surrogatepass"))
    return len(text) + (size - len(text)) // 2


def wrapped_width(line: str) -> int:
    """How wide a line is for the wrap test: its display width, or its characters counted as wide.

    A PDF wraps at a width, but text re-flowed by character count (or a font with full-width
    digits) wraps a line of figures at the same number of characters: either reading may apply.
    """
    return max(display_width(line), 2 * len(line) - 4)


def detect_wrapping(text: str, infos: list[LineInfo]) -> Wrapping:
    """Is the document hard-wrapped (PDF or fixed-width text), and how wide is a wrapped line at least?

    Two signs, each enough: lines that stop at a comma and go on in the next
    line (a line ending in ``，`` or ``、`` is never a whole paragraph), and lines
    that stop mid-sentence at one and the same width.  A line narrower than the
    wrapped ones, without final punctuation, is a heading or a signature and is
    never joined.
    """
    comma_widths: list[int] = []
    open_widths: list[int] = []
    all_widths: list[int] = []
    inked = 0
    prev: LineInfo | None = None
    for info in infos:
        line = info.line
        if line.blank:
            continue
        if info.set_aside == model.FURNITURE:
            continue  # a page number inside a wrapped paragraph does not end it
        if info.set_aside or info.underline:
            prev = None
            continue
        inked += 1
        all_widths.append(display_width(text[line.ink:line.end].rstrip()))
        if prev is not None and info.match is None and prev.hashes == 0:
            tail = text[prev.line.ink:prev.line.end].rstrip()
            if tail and tail[-1] in "，、,":
                comma_widths.append(display_width(tail))
            if tail and not is_complete(tail):
                open_widths.append(display_width(tail))
        prev = info
    estimates: list[int] = []
    if len(comma_widths) >= 3 and len(comma_widths) >= inked * 0.02:
        comma_widths.sort()
        estimates.append(max(16, int(comma_widths[len(comma_widths) // 10] * 0.8)))
    if open_widths:
        counts: dict[int, int] = {}
        for width in open_widths:
            counts[width] = counts.get(width, 0) + 1
        # The widest band of four columns that most open lines fall in.
        mode = max(counts, key=lambda w: (sum(counts.get(w - d, 0) for d in range(4)), w))
        band = sum(counts.get(mode - d, 0) for d in range(4))
        all_widths.sort()
        # In wrapped text hardly a line is wider than the wrap; in text with one paragraph per
        # line, the paragraphs are, and same-width lines are headings.
        narrow = all_widths[int(len(all_widths) * 0.9)] <= mode + 4
        if narrow and mode >= 20 and band >= 5 and band >= 0.25 * len(open_widths) and band >= 0.1 * inked:
            estimates.append(max(16, mode - 8))
    if not estimates:
        return Wrapping(False, 0)
    return Wrapping(True, min(estimates))
