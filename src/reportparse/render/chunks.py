"""Chunks for retrieval: pieces of bounded size that never cut a node's text and say where they are from.

A *piece* is one node's own text: a section's or item's heading (its marker and title) or
text, or a paragraph, as written in the source (its span, less any gap such as a page
number set aside inside it).  Chunks are runs of whole pieces in document order:

- a node whose whole subtree fits is never split: small siblings are packed together
  under their parent, as many as fit;
- a subtree that does not fit is chunked below it, and its heading goes with its first
  content (never alone at the end of a chunk; alone only when its first content cannot
  share a chunk with it);
- a single piece longer than the limit is cut at sentence ends (at the limit where a
  sentence is longer still), and each part says which part it is.

Set-aside blocks (a table of contents, furniture, a table …) are no chunk text.  A chunk's
``path`` is the heading path above its pieces: the headings of the nodes that contain
every piece of the chunk and are not themselves in it.  ``text`` is the chunk's spans of
the source joined by line breaks, so ``"\\n".join(source[s:e] for s, e in spans) == text``.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

import regex as re

from ..model import ITEM, PARAGRAPH, SECTION, Document, Node
from ..text import heading as label

DEFAULT_MAX_CHARS = 1000
_CONTENT = (SECTION, ITEM, PARAGRAPH)
#: Where a long text may be cut: after a sentence's end (and its closing quotes), or a line break.
_SENTENCE_END = re.compile(r"[。！？；!?;]+[”’」』）)]*|\n")


class Piece(NamedTuple):
    spans: tuple[tuple[int, int], ...]
    size: int  # characters of its text
    heading: bool  # a section's own heading line, which must not end a chunk


class Chunk(NamedTuple):
    path: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    #: (k, n): the k-th of n parts of one node's text, cut because it alone exceeds the limit.
    part: tuple[int, int] | None = None


class _Draft:
    """Pieces gathered for one chunk."""

    def __init__(self, path: tuple[str, ...]) -> None:
        self.path = path
        self.pieces: list[Piece] = []
        self.size = 0

    def fits(self, size: int, limit: int) -> bool:
        return not self.pieces or self.size + 1 + size <= limit

    def add(self, pieces: Sequence[Piece], size: int) -> None:
        self.size += size + (1 if self.pieces else 0)
        self.pieces.extend(pieces)

    def only_headings(self) -> bool:
        return bool(self.pieces) and all(p.heading for p in self.pieces)

    def chunk(self) -> Chunk:
        return Chunk(self.path, tuple(s for p in self.pieces for s in p.spans))


def _own(node: Node) -> tuple[tuple[int, int], ...]:
    start, end = node.span
    spans: list[tuple[int, int]] = []
    for gap_start, gap_end in node.gaps:
        if gap_start > start:
            spans.append((start, gap_start))
        start = max(start, gap_end)
    if end > start:
        spans.append((start, end))
    return tuple(spans)


def _piece(node: Node) -> Piece:
    spans = _own(node)
    size = sum(e - s for s, e in spans) + max(len(spans) - 1, 0)
    heading = node.kind == SECTION and not node.text and any(c.kind in _CONTENT for c in node.children)
    return Piece(spans, size, heading)


def _content(nodes: Sequence[Node]) -> list[Node]:
    return [n for n in nodes if n.kind in _CONTENT]


class Chunker:
    """The chunks of one document (``chunks()`` is the way in)."""

    def __init__(self, doc: Document, limit: int) -> None:
        self.text = doc.text
        self.limit = limit
        self.sizes: dict[int, int] = {}

    def size(self, node: Node) -> int:
        """Characters of the node's subtree as chunk text (pieces joined by line breaks)."""
        key = id(node)
        if key not in self.sizes:
            own = _piece(node).size
            total = own + sum(self.size(c) + 1 for c in _content(node.children)) - (0 if own else 1)
            self.sizes[key] = max(total, 0)
        return self.sizes[key]

    def pieces(self, node: Node) -> Iterator[Piece]:
        piece = _piece(node)
        if piece.spans:
            yield piece
        for child in _content(node.children):
            yield from self.pieces(child)

    def pack(self, nodes: Sequence[Node], path: tuple[str, ...], carry: list[Piece]) -> Iterator[Chunk]:
        """Chunks of ``nodes`` (siblings under ``path``), the first opening with ``carry`` (their parent's heading)."""
        # Each carried piece is the heading of one level above ``nodes``: a chunk holding it is not under it.
        while len(carry) > 1 and sum(p.size + 1 for p in carry) - 1 > self.limit:
            # Too many levels of heading for one chunk: the outermost stands alone.
            yield Chunk(path[:len(path) - len(carry)], carry[0].spans)
            carry = carry[1:]
        draft = _Draft(path[:len(path) - len(carry)])
        draft.add(carry, sum(p.size for p in carry) + max(len(carry) - 1, 0))
        for node in _content(nodes):
            size = self.size(node)
            if size <= self.limit:
                if not draft.fits(size, self.limit):
                    yield draft.chunk()
                    draft = _Draft(path)
                pieces = list(self.pieces(node))
                draft.add(pieces, sum(p.size for p in pieces) + len(pieces) - 1)
                continue
            # Too large to keep whole: chunk it below, its heading (and a heading-only draft) carried in.
            held: list[Piece] = []
            if draft.only_headings():
                held, draft = draft.pieces, _Draft(path)
            elif draft.pieces:
                yield draft.chunk()
                draft = _Draft(path)
            yield from self.split(node, path, held)
        if draft.pieces:
            yield draft.chunk()

    def split(self, node: Node, path: tuple[str, ...], held: list[Piece]) -> Iterator[Chunk]:
        """A node too large for one chunk: its own text, then its children under its heading."""
        own = _piece(node)
        children = _content(node.children)
        inner = (*path, label(self.text, node)) if node.numbered else path
        if own.size > self.limit or not children:
            yield from self.parts(own, path, held)
            held = []
            if children:
                yield from self.pack(children, inner, [])
            return
        if own.spans:
            held = [*held, own]
        yield from self.pack(children, inner, held)

    def parts(self, piece: Piece, path: tuple[str, ...], held: list[Piece]) -> Iterator[Chunk]:
        """One node's text cut at sentence ends into parts within the limit (a held heading opens the first)."""
        head = tuple(s for p in held for s in p.spans)
        head_size = sum(p.size + 1 for p in held)
        outer = path[:len(path) - len(held)]
        # The first part leaves room for the heading that opens it.
        cuts = list(self._cut(piece.spans, self.limit - head_size))
        if head and head_size + _size(cuts[0]) > self.limit:
            yield Chunk(outer, head)  # not even one sentence fits beside the heading
            head = ()
            cuts = list(self._cut(piece.spans, self.limit))
        for k, spans in enumerate(cuts, 1):
            part = (k, len(cuts)) if len(cuts) > 1 else None
            yield Chunk(outer, (*head, *spans), part) if k == 1 and head else Chunk(path, spans, part)

    def _cut(self, spans: tuple[tuple[int, int], ...], first: int) -> Iterator[tuple[tuple[int, int], ...]]:
        """``spans`` in runs of whole sentences, the first run within ``first`` characters if it can be."""
        current: list[tuple[int, int]] = []
        size = 0
        cap = first
        for start, end in spans:
            for piece_start, piece_end in self._sentences(start, end):
                length = piece_end - piece_start
                if current and size + length > cap:
                    yield tuple(current)
                    current, size, cap = [], 0, self.limit
                if current and current[-1][1] == piece_start:
                    current[-1] = (current[-1][0], piece_end)  # the next sentence of one span
                else:
                    size += 1 if current else 0
                    current.append((piece_start, piece_end))
                size += length
        if current:
            yield tuple(current)

    def _sentences(self, start: int, end: int) -> Iterator[tuple[int, int]]:
        """Sentences of ``text[start:end]``, a sentence longer than the limit cut at the limit."""
        at = start
        for match in _SENTENCE_END.finditer(self.text, start, end):
            yield from self._hard(at, match.end())
            at = match.end()
        if at < end:
            yield from self._hard(at, end)

    def _hard(self, start: int, end: int) -> Iterator[tuple[int, int]]:
        for at in range(start, end, self.limit):
            yield at, min(at + self.limit, end)


