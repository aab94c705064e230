"""Quantities: a figure, its unit and how it is qualified (``12亿多元`` → 1 200 000 000 元, more than).

The value works out every numeral form (:func:`numerals.figure_value`), the unit
is a measure word of :mod:`units`, the qualifier one of about, nearly, more-than,
less-than, at-least, at-most and, after a verb of change, the direction
(``增长6.9%`` up).  Fractions (``三分之一``) are shares with no unit; a percentage is
the number before the sign, written either way (``百分之十八`` is 18 %, as ``18%``).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

from .annotation import Annotation, clean, in_windows, quantity_extra, read_number, skipping
from .units import CANONICAL, COUNTERS, MEASURES, WORD_STARTS, alternation

_D = "0-9０-９"
_CN_DIGITS = "零〇○两兩一二三四五六七八九壹贰貳叁參叄肆伍陆陸柒捌玖"
_CN = _CN_DIGITS + "十百千拾佰仟"
_GROUP = "万萬亿億"
# One stretch of a figure: Arabic (with thousands commas, a point, one place: 3千) or Chinese
# (with its point: 二十三点四).  A Chinese stretch opens with a digit or 十, or with 百/千 before a
# group or 余/多 (百余家, 千万元): 千方百计 and 百花 are words.  An optional part is written (?:…|),
# not (?:…)?: the same choices in the same order, which ``re`` takes without the bookkeeping of a
# repeat (the quantity scan runs a tenth faster).
_WHOLE, _THOUSANDS, _DECIMALS = 15, 5, 6  # the most digits, groups of thousands (,567) and decimals
_PART = (
    rf"(?:[{_D}]{{1,{_WHOLE}}}(?:,[{_D}]{{3}}){{0,{_THOUSANDS}}}(?:[.．][{_D}]{{1,{_DECIMALS}}}|)[十百千拾佰仟]?"
    rf"|(?:[{_CN_DIGITS}十拾]|[百千佰仟](?=[{_GROUP}余餘多]))[{_CN}]{{0,11}}(?:[点點][{_CN_DIGITS}]{{1,{_DECIMALS}}}|))"
)
# After a group, a Chinese stretch of one digit is left out: 5万亿两个台阶 is 5万亿 and 两个.
_AFTER_GROUP = (
    rf"(?:[{_D}]{{1,{_WHOLE}}}(?:[.．][{_D}]{{1,{_DECIMALS}}}|)[十百千拾佰仟]?"
    rf"|[{_CN_DIGITS}十拾][{_CN}]{{1,11}}(?:[点點][{_CN_DIGITS}]{{1,{_DECIMALS}}}|))"
)
# Stretches joined by groups (1万6千, 1亿3千万, 4万亿): a group between every two, so each
# character has one reading and a failed match gives back at most a few characters.
_FIGURE = rf"{_PART}(?:[{_GROUP}]{{1,2}}{_AFTER_GROUP}){{0,3}}[{_GROUP}]{{0,2}}"
_PRE = (
    "大约|大約|约|約|将近|將近|接近|近|超过|超過|突破|超|逾|不到|不足|不满|不滿|低于|低於|不少于|不少於|不低于|"
    "不低於|至少|不超过|不超過|最多|至多|连续|連續"
)
_QUALIFIERS = {
    "约": "about", "約": "about", "大约": "about", "大約": "about", "左右": "about", "上下": "about",
    "近": "nearly", "将近": "nearly", "將近": "nearly", "接近": "nearly",
    "余": "more-than", "餘": "more-than", "多": "more-than", "超过": "more-than", "超過": "more-than",
    "超": "more-than", "突破": "more-than", "逾": "more-than",
    "不到": "less-than", "不足": "less-than", "不满": "less-than", "不滿": "less-than", "低于": "less-than",
    "低於": "less-than",
    # 以上 and 以下 count the number itself (Criminal Law art. 99), as 不少于 and 不超过 do.
    "以上": "at-least", "上": "at-least", "不少于": "at-least", "不少於": "at-least", "不低于": "at-least",
    "不低於": "at-least", "至少": "at-least",
    "以下": "at-most", "以内": "at-most", "以內": "at-most", "不超过": "at-most", "不超過": "at-most",
    "最多": "at-most", "至多": "at-most",
}
_COUNTERS = frozenset(COUNTERS)
_CN_DIGIT_SET = frozenset(_CN_DIGITS)
_GROUPS = frozenset(_GROUP)
_WRITTEN = frozenset("0123456789０１２３４５６７８９" + _CN_DIGITS)
_DAYS_COUNTED = frozenset("内內以后後前起之")


def _by_first(words: frozenset[str]) -> dict[str, frozenset[str]]:
    # Grouped in one pass: a scan of all the words for each word (20 000 steps) was most of the
    # module's import time.
    grouped: dict[str, set[str]] = {}
    for word in words:
        grouped.setdefault(word[0], set()).add(word[1])
    return {first: frozenset(second) for first, second in grouped.items()}


#: WORD_STARTS by first character: the characters after a counter that make it a word with them.
_WORD_NEXT = _by_first(WORD_STARTS)
_KILO = frozenset(("米", "克", "瓦", "瓦时", "瓦時", "伏"))
_UNREAD = object()  # no reading yet (None is a reading: not a quantity)
_PRE_WORDS = frozenset(_PRE.split("|"))
_PRE_LENGTHS = sorted({len(word) for word in _PRE_WORDS}, reverse=True)
_PRE_LAST = frozenset(word[-1] for word in _PRE_WORDS)
#: What a figure starts with: a numeral, or the 上 of 上万.
_NUMERALS = _D + _CN + "上"
_UNIT_FIRST = re.escape("".join(sorted({word[0] for word in MEASURES + COUNTERS} | {"日"})))
# A quantity needs a group (万) or a unit after its first plain characters, those that neither are
# nor begin one: a look at the stretch ahead turns the numerals of words (一步, 统一) away at once.
# It looks no further than the longest plain stretch the pattern takes (the digits, the groups of
# thousands, a point and the decimals, then 十 and 余; a Chinese stretch is shorter), so each
# numeral costs a bounded look: linear in all.
_PLAIN = _D + ",.．点點余餘多" + _CN_DIGITS + "十拾佰仟"
_PLAIN_MOST = _WHOLE + 4 * _THOUSANDS + 1 + _DECIMALS + 2


@cache
def _units() -> str:
    # Made once: _pattern writes out every source for each pattern it compiles.
    return alternation(MEASURES + COUNTERS)


@cache
def _pattern(name: str) -> re.Pattern[str]:
    """The patterns compiled on first use: a run that asks for no annotations pays for none."""
    sources = {
        "fraction": (
            rf"(?=[大约約将將接近超逾不低至最{_D}一二三四五六七八九十百千])"
            rf"(?P<pre>{_PRE})?"
            rf"(?P<den>[{_CN}]{{1,6}}|[{_D}]{{1,6}})分之"
            rf"(?P<num>[{_CN}]{{1,8}}(?:[点點][{_CN_DIGITS}]{{1,6}})?|[{_D}]{{1,6}}(?:[.．][{_D}]{{1,6}})?)"
            r"(?P<post>以上|以下|以内|以內|左右)?"
        ),
        # A figure, found from its first numeral (see annotation.skipping); the qualifier before it
        # (约, 不超过) is read back from there (_qualifier), so that the scan stops at numerals only.
        "quantity": skipping(_NUMERALS, (
            # Not the tail of a longer figure, an ordinal (第二十条) or a label (PM2.5, G20).
            rf"(?<![{_D}{_CN}第A-Za-z])"
            rf"(?=[{_PLAIN}]{{0,{_PLAIN_MOST}}}[{_GROUP}{_UNIT_FIRST}上])"
            rf"(?P<num>{_FIGURE}|上[{_GROUP}])"
            rf"(?:(?P<mid>余|餘|多)(?:(?P<mult>[{_GROUP}]{{1,2}})|)|)"
            # A unit, or a figure that ends with a group (4800万): the pattern asks for one of the
            # two, so the words 一 and 十 in running text cost no call.  The class before the
            # measure words turns a number followed by none away at one test, not one per word.
            rf"(?:(?=[{_UNIT_FIRST}])(?P<unit>{_units()}|日)|(?<=[{_GROUP}]))"
            r"(?:(?P<post>以上|以下|以内|以內|左右|上下|余|餘|多)|)"
        )),
        # A literal pattern: ``re`` finds a word of two characters faster than str.find.
        "分之": "分之",
        "direction": r"(?:增长|增長|提高|上升|增加|增幅为?|下降|减少|減少|降低)了?\s*$",
    }
    return re.compile(sources[name])


def quantities(text: str, start: int, end: int, spans: list[tuple[int, int]],
               markers: list[tuple[int, int]] | None = None) -> list[Annotation]:
    """The figures of ``text[start:end]`` outside the claimed ``spans`` (dates, cited titles, document
    numbers); a figure that opens with an item's marker (``5.3家``) is read after it (``3家``)."""
    pattern = _pattern("quantity")
    out: list[Annotation] = []
    # The matches come in order, each ending after the last: the claimed spans that start before a
    # match's end are walked once, keeping how far the furthest of them reaches.
    claimed = sorted(spans)
    claimed_count, walked, reach = len(claimed), 0, -1
    # The markers likewise, up to each figure's first numeral.
    marks = sorted(markers or [])
    marks_count, marks_walked, marks_reach = len(marks), 0, -1
    after_last = start
    # The readings of the figures read so far, by qualifier, text and the character after it: a
    # match's groups follow from its text (the pattern reads before a match only to decide whether
    # there is one, and past its end only to take more), and its reading from them and that character.
    seen: dict[tuple[str | None, str, str], Any] = {}
    for m in pattern.finditer(text, start, end):
        num_start = m.start()
        if num_start < after_last:
            continue  # inside the last match, which the scan of one pattern would have passed over
        pre = None
        if num_start > after_last and text[num_start - 1] in _PRE_LAST:
            pre = _qualifier(text, num_start, after_last)
        s = num_start - len(pre) if pre else num_start
        e = after_last = m.end(1)
        while walked < claimed_count and claimed[walked][0] < e:
            if claimed[walked][1] > reach:
                reach = claimed[walked][1]
            walked += 1
        if reach > s:
            continue  # inside a date, a cited title or a document number
        while marks_walked < marks_count and marks[marks_walked][0] <= num_start:
            if marks[marks_walked][1] > marks_reach:
                marks_reach = marks[marks_walked][1]
            marks_walked += 1
        if marks_reach > num_start:
            after = marks[marks_walked - 1][1]  # the end of the last marker that starts at the numeral or before
            found = _match_at(pattern, text, after, end) if after < e else None
            if found is None:
                continue
            m, pre = found
            num_start, e = m.start(), m.end(1)
            s = num_start - len(pre) if pre else num_start
        elif num_start > start + 1 and text[num_start - 1] in ".．" and text[num_start - 2].isdigit():
            continue  # the decimals of a longer number
        if pre is None and e - num_start == 2 and text[e - 1] in _COUNTERS and not text[num_start].isdigit():
            continue  # 一个, 两项: a numeral and a counter, the commonest match of a report, a word (_reading)
        key = (pre, text[num_start:e], text[e:e + 1])
        read = seen.get(key, _UNREAD)
        if read is _UNREAD:
            _, num, mid, mult, unit, post = m.groups()
            ue = e - len(post) if post else e
            read = seen[key] = _reading(pre, num, mid, mult, unit, post, text[ue:ue + 1])
        if read is None:
            continue
        cut, value, extra, day = read
        if day and text[num_start - 1:num_start] == "月":
            continue  # 1月10日前: a day of a month whose date was not read, no duration
        before = text[s - 1] if s > start else ""
        if before in _DIRECTION_ENDS or before.isspace():  # most figures follow no verb of change
            direction = _direction(text, start, s)
            if direction is not None:
                extra = quantity_extra(extra["unit"], extra["qualifier"], direction, False)
        e -= cut
        out.append(Annotation("quantity", (s, e), text[s:e], value, extra))
    return out


