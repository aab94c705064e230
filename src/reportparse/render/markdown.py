"""Markdown: headings by level, numbered items as ordered lists, paragraphs kept.

Titled sections become ATX headings (the document title is ``#``), so the
heading structure of the Markdown is the outline's.  Numbered points without a
title are ordered-list items, with what they own indented below them; an
article without a title opens with its marker in bold, as the source reads.
Text is escaped just enough that no sentence turns into markup on a CommonMark
viewer.
"""

from __future__ import annotations

import re

from ..model import COMMENT, PARAGRAPH, SECTION, Document, Node
from . import head

_LIST_STYLES = frozenset({"cn-financial", "cn", "cn-paren", "num", "num-paren", "circled"})
_INLINE = re.compile(r"([\\`*_\[\]<>|])")
_BLOCK_START = re.compile(r"^([#>+=~-]|\d{1,9}[.)](?=\s|$))")


def escape_inline(text: str) -> str:
    return _INLINE.sub(r"\\\1", text)


def escape(text: str) -> str:
    """``text`` as one Markdown paragraph that renders to itself (line breaks kept)."""
    lines = [line.strip() for line in escape_inline(text).splitlines()]
    return "  \n".join(_BLOCK_START.sub(r"\\\1", line) for line in lines if line)


def _is_list_point(node: Node) -> bool:
    return node.numbered and node.style in _LIST_STYLES and node.number is not None and not node.title


def _blocks(nodes: list[Node], offset: int) -> list[str]:
    """Markdown blocks for ``nodes``; consecutive list points form one list."""
    out: list[str] = []
    items: list[str] = []

    def flush() -> None:
        if items:
            out.append("\n".join(items))
            items.clear()

    for node in nodes:
        if _is_list_point(node):
            lead = f"{node.number}. "
            body = escape(node.text) or escape_inline(node.marker)
            inner = _blocks(node.children, offset)
            text = lead + body.replace("\n", "\n" + " " * len(lead))
            for block in inner:
                indented = "\n".join((" " * len(lead) + line) if line else "" for line in block.split("\n"))
                text += "\n\n" + indented
            items.append(text + ("\n" if inner else ""))
            continue
        flush()
        if node.kind == SECTION and node.title:
            out.append(f"{'#' * min(node.level + offset, 6)} {escape_inline(head(node))}")
            if node.text:
                out.append(escape(node.text))
            out.extend(_blocks(node.children, offset))
        elif node.numbered:
            out.append(f"**{escape_inline(node.marker)}** {escape(node.text)}".rstrip())
            out.extend(_blocks(node.children, offset))
        elif node.kind == COMMENT:
            continue
        elif node.kind == PARAGRAPH or node.text:
            out.append(escape(node.text))
    flush()
    return [block for block in out if block]


def render_markdown(doc: Document) -> str:
    offset = 1 if doc.title else 0
    blocks = [f"# {escape_inline(doc.title.text)}"] if doc.title else []
    blocks.extend(_blocks(doc.children, offset))
    return "\n\n".join(blocks) + "\n"
