"""The record the lines stage returns for every line, read by every later stage."""

from __future__ import annotations

from typing import NamedTuple

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


class Lines(NamedTuple):
    """The lines stage's value: every line classified, the title line, and the wrapping."""

    infos: tuple[LineInfo, ...]
    title: int | None
    wrapping: Wrapping