def _qualifier(text: str, at: int, floor: int) -> str | None:
    """The qualifier (约, 不超过) that ends at ``at`` and starts at ``floor`` or after, the longest: a
    scan from the left would have found it first.  No qualifier holds a numeral, so none other could
    have started a match with this figure."""
    for n in _PRE_LENGTHS:
        if at - n >= floor and text[at - n:at] in _PRE_WORDS:
            return text[at - n:at]
    return None


def _match_at(pattern: re.Pattern[str], text: str, at: int, end: int) -> tuple[re.Match[str], str | None] | None:
    """The quantity that starts at ``at`` (its figure's match and its qualifier), if one does."""
    for n in _PRE_LENGTHS:
        if text[at:at + n] in _PRE_WORDS:
            m = pattern.match(text, at + n, end)
            if m is not None:
                return m, text[at:at + n]
    m = pattern.match(text, at, end)
    return None if m is None else (m, None)


@lru_cache(maxsize=4096)  # the same figures recur through a report (一个, 3家, 两项)
def _reading(pre: str | None, num: str, mid: str | None, mult: str | None, unit: str | None, post: str | None,
             following: str) -> tuple[int, int | float, dict[str, Any], bool] | None:
    """What a match of these groups, before the character ``following`` its unit, reads as: ``None``
    where the figure is a word, a range or a label, else the characters to take off its end, its
    value, its extras (with no direction) and whether it is a number of days, which a 月 before it
    makes a day of a month instead."""
    if pre is None and mid is None and post is None and len(num) == 1 and unit in _COUNTERS and not num.isdigit():
        return None  # 一个, 两项: the commonest match of a report, a word (see _is_figure)
    cut = 0
    if unit is not None and len(unit) == 1 and following in _WORD_NEXT.get(unit, ()):
        cut = len(post) + 1 if post else 1
        unit, post = None, None  # 2023台湾, 五百万人民: the counter is the first character of a word
    qualifier = ""
    if pre or mid or post:
        qualifier = _QUALIFIERS.get(pre or "", "") or _QUALIFIERS.get(mid or "", "") or _QUALIFIERS.get(post or "", "")
    if unit == "日" and not pre and following not in _DAYS_COUNTED:
        return None  # 日 counts days where they are counted (十五日内, 超过90日); 5日 alone is a day
    if unit in _KILO and num[-1] == "千" and len(num) > 1 and num[-2].isdigit():
        num, unit = num[:-1], "千" + unit  # 3千米 is three kilometres; 三千米, three thousand metres
    if not ((unit is not None and num[0].isdigit()) or _is_figure(num, mult, unit, qualifier)):
        return None
    number = _number(num, mult)
    if number is None:
        return None
    if num[0] == "上":
        qualifier = "at-least"  # 上亿: a hundred million and more
    unit = CANONICAL.get(unit, unit) if unit else ""
    value = int(number) if number.is_integer() else clean(number)
    return cut, value, quantity_extra(unit, qualifier, None, False), unit == "日" and num[0] != "上"


