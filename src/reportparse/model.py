"""The typed model of a parsed report: dataclasses with a source map on every node."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = "1"

#: Node kinds.  ``section`` and ``item`` are numbered (or markdown) nodes,
#: ``paragraph`` is running text, the rest are blocks set aside from the outline.
SECTION = "section"
ITEM = "item"
PARAGRAPH = "paragraph"
TOC = "toc"
COMMENT = "comment"
FURNITURE = "furniture"
ATTACHMENTS = "attachments"
#: YAML front matter (``---`` / ``title: …`` / ``---``): metadata, its fields in ``meta``.
FRONT_MATTER = "front-matter"
#: The notes an edition prints after the text (注释 and 〔1〕 〔2〕 …).
NOTES = "notes"
SET_ASIDE = frozenset({TOC, COMMENT, FURNITURE, ATTACHMENTS, FRONT_MATTER, NOTES})


@dataclass(slots=True)
class Node:
    kind: str
    line: int
    end_line: int
    span: tuple[int, int]
    text: str = ""
    level: int = 0
    style: str = ""
    marker: str = ""
    number: int | None = None
    title: str = ""
    #: The nodes below this one; a leaf shares one empty tuple (a document has many leaves).
    children: Sequence[Node] = ()
    #: ISO date the node's body opens with (``2023-05``), set by the annotation stage.
    date: str | None = None
    #: Ranges inside ``span`` that are not this node's own content (a page number in a wrapped
    #: paragraph, set aside as a furniture block of its own).
    gaps: Sequence[tuple[int, int]] = ()
    #: Dates, quantities, cited titles … found in the node's own content (None when not annotated).
    annotations: Sequence[Any] | None = None

    @property
    def numbered(self) -> bool:
        return self.kind in (SECTION, ITEM)

    def walk(self) -> Iterator[Node]:
        """This node and every node below it, in document order."""
        return _walk([self])

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind,
            "line": self.line,
            "end_line": self.end_line,
            "span": [self.span[0], self.span[1]],
        }
        if self.gaps:
            out["gaps"] = [[start, end] for start, end in self.gaps]
        if self.numbered:
            out["level"] = self.level
            out["style"] = self.style
            out["marker"] = self.marker
            out["number"] = self.number
            out["title"] = self.title
            out["text"] = self.text
            if self.date is not None:
                out["date"] = self.date
            if self.annotations is not None:
                out["annotations"] = [a.to_dict() for a in self.annotations]
            out["children"] = [child.to_dict() for child in self.children]
        else:
            out["text"] = self.text
            if self.annotations is not None:
                out["annotations"] = [a.to_dict() for a in self.annotations]
        return out


def _walk(nodes: list[Node]) -> Iterator[Node]:
    # A stack rather than nested generators: a node deep in the tree costs one step, not one per level.
    stack = [iter(nodes)]
    while stack:
        for node in stack[-1]:
            yield node
            if node.children:
                stack.append(iter(node.children))
                break
        else:
            stack.pop()


@dataclass
class Diagnostic:
    severity: str  # "warning" | "info"
    code: str
    line: int
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"severity": self.severity, "code": self.code, "line": self.line, "message": self.message}


@dataclass
class Source:
    path: str | None
    encoding: str
    bytes: int
    sha256: str
    lines: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "encoding": self.encoding,
            "bytes": self.bytes,
            "sha256": self.sha256,
            "lines": self.lines,
        }


@dataclass
class Title:
    text: str
    line: int
    end_line: int
    span: tuple[int, int]


@dataclass
class Document:
    source: Source
    title: Title | None
    children: list[Node]
    diagnostics: list[Diagnostic]
    text: str = field(repr=False, default="")
    #: 公文 elements (document_number, addressee, issuer, date …) and the title's year and place.
    meta: dict[str, Any] | None = None

    def walk(self) -> Iterator[Node]:
        """Every node of the document, in document order."""
        return _walk(self.children)

    def to_dict(self) -> dict[str, Any]:
        return self._dict([child.to_dict() for child in self.children])

    def _dict(self, children: Any) -> dict[str, Any]:
        title = self.title
        return {
            "schema_version": SCHEMA_VERSION,
            "source": self.source.to_dict(),
            "title": title.text if title else "",
            "title_span": [title.span[0], title.span[1]] if title else None,
            "title_line": title.line if title else None,
            **({"meta": self.meta} if self.meta is not None else {}),
            "children": children,
            "diagnostics": [d.to_dict() for d in self.diagnostics],
        }

    def to_json(self, indent: int | None = 2) -> str:
        """The JSON document, indented by ``indent`` spaces, or on one line when ``indent`` is None."""
        import gc

        from .render.json import iter_document

        # As in parsing: many small objects, no cycles; the collector would only rescan them.
        collecting = gc.isenabled()
        gc.disable()
        try:
            return "".join(iter_document(self, indent))
        finally:
            if collecting:
                gc.enable()

    def write_json(self, stream: Any, indent: int | None = 2) -> None:
        """Write the JSON document to a binary ``stream`` as UTF-8, piece by piece (for large documents)."""
        import gc

        from .render.json import iter_document

        collecting = gc.isenabled()
        gc.disable()
        try:
            for piece in iter_document(self, indent):
                stream.write(piece.encode("utf-8", "surrogateescape"))
        finally:
            if collecting:
                gc.enable()
