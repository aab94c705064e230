"""Dates: as precise as written, with the year from context where it is not written.

``2023年5月`` → ``2023-05``; ``9月23日`` takes the year last written before it (or
the year the title names) and says so (``inferred``); ranges (``2021—2023年``,
``5月至7月``, ``上半年``), relative years (``去年``) and festivals (``春节前夕``) are
read too.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import Any

from .annotation import INFERRED, WRITTEN, Annotation, Taken, in_windows, occurrences
from .annotation import read_int as _int

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


_D = "0-9０-９"
_YEAR = rf"(?:[12][{_D}]{{3}}|[12１２][{_D}]{{3}}|[〇○零一二三四五六七八九]{{4}})"
_MONTH = rf"(?:[{_D}]{{1,2}}|十[一二]?|[一二三四五六七八九])"
_DAY = rf"(?:[{_D}]{{1,2}}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_TO_CHARS = "至到—－-–~～"
_TO = f"(?:{'|'.join(_TO_CHARS)})"
_PERIOD_N = "一二两兩三四五六七八九十"
_PERIOD_LEADS = ("过去", "過去", "这", "這")
_PERIOD_YEARS = r"(?:十[一二三四五六七八九]?|[一二两兩三四五六七八九]十?|[1-9][0-9]?)"
#: A year as written in a title or a sentence (2023, 二〇二三).
YEAR = _YEAR


@cache
def _pattern(name: str) -> re.Pattern[str]:
    """The patterns compiled on first use: a run that asks for no annotations pays for none."""
    sources = {
        # One date, as precise as written: 2023年5月12日, 2023年5月, 2023年, 5月12日, 5月.
        "date": (
            # The lookaheads keep the pattern from matching nothing at every position; the first,
            # a single class, rejects most positions at the cost of one character test.
            rf"(?=[去今明前上当當{_D}〇○零一二三四五六七八九十])(?=去年|今年|明年|前年|上年|当年|當年|{_YEAR}\s*年|{_MONTH}\s*月)"
            # A signature's date may be spaced out (２０２４年 １月 １０日): a space or two, not a line break.
            rf"(?P<rel>去年|今年|明年|前年|上年|当年|當年)?(?:(?P<y>{_YEAR})\s*年)?"
            rf"(?:[ \u3000]{{0,2}}(?P<m>{_MONTH})\s*月(?:[ \u3000]{{0,2}}(?P<d>{_DAY})\s*[日号])?)?"
            rf"(?P<part>底|末|初|度|上半年|下半年|第?[一二三四1-4]季度|以来)?"
        ),
        # 2026-02-12 and 2026/2/12, looked for only around a - or a / (_periods).
        "iso": r"(?P<y>[12](?<![0-9][12])[0-9]{3})(?P<sep>[-/])(?P<m>[01]?[0-9])(?P=sep)(?P<d>[0-3]?[0-9])(?![0-9.])",
        # A date of the Republic of China calendar (Taiwan): 中華民國113年2月20日, 113年1月10日 is 2024.
        "roc": (
            rf"(?=[中民{_D}])(?P<era>中華民國|中华民国|民國|民国)?(?<![{_D}])(?P<y>[{_D}]{{2,3}})\s*年"
            rf"(?:(?P<m>{_MONTH})\s*月(?:(?P<d>{_DAY})\s*[日号])?)?"
        ),
        # A Taiwan text names 民國: the ROC dates are looked for only there.
        "roc_text": "民[國国]",
        # Periods of completed years: 过去五年, 这五年; 五年来, 三年以来 are found from their 年来.
        # One pattern per lead word: a literal prefix lets ``re`` find its candidates in C.
        **{f"period{lead}": rf"{lead}的?(?P<n>{_PERIOD_YEARS})年(?:以?[来來])?" for lead in _PERIOD_LEADS},
        "since": r"年以?[来來]",
        "since_count": rf"(?<![{_PERIOD_N}0-9第多几幾近])(?P<n>{_PERIOD_YEARS})$",
        # The 年, 月, 日 and 号 a date can hold: after a year, 今 of 今年 or a space; after a month's
        # or a day's last digit or a space.  Each opens with its character, which ``re`` finds in C.
        "年": rf"年(?:(?<=[{_D}〇○零一二三四五六七八九]{{4}}年)|(?<=[去今明前上当當\s]年))",
        **{key: rf"{key}(?<=[{_D}一二三四五六七八九十\s]{key})" for key in "月日号"},
        # What every date written holds: a text with none of it is read at once (DateReader.read).
        "dated": "[年月日号/-]",
        # What joins two dates into a range (5月至7月), and the day that ends 3月5日至7日.
        "joint": rf"\s*{_TO}\s*",
        "day_end": rf"\s*{_TO}\s*(?P<d>{_DAY})\s*[日号]",
        # Matched only where a date follows a 至 or — (_year_ranges), never scanned for.
        "year_range": rf"(?P<a>{_YEAR})\s*{_TO}\s*(?P<b>{_YEAR})\s*年",
        # The 一 of 五一, 七一, 八一: ``re`` finds the frequent 一 in C and tests the character before.
        "一": "一(?<=[五七八]一)",
        "festival": (
            r"(?P<name>春节|春節|元旦|国庆节?|國慶節?|劳动节|勞動節|五一|七一|八一)"
            r"(?P<when>前夕|期间|期間|前后|前後|假期)?"
        ),
    }
    return re.compile(sources[name])


def _date_windows(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Stretches of ``text`` that hold every match of the ``date`` pattern, around its 年, 月, 日 and 号.

    A date has at most four characters before its first 年 or 月 (a year, 今 of 今年) and the spaces
    between them and it; at most six and spaces between one 年, 月, 日 or 号 and the next (two spaces
    and a day, 二十三), so that their stretches meet; and at most four after its last (第一季度).
    Only a 年, 月, 日 or 号 after what a date writes before one is looked around (the key patterns).
    """
    keys = [m.start() for key in "年月日号" for m in _pattern(key).finditer(text, start, end)]
    keys.sort()
    for at in keys:
        before = at
        while before > start and text[before - 1].isspace():
            before -= 1
        yield max(start, before - 4), min(end, at + 5)


