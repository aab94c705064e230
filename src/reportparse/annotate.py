"""Annotations: dates, quantities, cited titles, document numbers and inline enumerations.

Every annotation carries its span in the source text and lives on the node
whose own content contains it.  Values are normalised (``2023年5月`` →
``2023-05``, ``12亿多元`` → 1 200 000 000 元, more than), and a date whose year
is not written takes it from context — the last year written before it in the
document, else the year the title names — and says so (``inferred``).

The patterns are compiled on first use, so a run that asks for no
annotations does not pay for them.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from .model import ITEM, PARAGRAPH, SECTION, Document, Node

_DIGITS = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
_CN_DIGIT = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
             "八": 8, "九": 9}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}

#: Gregorian date of the Spring Festival (春节), by year: a fact of the lunar calendar.
SPRING_FESTIVAL = {
    2000: "02-05", 2001: "01-24", 2002: "02-12", 2003: "02-01", 2004: "01-22", 2005: "02-09", 2006: "01-29",
    2007: "02-18", 2008: "02-07", 2009: "01-26", 2010: "02-14", 2011: "02-03", 2012: "01-23", 2013: "02-10",
    2014: "01-31", 2015: "02-19", 2016: "02-08", 2017: "01-28", 2018: "02-16", 2019: "02-05", 2020: "01-25",
    2021: "02-12", 2022: "02-01", 2023: "01-22", 2024: "02-10", 2025: "01-29", 2026: "02-17", 2027: "02-06",
    2028: "01-26", 2029: "02-13", 2030: "02-03", 2031: "01-23", 2032: "02-11", 2033: "01-31", 2034: "02-19",
    2035: "02-08",
}
_FIXED_FESTIVALS = {"元旦": "01-01", "国庆": "10-01", "國慶": "10-01", "劳动节": "05-01", "勞動節": "05-01",
                    "五一": "05-01", "七一": "07-01", "八一": "08-01"}


@dataclass(slots=True)
class Annotation:
    kind: str  # date, quantity, title, docnumber, enumeration
    span: tuple[int, int]
    text: str
    value: Any
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "span": [self.span[0], self.span[1]], "text": self.text, "value": self.value,
                **self.extra}


# Most annotations share the same few extras ({"inferred": False}, {"unit": "家", "qualifier": ""});
# one dict each would be most of their memory, so equal extras are one shared, read-only dict.
_NO_EXTRA: dict[str, Any] = {}
_WRITTEN: dict[str, Any] = {"inferred": False}
_INFERRED: dict[str, Any] = {"inferred": True}


@cache
def _quantity_extra(unit: str, qualifier: str, direction: str | None, approx: bool) -> dict[str, Any]:
    extra: dict[str, Any] = {"unit": unit, "qualifier": qualifier}
    if direction:
        extra["direction"] = direction
    if approx:
        extra["approx"] = True
    return extra


# --- numbers -------------------------------------------------------------------------------------


def cn_number(text: str) -> float | None:
    """Value of an everyday Chinese numeral with 万/亿 (二十, 一百零五, 三千五百万); None if malformed."""
    if not text:
        return None
    total = 0.0
    section = 0.0
    digit: float | None = None
    for ch in text:
        if ch in _CN_DIGIT:
            digit = _CN_DIGIT[ch] if digit is None else digit * 10 + _CN_DIGIT[ch]
        elif ch in ("十", "百", "千"):
            section += (digit if digit is not None else 1) * _CN_UNIT[ch]
            digit = None
        elif ch in ("万", "亿"):
            section += digit or 0
            total = (total + section) * _CN_UNIT[ch] if ch == "亿" else total + section * _CN_UNIT[ch]
            section, digit = 0.0, None
        else:
            return None
    return total + section + (digit or 0)


def _number(text: str) -> float | None:
    plain = text.translate(_DIGITS)
    try:
        return float(plain)
    except ValueError:
        return cn_number(text)


def _clean(value: float) -> int | float:
    rounded = round(value, 6)
    return int(rounded) if rounded == int(rounded) else rounded


# --- patterns ------------------------------------------------------------------------------------

_D = "0-9０-９"
_YEAR = rf"(?:[12][{_D}]{{3}}|[12１２][{_D}]{{3}}|[〇○零一二三四五六七八九]{{4}})"
# The same years with one class for the first character, then the rest by what that character was:
# a pattern that opens with a class lets ``re`` skip to candidate positions in C (year ranges are
# scanned 5x faster than with the alternation, which is cheaper to compile where it is not first).
_YEAR_FIRST = (
    rf"(?:[12１２〇○零一二三四五六七八九]"
    rf"(?:(?<=[12１２])[{_D}]{{3}}|(?<=[〇○零一二三四五六七八九])[〇○零一二三四五六七八九]{{3}}))"
)
_MONTH = rf"(?:[{_D}]{{1,2}}|十[一二]?|[一二三四五六七八九])"
_DAY = rf"(?:[{_D}]{{1,2}}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_TO = r"(?:至|到|—|－|-|–|~|～)"


_SOURCES: dict[str, str] = {
    # One date, as precise as written: 2023年5月12日, 2023年5月, 2023年, 5月12日, 5月.
    "date": (
        # The lookaheads keep the pattern from matching nothing at every position; the first,
        # a single class, rejects most positions at the cost of one character test.
        rf"(?=[去今明前当當{_D}〇○零一二三四五六七八九十])(?=去年|今年|明年|前年|当年|當年|{_YEAR}\s*年|{_MONTH}\s*月)"
        rf"(?P<rel>去年|今年|明年|前年|当年|當年)?(?:(?P<y>{_YEAR})\s*年)?"
        rf"(?:(?P<m>{_MONTH})\s*月(?:(?P<d>{_DAY})\s*[日号])?)?"
        rf"(?P<part>底|末|初|上半年|下半年|第?[一二三四1-4]季度|以来)?"
    ),
    "year_range": rf"(?P<a>{_YEAR_FIRST})\s*{_TO}\s*(?P<b>{_YEAR})\s*年",
    "festival": (
        r"(?P<name>春节|春節|元旦|国庆节?|國慶節?|劳动节|勞動節|五一|七一|八一)"
        r"(?P<when>前夕|期间|期間|前后|前後|假期)?"
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
    "fraction": (
        rf"(?=[大约約将將接近超逾不低至最{_D}一二三四五六七八九十百])"
        r"(?P<pre>大约|约|將近|将近|接近|近|超过|超過|逾|不到|不足|低于|不少于|至少|不超过|最多)?"
        r"(?P<den>[一二三四五六七八九十百]{1,6}|[0-9０-９]{1,6})分之(?P<num>[一二三四五六七八九十]{1,6}|[0-9０-９]{1,6})"
    ),
    "direction": r"(?:增长|增長|提高|上升|增加|增幅为?|下降|减少|減少|降低)了?\s*$",
    "title": r"《[^《》\n]{1,120}》",
    "docnumber": rf"[〔\[［（(](?P<year>[12][{_D}]{{3}})[〕\]］）)]\s*(?P<number>[{_D}]{{1,5}})\s*号",
    "issuer": r"[\u4e00-\u9fff]{1,10}\s*$",
    # 一是 二要 … or 第一， 第二、 …: one leading class (see _YEAR_FIRST), then what that character allows.
    "enum": (
        r"(?P<lead>[一二三四五六七八九十第])"
        r"(?:(?<!第)(?P<kind>是|要|为|是要)(?=[^，。；：\s])|(?<=第)(?P<ord>[一二三四五六七八九十])[，、：,])"
    ),
}


class _Patterns(dict[str, "re.Pattern[str]"]):
    """The patterns by name, each compiled the first time it is asked for: a document with no
    《 or 号 never pays for the title or document-number patterns, and a run with no annotations
    for none."""

    def __missing__(self, name: str) -> re.Pattern[str]:
        pattern = self[name] = re.compile(_SOURCES[name])
        return pattern


_COMPILED = _Patterns()


def _patterns() -> _Patterns:
    return _COMPILED


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
# What stands before an issuer's code in a sentence: 根据国发…, 国务院办公厅以国办函…; one-character
# words count only after a subject, so that 经信发〔2023〕5号 keeps its 经.
_ISSUER_LEAD = (
    r"^.*(?:根据|依据|按照|参照|转发|印发|贯彻|落实|执行|详见|"
    r"(?<=[\u4e00-\u9fff]{2})(?:以|经|由|见|即|于|的|和|与|及|對|对))"
)


class _Taken:
    """Spans already claimed, for overlap tests in logarithmic time (a scan per match would be quadratic)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        # The furthest end among the spans up to each index, so one look back is enough.
        self.reach: list[int] = []
        furthest = -1
        for _, end in self.spans:
            furthest = max(furthest, end)
            self.reach.append(furthest)

    def overlaps(self, start: int, end: int) -> bool:
        at = bisect.bisect_left(self.starts, end) - 1
        return at >= 0 and self.reach[at] > start


