"""Outline: which marker candidates are real, and where each one stands.

:func:`resolve` walks the candidates with a stack of open nodes.  A
candidate's parent is the nearest open node whose style ranks above its own
(or the open node whose sequence it continues); it becomes a node when its
number fits the sequence of its style under that parent (previous + 1, or a
start at 1), or when the text around it shows that a number was skipped or
repeated, which is reported as a diagnostic.  Its value, :class:`Outline`, is
the accepted nodes in document order, each with its parent.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass, field
from typing import NamedTuple

from . import model
from .compiled import on_first_use
from .lineinfo import Lines
from .markers import ANNEX, ARTICLE, BLOCK, CN_FINANCIAL, MARKDOWN, NAMED, Match, Style
from .text import is_complete, rstrip_end, wrapped_width

_YEAR_AFTER = re.compile(r"[12][0-9]{3}\s*年")
_LOOKAHEAD = 400
#: What follows a cited article's marker: the paragraph or item it cites (第一款), or a colon.
_cited = on_first_use(r"\s*(?:第[一二三四五六七八九十]{1,3}[款项項]|[：:])")


class Rejected(NamedTuple):
    """A marker read at the start of a line whose number fits no sequence, so it stays text.

    The numbering check reads these: a writer's misnumbered point (3. after 4.) is rejected here
    for the outline's sake, yet it is the very line the writer has to change.
    """

    line_index: int
    style: Style
    key: str
    number: int
    marker: str
    parent: int  # position in the outline of the node it would have stood under, -1 at the top


class Outline:
    """The outline stage's value: the accepted nodes in document order, a column per field, and the
    markers left as text.  A node's position in the outline (``at``) indexes every column.

    Columns, not a record per node: a named tuple and the integers in it cost about 210 bytes a node,
    and the outline stands from here to the tree stage beside every later stage's value (a document
    of bare markers has a node on every line).  The columns cost about 65.
    """

    __slots__ = ("hashes", "key", "line_index", "marker", "number", "parent", "rejected", "start", "style", "sub")

    def __init__(self) -> None:
        self.line_index: array[int] = array("q")
        self.style: list[Style] = []
        self.hashes = bytearray()  # markdown heading depth, at most 6
        self.key: list[str] = []  # sequence key: the style, and the word for block styles
        self.number: list[int | None] = []
        self.marker: list[str] = []  # as written (markers.py makes one string of each the document repeats)
        #: Position of the parent, -1 at the top level.  A list, not an array: siblings share their
        #: parent's number, and the owners stage hands it on for every paragraph.
        self.parent: list[int] = []
        self.start: array[int] = array("q")  # offset where the node's own text begins, after its marker
        #: The 一 of 第一百二十条之一: stands after 第一百二十条 and leaves the count as it was.
        self.sub: array[int] = array("q")
        self.rejected: tuple[Rejected, ...] = ()

    def __len__(self) -> int:
        return len(self.line_index)

    def cut(self, at: int) -> None:
        """Let the nodes from position ``at`` on go (the tree stage, once their nodes are made)."""
        for column in (self.line_index, self.style, self.hashes, self.key, self.number, self.marker,
                       self.parent, self.start, self.sub):
            del column[at:]


@dataclass(eq=False, slots=True)
class _Open:
    """An accepted node while the outline is being built: what the walk needs to know of it."""

    at: int  # position in the outline
    match: Match | None
    line_end: int
    style: Style
    rank: float
    hashes: int
    key: str
    number: int | None
    parent: _Open | None
    #: The last number of each sequence under this node: (number, marker as written).
    last: dict[str, tuple[int, str]] = field(default_factory=dict)


class Candidate(NamedTuple):
    """A line whose marker may become a node (read only: a named tuple, cheap to make)."""

    line_index: int
    line_end: int
    content: int  # where the line's text begins after a markdown prefix
    style: Style
    rank: float
    hashes: int
    key: str
    match: Match | None


def _all_heading(rest: str) -> bool:
    return 0 < len(rest) <= 40 and not is_complete(rest) and "。" not in rest


def _outranks(a: _Open, b: Candidate) -> bool:
    """Can ``a`` be the parent of ``b``?"""
    if a.hashes and b.hashes:
        if a.hashes != b.hashes:
            return a.hashes < b.hashes
        return a.style is not MARKDOWN and b.style is not MARKDOWN and a.rank < b.rank
    if a.hashes:
        # A markdown heading holds every list and article below it; numbered
        # structure (附件, 第X章 …) written without '#' compares by rank.
        if a.style is MARKDOWN or not b.style.structural:
            return True
        return a.rank < b.rank
    if b.hashes:
        if b.style is MARKDOWN:
            return a.style is ANNEX
        return a.rank < b.rank
    return a.rank < b.rank


class _Resolver:
    def __init__(self, text: str, lines: Lines) -> None:
        self.text = text
        self.lines = lines
        self.wrapping = lines.wrapping
        self.rejected: list[Rejected] = []
        self.block_order: dict[str, int] = {}
        self.candidates = self._candidates()
        self.accepted = Outline()
        self.keys: dict[str, str] = {}  # one string per sequence key (markers.py shares the markers)
        self.seen: set[str] = set()  # sequence keys accepted so far
        self.last_number: dict[str, int] = {}  # the number last accepted in each sequence, under any parent

    def _rank(self, style: Style, word: str) -> float:
        if style is BLOCK:
            order = self.block_order.setdefault(word, len(self.block_order))
            return style.rank + min(order, 99) * 0.01
        return style.rank

    def _candidates(self) -> list[Candidate]:
        out: list[Candidate] = []
        lines = self.lines
        ink, end, content, hashes, matches = lines.ink, lines.end, lines.content, lines.hashes, lines.match
        set_aside, underline, in_title, named = lines.set_aside, lines.underline, lines.in_title, lines.named
        for i in range(len(lines)):
            m = matches[i]
            if m is None and not hashes[i] and not named[i]:
                continue  # most lines: the test below is for the few that may be nodes
            if ink[i] >= end[i] or set_aside[i] or underline[i] or in_title[i]:
                continue
            if m is not None:
                key = m.style.name + (":" + m.word if m.word else "")
                out.append(Candidate(i, end[i], content[i], m.style, self._rank(m.style, m.word), hashes[i], key, m))
            elif hashes[i]:
                out.append(Candidate(i, end[i], content[i], MARKDOWN, MARKDOWN.rank, hashes[i], "markdown", None))
            else:
                out.append(Candidate(i, end[i], content[i], NAMED, NAMED.rank, 0, "heading", None))
        return out

    def _next_same(self, ci: int) -> Match | None:
        """The next candidate of the same sequence, unless an outer one comes first."""
        c = self.candidates[ci]
        for j in range(ci + 1, min(len(self.candidates), ci + _LOOKAHEAD)):
            other = self.candidates[j]
            if other.key == c.key and other.match is not None:
                return other.match
            if other.rank < c.rank and not other.hashes:
                return None
        return None

    def _continues(self, ci: int, n: int) -> bool:
        """Does the sequence go on from number ``n`` (n + 1 next, or n之一 for an article)?"""
        nxt = self._next_same(ci)
        return nxt is not None and (nxt.number == n + 1 or (nxt.number == n and nxt.sub > 0))

    def _heading_line(self, c: Candidate, m: Match) -> bool:
        """A short line that is all heading (no sentence): a strong sign of a real marker."""
        return _all_heading(self.text[m.end:c.line_end].strip())

    def run(self) -> Outline:
        stack: list[_Open] = []
        root_last: dict[str, tuple[int, str]] = {}
        wide: dict[int, tuple[int, str]] = {}  # document-wide sequences per annex (-1: the main text)
        # An attachment list or a signature ends the body: nothing after it nests in what came before.
        # So does a 公文 segment label (說明：, 辦法：), and the points under it number afresh.
        lines = self.lines
        set_aside, closing, segment = lines.set_aside, lines.closing, lines.segment
        enders = [i for i in range(len(lines))
                  if set_aside[i] == model.ATTACHMENTS or closing[i] or segment[i]]
        next_ender = 0
        for ci, c in enumerate(self.candidates):
            if next_ender < len(enders) and enders[next_ender] < c.line_index:
                stack.clear()
                while next_ender < len(enders) and enders[next_ender] < c.line_index:
                    if segment[enders[next_ender]] or closing[enders[next_ender]]:
                        # Under a 說明： label the points number afresh; after a signature and date, a
                        # document the notice issues (an appended plan) numbers its own points.
                        root_last.clear()
                        wide.pop(-1, None)
                    next_ender += 1
            if c.style is BLOCK and c.key not in self.seen and stack:
                c = self._block_inside(ci, c, stack)
            if c.style.floats and c.key not in self.seen and not any(s.style.listed for s in stack):
                c = self._rerank(ci, c, CN_FINANCIAL.rank - 1)
            k = self._parent_index(ci, c, stack, root_last)
            parent = stack[k] if k >= 0 else None
            if c.match is None:
                opened = self._accept(c, parent, None, "")
            else:
                m = c.match
                if c.style.document_wide:
                    scope = _annex_scope(parent)
                    prev = wide.get(scope)
                else:
                    prev = (parent.last if parent else root_last).get(c.key)
                if not self._fits(ci, c, m, prev, parent):
                    if not m.decimal_like and not self._continues_a_wrapped_line(c):
                        self.rejected.append(Rejected(c.line_index, c.style, c.key, m.number, m.marker,
                                                      parent.at if parent else -1))
                    continue
                opened = self._accept(c, parent, m.number, m.marker)
                self.last_number[c.key] = m.number
                if c.style.document_wide:
                    wide[_annex_scope(parent)] = (m.number, m.marker)
                else:
                    (parent.last if parent else root_last)[c.key] = (m.number, m.marker)
            del stack[k + 1:]
            stack.append(opened)
        return self.accepted

    def _block_inside(self, ci: int, c: Candidate, stack: list[_Open]) -> Candidate:
        """A block word first seen under a heading of a list style (一、政策要点 / 问题一：…) ranks
        below that style in this document: the blocks are inside the point, as written, and the
        next 二、 closes them.  So does one first seen inside a run of points that goes on after it
        (一、…？ 案例1：… 二、…): ranked above them, it would break their numbering."""
        top = stack[-1]
        m = top.match
        if top.hashes or top.style.structural or m is None or top.rank <= c.rank:
            return c
        rest = self.text[m.end:top.line_end].strip()
        if not _all_heading(rest) and not any(
            s.style.listed and s.number is not None and self._next_of(ci, s.key) == s.number + 1 for s in stack
        ):
            return c
        return self._rerank(ci, c, top.rank + 0.5)

    def _rerank(self, ci: int, c: Candidate, rank: float) -> Candidate:
        """Give every candidate of ``c``'s sequence from ``ci`` on the rank the document shows."""
        for j in range(ci, len(self.candidates)):
            if self.candidates[j].key == c.key:
                self.candidates[j] = self.candidates[j]._replace(rank=rank)
        return self.candidates[ci]

    def _next_of(self, ci: int, key: str) -> int | None:
        """The number of the next candidate of sequence ``key`` after candidate ``ci``."""
        for j in range(ci + 1, min(len(self.candidates), ci + _LOOKAHEAD)):
            other = self.candidates[j]
            if other.key == key and other.match is not None:
                return other.match.number
        return None

    def _parent_index(
        self, ci: int, c: Candidate, stack: list[_Open], root_last: dict[str, tuple[int, str]]
    ) -> int:
        """Index in ``stack`` of the candidate's parent (-1 for the root)."""
        k = len(stack) - 1
        while k >= 0 and not _outranks(stack[k], c):
            k -= 1
        m = c.match
        if m is None:
            return k
        # An open node of the same sequence that this number continues is a sibling,
        # whatever the ranks say: it keeps a list that was nested out of rank together.
        for j in range(len(stack) - 1, -1, -1):
            if stack[j].key == c.key:
                number = stack[j].number
                if number is not None and m.number == number + 1 and not m.sub:
                    return j - 1
                break
        if c.style.document_wide:
            if m.number == 1 and c.key not in self.seen and k < len(stack) - 1 and self._after_colon(c):
                return len(stack) - 1
            return k
        # A list restarted right under a bare heading of its own style (二、办理流程 / 一、如何申请…)
        # is that heading's content: without it the heading would stand empty.
        if m.number == 1 and k < len(stack) - 1 and self._heads_restart(c, stack[-1]):
            return len(stack) - 1
        # A list that starts right after a colon inside a deeper node belongs to that node, even
        # when its style ranks higher (一、 items listed inside a （一） section, 第一條… rules set
        # out inside 伍、 after "特訂定下列要點：", 一、 款 inside a 1. 項 of a Taiwan law).
        if m.number == 1 and k < len(stack) - 1:
            owner_last = stack[k].last if k >= 0 else root_last
            # The same holds where the document's numbering shows it: a run restarted under the
            # outer node that, once it ends, gives way to the number that continues the outer run
            # (三、 … （八） 一、…五、 （九） 四、) was a list inside the deeper node; read flat, it
            # would break the outer numbering twice.
            restarts = c.key in owner_last and self._resumes(ci, c, owner_last[c.key][0])
            if self._after_colon(c) or restarts:
                j = len(stack) - 1
                while j > k and stack[j].key == c.key:
                    j -= 1  # not inside an item of its own style
                return j
        return k

    def _resumes(self, ci: int, c: Candidate, outer: int) -> bool:
        """Does the run that restarts at candidate ``ci`` end, and the next number of its sequence
        continue the earlier run that ended at ``outer`` (and not the restarted one)?"""
        run = 1
        for j in range(ci + 1, min(len(self.candidates), ci + _LOOKAHEAD)):
            other = self.candidates[j]
            if other.hashes or other.match is None or other.rank < c.rank:
                return False
            if other.key != c.key:
                continue
            if other.match.number == run + 1:
                run += 1
                continue
            return other.match.number == outer + 1 != run + 1
        return False

    def _heads_restart(self, c: Candidate, top: _Open) -> bool:
        m = top.match
        if top.key != c.key or m is None or top.hashes:
            return False
        i = c.line_index - 1
        index = self.accepted.line_index[top.at]
        blank = self.lines.blank
        while i > index and blank(i):
            i -= 1
        return i == index and _all_heading(self.text[m.end:top.line_end].strip())

    def _after_colon(self, c: Candidate) -> bool:
        i = c.line_index - 1
        lines = self.lines
        while i >= 0 and lines.blank(i):
            i -= 1
        if i < 0:
            return False
        return self.text[lines.ink[i]:lines.end[i]].rstrip().endswith(("：", ":"))

    def _accept(self, c: Candidate, parent: _Open | None, number: int | None, marker: str) -> _Open:
        m = c.match
        accepted = self.accepted
        at = len(accepted)
        accepted.line_index.append(c.line_index)
        accepted.style.append(c.style)
        accepted.hashes.append(c.hashes)
        accepted.key.append(self.keys.setdefault(c.key, c.key))
        accepted.number.append(number)
        accepted.marker.append(marker)
        accepted.parent.append(parent.at if parent else -1)
        accepted.start.append(m.end if m is not None else c.content)
        accepted.sub.append(m.sub if m is not None else 0)
        self.seen.add(c.key)
        return _Open(at, m, c.line_end, c.style, c.rank, c.hashes, c.key, number, parent)

    def _continues_a_wrapped_line(self, c: Candidate) -> bool:
        """In hard-wrapped text, a line after an unfinished wrapped line goes on with its sentence
        (…违反本办法第十条第 / （三）项规定…): a marker there is part of the text."""
        if not self.wrapping.wrapped or c.hashes:
            return False
        i = c.line_index - 1
        blanks = 0
        lines = self.lines
        while i >= 0 and lines.blank(i):
            i -= 1
            blanks += 1
        if i < 0 or blanks > 1:
            return False
        if lines.set_aside[i] or lines.underline[i] or lines.hashes[i] or lines.in_title[i]:
            return False
        ink = lines.ink[i]
        tail = self.text[ink:rstrip_end(self.text, ink, lines.end[i])]
        return wrapped_width(tail) >= self.wrapping.min_width and not is_complete(tail)

    def _fits(
        self, ci: int, c: Candidate, m: Match, prev: tuple[int, str] | None, parent: _Open | None
    ) -> bool:
        if self._continues_a_wrapped_line(c):
            return False
        n = m.number
        text = self.text
        weak = m.decimal_like
        if weak:
            rest = text[m.end:c.line_end]
            if not any("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in rest):
                return False  # "2.5" left alone by a broken "PM2.5"
            # "1.2023年5月…" is an item; "1.5亿元…" may be a figure.
            weak = not _YEAR_AFTER.match(rest)
        heading = c.hashes > 0
        if prev is None and m.sub:
            return False
        if prev is None:
            if n == 1:
                return not weak or self._continues(ci, 1)
            if weak:
                return False
            if self.last_number.get(c.key) == n - 1:
                # Numbered on through the parts: （三） opens 二、 after （一）（二） under 一、, as the
                # opinions and plans of central documents number their points.
                return True
            if c.style is ARTICLE and (self._after_colon(c) or _cited().match(self.text, m.end, c.line_end)):
                # 《刑法》…的有关条文： / 第二十二条第一款：…: a run of articles that starts late after a
                # lead-in, or cites a paragraph (第一款) or sets its text after a colon, quotes another
                # instrument; a document's own articles start at 第一条.
                return False
            late = (
                heading
                or self._continues(ci, n)
                or (c.style is ARTICLE and self._next_same(ci) is None)
                or ((c.style.structural or c.style.heading_level) and self._heading_line(c, m))
            )
            return late
        p = prev[0]
        if m.sub:
            return n == p  # 第一百二十条之一 stands after 第一百二十条 and leaves the count where it was
        if n == p + 1:
            return True
        if n == 1:
            # A restart is accepted (the check reports it where no lead-in opens a new list).
            return not weak or self._continues(ci, 1)
        if weak:
            return False
        # A gap, a repeat or a number out of order is accepted where the text shows the marker is
        # real; the numbering check (checks.py) reports it from the finished outline.
        return p < n <= p + 3 or heading or n == p or self._continues(ci, n)


def _annex_scope(parent: _Open | None) -> int:
    """The annex a node stands in (its position in the outline), or -1 for the main text."""
    while parent is not None:
        if parent.style is ANNEX:
            return parent.at
        parent = parent.parent
    return -1


def resolve(text: str, lines: Lines) -> Outline:
    resolver = _Resolver(text, lines)
    found = resolver.run()
    found.rejected = tuple(resolver.rejected)
    return found
