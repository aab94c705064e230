"""The annotation record, and what the annotation finders share: numbers as written, claimed spans."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import accumulate
from operator import itemgetter
from typing import Any

from .numerals import digit_value, figure_value

#: Full-width digits, point and percent sign to ASCII.
DIGITS = str.maketrans("０１２３４５６７８９．％", "0123456789.%")


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
NO_EXTRA: dict[str, Any] = {}
WRITTEN: dict[str, Any] = {"inferred": False}
INFERRED: dict[str, Any] = {"inferred": True}


@cache
def quantity_extra(unit: str, qualifier: str, direction: str | None, approx: bool) -> dict[str, Any]:
    extra: dict[str, Any] = {"unit": unit, "qualifier": qualifier}
    if direction:
        extra["direction"] = direction
    if approx:
        extra["approx"] = True
    return extra


class Taken:
    """Spans already claimed, for overlap tests in logarithmic time (a scan per match would be quadratic)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = list(map(itemgetter(0), self.spans))
        # The furthest end among the spans up to each index, so one look back is enough.
        self.reach = list(accumulate(map(itemgetter(1), self.spans), max))

    def overlaps(self, start: int, end: int) -> bool:
        at = bisect.bisect_left(self.starts, end) - 1
        return at >= 0 and self.reach[at] > start


def skipping(first: str, body: str) -> str:
    """``body`` as a pattern that opens with the class ``first`` of the characters it can start with.

    ``re`` skips to the characters of a leading class in C, but tries a pattern that opens with a
    group, an optional part or a look-ahead at every position of the text.  The class takes one
    character; the look-behind steps back over it and matches ``body`` from there, so the match
    proper is the group ``all`` (group 1), and every position where ``body`` matches is found, one
    inside the last match too: a caller that wants ``finditer``'s matches keeps only those starting
    at or after the end of the last one it kept.
    """
    return rf"[{first}](?<=(?=(?P<all>{body}))[{first}])"


def occurrences(text: str, chars: str, start: int, end: int) -> list[int]:
    """Where each of ``chars`` stands in ``text[start:end]``, in order.

    ``str.find`` skips to a character ten times as fast as ``re`` skips to a class: the way to the
    few places a pattern needs (the - and / of an ISO date, the 号 of a document number).
    """
    found: list[int] = []
    for ch in chars:
        at = text.find(ch, start, end)
        while at >= 0:
            found.append(at)
            at = text.find(ch, at + 1, end)
    found.sort()
    return found


def in_windows(
    pattern: Callable[[], re.Pattern[str]], text: str, windows: Iterable[tuple[int, int]]
) -> Iterator[re.Match[str]]:
    """``pattern().finditer`` over the stretches ``windows`` (in order of their starts) of ``text``.

    The same matches as a scan of the whole text where every match lies inside one window and the
    pattern looks past a match's end for nothing a window cuts off (no ``$``, ``\b`` or negative
    look-ahead there).  Windows that overlap or touch are scanned as one, so no match is cut in
    two or found twice.  ``pattern`` gives the compiled pattern; it is called at the first window,
    so that a process that meets no window for it (no 分之, no 号) never compiles it.
    """
    compiled: re.Pattern[str] | None = None
    scan_start = scan_end = -1
    for window_start, window_end in windows:
        if window_start <= scan_end:
            scan_end = max(scan_end, window_end)
            continue
        if scan_end > scan_start:
            compiled = compiled or pattern()
            yield from compiled.finditer(text, scan_start, scan_end)
        scan_start, scan_end = window_start, window_end
    if scan_end > scan_start:
        yield from (compiled or pattern()).finditer(text, scan_start, scan_end)


def in_order(found: list[Annotation]) -> list[Annotation]:
    """``found`` by position (of two that start together, the longer first, then by kind), keeping
    the first (longest) of annotations of one kind that overlap."""
    # Sorted by keys made in one list (no key function called per annotation) and read back from them.
    keys = [(a.span[0], -a.span[1], a.kind) for a in found]
    kept: list[Annotation] = []
    last_end: dict[str, int] = {}
    for i in sorted(range(len(keys)), key=keys.__getitem__):
        start, neg_end, kind = keys[i]
        if start < last_end.get(kind, -1):
            continue
        kept.append(found[i])
        last_end[kind] = -neg_end
    return kept


def read_number(text: str) -> float | None:
    """A figure as written in running text, in any of its forms (:func:`numerals.figure_value`)."""
    return figure_value(text)


@lru_cache(maxsize=4096)  # the same years, months and days recur through a document
def read_int(text: str | None) -> int | None:
    """A year, month or day as written: digits, 二〇二三 (digit by digit) or 二十三."""
    if text is None:
        return None
    plain = text.translate(DIGITS)
    if plain.isdigit():
        return int(plain)
    value = figure_value(text)
    return int(value) if value is not None and value.is_integer() else None


def cn_digit(ch: str) -> int:
    """The value of one numeral character of an inline enumeration (一是, 第二，); 十 and others 10."""
    return digit_value(ch) or 10


def clean(value: float) -> int | float:
    rounded = round(value, 6)
    return int(rounded) if rounded == int(rounded) else rounded