def _size(spans: tuple[tuple[int, int], ...]) -> int:
    return sum(e - s for s, e in spans) + max(len(spans) - 1, 0)


def chunks(doc: Document, max_chars: int = DEFAULT_MAX_CHARS) -> list[Chunk]:
    """The chunks of ``doc``, in document order, each at most ``max_chars`` characters but for a
    heading that could not be parted from the first part of an over-long text."""
    if max_chars < 1:
        raise ValueError("max_chars must be at least 1")
    chunker = Chunker(doc, max_chars)
    return [c for c in chunker.pack(doc.children, (), []) if c.spans]


def chunk_records(doc: Document, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[dict[str, Any]]:
    """The chunks as the records ``-f chunks`` writes, one per line."""
    text = doc.text
    # Line numbers by offset: the starts of the lines, searched with bisect.
    starts = [0]
    starts.extend(m.end() for m in re.finditer(r"\r\n|\r|\n", text))
    source = {"path": doc.source.path, "sha256": doc.source.sha256}
    title = doc.title.text if doc.title else None
    for index, chunk in enumerate(chunks(doc, max_chars)):
        body = "\n".join(text[s:e] for s, e in chunk.spans)
        record: dict[str, Any] = {
            "source": source, "title": title, "index": index, "path": list(chunk.path), "text": body,
            "spans": [[s, e] for s, e in chunk.spans],
            "line": bisect.bisect_right(starts, chunk.spans[0][0]),
            "end_line": bisect.bisect_right(starts, max(chunk.spans[-1][1] - 1, chunk.spans[-1][0])),
            "chars": len(body),
        }
        if chunk.part is not None:
            record["part"] = list(chunk.part)
        yield record


def render_chunks(doc: Document, max_chars: int = DEFAULT_MAX_CHARS) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in chunk_records(doc, max_chars))
