"""One line per node, indented by level: for reading in a pipe and for diffs."""

from __future__ import annotations

from .. import printable
from ..model import PARAGRAPH, Document, Node
from . import head


def _label(node: Node) -> str:
    label = head(node)
    if node.kind == "item" or not node.title:
        body = node.text if len(node.text) <= 40 else node.text[:39] + "…"
        label = f"{label}{'' if label.endswith(('、', '.', '．', '：', '）')) else ' '}{body}".strip()
    return label


def render_outline(doc: Document) -> str:
    out: list[str] = []
    if doc.title:
        out.append(doc.title.text)
    for node in doc.walk():
        if not node.numbered:
            continue
        paragraphs = sum(1 for child in node.children if child.kind == PARAGRAPH)
        extra = f"  [{paragraphs} ¶]" if paragraphs else ""
        out.append(f"{'  ' * (node.level - 1)}{_label(node)}{extra}    (line {node.line})")
    for d in doc.diagnostics:
        out.append(f"{d.severity}: line {d.line}: {d.message}")
    # A reader's view: control characters in the document (an escape sequence) are shown, not obeyed.
    return printable.text("\n".join(out) + "\n")
