"""Furniture: what a page, an export or a web page puts around a document's text.

Page numbers (``— 3 —``, ``第3页 共10页``), rule lines, running heads repeated on
every page, HTML comments and scrape junk (breadcrumbs, toolbars, ``<U+00A0>``
tokens) are set aside from the outline.  A rule under a short heading is a
setext underline and makes that line a markdown heading instead.  Each function
here reads the line table and returns the line indices it found; the lines
stage puts them together.
"""

from __future__ import annotations

import itertools
import re
from typing import NamedTuple

from .compiled import on_first_use
from .markers import Match, markdown_prefix
from .source import Line
from .text import compact, is_complete, rstrip_end

#: Blank within a line: any white space but a line break (space, tab, U+3000, no-break spaces …).
#: Cheaper to compile than a class listing U+3000, which makes ``re`` build a 64 K bitmap each time.
H = r"[^\S\r\n]"
#: Page numbers and page counters left by PDF or Word export: — 3 —, - 3 -, 第 3 页 共 10 页, 3/10.
_PAGE_LINE = re.compile(
    rf"{H}*(?:[-—－–~〜]+{H}*\d{{1,4}}{H}*[-—－–~〜]+"
    rf"|第{H}*\d{{1,4}}{H}*页(?:{H}*[,，/／]?{H}*共{H}*\d{{1,4}}{H}*页)?"
    rf"|\d{{1,4}}{H}*/{H}*\d{{1,4}}"
    rf"|[Pp]age[ \t]*\d{{1,4}}(?:[ \t]*of[ \t]*\d{{1,4}})?){H}*"
)


def _words(spaced: str) -> tuple[str, ...]:
    return tuple(spaced.split())


#: What web pages put around a document: breadcrumbs, toolbars, page meta, footers.
_WHERE = _words("首页 当前位置 當前位置 您的位置 您现在的位置")
_PAGE_META = _words("发布时间 發布時間 发布日期 發布日期 浏览次数 瀏覽次數 阅读次数 点击数 点击量") + _words(
    "责任编辑 責任編輯 信息来源"
)
#: Footer phrases, found anywhere in a short line.
_FOOTER = _words("扫一扫在手机打开当前页 网站标识码 網站標識碼 ICP备 ICP備 版权所有 版權所有") + _words(
    "打印本页 关闭窗口 返回顶部"
)
_LINKS = _words("相关链接 相關鏈接 相关报道 相關報導 分享到 上一篇 下一篇")
_BYLINE = _words("来源 來源 编辑 編輯 作者 记者 記者 责编 責編")
_TOOLBAR = _words("下载 打印 全屏 收藏 加大 还原 减小 关闭 分享 点赞 在看 转发 赞赏 阅读原文 写留言 留言")
_FOOTNOTE_MARKS = "[]［］↑^"
_scrape_junk = on_first_use(
    r"(?:【[^】]{1,12}】\s*)+|【[^】]{0,12}|】"
    rf"|(?:{'|'.join(_WHERE)})\s*[：:>＞»›].{{0,60}}"
    rf"|(?:{'|'.join(_PAGE_META)})\s*[：:].{{0,80}}"
    rf"|.{{0,40}}(?:{'|'.join(_FOOTER)}).{{0,60}}"
    rf"|(?:{'|'.join(_LINKS)})\s*[：:]?.{{0,40}}"
    rf"|(?:{'|'.join(_BYLINE)})\s*[：:].{{0,80}}"
    # A footnote mark split off a sentence by a web page's markup ([ / 1 / ], [2], ↑).
    r"|[\[\]［］↑^]{1,3}|[\[［]\d{1,3}[\]］]"
    # A toolbar of a web or WeChat page: a line of nothing but its buttons.
    rf"|(?:(?:{'|'.join(_TOOLBAR)})[\s|｜/·]*)+"
)
#: Every character a line of junk can open with, but for a footer phrase, which may stand anywhere
#: in the line: a line of text is let through on its first character and one search for those.
_JUNK_FIRST = frozenset(
    "【】" + _FOOTNOTE_MARKS + "".join(word[0] for word in _WHERE + _PAGE_META + _LINKS + _BYLINE + _TOOLBAR)
)
_FOOTER_SEARCH = re.compile("|".join(_FOOTER))
_LONGEST_FOOTER = max(map(len, _FOOTER))
#: A line of nothing but scrape tokens (<U+00A0>) and spaces.
_noise_line = on_first_use(r"(?:\s*<U\+[0-9A-Fa-f]{4,6}>)+\s*")
#: Scrape noise standing where indentation was: literal "<U+00A0>" tokens left by a lossy conversion.
noise_prefix = on_first_use(r"(?:<U\+[0-9A-Fa-f]{4,6}>[ \t\u3000\u00a0]*)+")
#: The first inked character of a page-number line (besides digits) or of a rule line.
_FURNITURE_FIRST = frozenset("-—－–~〜第Pp=＝*_")
_RULE_LINE = re.compile(rf"{H}*(?:(?P<eq>={{3,}})|(?P<dash>-{{3,}})|[*_]{{3,}}|[—－-]{{6,}}|[=＝]{{6,}}){H}*")
_COMMENT_OPEN = "<!--"
#: How far an unclosed comment is looked for its end before it is taken to end on its own line.
_COMMENT_LINES = 200


