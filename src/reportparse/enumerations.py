"""Inline enumerations: ``一是……二是……三是……`` and ``第一，……第二，……`` inside a text, and
paragraphs that open with ``一是``, ``二是`` … in a row, the parts of one enumeration.

They are not nodes (ANNOTATION.md: an inline enumeration lives inside its paragraph), but a
reader wants them: each run is an annotation with its parts.
"""

from __future__ import annotations

import re
from functools import cache

from .annotation import Annotation, cn_digit
from .blocks import PARAGRAPH, Units
from .owners import OUTSIDE

#: A paragraph that opens a part of an enumeration run over paragraphs.
_PART = re.compile(r"(?P<n>[一二三四五六七八九十])(?P<kind>是|要)")
_NUMERALS = frozenset("一二三四五六七八九十")


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    # 一是 二要 三为, found from their 是, 要 and 为, and 第一， 第二、: a pattern that opens with a
    # character lets ``re`` skip to it in C, ten times as fast as to one of a class.
    return (
        *(re.compile(rf"{kind}(?<=[一二三四五六七八九十]{kind})(?=[^，。；：\s])") for kind in "是要为"),
        re.compile(r"第(?P<ord>[一二三四五六七八九十])[，、：,]"),
    )


def _markers(text: str, start: int, end: int) -> list[tuple[int, int, str, str]]:
    """The markers of inline enumerations in ``text[start:end]``: (start, number, marker, family)."""
    *kinds, ordinal = _patterns()
    # No two markers overlap (the numeral of 第一， is followed by its comma, not by 是), so the
    # matches of the four patterns together are those of one scan for all four.
    markers = [(m.start() - 1, cn_digit(text[m.start() - 1]), text[m.start() - 1] + m.group(), m.group())
               for kind in kinds for m in kind.finditer(text, start + 1, end)]
    markers += [(m.start(), cn_digit(m.group("ord")), "第" + m.group("ord"), "第")
                for m in ordinal.finditer(text, start, end)]
    markers.sort()
    return markers


def inline(text: str, start: int, end: int) -> list[Annotation]:
    """一是……二是……三是…… and 第一，……第二，……: runs of markers numbered 1, 2, 3 … in one text."""
    markers = _markers(text, start, end)
    out: list[Annotation] = []
    if not markers:
        return out
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
            # The run ends at its last part's sentence end, or where a new run starts: searched up to
            # there only, so that the searches of all runs together read the text once.
            limit = markers[j][0] if j < len(markers) else end
            finish = min((at for at in (text.find(stop, last, limit) for stop in "。！？") if at >= 0), default=limit)
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


def paragraph_runs(text: str, units: Units, owners: tuple[int, ...]) -> dict[int, Annotation]:
    """Paragraphs that open with 一是, 二是 … in a row under one owner: the part each one opens, by unit."""
    # The paragraphs that open a part are found first, and only their owners' children walked.
    openings: dict[int, re.Match[str]] = {}
    kinds, segments, content_start = units.kind, units.segments, units.content_start
    for ui, kind in enumerate(kinds):
        if kind == PARAGRAPH:
            at = content_start[ui]
            first = text[at:at + 1]
            if ui in segments or first in _NUMERALS or first.isspace():
                m = _opening(text, units, ui)
                if m:
                    openings[ui] = m
    holders = {owners[ui] for ui in openings} - {OUTSIDE}
    if not holders:
        return {}
    children: dict[int, list[int]] = {}
    for ui, owner in enumerate(owners):
        if owner in holders:
            children.setdefault(owner, []).append(ui)
    found: dict[int, Annotation] = {}
    for kids in children.values():
        run: list[tuple[int, int, str]] = []  # (unit, number, marker)
        for ui in kids:
            if kinds[ui] == PARAGRAPH:
                m = openings.get(ui)
                if m:
                    number = cn_digit(m.group("n"))
                    if number == (run[-1][1] + 1 if run else 1):
                        run.append((ui, number, m.group()))
                        continue
                    _close(units, run, found)
                    if number == 1:
                        run.append((ui, number, m.group()))
                    continue
                if run:
                    continue  # a paragraph between the parts (二是 continued) does not end the run
            if run:
                _close(units, run, found)
        _close(units, run, found)
    return found


def _opening(text: str, units: Units, ui: int) -> re.Match[str] | None:
    """``_PART`` at the start of a paragraph's content, read in place where the content is one
    stretch of the text (nearly every paragraph): no copy of each paragraph to look at two characters."""
    if ui in units.segments:
        return _PART.match(units.content(text, ui))
    at, end = units.content_start[ui], units.end[ui]
    while at < end and text[at].isspace():
        at += 1
    return _PART.match(text, at, end)


def _close(units: Units, run: list[tuple[int, int, str]], found: dict[int, Annotation]) -> None:
    if len(run) >= 2:
        first_line = units.first[run[0][0]] + 1
        for ui, number, marker in run:
            start = units.start[ui]
            found[ui] = Annotation(
                "enumeration", (start, start + len(marker)), marker, [marker],
                {"parts": 1, "run": first_line, "number": number},
            )
    run.clear()