# --- dates ---------------------------------------------------------------------------------------


def _int(text: str | None) -> int | None:
    if text is None:
        return None
    plain = text.translate(_DIGITS)
    if plain.isdigit():
        return int(plain)
    if all(ch in _CN_DIGIT for ch in text) and len(text) == 4:  # 二〇二三
        return int("".join(str(_CN_DIGIT[ch]) for ch in text))
    value = cn_number(text)
    return int(value) if value is not None else None


def _iso(year: int, month: int | None = None, day: int | None = None) -> str:
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


class _DateReader:
    """Reads the dates of one text in order, keeping the last year written as context."""

    def __init__(self, year: int | None) -> None:
        self.doc_year = year
        self.context = year

    def read(self, text: str, start: int, end: int) -> list[Annotation]:
        p = _patterns()
        found: list[Annotation] = []
        for m in p["year_range"].finditer(text, start, end):
            a, b = _int(m.group("a")), _int(m.group("b"))
            if a and b and a <= b:
                found.append(Annotation("date", m.span(), m.group(), {"from": _iso(a), "to": _iso(b)}, _WRITTEN))
                self.context = b
        singles: list[tuple[int, int, Any, bool, str]] = []
        ranges = _Taken([a.span for a in found])
        for m in p["date"].finditer(text, start, end):
            if not (m.group("y") or m.group("m") or m.group("rel")):
                continue
            if ranges.overlaps(m.start(), m.start() + 1):
                continue
            value = self._value(m)
            if value is None:
                continue
            iso, inferred = value
            singles.append((m.start(), m.end(), iso, inferred, m.group()))
        found += self._merge_ranges(text, singles)
        claimed = _Taken([a.span for a in found])
        for m in p["festival"].finditer(text, start, end):
            if claimed.overlaps(m.start(), m.end()):
                continue
            year = self.context
            if year is None:
                continue
            name = m.group("name")
            if name in ("春节", "春節"):
                day = SPRING_FESTIVAL.get(year)
                if day is None:
                    continue
                iso = f"{year:04d}-{day[:2]}"
            else:
                day = _FIXED_FESTIVALS.get(name) or _FIXED_FESTIVALS.get(name.rstrip("节節"))
                if day is None:
                    continue
                iso = f"{year:04d}-{day}"
            found.append(Annotation("date", m.span(), m.group(), iso, _INFERRED))
        return found

    def _value(self, m: re.Match[str]) -> tuple[Any, bool] | None:
        rel, y, mo, d, part = m.group("rel"), m.group("y"), m.group("m"), m.group("d"), m.group("part")
        inferred = y is None
        if y is not None:
            year = _int(y)
            if year is None or not 1000 <= year <= 2999:
                return None
        elif rel is not None:
            if self.context is None:
                return None
            offset = {"去年": -1, "前年": -2, "明年": 1}.get(rel, 0)
            year = self.context + offset
        elif mo is not None:
            if self.context is None:
                return None
            year = self.context
        else:
            return None
        month = _int(mo) if mo is not None else None
        day = _int(d) if d is not None else None
        if month is not None and not 1 <= month <= 12:
            return None
        if day is not None and not 1 <= day <= 31:
            day = None
        if y is not None and rel is None:
            self.context = year
        if part == "以来" and month is None:
            return {"from": _iso(year), "to": None}, inferred
        if part and month is None:
            if part in ("底", "末"):
                return _iso(year, 12), inferred
            if part == "初":
                return _iso(year, 1), inferred
            if part == "上半年":
                return {"from": _iso(year, 1), "to": _iso(year, 6)}, inferred
            if part == "下半年":
                return {"from": _iso(year, 7), "to": _iso(year, 12)}, inferred
            quarter = _int(part.strip("第季度"))
            if quarter and 1 <= quarter <= 4:
                return {"from": _iso(year, 3 * quarter - 2), "to": _iso(year, 3 * quarter)}, inferred
        if month is None and rel is not None and y is None and part is None:
            return _iso(year), inferred
        return _iso(year, month, day), inferred

    def _merge_ranges(self, text: str, singles: list[tuple[int, int, Any, bool, str]]) -> list[Annotation]:
        out: list[Annotation] = []
        i = 0
        while i < len(singles):
            s, e, iso, inferred, raw = singles[i]
            if i + 1 < len(singles) and isinstance(iso, str):
                s2, e2, iso2, _, raw2 = singles[i + 1]
                between = text[e:s2]
                if re.fullmatch(rf"\s*{_TO}\s*", between) and isinstance(iso2, str):
                    iso2 = _complete(iso, iso2, raw2)
                    out.append(Annotation("date", (s, e2), text[s:e2], {"from": iso, "to": iso2},
                                          _INFERRED if inferred else _WRITTEN))
                    i += 2
                    continue
            out.append(Annotation("date", (s, e), raw, iso, _INFERRED if inferred else _WRITTEN))
            i += 1
        # 3月5日至7日: the second end gives only its day.
        for a in out:
            if isinstance(a.value, str) and len(a.value) == 10:
                m = re.match(rf"\s*{_TO}\s*(?P<d>{_DAY})\s*[日号]", text[a.span[1]:a.span[1] + 8])
                if m:
                    day = _int(m.group("d"))
                    if day and 1 <= day <= 31:
                        a.value = {"from": a.value, "to": a.value[:8] + f"{day:02d}"}
                        a.span = (a.span[0], a.span[1] + m.end())
                        a.text = text[a.span[0]:a.span[1]]
        return out


