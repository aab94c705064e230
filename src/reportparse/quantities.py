"""Quantities: a figure, its unit and how it is qualified (``12亿多元`` → 1 200 000 000 元, more than).

The value works out every numeral form (Arabic with 万/亿, Chinese numerals),
the qualifier (约, 近, 余/多/超过, 以上, 以下 …) and, after a verb of change, the
direction (``增长6.9%`` up).  Fractions (``三分之一``) are shares with no unit.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import cache

from .annotation import Annotation, Taken, clean, quantity_extra, read_number

_D = "0-9０-９"


@cache
def _pattern(name: str) -> re.Pattern[str]:
    """The patterns compiled on first use: a run that asks for no annotations pays for none."""
    sources = {
        "fraction": (
            rf"(?=[大约約将將接近超逾不低至最{_D}一二三四五六七八九十百])"
            r"(?P<pre>大约|约|將近|将近|接近|近|超过|超過|逾|不到|不足|低于|不少于|至少|不超过|最多)?"
            r"(?P<den>[一二三四五六七八九十百]{1,6}|[0-9０-９]{1,6})分之(?P<num>[一二三四五六七八九十]{1,6}|[0-9０-９]{1,6})"
        ),
        "quantity": (
            rf"(?=[大约約将將接近超逾不低至最{_D}零〇两一二三四五六七八九十百千万亿])"
            rf"(?P<pre>大约|约|約|将近|將近|接近|近|超过|超過|逾|不到|不足|低于|低於|不少于|不少於|至少|不超过|不超過|最多)?"
            # A lone Chinese numeral counts only with 余/多/万/亿 after it: 一个, 两次 are words.
            # Bounded runs, starting where a number starts: a line of 100 000 digits stays linear.
            rf"(?<![{_D}])(?P<num>[{_D}]{{1,15}}(?:[.．][{_D}]{{1,6}})?|[零〇两一二三四五六七八九十百千万亿]{{2,12}}"
            r"|[一二两三四五六七八九十百千](?=余|餘|多|万|萬|亿|億))"
            rf"(?P<mid>余|餘|多)?(?P<mult>万亿|萬億|万|萬|亿|億|千)?(?P<mid2>余|餘|多)?"
            r"(?P<unit>个百分点|個百分點|万人次|萬人次|人次|平方公里|平方米|立方米|公里|千米|公顷|公頃|亩|畝|吨|噸|元|"
            r"家次|家|人|次|个|個|项|項|名|件|篇|场次|場次|场|場|所|期|条|條|辆|輛|座|户|戶|套|张|張|部|批|支|台|处|處|"
            r"起|位|份|倍|%|％|岁|歲|天|小时|小時|周|个月|個月)"
            r"(?P<post>以上|以下|左右|上下|以内|以內)?"
        ),
        "direction": r"(?:增长|增長|提高|上升|增加|增幅为?|下降|减少|減少|降低)了?\s*$",
    }
    return re.compile(sources[name])


_QUALIFIERS = {
    "约": "about", "約": "about", "大约": "about", "左右": "about", "上下": "about",
    "近": "nearly", "将近": "nearly", "將近": "nearly", "接近": "nearly",
    "余": "more-than", "餘": "more-than", "多": "more-than", "以上": "more-than", "超过": "more-than",
    "超過": "more-than", "逾": "more-than",
    "不到": "less-than", "不足": "less-than", "以下": "less-than", "以内": "less-than", "以內": "less-than",
    "低于": "less-than", "低於": "less-than",
    "不少于": "at-least", "不少於": "at-least", "至少": "at-least",
    "不超过": "at-most", "不超過": "at-most", "最多": "at-most",
}
_MULTIPLIERS = {"千": 1e3, "万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8, "万亿": 1e12, "萬億": 1e12}


def quantities(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> list[Annotation]:
    """The figures of ``text[start:end]`` outside the claimed ``spans`` (dates, cited titles, document numbers)."""
    # The loop runs once per figure, tens of thousands of times in a statistics-heavy report:
    # groups are read in one call, the overlap test is inlined, and the common cases (digits that
    # float() reads, whole values, no verb of change before) take the short path.
    pattern = _pattern("quantity")
    assert tuple(pattern.groupindex) == ("pre", "num", "mid", "mult", "mid2", "unit", "post")
    direction_at = _pattern("direction").search
    out: list[Annotation] = []
    append = out.append
    taken = Taken(spans)
    starts, reach = taken.starts, taken.reach
    for m in pattern.finditer(text, start, end):
        s, e = m.span()
        at = bisect.bisect_left(starts, e) - 1
        if at >= 0 and reach[at] > s:
            continue  # inside a date, a cited title or a document number
        num_start = m.start(2)
        if num_start > start and text[num_start - 1].isdigit():
            continue  # the tail of a longer number
        pre, num, mid, mult, mid2, unit, post = m.groups()
        qualifier = pre or mid or mid2 or post
        if len(num) == 1 and not num.isdigit() and not qualifier and not mult:
            continue  # 一个, 两次, 三项: words more than figures
        try:
            number = float(num)  # reads full-width digits too
        except ValueError:
            parsed = read_number(num)
            if parsed is None:
                continue
            number = parsed
        if unit == "％":
            unit = "%"
        if mult:
            number *= _MULTIPLIERS[mult]
        if unit in ("万人次", "萬人次"):
            number *= 1e4
            unit = "人次"
        direction = None
        before = text[s - 1] if s > start else ""
        # Most figures follow no verb of change: test the character before running the pattern.
        if before in _DIRECTION_ENDS or before.isspace():
            lead = text[max(start, s - 6):s]
            if lead.rstrip()[-1:] in _DIRECTION_ENDS:
                found = direction_at(lead)
                if found:
                    direction = "down" if _DOWN.search(found.group()) else "up"
        extra = quantity_extra(unit, _QUALIFIERS.get(qualifier or "", ""), direction, False)
        value = int(number) if number.is_integer() else clean(number)
        append(Annotation("quantity", (s, e), m.group(), value, extra))
    return out


#: The last characters of the verbs of change the ``direction`` pattern reads (增长 … 降低, 了).
_DIRECTION_ENDS = frozenset("长長高升加幅为降少低了")
_DOWN = re.compile(r"下降|减少|減少|降低")


def fractions(text: str, start: int, end: int) -> list[Annotation]:
    """三分之一: a share, with no unit (its value rounded to four places)."""
    out: list[Annotation] = []
    for m in _around(text, "分之", start, end, 9, 8, _pattern("fraction")):
        den, num = read_number(m.group("den")), read_number(m.group("num"))
        if not den or num is None:
            continue
        extra = quantity_extra("", _QUALIFIERS.get(m.group("pre") or "", ""), None, True)
        out.append(Annotation("quantity", m.span(), m.group(), round(num / den, 4), extra))
    return out


def _around(text: str, word: str, start: int, end: int, before: int, after: int,
            pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """Matches of ``pattern``, every one of which holds ``word`` at most ``before`` characters after
    its start and ``after`` before its end: only the stretches around the word are scanned."""
    at = text.find(word, start, end)
    while at >= 0:
        window_start = max(start, at - before)
        window_end = min(end, at + len(word) + after)
        # Occurrences close together share one window, so no match is cut in two or found twice.
        following = text.find(word, at + 1, end)
        while following >= 0 and following - before <= window_end:
            window_end = min(end, following + len(word) + after)
            following = text.find(word, following + 1, end)
        yield from pattern.finditer(text, window_start, window_end)
        at = following
