"""Paragraphs: the lines grouped into a node's own content, paragraphs and set-aside blocks.

In a hard-wrapped document (see :func:`.blocks.detect_wrapping`) a line that
does not finish its sentence is joined with the next one, so a paragraph or a
node's text comes back whole while its span still covers the original lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import model
from .blocks import LineInfo, Wrapping, compact, is_complete, wrapped_width
from .markers import ANNEX
from .outline import Pending
from .source import rstrip_end


@dataclass(eq=False, slots=True)
class Unit:
    """A node's own lines, a paragraph, a set-aside block or the title, with its segments of text."""

    kind: str  # "node", "paragraph", "title" or a set-aside kind
    first: int
    last: int
    start: int
    end: int
    segments: list[tuple[int, int]]
    pending: Pending | None = None
    want_title: bool = False  # an annex marker alone on its line: its title is on the next line
    title_segment: tuple[int, int] | None = None
    closing: bool = False  # a 公文's signature block or segment label (說明：): it belongs to the document
    #: Furniture inside the span (a page number in a wrapped paragraph): not this unit's own content.
    gaps: list[tuple[int, int]] = field(default_factory=list)

    def content(self, text: str) -> str:
        return _join(text, self.segments)


def _join(text: str, segments: list[tuple[int, int]]) -> str:
    out: list[str] = []
    for s, e in segments:
        piece = text[s:e].strip()
        if not piece:
            continue
        if out and out[-1][-1:].isascii() and out[-1][-1:].isalnum() and piece[:1].isascii() and piece[:1].isalnum():
            out.append(" ")
        out.append(piece)
    return "".join(out)


def units(text: str, infos: list[LineInfo], accepted: list[Pending], wrapping: Wrapping) -> list[Unit]:
    by_line = {p.index: p for p in accepted}
    out: list[Unit] = []
    cur: Unit | None = None
    blank_run = 0
    held: list[tuple[int, int]] = []  # furniture seen since the last line of ``cur``
    for i, info in enumerate(infos):
        line = info.line
        if line.blank:
            blank_run += 1
            continue
        end = rstrip_end(text, line.ink, line.end)
        if info.underline:
            if out and out[-1].kind in ("node", "title") and out[-1].last == _prev_inked(infos, i):
                out[-1].last = i
                out[-1].end = end
            else:
                out.append(Unit(model.FURNITURE, i, i, line.ink, end, [(line.ink, end)]))
            cur = None
            held.clear()
            blank_run = 0
            continue
        if info.set_aside == model.FURNITURE and cur is not None and wrapping.wrapped:
            # A page number or running head inside a wrapped paragraph: set aside, and the
            # paragraph may go on after it (the furniture becomes a gap in its span).
            out.append(Unit(model.FURNITURE, i, i, line.ink, end, [(line.ink, end)]))
            held.append((line.ink, end))
            blank_run = 0
            continue
        if info.set_aside:
            prev_unit = out[-1] if out else None
            if prev_unit is not None and prev_unit.kind == info.set_aside and prev_unit.kind != model.FURNITURE:
                prev_unit.last = i
                prev_unit.end = end
                prev_unit.segments.append((line.ink, end))
            else:
                out.append(Unit(info.set_aside, i, i, line.ink, end, [(line.ink, end)]))
            cur = None
            held.clear()
            blank_run = 0
            continue
        if info.title:
            out.append(Unit("title", i, i, line.ink, end, [(info.content, end)]))
            cur = None
            held.clear()
            blank_run = 0
            continue
        pending = by_line.get(i)
        if pending is not None:
            start = pending.info.match.end if pending.info.match is not None else info.content
            unit = Unit("node", i, i, line.ink, end, [(start, end)], pending=pending)
            unit.want_title = pending.style is ANNEX and not text[start:end].strip()
            out.append(unit)
            cur = unit
            held.clear()
            blank_run = 0
            continue
        if info.closing or info.segment:
            out.append(Unit("paragraph", i, i, line.ink, end, [(line.ink, end)], closing=True))
            cur = None
            held.clear()
            blank_run = 0
            continue
        body = text[info.content:end]
        if cur is not None and cur.want_title:
            cur.want_title = False
            if len(compact(body)) <= 40 and not is_complete(body) and info.hashes == 0:
                cur.title_segment = (line.ink, end)
                cur.last = i
                cur.end = end
                cur = None
                held.clear()
                blank_run = 0
                continue
        if (
            cur is not None
            and wrapping.wrapped
            and blank_run <= 1
            and info.hashes == 0
            and _joins(text, cur, infos, wrapping.min_width)
        ):
            cur.segments.append((line.ink, end))
            cur.gaps.extend(held)
            cur.last = i
            cur.end = end
        else:
            cur = Unit("paragraph", i, i, line.ink, end, [(line.ink, end)])
            out.append(cur)
        held.clear()
        blank_run = 0
    return out


def _joins(text: str, cur: Unit, infos: list[LineInfo], min_width: int) -> bool:
    """May the next text line continue ``cur`` (in a hard-wrapped document)?"""
    if cur.pending is not None and (cur.pending.style.structural or cur.pending.hashes):
        return False
    if cur.title_segment is not None:
        return False
    line = infos[cur.last].line
    tail = text[line.ink:rstrip_end(text, line.ink, line.end)]
    return not is_complete(tail) and wrapped_width(tail) >= min_width


def _prev_inked(infos: list[LineInfo], i: int) -> int:
    j = i - 1
    while j >= 0 and infos[j].line.blank:
        j -= 1
    return j