def _complete(first: str, second: str, raw_second: str) -> str:
    """The end of a range takes the year the start wrote when it writes none (5月至7月)."""
    if "年" not in raw_second and first[:4] != second[:4]:
        return first[:4] + second[4:]
    return second


# --- quantities, titles, numbers, enumerations ---------------------------------------------------


def _quantities(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> list[Annotation]:
    # The loop runs once per figure, tens of thousands of times in a statistics-heavy report:
    # groups are read in one call, the overlap test is inlined, and the common cases (digits that
    # float() reads, whole values, no verb of change before) take the short path.
    pattern = _patterns()["quantity"]
    assert tuple(pattern.groupindex) == ("pre", "num", "mid", "mult", "mid2", "unit", "post")
    direction_at = _patterns()["direction"].search
    out: list[Annotation] = []
    append = out.append
    taken = _Taken(spans)
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
            parsed = _number(num)
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
        extra = _quantity_extra(unit, _QUALIFIERS.get(qualifier or "", ""), direction, False)
        value = int(number) if number.is_integer() else _clean(number)
        append(Annotation("quantity", (s, e), m.group(), value, extra))
    return out


#: The last characters of the verbs of change the ``direction`` pattern reads (增长 … 降低, 了).
_DIRECTION_ENDS = frozenset("长長高升加幅为降少低了")
_DOWN = re.compile(r"下降|减少|減少|降低")


def _fractions(text: str, start: int, end: int) -> list[Annotation]:
    """三分之一: a share, with no unit (its value rounded to four places)."""
    out: list[Annotation] = []
    for m in _around(text, "分之", start, end, 9, 8, _patterns()["fraction"]):
        den, num = _number(m.group("den")), _number(m.group("num"))
        if not den or num is None:
            continue
        extra = _quantity_extra("", _QUALIFIERS.get(m.group("pre") or "", ""), None, True)
        out.append(Annotation("quantity", m.span(), m.group(), round(num / den, 4), extra))
    return out


def _around(text: str, word: str, start: int, end: int, before: int, after: int,
            pattern: re.Pattern[str]) -> Any:
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


def _titles(text: str, start: int, end: int) -> list[Annotation]:
    if text.find("《", start, end) < 0:
        return []
    return [Annotation("title", m.span(), m.group(), m.group()[1:-1], _NO_EXTRA)
            for m in _patterns()["title"].finditer(text, start, end)]


def _docnumbers(text: str, start: int, end: int) -> list[Annotation]:
    out: list[Annotation] = []
    if text.find("号", start, end) < 0:
        return out
    p = _patterns()
    for m in p["docnumber"].finditer(text, start, end):
        before = p["issuer"].search(text, max(start, m.start() - 12), m.start())
        if before is None:
            continue
        written = before.group().rstrip()
        issuer = re.sub(_ISSUER_LEAD, "", written)
        if not issuer:
            continue
        s = before.start() + (len(written) - len(issuer))
        value = {"issuer": issuer, "year": int(m.group("year").translate(_DIGITS)),
                 "number": int(m.group("number").translate(_DIGITS))}
        out.append(Annotation("docnumber", (s, m.end()), text[s:m.end()], value, _NO_EXTRA))
    return out


def _enumerations(text: str, start: int, end: int) -> list[Annotation]:
    """一是……二是……三是…… and 第一，……第二，……: runs of markers numbered 1, 2, 3 … in one text."""
    markers: list[tuple[int, int, str, str]] = []  # (start, number, marker, family)
    for m in _patterns()["enum"].finditer(text, start, end):
        lead, kind = m.group("lead"), m.group("kind")
        if kind:
            markers.append((m.start(), _CN_DIGIT.get(lead, 10), lead + kind, kind))
        else:
            markers.append((m.start(), _CN_DIGIT.get(m.group("ord"), 10), "第" + m.group("ord"), "第"))
    out: list[Annotation] = []
    if not markers:
        return out
    # Sentence ends after the markers, found once: a search per run would be quadratic.
    stops = [m.start() for m in re.finditer(r"[。！？]", text[markers[0][0]:end])]
    base = markers[0][0]
    i = 0
    while i < len(markers):
        first = markers[i]
        if first[1] != 1:
            i += 1
            continue
        run = [first]
        j = i + 1
        while j < len(markers) and markers[j][3] == first[3] and markers[j][1] == run[-1][1] + 1:
            run.append(markers[j])
            j += 1
        if len(run) >= 2:
            last = run[-1][0]
            at = bisect.bisect_left(stops, last - base)
            finish = base + stops[at] if at < len(stops) else end
            if j < len(markers):
                finish = min(finish, markers[j][0])  # a new run starts: this one has ended
            while finish > last and text[finish - 1] in " \t\u3000\r\n；;，,":
                finish -= 1
            parts = []
            for k, (pos, number, marker, _) in enumerate(run):
                part_end = run[k + 1][0] if k + 1 < len(run) else finish
                while part_end > pos and text[part_end - 1] in " \t\u3000\r\n；;，,。":
                    part_end -= 1
                parts.append({"marker": marker, "number": number, "span": [pos, part_end],
                              "text": text[pos:part_end]})
            out.append(Annotation("enumeration", (first[0], finish), text[first[0]:finish],
                                  [p["marker"] for p in parts], {"parts": len(parts), "items": parts}))
            i = j
        else:
            i += 1
    return out


def annotate_text(text: str, start: int = 0, end: int | None = None, year: int | None = None,
                  reader: _DateReader | None = None) -> list[Annotation]:
    """Every annotation in ``text[start:end]``, spans in ``text``'s offsets, sorted by position."""
    end = len(text) if end is None else end
    reader = reader or _DateReader(year)
    dates = reader.read(text, start, end)
    titles = _titles(text, start, end)
    numbers = _docnumbers(text, start, end)
    taken = [a.span for a in dates + numbers]
    # A figure inside a cited title or a document number is not a quantity of the report.
    shares = _fractions(text, start, end)
    quantities = shares + _quantities(text, start, end, taken + [a.span for a in titles + shares])
    found = dates + titles + numbers + quantities + _enumerations(text, start, end)
    found.sort(key=lambda a: (a.span[0], -a.span[1], a.kind))
    return _without_overlaps(found)


def _without_overlaps(found: list[Annotation]) -> list[Annotation]:
    """Keep the first (longest) of annotations of one kind that overlap."""
    kept: list[Annotation] = []
    last_end: dict[str, int] = {}
    for a in found:
        if a.span[0] < last_end.get(a.kind, -1):
            continue
        kept.append(a)
        last_end[a.kind] = a.span[1]
    return kept


# --- the document --------------------------------------------------------------------------------

_TITLE_YEAR = rf"(?P<y>{_YEAR})\s*年"
_PLACE = r"(?P<place>[\u4e00-\u9fff]{1,8}(?:自治区|自治州|特别行政区|省|市|县|縣|区|區|州|盟|旗|镇|鎮|乡|鄉))"


def document_year(doc: Document) -> int | None:
    """The year the title names (``2023年广州市…`` → 2023)."""
    if doc.title is None:
        return None
    m = re.search(_TITLE_YEAR, doc.title.text)
    return _int(m.group("y")) if m else None


def _own_ranges(node: Node) -> list[tuple[int, int]]:
    if not node.gaps:  # nearly every node
        return [node.span]
    ranges = []
    start = node.span[0]
    for gap_start, gap_end in sorted(node.gaps):
        ranges.append((start, gap_start))
        start = gap_end
    ranges.append((start, node.span[1]))
    return ranges


def annotate(doc: Document) -> Document:
    """Fill ``annotations`` of every section, item and paragraph, ``date`` of dated items, and ``meta``.

    The patterns run once over the whole text, in order (so that a year written
    earlier is the context of a date that omits it); each annotation then goes to
    the node whose own content holds it, found by bisection.
    """
    text = doc.text
    reader = _DateReader(document_year(doc))
    owners: list[tuple[int, int, Node]] = []
    for node in doc.walk():
        if node.kind in (SECTION, ITEM, PARAGRAPH):
            node.annotations = []
            owners += [(start, end, node) for start, end in _own_ranges(node)]
    owners.sort(key=lambda owner: owner[0])
    starts = [owner[0] for owner in owners]
    for a in annotate_text(text, 0, len(text), reader=reader):
        at = bisect.bisect_right(starts, a.span[0]) - 1
        if at >= 0:
            _start, end, node = owners[at]
            if a.span[1] <= end:
                assert node.annotations is not None
                node.annotations.append(a)
    for node in doc.walk():
        if node.kind in (ITEM, SECTION) and not node.title:
            node.date = _event_date(node)
    _enumeration_runs(doc)
    doc.meta = document_meta(doc, reader)
    return doc


def _event_date(node: Node) -> str | None:
    """An item's date: the one its text opens with (``2023年5月，…``), else the first it names."""
    dates = [a for a in node.annotations or () if a.kind == "date"]
    leading = [a for a in dates if node.text.startswith(a.text)]
    for a in leading or dates[:1]:
        value = a.value if isinstance(a.value, str) else a.value.get("from")
        return value if isinstance(value, str) else None
    return None


def _enumeration_runs(doc: Document) -> None:
    """Paragraphs that open with 一是, 二是 … in a row are the parts of one enumeration."""
    pattern = re.compile(r"(?P<n>[一二三四五六七八九十])(?P<kind>是|要)")

    def visit(nodes: list[Node]) -> None:
        run: list[tuple[Node, int, str]] = []

        def close() -> None:
            if len(run) >= 2:
                first_line = run[0][0].line
                for paragraph, number, marker in run:
                    start = paragraph.span[0]
                    if paragraph.annotations is None:
                        paragraph.annotations = []
                    paragraph.annotations.insert(0, Annotation(
                        "enumeration", (start, start + len(marker)), marker, [marker],
                        {"parts": 1, "run": first_line, "number": number},
                    ))
            run.clear()

        for node in nodes:
            if node.kind == PARAGRAPH:
                m = pattern.match(node.text)
                if m:
                    number = _CN_DIGIT.get(m.group("n"), 10)
                    if number == (run[-1][1] + 1 if run else 1):
                        run.append((node, number, m.group()))
                        continue
                    close()
                    if number == 1:
                        run.append((node, number, m.group()))
                    continue
                if run:
                    continue  # a paragraph between the parts (二是 continued) does not end the run
            close()
            visit(node.children)
        close()

    visit(doc.children)


def document_meta(doc: Document, reader: _DateReader) -> dict[str, Any]:
    """The 公文 elements of GB/T 9704-2012 that the document shows, and the year and place of its title."""
    meta: dict[str, Any] = {}
    if doc.title is not None:
        year = document_year(doc)
        if year is not None:
            meta["year"] = year
        after = doc.title.text
        m = re.search(_TITLE_YEAR, after)
        if m:
            after = after[m.end():]
        place = re.match(_PLACE, after)
        if place:
            meta["place"] = place.group("place")
    # The elements stand before the body and after it: the first and last top-level blocks.
    blocks = [n for n in doc.children if n.kind in (PARAGRAPH, "attachments")]
    top = blocks[:25] + blocks[max(25, len(blocks) - 25):]
    for node in top:
        body = node.text.strip()
        numbers = _docnumbers(body, 0, len(body))
        if "document_number" not in meta and numbers and len(body) <= 30:
            meta["document_number"] = numbers[0].text
        elif body.startswith(("签发人", "簽發人")) and "：" in body:
            meta["signer"] = body.split("：", 1)[1].strip()
        elif "addressee" not in meta and body.endswith(("：", ":")) and len(body) <= 80 and re.search(
            r"政府|部门|部門|单位|單位|委员会|委員會|局|厅|廳|办|辦|机构|機構|公司|学校|學校|党委|黨委|机关|機關|街道|乡镇|鄉鎮",
            body,
        ):
            meta["addressee"] = body.rstrip("：:")
        elif node.kind == "attachments":
            entries = [e.strip() for e in re.split(r"\s*\n\s*|(?<=\S)\s{2,}", re.sub(r"^附\s*件\s*[：:]\s*", "", body))]
            meta.setdefault("attachments", []).extend(e for e in entries if e)
        elif re.match(r"抄\s*送\s*[：:]", body):
            meta["copied_to"] = [x for x in re.split(r"[，,、；;。]\s*", body.split("：", 1)[-1]) if x.strip()]
        elif body.endswith("印发"):
            dates = annotate_text(body, 0, len(body), reader=_DateReader(None))
            dated = [a for a in dates if a.kind == "date" and isinstance(a.value, str)]
            if dated:
                meta["printed_by"] = body[: dated[0].span[0]].strip()
                meta["printed_date"] = dated[0].value
    closing = [n for n in doc.children if n.kind == PARAGRAPH]
    for i, node in enumerate(closing):
        body = node.text.strip()
        if len(body) > 24 or i == 0:
            continue  # a 成文日期 is a date alone on its line, under the signature
        dates = annotate_text(body, 0, len(body), reader=_DateReader(None))
        if len(dates) == 1 and dates[0].kind == "date" and dates[0].span == (0, len(body)) and i > 0:
            meta["date"] = dates[0].value
            issuer = closing[i - 1].text.strip()
            if issuer and len(issuer) <= 30 and not re.search(r"[。；，]", issuer):
                meta["issuer"] = issuer
    return meta