def _number(num: str, mult: str | None) -> float | None:
    if num[0] == "上":
        return 1e8 if num[1] in "亿億" else 1e4  # 上亿, 上万
    if mult is None and num[-1].isdigit():
        try:
            return float(num)  # plain digits, full-width too: most figures
        except ValueError:
            pass
    return read_number(num + (mult or ""))


def _is_figure(num: str, mult: str | None, unit: str | None, qualifier: str) -> bool:
    """Whether a number with this unit reads as a quantity rather than a word."""
    if unit is None:
        # A number with no unit is a quantity when it is a magnitude: 4800多万, 近6000万, 五百万.
        return not _WRITTEN.isdisjoint(num) and bool(mult or not _GROUPS.isdisjoint(num))
    if len(num) > 1 and _CN_DIGIT_SET.issuperset(num):
        return False  # 三四个, 二〇二三: a range or a year, not a figure
    # 一个, 两个维护, 五位一体: a lone Chinese digit before a counter is a word or a slogan more than a count.
    return not (len(num) == 1 and not num.isdigit() and unit in _COUNTERS and not qualifier and not mult)


def _direction(text: str, start: int, s: int) -> str | None:
    """``up`` or ``down`` after a verb of change (增长6.9%), else ``None``."""
    lead = text[max(start, s - 6):s]
    if lead.rstrip()[-1:] in _DIRECTION_ENDS:
        found = _pattern("direction").search(lead)
        if found:
            return "down" if _DOWN.search(found.group()) else "up"
    return None