def comments(text: str, lines: list[Line]) -> set[int]:
    """The lines of HTML comments (``<!-- … -->``, over one or more lines)."""
    found: set[int] = set()
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        if not line.blank and text.startswith(_COMMENT_OPEN, line.ink):
            j = i
            limit = min(n, i + _COMMENT_LINES)
            while j < limit and "-->" not in text[lines[j].start:lines[j].end]:
                j += 1
            if j >= limit:
                j = i  # a comment that is never closed is taken to end with its own line
            found.update(range(i, j + 1))
            i = j + 1
        else:
            i += 1
    return found


class Rules(NamedTuple):
    """Page numbers, junk and rule lines (furniture), and the setext underlines of headings."""

    furniture: set[int]
    underlines: set[int]
    #: The heading level a setext underline gives the line above it (``===`` 1, ``---`` 2).
    setext: dict[int, int]


def rules(text: str, lines: list[Line], comment_lines: set[int]) -> Rules:
    """Rule lines and page furniture; a rule under a short heading is its setext underline."""
    out = Rules(set(), set(), {})
    prev = -1  # the line before, when it could head a setext underline
    for i, line in enumerate(lines):
        if line.blank:
            prev = -1
            continue
        # Page numbers, scrape tokens and rules open with one of a few characters; a line of text
        # (nearly every line) is let through on its first character without running their patterns.
        first = text[line.ink]
        furniture_like = first in _FURNITURE_FIRST or first.isdecimal()
        if _is_junk(text, line, first, furniture_like):
            out.furniture.add(i)
            prev = -1
            continue
        m = _RULE_LINE.fullmatch(text, line.start, line.end) if furniture_like else None
        if m is None:
            prev = i
            continue
        if prev >= 0 and prev not in comment_lines and (m.group("eq") or m.group("dash")):
            head = text[lines[prev].ink:lines[prev].end]
            if len(compact(head)) <= 60 and not is_complete(head):
                out.underlines.add(i)
                out.setext[prev] = 1 if m.group("eq") else 2
                prev = -1
                continue
        out.furniture.add(i)
        prev = -1
    return out


def _is_junk(text: str, line: Line, first: str, furniture_like: bool) -> bool:
    """A page number, a line of scrape tokens, or a short line of web-page junk."""
    if furniture_like and _PAGE_LINE.fullmatch(text, line.start, line.end):
        return True
    if first == "<" and _noise_line().fullmatch(text, line.start, line.end):
        return True
    if line.end - line.ink > 120:
        return False
    if first not in _JUNK_FIRST and not _FOOTER_SEARCH.search(text, line.ink, line.ink + 41 + _LONGEST_FOOTER):
        return False
    return _scrape_junk().fullmatch(text, line.ink, rstrip_end(text, line.ink, line.end)) is not None


def running_heads(text: str, lines: list[Line], skip: set[int], marks: list[Match | None]) -> set[int]:
    """A short line repeated on every page (the gazette's name, the document's title).

    It must come back at least three times, a page apart, and it never ends a sentence: a
    repeated salutation (各位代表！) or a repeated heading is text, not furniture.
    Nor is a markdown heading (``## 一、…``) or a numbered one (``第一节　设　　立``):
    running heads come from paged layouts, and a heading its writer numbered or
    marked up is structure however often it recurs.  Nor is the whole text of a
    point whose marker stands alone above it (``第 21 條`` / ``（刪除）``).
    ``marks``: the marker at each line's first inked character.
    """
    seen: dict[str, list[int]] = {}
    bare_above = False  # the line before is a marker alone
    for i, line in enumerate(lines):
        if line.blank or i in skip:
            bare_above = False
            continue
        under_bare, bare_above = bare_above, False
        if line.end - line.ink > 40 or (text[line.ink] == "#" and markdown_prefix(text, line.ink, line.end)[0]):
            continue
        m = marks[i]
        if m is not None:
            bare_above = m.end == line.end or not text[m.end:line.end].strip()
            continue
        if under_bare:
            continue
        body = text[line.ink:line.end]
        if is_complete(body):
            continue
        seen.setdefault(compact(body), []).append(i)
    found: set[int] = set()
    for key, where in seen.items():
        if len(where) >= 3 and len(key) >= 4 and _page_apart(where):
            found.update(where)
    return found


#: A running head comes back once a page: its occurrences stand at least this many lines apart (the
#: median gap).  A speaker's line in minutes (發言議員：周柏雅) recurs every few lines, and is text.
_PAGE_LINES = 10


def _page_apart(where: list[int]) -> bool:
    gaps = sorted(b - a for a, b in itertools.pairwise(where))
    return gaps[len(gaps) // 2] >= _PAGE_LINES
