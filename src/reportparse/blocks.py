"""Blocks: the lines grouped into a node's own content, paragraphs and set-aside blocks.

In a hard-wrapped document (see :mod:`.wrapping`) a line that does not finish
its sentence is joined with the next one, so a paragraph or a node's text comes
back whole while its span still covers the original lines.  A page number that
stands inside such a paragraph is a block of its own and a gap in the
paragraph's span.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass

from . import model
from .lineinfo import Lines
from .markers import ANNEX, BLOCK
from .outline import Outline
from .text import compact, ends_with, is_complete, join_segments, rstrip_end, wrapped_width

NODE = "node"
PARAGRAPH = model.PARAGRAPH
TITLE = "title"


class Units:
    """The blocks stage's value: a node's own lines, a paragraph, a set-aside block or the title, in
    document order, a column per field.  ``ui``, a unit's position, indexes every column.

    Columns, not a record per unit: a named tuple and the integers in it cost about 260 bytes a
    unit, and the units stand from here to the tree stage beside every later stage's value (a
    document of bare markers has a unit on every line).  The columns cost about 55.
    """

    __slots__ = ("closing", "content_start", "end", "first", "gaps", "kind", "last", "node", "segments", "start",
                 "title_segment")

    def __init__(self) -> None:
        self.kind: list[str] = []  # NODE, PARAGRAPH, TITLE or a set-aside kind
        self.first: array[int] = array("q")  # line indices
        self.last: array[int] = array("q")
        self.start: array[int] = array("q")  # offsets of the first and after the last inked character
        self.end: array[int] = array("q")
        # The three below are by position and hold only the units that have one (few do): a
        # column of empty values would cost a reference a unit.
        #: The text of each line, joined to read the unit's content; for a unit of one line, none,
        #: and the content is ``text[content_start:end]`` (nearly every unit).
        self.segments: dict[int, tuple[tuple[int, int], ...]] = {}
        self.content_start: array[int] = array("q")
        self.node: array[int] = array("q")  # position in the outline of the node whose own lines these are, or -1
        self.title_segment: dict[int, tuple[int, int]] = {}  # an annex's title, on the line after its marker
        self.closing = bytearray()  # a 公文's closing matter or segment label: it belongs to the document
        #: Furniture inside the span (a page number in a wrapped paragraph): not this unit's own content.
        self.gaps: dict[int, tuple[tuple[int, int], ...]] = {}

    def __len__(self) -> int:
        return len(self.kind)

    def content(self, text: str, ui: int) -> str:
        segments = self.segments.get(ui)
        if not segments:
            return text[self.content_start[ui]:self.end[ui]].strip()
        return join_segments(text, segments)

    def span(self, ui: int) -> tuple[int, int]:
        return self.start[ui], self.end[ui]

    def cut(self, ui: int) -> None:
        """Let the units from position ``ui`` on go (the tree stage, once their nodes are made)."""
        for column in (self.kind, self.first, self.last, self.start, self.end, self.content_start, self.node,
                       self.closing):
            del column[ui:]


@dataclass(eq=False, slots=True)
class _Open:
    """A unit while its lines are gathered.

    Nearly every unit is one line with no gaps, and every unit of a document stands here before
    any is frozen: its first segment is kept as it is, and lists are made only for a unit that goes
    on over lines or has gaps (two lists a unit were a third of what this stage held).
    """

    kind: str
    first: int
    last: int
    start: int
    end: int
    head: tuple[int, int]  # the first segment of the unit's text
    node: int = -1
    structural: bool = False  # a structural or markdown heading: never joined with the next line
    bare: bool = False  # a point's marker alone on its line: its text may stand on the next line
    want_title: bool = False  # an annex marker alone on its line: its title is on the next line
    title_segment: tuple[int, int] | None = None
    closing: bool = False
    rest: list[tuple[int, int]] | None = None  # the segments after the first
    gaps: list[tuple[int, int]] | None = None

    def extend(self, i: int, end: int) -> None:
        self.last = i
        self.end = end

    def add(self, segment: tuple[int, int]) -> None:
        if self.rest is None:
            self.rest = [segment]
        else:
            self.rest.append(segment)

    def freeze(self, units: Units) -> None:
        """Add the unit, its lines all gathered, to ``units``."""
        head = self.head
        if self.rest is None:
            segments: tuple[tuple[int, int], ...] = () if head[1] == self.end else (head,)
        else:
            segments = (head, *self.rest)
        at = len(units.kind)
        units.kind.append(self.kind)
        units.first.append(self.first)
        units.last.append(self.last)
        units.start.append(self.start)
        units.end.append(self.end)
        if segments:
            units.segments[at] = segments
        units.content_start.append(head[0])
        units.node.append(self.node)
        if self.title_segment is not None:
            units.title_segment[at] = self.title_segment
        units.closing.append(self.closing)
        if self.gaps:
            units.gaps[at] = tuple(self.gaps)


def group(text: str, lines: Lines, outline: Outline) -> Units:
    """The units of the document in order: every inked line belongs to exactly one."""
    grouper = _Grouper(text, lines, outline)
    place, settle = grouper.place, grouper.settle
    ink, end = lines.ink, lines.end
    for i in range(len(lines)):
        if ink[i] >= end[i]:
            grouper.blank_run += 1
            continue
        place(i, ink[i], end[i])
        if len(grouper.out) >= _SETTLE_AT:
            settle()
    done = grouper.done
    for unit in grouper.out:
        unit.freeze(done)
    return done


#: Open units kept before the settled ones are frozen: a few lines of look-back at most, in batches
#: so that the search for the current unit is paid once per batch, not once per line.
_SETTLE_AT = 64


class _Grouper:
    def __init__(self, text: str, lines: Lines, outline: Outline) -> None:
        self.text = text
        self.lines = lines
        self.wrapping = lines.wrapping
        self.outline = outline
        # The nodes stand in line order and the lines are placed in order: the next node to meet is
        # one position on, no dict by line needed.
        self.next_node = 0
        self.out: list[_Open] = []  # the units still open, in order
        self.done = Units()  # the units no later line can change, frozen
        self.cur: _Open | None = None  # the unit the next line may continue
        self.blank_run = 0
        self.held: list[tuple[int, int]] = []  # furniture seen since the last line of ``cur``

    def settle(self) -> None:
        """Freeze the units no later line can change: all but the last and the current one.

        A later line only continues the current unit (a wrapped paragraph, a title on the line below
        its marker) or joins the last one (an underline, a run of set-aside lines), so every unit
        before both is final; frozen here, the open units of a large document never all stand at once.
        """
        out = self.out
        keep = len(out) - 1
        cur = self.cur
        if cur is not None:
            for j in range(keep, -1, -1):
                if out[j] is cur:
                    keep = j
                    break
        if keep > 0:
            for unit in out[:keep]:
                unit.freeze(self.done)
            del out[:keep]

    def place(self, i: int, ink: int, end: int) -> None:
        """Place line ``i``, an inked line from ``ink`` to ``end``."""
        here = (ink, rstrip_end(self.text, ink, end))
        lines = self.lines
        if (lines.set_aside[i] == model.FURNITURE and self.cur is not None and self.wrapping.wrapped
                and not lines.underline[i]):
            # A page number or running head inside a wrapped paragraph: set aside, and the
            # paragraph may go on after it (the furniture becomes a gap in its span).
            self.out.append(_Open(model.FURNITURE, i, i, *here, here))
            self.held.append(here)
        else:
            self.cur = self._unit(i, here)
            self.held.clear()
        self.blank_run = 0

    def _unit(self, i: int, here: tuple[int, int]) -> _Open | None:
        """Put line ``i`` into a unit; return the unit the next line may continue."""
        text, out, cur, lines = self.text, self.out, self.cur, self.lines
        end = here[1]
        last = out[-1] if out else None
        if lines.underline[i]:
            if last is not None and last.kind in (NODE, TITLE) and last.last == _prev_inked(lines, i):
                last.extend(i, end)
            else:
                out.append(_Open(model.FURNITURE, i, i, *here, here))
            return None
        set_aside = lines.set_aside[i]
        if set_aside:
            if last is not None and last.kind == set_aside and last.kind != model.FURNITURE:
                last.extend(i, end)
                last.add(here)
            else:
                out.append(_Open(set_aside, i, i, *here, here))
            return None
        content = lines.content[i]
        if lines.in_title[i]:
            if last is not None and last.kind == TITLE:
                last.extend(i, end)  # a title over two lines
                last.add((content, end))
            else:
                out.append(_Open(TITLE, i, i, *here, (content, end)))
            return None
        found, at = self.outline, self.next_node
        while at < len(found) and found.line_index[at] < i:
            at += 1
        self.next_node = at
        if at < len(found) and found.line_index[at] == i:
            self.next_node = at + 1
            style, start = found.style[at], found.start[at]
            structural = style.structural or found.hashes[at] > 0
            bare = not text[start:end].strip()
            unit = _Open(NODE, i, i, *here, (start, end), node=at, structural=structural,
                         bare=bare and not structural, want_title=bare and style in (ANNEX, BLOCK))
            out.append(unit)
            return unit
        if lines.closing[i] or lines.segment[i]:
            out.append(_Open(PARAGRAPH, i, i, *here, here, closing=True))
            return None
        if cur is not None and cur.want_title:
            cur.want_title = False
            body = text[content:end]
            if len(compact(body)) <= 40 and not is_complete(body) and lines.hashes[i] == 0:
                cur.title_segment = here
                cur.extend(i, end)
                return None
        if cur is not None and cur.bare:
            cur.bare = False
            if self.blank_run == 0 and lines.hashes[i] == 0 and _sentence(text[content:end]):
                # 第 1 條 / 為實施職業訓練，…特制定本法。: where a law prints the article number on a line
                # of its own, the line right below is the article's own text, as if run in.
                cur.add(here)
                cur.extend(i, end)
                return cur
        opening = text[here[0]]
        if cur is not None and self.blank_run <= 1 and lines.hashes[i] == 0 and (
            self._joins(cur, opening) or (self.blank_run == 0 and opening in _GOES_ON and not cur.structural)
        ):
            cur.add(here)
            if self.held:
                cur.gaps = [*(cur.gaps or ()), *self.held]
            cur.extend(i, end)
            return cur
        unit = _Open(PARAGRAPH, i, i, *here, here)
        out.append(unit)
        return unit

    def _joins(self, cur: _Open, opening: str) -> bool:
        """May the next text line, which opens with ``opening``, continue ``cur`` (in a hard-wrapped
        document)?"""
        if not self.wrapping.wrapped or cur.structural or cur.title_segment is not None:
            return False
        ink = self.lines.ink[cur.last]
        tail = self.text[ink:rstrip_end(self.text, ink, self.lines.end[cur.last])]
        width = wrapped_width(tail)
        if not is_complete(tail):
            return width >= self.wrapping.min_width
        # A semicolon parts clauses of one sentence: one that falls at the very end of a full
        # line (wider than the narrowest wrapped line by more than the slack that allows) goes
        # on in the next line, unless that opens an item of its own (a marker, or a dash).
        return (ends_with(tail, "；;") and width >= self.wrapping.min_width + _FULL and opening not in _OWN_ITEM)


#: How much wider than the narrowest wrapped line (``min_width``) a line is when it was filled.
_FULL = 6
#: A line opening with these is an item of a list of its own (——坚持…；), not a clause going on.
_OWN_ITEM = frozenset("—-－·•●")
#: A line that opens with one of these goes on with the sentence on the line right above it: a link
#: or a footnote mark of a web page broke the line there (…水质明显改善 / ，达到三类水标准。).  A blank
#: line between the two is a paragraph break the writer made.
_GOES_ON = frozenset("，,。、；;：:）)」』”’！？!?…")


def _sentence(body: str) -> bool:
    """Body text rather than a caption or a heading: it ends a sentence or holds one, or it is a
    bracketed note standing for the text (（刪除）, （略）)."""
    body = body.strip()
    return is_complete(body) or "。" in body or (body[:1] in "（(" and body[-1:] in "）)")


def _prev_inked(lines: Lines, i: int) -> int:
    j = i - 1
    while j >= 0 and lines.blank(j):
        j -= 1
    return j
