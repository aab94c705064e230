"""The lines stage's value, read by every later stage: what every line is, a column per field."""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from operator import attrgetter
from typing import NamedTuple

from .markers import Match
from .source import Line


class Wrapping(NamedTuple):
    """Whether the document is hard-wrapped, and how wide (in columns) a wrapped line is at least."""

    wrapped: bool
    min_width: int


NOT_WRAPPED = Wrapping(False, 0)


class Lines:
    """The lines stage's value: what every line is, a column per field, and the title line and wrapping.

    Columns, not a record per line: a record and the :class:`Line` in it cost about 330 bytes a line,
    and every line of a document stood in memory while the outline, the numbering check and the
    blocks were made (a document of bare markers holds one per line).  The columns cost about 45
    bytes a line, and a marker line keeps its :class:`Match` until the outline is made (see
    :meth:`drop_matches`).  ``i`` is a line's index.

    The lines stage makes them from the line table, every line plain, and fills them in as it finds
    what each line is; the stages after it only read them.
    """

    __slots__ = (
        "closing", "content", "end", "hashes", "in_title", "ink", "marked", "match", "named", "quoted", "segment",
        "set_aside", "title", "underline", "wrapping",
    )

    def __init__(self, table: Sequence[Line]) -> None:
        count = len(table)
        self.end: array[int] = array("q", map(attrgetter("end"), table))
        self.ink: array[int] = array("q", map(attrgetter("ink"), table))
        #: Offset after a markdown prefix or a decoration (== ink when there is none).
        self.content: array[int] = array("q", self.ink)
        #: A model kind (toc, comment, furniture, attachments …) or "": a handful of shared strings.
        self.set_aside: list[str] = [""] * count
        self.match: list[Match | None] = [None] * count  # the marker at the start of the line, if it may be one
        self.marked = bytearray(count)  # the line opens with a marker read (set when the stage is done)
        self.hashes = bytearray(count)  # markdown heading depth, at most 6
        self.underline = bytearray(count)  # a setext underline that belongs to the heading above it
        self.in_title = bytearray(count)  # the document title
        self.quoted = bytearray(count)  # the line starts inside an open quotation
        self.named = bytearray(count)  # an unnumbered structural heading: 序言, 总　　则, 附　　则
        #: Signature, date or 版记 of a 公文: belongs to the document, not to a node.
        self.closing = bytearray(count)
        #: A 公文 segment label standing alone (說明：, 辦法：) after a 主旨: the points under it number
        #: afresh from the top level.  Not a node: ANNOTATION makes only numbered lines (and markdown
        #: headings) nodes, and a node there would push every point under it one level down.
        self.segment = bytearray(count)
        self.title: int | None = None  # the title's first line
        self.wrapping = NOT_WRAPPED

    def __len__(self) -> int:
        return len(self.end)

    def blank(self, i: int) -> bool:
        return self.ink[i] >= self.end[i]

    def drop_matches(self) -> None:
        """Let the markers read go: the outline stage reads them and keeps what it accepts, and the
        stages after it only ask whether a line opens with one (``marked``).  A match costs about
        170 bytes, and a document of bare markers has one on every line; a stage that read
        ``match`` after this would fail, not read None."""
        self.match = []

    def set_aside_as(self, i: int, kind: str, keep: bool = True) -> None:
        """Set line ``i`` aside as ``kind`` (kept as it was when ``keep`` and it was set aside already):
        its marker, if it had one, numbers nothing."""
        if not (keep and self.set_aside[i]):
            self.set_aside[i] = kind
        self.match[i] = None
