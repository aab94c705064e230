"""CSV: one row per section, item and paragraph, with the heading path above it.

RFC 4180 quoting and CRLF row ends come from the standard library's writer;
a UTF-8 BOM is written only when asked for, since Excel needs it and every
other tool is better off without.  For a spreadsheet (``--excel``) a cell that
would start a formula (``=``, ``+``, ``-``, ``@``, a tab or a carriage return
first) is written after an apostrophe, which the spreadsheet takes as "text
follows" and does not show: a document's ``=HYPERLINK(…)`` stays text.  Plain
numbers (``-5``, ``+3.5%``) are left as they are.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence

from ..model import PARAGRAPH, Document, Node

COLUMNS = (
    "file", "line", "end_line", "level", "kind", "style", "marker", "number", "title", "text", "path", "date",
    "quantities",
)
_DELIMITERS = " \t\u3000、.．:："
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)%?")


def spreadsheet_safe(cell: str) -> str:
    """``cell`` as a spreadsheet takes it for text: an apostrophe before what would start a formula."""
    if cell.startswith(_FORMULA_START) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def _path_label(node: Node) -> str:
    if node.marker:
        return node.marker.rstrip(_DELIMITERS)
    return node.title


def _quantities(node: Node) -> str:
    return "; ".join(a.text for a in node.annotations or () if a.kind == "quantity")


def rows(doc: Document) -> list[list[str]]:
    """The table without its header row, in document order."""
    out: list[list[str]] = []
    file = doc.source.path or "-"

    def visit(nodes: Sequence[Node], trail: list[str], level: int) -> None:
        for node in nodes:
            if node.numbered:
                out.append([
                    file, str(node.line), str(node.end_line), str(node.level), node.kind, node.style,
                    node.marker, "" if node.number is None else str(node.number), node.title, node.text,
                    " > ".join(trail), node.date or "", _quantities(node),
                ])
                visit(node.children, [*trail, _path_label(node)], node.level + 1)
            elif node.kind == PARAGRAPH:
                out.append([
                    file, str(node.line), str(node.end_line), str(level), node.kind, "", "", "", "", node.text,
                    " > ".join(trail), "", _quantities(node),
                ])

    visit(doc.children, [], 1)
    return out


def render_csv(docs: list[Document], *, excel: bool = False, header: bool = True, safe: bool | None = None) -> str:
    """The table of ``docs``; ``excel`` writes a BOM and, unless ``safe`` says otherwise, neutralises formulas."""
    buffer = io.StringIO()
    if excel:
        buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    if header:
        writer.writerow(COLUMNS)
    neutralise = excel if safe is None else safe
    for doc in docs:
        table = rows(doc)
        writer.writerows([[spreadsheet_safe(cell) for cell in row] for row in table] if neutralise else table)
    return buffer.getvalue()
