"""The record the lines stage returns for every line, read by every later stage."""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from operator import itemgetter
from typing import Any, NamedTuple

from .markers import Match
from .source import Line


class LineInfo(NamedTuple):
    """What one line is, before any numbering is decided (read only)."""

    line: Line
    set_aside: str = ""  # a model kind (toc, comment, furniture, attachments) or ""
    underline: bool = False  # a setext underline that belongs to the heading above it
    hashes: int = 0  # markdown heading depth, 0 for none
    content: int = 0  # offset after the markdown prefix (== line.ink when there is none)
    match: Match | None = None  # the marker at the start of the line, if it may be one
    title: bool = False  # the document title
    quoted: bool = False  # the line starts inside an open quotation
    named: bool = False  # an unnumbered structural heading: 序言, 总　　则, 附　　则
    closing: bool = False  # signature, date or 版记 of a 公文: belongs to the document, not to a node
    #: A 公文 segment label standing alone (說明：, 辦法：) after a 主旨: the points under it number
    #: afresh from the top level.  Not a node: ANNOTATION makes only numbered lines (and markdown
    #: headings) nodes, and a node there would push every point under it one level down.
    segment: bool = False


class Wrapping(NamedTuple):
    """Whether the document is hard-wrapped, and how wide (in columns) a wrapped line is at least."""

    wrapped: bool
    min_width: int


class Lines:
    """The lines stage's value: what every line is, a column per field, and the title line and wrapping.

    Columns, not a :class:`LineInfo` per line: a record and the :class:`Line` in it cost about 330
    bytes a line, and every line of a document stood in memory while the outline, the numbering
    check and the blocks were made (a document of bare markers holds one per line).  The columns cost
    about 45 bytes a line, and a marker line keeps its :class:`Match` until the outline is made
    (see :meth:`drop_matches`).  ``i`` is a line's index.
    """

    __slots__ = (
        "closing", "content", "end", "hashes", "in_title", "ink", "marked", "match", "named", "quoted", "segment",
        "set_aside", "title", "underline", "wrapping",
    )

    def __init__(self, infos: Sequence[LineInfo], title: int | None, wrapping: Wrapping) -> None:
        # Each column read off the records by ``map`` and ``itemgetter`` in C, one at a time: no
        # transposed copy of the whole table stands beside them.
        fields = LineInfo._fields

        def column(name: str) -> Iterator[Any]:
            return map(itemgetter(fields.index(name)), infos)

        def line_column(name: str) -> Iterator[int]:
            return map(itemgetter(Line._fields.index(name)), column("line"))

        self.end: array[int] = array("q", line_column("end"))
        self.ink: array[int] = array("q", line_column("ink"))
        self.content: array[int] = array("q", column("content"))
        # The kinds are a handful of shared strings, the matches None on most lines: a reference each.
        self.set_aside: list[str] = list(column("set_aside"))
        self.match: list[Match | None] = list(column("match"))
        self.marked = bytes(m is not None for m in self.match)  # the line opens with a marker read
        self.hashes = bytes(column("hashes"))  # at most 6
        self.underline = bytes(column("underline"))
        self.in_title = bytes(column("title"))
        self.quoted = bytes(column("quoted"))
        self.named = bytes(column("named"))
        self.closing = bytes(column("closing"))
        self.segment = bytes(column("segment"))
        self.title = title
        self.wrapping = wrapping

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