def _festival_windows(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Stretches that hold every festival's name: each has a 节, 節, 旦, 庆 or 慶, or a 一 after 五,
    七 or 八, one or two characters after its start, and ends at most four characters after that."""
    keys = occurrences(text, "节節旦庆慶", start, end)
    keys += [m.start() for m in _pattern("一").finditer(text, start, end)]
    keys.sort()
    for at in keys:
        yield max(start, at - 2), min(end, at + 4)


def _year_ranges(text: str, start: int, end: int, dates: list[re.Match[str]]) -> Iterator[re.Match[str]]:
    """The matches of ``year_range`` (``2021—2023年``) in ``text[start:end]``, found from the ``dates``.

    The year that ends a range is where a date starts (nothing a date holds comes before the 至 or
    — of a range), and the range's start is four characters before that 至 or — and the spaces
    around it: one pattern match where a date follows a dash, not a scan of every year.
    """
    pattern = _pattern("year_range")
    last_end = start
    for date in dates:
        at = date.start()
        while at > start and text[at - 1].isspace():
            at -= 1
        if at <= start or text[at - 1] not in _TO_CHARS:
            continue
        at -= 1
        while at > start and text[at - 1].isspace():
            at -= 1
        if at - 4 >= last_end:
            m = pattern.match(text, at - 4, end)
            if m is not None:
                last_end = m.end()
                yield m


@lru_cache(maxsize=4096)  # the same years and months recur through a document: formatted once
def _iso(year: int, month: int | None = None, day: int | None = None) -> str:
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


class DateReader:
    """Reads the dates of one text in order, keeping the last year written as context."""

    def __init__(self, year: int | None, reports_on_year: bool = True) -> None:
        self.doc_year = year
        self.context = year
        # The last completed year of 过去五年: the document's year in a summary written at its end,
        # the year before in a report given at the start of the next (政府工作报告).
        self.last_year = None if year is None else year if reports_on_year else year - 1

    def read(self, text: str, start: int, end: int, cited: list[tuple[int, int]] | None = None) -> list[Annotation]:
        """The dates of ``text[start:end]``; a year inside a ``cited`` title (《…（2024—2026年）》) names
        no date and is no context for the dates after it."""
        found: list[Annotation] = []
        if self.context is None and self.last_year is None and _pattern("dated").search(text, start, end) is None:
            # No 年, 月, 日, 号, - or /: no date is written, and with no year to go by, no festival or
            # period is one (the short lines the metadata reads, most of them)
            return found
        titles = Taken(cited or [])
        opening_year = self.context
        #: Where the context year changes, and to what: a festival takes the year written before it.
        changes: list[tuple[int, int]] = []
        at_change: list[int] = []
        dates = list(in_windows(lambda: _pattern("date"), text, _date_windows(text, start, end)))
        for m in _year_ranges(text, start, end, dates):
            a, b = _int(m.group("a")), _int(m.group("b"))
            if a and b and a <= b and not titles.overlaps(*m.span()):
                found.append(Annotation("date", m.span(), m.group(), {"from": _iso(a), "to": _iso(b)}, WRITTEN))
                self.context = b
                changes.append((m.start(), b))
        found += self._periods(text, start, end, changes)
        singles: list[tuple[int, int, Any, bool, str]] = []
        ranges = Taken([a.span for a in found] + (cited or []))
        for m in dates:
            rel, y, mo, d, part = m.group("rel", "y", "m", "d", "part")
            if not (y or mo or rel):
                continue
            if ranges.overlaps(m.start(), m.start() + 1):
                continue
            before = self.context
            value = self._value(rel, y, mo, d, part)
            if self.context is not None and self.context != before:
                changes.append((m.start(), self.context))
            if value is None:
                continue
            iso, inferred = value
            singles.append((m.start(), m.end(), iso, inferred, m.group()))
        found += self._merge_ranges(text, singles)
        dated = len(found)
        claimed: Taken | None = None  # the spans of the dates, made for the first festival (few texts name one)
        # A festival takes the year from the context, which no festival changes: with none, none is read.
        festivals = _festival_windows(text, start, end) if self.context is not None else ()
        for m in in_windows(lambda: _pattern("festival"), text, festivals):
            if claimed is None:
                claimed = Taken([a.span for a in found[:dated]])
                changes.sort()
                at_change = [at for at, _ in changes]
            if claimed.overlaps(m.start(), m.end()):
                continue
            # The year last written before the festival (2022年春节前夕 … 2023年5月: 2022's Spring
            # Festival), else the year the text opened with.
            before = bisect.bisect_left(at_change, m.start()) - 1
            year = changes[before][1] if before >= 0 else opening_year
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
            found.append(Annotation("date", m.span(), m.group(), iso, INFERRED))
        return found

    def _periods(self, text: str, start: int, end: int, changes: list[tuple[int, int]]) -> list[Annotation]:
        """ISO dates, dates of the ROC calendar and periods of completed years (过去五年)."""
        found: list[Annotation] = []
        # An ISO date has its first - or / four characters after its start, and it and the character
        # after it that must be no digit end at most six after that.
        iso = ((max(start, at - 4), min(end, at + 7)) for at in occurrences(text, "-/", start, end))
        for m in in_windows(lambda: _pattern("iso"), text, iso):
            year, month, day = int(m.group("y")), int(m.group("m")), int(m.group("d"))
            if 1 <= month <= 12 and 1 <= day <= 31:
                found.append(Annotation("date", m.span(), m.group(), _iso(year, month, day), WRITTEN))
                self.context = year
                changes.append((m.start(), year))
        roc = _pattern("roc_text").search(text, start, end) is not None  # a Taiwan text
        for m in _pattern("roc").finditer(text, start, end) if roc else ():
            value = _roc(m)
            if value is not None:
                found.append(Annotation("date", m.span(), m.group(), value, WRITTEN))
                self.context = int(value[:4])
                changes.append((m.start(), self.context))
        if self.last_year is None:
            return found
        # The lead words' literal prefixes take ``re`` to them in C: no gate of str.find is faster.
        spans = [(m.start(), m.end(), m.group("n")) for lead in _PERIOD_LEADS
                 for m in _pattern(f"period{lead}").finditer(text, start, end)]
        leads = Taken([(s, e) for s, e, _ in spans])
        for m in _pattern("since").finditer(text, start, end):
            lead = _pattern("since_count").search(text, max(start, m.start() - 3), m.start())
            if lead is not None and not leads.overlaps(lead.start(), m.end()):
                spans.append((lead.start(), m.end(), lead.group("n")))
        for s, e, n in sorted(spans):
            count = _int(n)
            if count and count <= 30:
                period = {"from": _iso(self.last_year - count + 1), "to": _iso(self.last_year)}
                found.append(Annotation("date", (s, e), text[s:e], period, INFERRED))
        return found

    def _value(self, rel: str | None, y: str | None, mo: str | None, d: str | None,
               part: str | None) -> tuple[Any, bool] | None:
        inferred = y is None
        if y is not None:
            year = _int(y)
            if year is None or not 1000 <= year <= 2999:
                return None
        elif rel is not None:
            # 今年, 去年 are the document's years; 当年 is the one the text speaks of.
            base = self.context if rel in ("当年", "當年") or self.doc_year is None else self.doc_year
            if base is None:
                return None
            year = base + {"去年": -1, "上年": -1, "前年": -2, "明年": 1}.get(rel, 0)
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
            if part == "度":
                return _iso(year), inferred
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
                if isinstance(iso2, str) and _pattern("joint").fullmatch(text, e, s2):
                    iso2 = _complete(iso, iso2, raw2)
                    out.append(Annotation("date", (s, e2), text[s:e2], {"from": iso, "to": iso2},
                                          INFERRED if inferred else WRITTEN))
                    i += 2
                    continue
            out.append(Annotation("date", (s, e), raw, iso, INFERRED if inferred else WRITTEN))
            i += 1
        # 3月5日至7日: the second end gives only its day.
        for a in out:
            if isinstance(a.value, str) and len(a.value) == 10:
                m = _pattern("day_end").match(text, a.span[1], a.span[1] + 8)
                if m:
                    day = _int(m.group("d"))
                    if day and 1 <= day <= 31:
                        a.value = {"from": a.value, "to": a.value[:8] + f"{day:02d}"}
                        a.span = (a.span[0], m.end())
                        a.text = text[a.span[0]:a.span[1]]
        return out


def _roc(m: re.Match[str]) -> str | None:
    """113年1月10日 is 2024-01-10; a bare 113年 is a date only after 民國 (66年 may be a duration)."""
    if not (m.group("era") or m.group("m")):
        return None
    year = (_int(m.group("y")) or 0) + 1911
    month, day = _int(m.group("m")), _int(m.group("d"))
    if (month is not None and not 1 <= month <= 12) or (day is not None and not 1 <= day <= 31):
        return None
    return _iso(year, month, day)


def _complete(first: str, second: str, raw_second: str) -> str:
    """The end of a range takes the year the start wrote when it writes none (5月至7月)."""
    if "年" not in raw_second and first[:4] != second[:4]:
        return first[:4] + second[4:]
    return second
