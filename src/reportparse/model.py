"""The typed model of a parsed report: dataclasses with a source map on every node."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

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
#: A table of a Word file or web page: its rows, numbered or not, are no part of the outline.
TABLE = "table"
SET_ASIDE = frozenset({TOC, COMMENT, FURNITURE, ATTACHMENTS, FRONT_MATTER, NOTES, TABLE})


@dataclass(slots=True, init=False)
class Node:
    kind: str
    line: int
    end_line: int
    #: Where the node stands in the text (its ``span``): two slots, not a tuple of its own (a tuple
    #: costs 56 bytes, and a document holds one node per line when every line is a point).
    start: int
    end: int
    text: str
    level: int
    style: str
    marker: str
    number: int | None
    title: str
    #: The nodes below this one; a leaf shares one empty tuple (a document has many leaves).
    children: Sequence[Node]
    #: ISO date the node's body opens with (``2023-05``), set by the annotation stage.
    date: str | None
    #: Ranges inside ``span`` that are not this node's own content (a page number in a wrapped
    #: paragraph, set aside as a furniture block of its own).
    gaps: Sequence[tuple[int, int]]
    #: Dates, quantities, cited titles … found in the node's own content (None when not annotated).
    annotations: Sequence[Any] | None

    def __init__(
        self,
        kind: str,
        line: int,
        end_line: int,
        span: tuple[int, int],
        text: str = "",
        level: int = 0,
        style: str = "",
        marker: str = "",
        number: int | None = None,
        title: str = "",
        children: Sequence[Node] = (),
        date: str | None = None,
        gaps: Sequence[tuple[int, int]] = (),
        annotations: Sequence[Any] | None = None,
    ) -> None:
        self.kind = kind
        self.line = line
        self.end_line = end_line
        self.start, self.end = span
        self.text = text
        self.level = level
        self.style = style
        self.marker = marker
        self.number = number
        self.title = title
        self.children = children
        self.date = date
        self.gaps = gaps
        self.annotations = annotations

    @property
    def span(self) -> tuple[int, int]:
        """``(start, end)``: the offsets of the node's first and after its last inked character."""
        return self.start, self.end

    @span.setter
    def span(self, span: tuple[int, int]) -> None:
        self.start, self.end = span

    @property
    def numbered(self) -> bool:
        return self.kind in (SECTION, ITEM)

    def walk(self) -> Iterator[Node]:
        """This node and every node below it, in document order."""
        return _walk([self])

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        numbered = self.numbered
        for field_ in NODE_FIELDS:
            if field_.numbered_only and not numbered:
                continue
            value = getattr(self, field_.name)
            if field_.omitted_when_empty and not value and (value is None or field_.form == "spans"):
                continue
            out[field_.name] = _PLAIN[field_.form](value)
        return out


class NodeField(NamedTuple):
    """A field of a node as the output writes it."""

    name: str
    #: How it is written: str, int (or null), span ([start, end]), spans, annotations, children.
    form: str
    #: Only sections and items have it (a paragraph or a block has none).
    numbered_only: bool = False
    #: Left out when it has no value: gaps when there are none, a date or annotations when None.
    omitted_when_empty: bool = False


#: The fields of a node, in the order every output writes them: ``to_dict``, the JSON writer (checked
#: against this list by a test), the CSV and Parquet columns and the JSON Schema (likewise).
NODE_FIELDS: tuple[NodeField, ...] = (
    NodeField("kind", "str"),
    NodeField("line", "int"),
    NodeField("end_line", "int"),
    NodeField("span", "span"),
    NodeField("gaps", "spans", omitted_when_empty=True),
    NodeField("level", "int", numbered_only=True),
    NodeField("style", "str", numbered_only=True),
    NodeField("marker", "str", numbered_only=True),
    NodeField("number", "int", numbered_only=True),
    NodeField("title", "str", numbered_only=True),
    NodeField("text", "str"),
    NodeField("date", "str", numbered_only=True, omitted_when_empty=True),
    NodeField("annotations", "annotations", omitted_when_empty=True),
    NodeField("children", "children", numbered_only=True),
)
#: The fields that are one plain value each: the columns of a table of nodes.
SCALAR_FIELDS = tuple(f.name for f in NODE_FIELDS if f.form in ("str", "int"))

_PLAIN: dict[str, Callable[[Any], Any]] = {
    "str": lambda value: value,
    "int": lambda value: value,
    "span": lambda span: [span[0], span[1]],
    "spans": lambda spans: [[start, end] for start, end in spans],
    "annotations": lambda annotations: [a.to_dict() for a in annotations],
    "children": lambda children: [child.to_dict() for child in children],
}


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


# Slots: a document of repeated markers has a diagnostic for every few lines, and a dict each
# would cost more than its fields.
@dataclass(slots=True)
class Diagnostic:
    severity: str  # "warning" | "info"
    code: str
    line: int
    message: str
    #: Where the change is certain (a bracket, a delimiter, a restarted list renumbered): the markers
    #: to rewrite, as (line, as written, as it should be).  ``--check --fix`` shows them as a diff.
    fix: tuple[tuple[int, str, str], ...] = field(default=(), compare=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {"severity": self.severity, "code": self.code, "line": self.line, "message": self.message}


@dataclass
class Source:
    path: str | None
    #: What the bytes were decoded with; for another format, its text's own encoding or None.
    encoding: str | None
    bytes: int
    sha256: str
    lines: int
    #: ``text``, or the format the text was read from (``html``, ``docx``, ``pdf``).
    format: str = "text"

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "format": self.format,
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

    def _dict(self, children: Any, diagnostics: Any = None) -> dict[str, Any]:
        """The document's dict with ``children`` as given; ``diagnostics`` too, when given (the JSON
        writer writes them one at a time, as it does the nodes)."""
        title = self.title
        return {
            "schema_version": SCHEMA_VERSION,
            "source": self.source.to_dict(),
            "title": title.text if title else "",
            "title_span": [title.span[0], title.span[1]] if title else None,
            "title_line": title.line if title else None,
            **({"meta": self.meta} if self.meta is not None else {}),
            "children": children,
            "diagnostics": [d.to_dict() for d in self.diagnostics] if diagnostics is None else diagnostics,
        }

    def to_json(self, indent: int | None = 2) -> str:
        """The JSON document, indented by ``indent`` spaces, or on one line when ``indent`` is None.

        The text of ``json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)`` (compact
        separators when ``indent`` is None), written as the command line writes it.
        """
        # Imported here: the renderers import the model, and the standard library's indented encoder
        # is pure Python, several times slower than the renderer.
        from .render.json import to_json

        return to_json(self, indent)

    def write_json(self, stream: Any, indent: int | None = 2) -> None:
        """Write the JSON document to a binary ``stream`` as UTF-8, piece by piece (for large documents)."""
        from .render.json import write_json

        write_json(self, stream, indent)