#: The last characters of the verbs of change the ``direction`` pattern reads (增长 … 降低, 了).
_DIRECTION_ENDS = frozenset("长長高升加幅为降少低了")
_DOWN = re.compile(r"下降|减少|減少|降低")


def fractions(text: str, start: int, end: int) -> list[Annotation]:
    """三分之一: a share, with no unit (its value rounded to four places); 百分之十八 is 18 %, as 18% is."""
    out: list[Annotation] = []
    # Every fraction holds its 分之 at most 9 characters after its start and 12 before its end.
    windows = ((max(start, m.start() - 9), min(end, m.end() + 12)) for m in _pattern("分之").finditer(text, start, end))
    for m in in_windows(lambda: _pattern("fraction"), text, windows):
        pre, den_text, num_text, post = m.group("pre", "den", "num", "post")
        den, num = read_number(den_text), read_number(num_text)
        if not den or num is None:
            continue
        qualifier = _QUALIFIERS.get(pre or "", "") or _QUALIFIERS.get(post or "", "")
        if den_text in _PERCENT:
            value, extra = clean(num), quantity_extra(_PERCENT[den_text], qualifier, None, False)
        else:
            value, extra = round(num / den, 4), quantity_extra("", qualifier, None, True)
        out.append(Annotation("quantity", m.span(), m.group(), value, extra))
    return out


_PERCENT = {"百": "%", "佰": "%", "千": "‰", "仟": "‰"}
