"""Faults of a marker as written, whatever its number: brackets that do not pair (（3) (三）), a
delimiter or bracket unlike the rest of its run (1、 among 1.), and a marker that cannot be read
(（十O）, 1l.): a letter O or l typed for a digit, or a numeral that is no number."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .lineinfo import Lines
from .markers import STYLES, Style
from .model import Diagnostic
from .numerals import CN_NUMERAL_CHARS, to_int
from .sequence import CLOSERS, PAIRS, UNREADABLE, Entry, brackets

_DELIMITED = ("num", "cn")
#: Letters typed for digits: O for 0 and 〇, l and I for 1.
_LOOKALIKE = "OoＯｏ○lIｌＩ"
_NUMERAL = f"[{CN_NUMERAL_CHARS}0-9０-９{_LOOKALIKE}]"
_SHAPES = (
    (re.compile(f"[（(]\\s*({_NUMERAL}{{1,5}})\\s*[）)]"), "paren"),
    (re.compile(f"第\\s*({_NUMERAL}{{1,6}})\\s*条"), "article"),
    (re.compile(f"({_NUMERAL}{{1,4}})(?:、|[.．](?![0-9０-９]))"), "plain"),
    # 3，加强宣传: a comma typed for the dot; read as a marker only where the run before it counts 1. 2.
    (re.compile("([0-9０-９]{1,2})[，,](?![0-9０-９])"), "comma"),
)


#: Every character a shape opens with: a line opening otherwise (nearly every line of prose) is let
#: through without trying them.
SHAPE_FIRST = frozenset("（(第" + CN_NUMERAL_CHARS + "0123456789０１２３４５６７８９" + _LOOKALIKE)


def _delimiter(marker: str) -> str:
    return marker[-1:] if marker and marker[-1] in "、.．)）" else ""


def _fault(entry: Entry, code: str, want: str, why: str) -> Diagnostic:
    message = f"{want} expected here, found {entry.marker} ({why})"
    return Diagnostic("warning", code, entry.line, message, ((entry.line, entry.marker, want),))


def delimiter_faults(runs: Iterable[Sequence[Entry]]) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for run in runs:
        # Counted in plain dicts: most runs have a handful of points, where a Counter's set-up costs
        # more than the count; max() over insertion order keeps most_common's choice on a tie.
        pairs: dict[tuple[str, str], int] = {}
        delims: dict[str, int] = {}
        shapes = []
        for e in run:
            pair = None if e.placeholder else brackets(e.marker)
            shapes.append(pair)
            if e.placeholder or not e.accepted:
                continue
            if pair and PAIRS[pair[0]] == pair[1]:
                pairs[pair] = pairs.get(pair, 0) + 1
            if e.style.name in _DELIMITED:
                delim = _delimiter(e.marker)
                delims[delim] = delims.get(delim, 0) + 1
        usual_pair = max(pairs.items(), key=_count)[0] if pairs else None
        usual_delim, times = max(delims.items(), key=_count) if delims else ("", 0)
        several = sum(delims.values()) >= 2
        for e, pair in zip(run, shapes, strict=True):
            if e.placeholder:
                continue
            if pair is not None and PAIRS[pair[0]] != pair[1]:
                fixed = usual_pair or (pair[0], PAIRS[pair[0]])
                found.append(_fault(e, "bracket-mismatch", _rebracket(e.marker, fixed), "brackets do not pair"))
            elif several and e.style.name in _DELIMITED and e.accepted:
                delim = _delimiter(e.marker)
                # On a tie the first point's delimiter is the run's: the later one is the slip.
                if delim != usual_delim and delims.get(delim, 0) <= times:
                    want = e.marker[:len(e.marker) - len(delim)] + usual_delim
                    found.append(_fault(e, "style-mixed", want, f"its run ends its markers with {usual_delim}"))
    return found


def _count(item: tuple[object, int]) -> int:
    return item[1]


def _rebracket(marker: str, pair: tuple[str, str]) -> str:
    close_at = max(i for i, ch in enumerate(marker) if ch in CLOSERS)
    return pair[0] + marker[1:close_at] + pair[1] + marker[close_at + 1:]


def _unreadable_number(digits: str) -> bool:
    if any(ch in _LOOKALIKE for ch in digits):
        return any(ch not in _LOOKALIKE for ch in digits)
    return to_int(digits) is None


def unreadable(text: str, lines: Lines, entries: Sequence[Entry]) -> list[Entry]:
    """Lines that open with what is meant as a marker but cannot be read, each placed in the run of
    its style it stands in (so the point after it is not reported as a gap as well).  ``entries``
    are in line order."""
    out = []
    last: dict[str, Entry] = {}  # the last entry of each style above the line
    at = 0
    ends, contents, marked = lines.end, lines.content, lines.marked
    set_aside, in_title, quoted = lines.set_aside, lines.in_title, lines.quoted
    for i in range(len(lines)):
        content, end = contents[i], ends[i]
        # A blank line has no content before its end either.
        if content >= end or text[content] not in SHAPE_FIRST:
            continue
        if marked[i] or set_aside[i] or in_title[i] or quoted[i]:
            continue
        number = i + 1
        while at < len(entries) and entries[at].line < number:
            last[entries[at].style.name] = entries[at]
            at += 1
        for pattern, shape in _SHAPES:
            m = pattern.match(text, content, end)
            if m is None or (shape != "comma" and not _unreadable_number(m.group(1))):
                continue
            style = _style(shape, m.group(1))
            above = last.get(style.name)
            if shape == "comma" and not (above and above.number + 1 == to_int(m.group(1))):
                continue
            group = above.group if above else ("lone", number)
            out.append(Entry(number, style, style.name, 0, m.group(0), group, False, placeholder=UNREADABLE))
            break
    return out


def _style(shape: str, digits: str) -> Style:
    arabic = any(ch.isdigit() or ch in "lIｌＩ" for ch in digits)
    if shape == "paren":
        return STYLES["num-paren" if arabic else "cn-paren"]
    if shape == "article":
        return STYLES["article"]
    return STYLES["num" if arabic else "cn"]
