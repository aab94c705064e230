"""The numbering styles: one ordered table of rules, one signature.

Each rule is a named pattern that matches at the first inked character of a
line (after an optional markdown heading prefix) and a way to read its number.
A new numbering style is one new row in :data:`RULES`.  The table is compiled
into a single alternation so that a line costs one regular-expression match,
and the first alternative that matches wins, which is why the order of the
rows matters (``（一）`` before ``（1）``, ``第一条`` before block words).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Callable
from typing import NamedTuple

from .compiled import on_first_use
from .numerals import CN_NUMERAL_CHARS, FINANCIAL_CHARS, TIANGAN_CHARS, enclosed_to_int, tiangan_to_int, to_int
from .text import is_han

#: Han characters of the Basic Multilingual Plane (every marker word is there).
HAN = "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
#: A letter that is neither ASCII nor an enclosed or circled number: wider than HAN, but ``re``
#: compiles it in a fraction of the time (a class of ranges costs it a Python loop over every
#: character in them, 1.3 ms for the CJK block alone).  A block word matched with it is checked
#: against HAN in Python; no later rule of the table can start with such a letter, so rejecting
#: the match there is exactly what the HAN class in the pattern would have done.
_WORD_LETTER = "[^\\W\\d_a-zA-Z\u2460-\u24ff\u2776-\u2793\u3220-\u3229]"
_CN = f"[{CN_NUMERAL_CHARS}]{{1,8}}"
_ARABIC = "[0-9０-９]{1,3}"
_ANY_NUM = f"(?:{_ARABIC}|{_CN})"
#: A PDF text layer spaces out the characters of a letter-spaced heading (第 二 十 条); between 第
#: and its keyword a numeral may be spaced the same way.
_SPACED_NUM = f"(?:{_ARABIC}|(?:[{CN_NUMERAL_CHARS}]\\s?){{1,8}})"
_OPEN = "[（(〔［\\[]"
_CLOSE = "[）)〕］\\]]"


#: After a marker's 、, a numeral and another 、: the line counts 一、二、三… or 1、2、3… in a phrase.
_SERIES = re.compile(f"(?:[{CN_NUMERAL_CHARS}]|[0-9０-９])、")


class Style(NamedTuple):
    """A numbering style: everything the stages need to know about it, in one row.

    ``rank`` is the customary order, outer to inner (smaller is outer); the rest says how the
    style behaves, so no stage keeps a list of style names of its own.
    """

    name: str
    rank: float
    #: Structural headings (章, 节, 附件 …) always carry a title after the marker.
    structural: bool = False
    #: Numbered continuously through the whole document or annex (条) instead of per parent.
    document_wide: bool = False
    #: A list style: its points are headings or body text, as their run of siblings shows.
    listed: bool = False
    #: A heading level of GB/T 9704 (一、, （一）): a lone heading line of it may start a sequence
    #: late, and a line that is all heading is a heading even where its run says nothing.
    heading_level: bool = False
    #: Restarting at one under the same parent is a numbering problem (lists of 1. 2. restart freely).
    restart_matters: bool = False
    #: Place on the 公文 ladder of list styles checked by ``--check`` (GB/T 9704-2012, 7.3.3).
    ladder: int | None = None
    #: The first marker of a sequence, as messages name it.
    first: str = "一"
    #: How a marker of the style is written, as messages show it.
    example: str = ""
    #: Where the style is first used before any list point is open (甲、報告事項 opening the minutes of a
    #: meeting), it ranks above the list styles in that document, as a block word does; first used
    #: inside a point, it keeps its customary rank.
    floats: bool = False
    #: What, right after a marker that ends with 、, shows a phrase rather than a marker
    #: (一、二、三产业, 1、2、3号线, 甲、乙双方): the line counts or names, it numbers nothing.
    phrase: re.Pattern[str] | None = _SERIES


class Rule(NamedTuple):
    style: Style
    pattern: str
    #: Reads the number from the text of the ``num`` group; ``None`` rejects the match.
    number: Callable[[str], int | None]
    #: Every character the pattern can open with; ``WORD`` for a block word, which opens with any
    #: letter.  A line is tried only against the rows its first character can open, so most lines
    #: of prose cost two short patterns instead of the whole table.
    starts: str


#: ``Rule.starts`` of a rule that opens with a word (专题一：): any letter of ``_WORD_LETTER``.
WORD = ""
_DIGIT_CHARS = "0123456789０１２３４５６７８９"
_OPEN_CHARS = "（(〔［["


def _chars(first: str, last: str) -> str:
    return "".join(map(chr, range(ord(first), ord(last) + 1)))


_ENCLOSED_CN = _chars("\u3220", "\u3229")  # ㈠…㈩
_ENCLOSED_PAREN = _chars("\u2474", "\u2487")  # ⑴…⒇
_ENCLOSED_DOT = _chars("\u2488", "\u249b")  # ⒈…⒛
_CIRCLED_CHARS = _chars("\u2460", "\u2473") + _chars("\u2776", "\u277f") + _chars("\u2780", "\u2793")


_num = to_int


def _spaced(text: str) -> int | None:
    return to_int("".join(text.split()))


_enclosed = enclosed_to_int

ANNEX = Style("annex", 0, structural=True, restart_matters=True)
PART = Style("part", 10, structural=True, restart_matters=True)
DIVISION = Style("division", 20, structural=True, restart_matters=True)
CHAPTER = Style("chapter", 20, structural=True, restart_matters=True)
SECTION = Style("section", 30, structural=True, restart_matters=True)
ARTICLE = Style("article", 40, document_wide=True, restart_matters=True)
BLOCK = Style("block", 45, structural=True, restart_matters=True)
#: 壹、貳、: the financial numerals rank above 一、 where both are used (Taiwan 公文: 壹、 > 一、 > （一）).
CN_FINANCIAL = Style("cn-financial", 48, listed=True, heading_level=True, restart_matters=True, example="壹、")
CN = Style("cn", 50, listed=True, heading_level=True, restart_matters=True, ladder=0, example="一、")
#: 甲、乙、丙: between 一、 and （一） in older 公文 and some regulations; above the points where a document
#: opens with it (甲、報告事項 of minutes).  甲、乙双方 and 甲、乙、丙三方 name parties, they number nothing.
TIANGAN = Style(
    "tiangan", 55, listed=True, heading_level=True, restart_matters=True, first="甲", example="甲、", floats=True,
    phrase=re.compile(f"[{TIANGAN_CHARS}]"),
)
CN_PAREN = Style("cn-paren", 60, listed=True, heading_level=True, ladder=1, example="（一）")
NUM = Style("num", 70, listed=True, ladder=2, first="1", example="1.")
NUM_PAREN = Style("num-paren", 80, listed=True, ladder=3, first="1", example="（1）")
CIRCLED = Style("circled", 90, listed=True, ladder=4, first="1", example="①")
#: An unnumbered markdown heading (``## 基本案情``): ranked by its ``#`` count.
MARKDOWN = Style("markdown", 5, structural=True)
#: An unnumbered structural heading of plain text (序言, 总　　则, 附　　则): a chapter's rank.
NAMED = Style("heading", 20, structural=True)

RULES: tuple[Rule, ...] = (
    # 附件1, 附件1：…, 附件一 …; not "附件三所列…", where 附件三 is a phrase of a sentence.
    Rule(ANNEX, f"附\\s*件\\s*(?P<num>{_ANY_NUM})(?P<delim>\\s*[：:、．.]|(?=\\s|$))", _num, "附"),
    # 第一编 of a code, 第一篇 of a five-year plan outline (篇 > 章 > 节).
    Rule(PART, f"第\\s*(?P<num>{_SPACED_NUM})\\s*[编編篇](?P<delim>)", _spaced, "第"),
    Rule(DIVISION, f"第\\s*(?P<num>{_SPACED_NUM})\\s*部分(?P<delim>)", _spaced, "第"),
    Rule(CHAPTER, f"第\\s*(?P<num>{_SPACED_NUM})\\s*章(?P<delim>)", _spaced, "第"),
    Rule(SECTION, f"第\\s*(?P<num>{_SPACED_NUM})\\s*[节節](?P<delim>)", _spaced, "第"),
    # Headings and articles are often run straight into their text (第一章总则, 第一条为了…),
    # so no separator is required; the sequence a number must fit keeps 第三章规定… out.
    # 第一百二十条之一: an article inserted by an amendment after 第一百二十条.
    Rule(ARTICLE, f"第\\s*(?P<num>{_SPACED_NUM})\\s*[条條](?:之(?P<sub>{_CN}))?(?P<delim>)", _spaced, "第"),
    # 第 4-1 條: the national law database of Taiwan writes 第四條之一 with a hyphen.
    Rule(ARTICLE, f"第\\s*(?P<num>{_ARABIC})\\s*[-－‑]\\s*(?P<sub>[0-9０-９]{{1,2}})\\s*[条條](?P<delim>)", _num, "第"),
    # A short word (not a numeral, not 第/其/之) + a numeral + a colon: 专题一： 亮点三： 板块二：
    Rule(
        BLOCK,
        f"(?P<word>(?!第|其|之)(?:(?![{CN_NUMERAL_CHARS}]){_WORD_LETTER}){{2,4}}?)(?P<num>{_CN}|{_ARABIC})"
        f"(?P<delim>\\s*[：:])",
        _num,
        WORD,
    ),
    # The same label standing alone on its line, its title on the next (议题一, 討論事項二, 案由三):
    # minutes and 會議紀錄 write it so, without a colon.
    Rule(
        BLOCK,
        f"(?P<word>(?!第|其|之)(?:(?![{CN_NUMERAL_CHARS}]){_WORD_LETTER}){{2,4}}?)(?P<num>{_CN}|{_ARABIC})"
        f"(?P<delim>[。.]?)(?=[ \\t\u3000]*$)",
        _num,
        WORD,
    ),
    Rule(CN_FINANCIAL, f"(?P<num>[{FINANCIAL_CHARS}]{{1,4}})(?P<delim>、|[．.](?![0-9０-９]))", _num, FINANCIAL_CHARS),
    Rule(CN, f"(?P<num>{_CN})(?P<delim>、|[．.](?![0-9０-９]))", _num, CN_NUMERAL_CHARS),
    Rule(TIANGAN, f"(?P<num>[{TIANGAN_CHARS}])(?P<delim>、|[．.](?![0-9０-９]))", tiangan_to_int, TIANGAN_CHARS),
    Rule(CN_PAREN, f"{_OPEN}\\s*(?P<num>{_CN})\\s*{_CLOSE}(?P<delim>[、．.]?)", _num, _OPEN_CHARS),
    Rule(CN_PAREN, f"(?P<num>{_CN})(?P<delim>[）)])", _num, CN_NUMERAL_CHARS),
    Rule(CN_PAREN, "(?P<num>[\u3220-\u3229])(?P<delim>)", _enclosed, _ENCLOSED_CN),
    Rule(NUM_PAREN, f"{_OPEN}\\s*(?P<num>{_ARABIC})\\s*{_CLOSE}(?P<delim>[、．.]?)", _num, _OPEN_CHARS),
    Rule(NUM_PAREN, f"(?P<num>{_ARABIC})(?P<delim>[）)])", _num, _DIGIT_CHARS),
    Rule(NUM_PAREN, "(?P<num>[\u2474-\u2487])(?P<delim>)", _enclosed, _ENCLOSED_PAREN),
    # 1\. : Markdown converters escape the dot so that the number is not read as a list of their own.
    Rule(NUM, f"(?P<num>{_ARABIC})(?P<delim>\\\\?[.．、](?![.．、]))", _num, _DIGIT_CHARS),
    Rule(NUM, "(?P<num>[\u2488-\u249b])(?P<delim>)", _enclosed, _ENCLOSED_DOT),
    # 1️⃣ 2️⃣ …: keycap digits, as web pages number their points.
    Rule(NUM, "(?P<num>[1-9])(?P<delim>\ufe0f?\u20e3)", _num, "123456789"),
    Rule(CIRCLED, "(?P<num>[\u2460-\u2473\u2776-\u277f\u2780-\u2793])(?P<delim>)", _enclosed, _CIRCLED_CHARS),
)

STYLES: dict[str, Style] = {rule.style.name: rule.style for rule in RULES}
STYLES[MARKDOWN.name] = MARKDOWN
STYLES[NAMED.name] = NAMED

def _build(rules: tuple[Rule, ...] = RULES, indices: tuple[int, ...] | None = None) -> re.Pattern[str]:
    """The alternation of the rows ``indices`` of ``rules`` (all of them by default), in table order."""
    parts = []
    for i in range(len(rules)) if indices is None else indices:
        # Named groups must be unique across the alternation; the row index keeps them apart.
        body = (
            rules[i].pattern.replace("(?P<num>", f"(?P<num{i}>")
            .replace("(?P<delim>", f"(?P<delim{i}>")
            .replace("(?P<word>", f"(?P<word{i}>")
            .replace("(?P<sub>", f"(?P<sub{i}>")
        )
        parts.append(f"(?P<r{i}>{body})")
    return re.compile("|".join(parts))


_md_prefix = on_first_use(r"(?P<hashes>#{1,6})[ \t\u3000]+")


class Match(NamedTuple):
    """A numbering marker found at the start of a line."""

    style: Style
    number: int
    start: int  # offset of the marker's first character (after any '#' prefix)
    end: int  # offset just after the marker and its delimiter
    marker: str  # exactly as written (第 二 十 条 keeps its spaces), without a separating delimiter
    word: str  # the block word (专题, 亮点 …), else ""
    decimal_like: bool  # "5.3…": the delimiter is a dot followed by a digit
    sub: int = 0  # the 一 of 第一百二十条之一


class _Row(NamedTuple):
    """A row of an alternation: its rule and the numbers of its groups there (0: the rule has none)."""

    rule: Rule
    num: int
    delim: int
    sub: int
    word: int


class _Table(NamedTuple):
    pattern: re.Pattern[str]
    #: By ``Match.lastindex``: the row's outermost group closes last, so it names the row that matched.
    rows: dict[int, _Row]


def _table(rules: tuple[Rule, ...], indices: tuple[int, ...] | None = None) -> _Table:
    pattern = _build(rules, indices)
    groups = pattern.groupindex
    rows = {
        groups[f"r{i}"]: _Row(rules[i], groups[f"num{i}"], groups[f"delim{i}"], groups.get(f"sub{i}", 0),
                              groups.get(f"word{i}", 0))
        for i in (range(len(rules)) if indices is None else indices)
    }
    return _Table(pattern, rows)


_is_word_letter = re.compile(_WORD_LETTER).fullmatch
#: The table a line opening with a character is tried against (None: no row opens with it), made on
#: first sight of the character; tables are shared between characters that open the same rows.  At
#: most this many characters are remembered: a document whose lines open with thousands of distinct
#: characters must not grow what the process keeps.
_REMEMBERED = 4096
_by_first: dict[str, _Table | None] = {}
_by_rows: dict[tuple[int, ...], _Table] = {}


def _rows_for(first: str, rules: tuple[Rule, ...] = RULES) -> tuple[int, ...]:
    return tuple(
        i for i, rule in enumerate(rules)
        if (first in rule.starts if rule.starts else _is_word_letter(first) is not None)
    )


def _table_for(first: str) -> _Table | None:
    rows = _rows_for(first)
    table = None
    if rows:
        table = _by_rows.get(rows)
        if table is None:
            table = _by_rows[rows] = _table(RULES, rows)
    if len(_by_first) < _REMEMBERED:
        _by_first[first] = table
    return table


def match_marker(text: str, pos: int, endpos: int) -> Match | None:
    """The marker standing at ``pos`` in ``text`` (a line's first inked character), if any."""
    if pos >= endpos:
        return None
    first = text[pos]
    table = _by_first[first] if first in _by_first else _table_for(first)
    if table is None:
        return None
    m = table.pattern.match(text, pos, endpos)
    if m is None:
        return None
    return _read_match(text, m, table.rows[m.lastindex or 0], endpos)


def _read_match(text: str, m: re.Match[str], row: _Row, endpos: int) -> Match | None:
    rule = row.rule
    value = rule.number(m.group(row.num))
    if value is None or value <= 0:
        return None
    start = m.start()
    end = m.end()
    # A separator matched by lookahead-free patterns (white space after 章) is not part of the marker.
    delim_end = m.end(row.delim)
    marker_end = max(delim_end, m.end(row.num))
    sub = 0
    style = rule.style
    if row.sub and m.group(row.sub):
        sub = to_int(m.group(row.sub)) or 0
        marker_end = max(m.end(row.sub), _after_keyword(text, start, end))
    elif style in _KEYWORD_STYLES:
        marker_end = _after_keyword(text, start, end)
    elif style is BLOCK or style is ANNEX:
        marker_end = delim_end
    word = (m.group(row.word) or "") if row.word else ""
    if word and not all(map(is_han, word)):
        return None
    # Exactly as written, but for a Markdown escape (1\.), which is markup, not part of the numbering.
    # One string per marker as written: a document repeats 1. and 一、 many times over.
    marker = sys.intern(text[start:marker_end].replace("\\", ""))
    phrase = style.phrase
    if marker[-1] == "、" and phrase is not None and phrase.match(text, marker_end, endpos):
        return None
    decimal_like = (
        style is NUM
        and marker_end < endpos
        and marker[-1] in ".．"
        and text[marker_end].isdigit()
    )
    return Match(style, value, start, marker_end, marker, word, decimal_like, sub)


_KEYWORD_STYLES = (PART, DIVISION, CHAPTER, SECTION, ARTICLE)


_bare_numeral = on_first_use(f"(?P<num>{_CN})[ \\t\u3000]*$")


def heading_numeral(text: str, pos: int, endpos: int) -> Match | None:
    """A markdown heading that is a numeral and nothing else (``## 一``): part one of a speech or an
    article, numbered as print centres a bare numeral over each part."""
    m = _bare_numeral().match(text, pos, endpos)
    value = to_int(m.group("num")) if m else None
    if m is None or not value:
        return None
    return Match(CN, value, pos, m.end("num"), sys.intern(m.group("num")), "", False)


def _after_keyword(text: str, start: int, end: int) -> int:
    """End of a 第X章-type marker: just after its keyword character (章 节 条 编 or 部分)."""
    i = start
    while i < end and text[i] not in "编編篇章节節条條分":
        i += 1
    return min(i + 1, end) if i < end else end


#: Characters a web page decorates a marker with (🌟一、, ◆二、, ▶三、, • 1.): symbols, bullets and the
#: variation selectors and joiners of emoji.
_DECORATION_MARKS = frozenset("•·※‣⁃◦\ufe0e\ufe0f\u200d\u20e3")


def decoration_end(text: str, pos: int, endpos: int) -> int:
    """The offset after the decoration at ``pos`` (emoji and symbols, then ``**`` and spaces), or ``pos``."""
    i = pos
    # Not ASCII symbols: > opens a quotation in Markdown, and a quoted 一、 numbers nothing here.
    while i < endpos and (text[i] in _DECORATION_MARKS or (
        not text[i].isascii() and unicodedata.category(text[i]) in ("So", "Sm")
    )):
        i += 1
    j = i + 2 if text.startswith(("**", "__"), i) else i
    while j < endpos and text[j] in " \t\u3000":
        j += 1
    return j if j > pos and j < endpos else pos


def markdown_prefix(text: str, pos: int, endpos: int) -> tuple[int, int]:
    """``(hashes, end)`` of a markdown ATX heading prefix at ``pos``, or ``(0, pos)``."""
    if pos < endpos and text[pos] == "#":
        m = _md_prefix().match(text, pos, endpos)
        if m:
            return len(m.group("hashes")), m.end()
    return 0, pos
