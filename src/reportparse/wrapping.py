"""Hard wrapping: is the text broken at a width (PDF or fixed-width text), and how wide?

In a hard-wrapped document a line that does not finish its sentence goes on in
the next one, so the later stages join such lines back into one paragraph or
one node's text while their spans still cover the original lines.
"""

from __future__ import annotations

from . import model
from .lineinfo import NOT_WRAPPED, Lines, Wrapping
from .text import display_width, is_complete

__all__ = ["NOT_WRAPPED", "detect"]


def detect(text: str, lines: Lines) -> Wrapping:
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
    prev = -1  # the previous line of text, or -1
    tail = ""  # the previous line's text, and its width: each line is cut and measured once
    width = 0
    ink, end, set_aside, underline, match, hashes = (
        lines.ink, lines.end, lines.set_aside, lines.underline, lines.match, lines.hashes)
    for i in range(len(lines)):
        if ink[i] >= end[i] or set_aside[i] == model.FURNITURE:
            continue  # a page number inside a wrapped paragraph does not end it
        if set_aside[i] or underline[i]:
            prev = -1
            continue
        if prev >= 0 and match[i] is None and hashes[prev] == 0 and tail:
            if tail[-1] in "，、,":
                comma_widths.append(width)
            if not is_complete(tail):
                open_widths.append(width)
        tail = text[ink[i]:end[i]].rstrip()
        width = display_width(tail)
        all_widths.append(width)
        prev = i
    inked = len(all_widths)
    estimates: list[int] = []
    if len(comma_widths) >= 3 and len(comma_widths) >= inked * 0.02:
        comma_widths.sort()
        estimates.append(max(16, int(comma_widths[len(comma_widths) // 10] * 0.8)))
    if open_widths:
        width = _same_width(open_widths, all_widths, inked)
        if width:
            estimates.append(width)
    if not estimates:
        return NOT_WRAPPED
    return Wrapping(True, min(estimates))


def _same_width(open_widths: list[int], all_widths: list[int], inked: int) -> int:
    """The narrowest wrapped width shown by lines that stop mid-sentence at one width, or 0."""
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
        return max(16, mode - 8)
    return 0
