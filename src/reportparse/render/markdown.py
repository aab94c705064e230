"""Markdown: titled sections as ATX headings by level, numbered points as the report writes them.

Titled sections become ATX headings (the document title is ``#``), so the
heading structure of the Markdown is the outline's.  A point without a title
keeps its own marker (``（一）``, ``第三条``, ``①``) at the start of its paragraph,
and what it owns follows it, as in the report: turning ``（一）`` into a Markdown
``1.`` list would change what the author wrote and lose the numbering style, and
reading the Markdown back gives the same outline.  Text is escaped just enough
that no sentence turns into markup on a CommonMark viewer.  Comments and page
furniture are left out.
"""

from __future__ import annotations

import re

from ..markers import STYLES
from ..model import COMMENT, FURNITURE, PARAGRAPH, SECTION, Document, Node
from . import head

# `<` only where it could open an HTML tag or autolink; a scraper's <U+00A0> token is literal text in
# CommonMark and stays as written.  `>` matters only at the start of a line (a block quote).
_INLINE = re.compile(r"([\\`*_\[\]|]|<(?!U\+[0-9A-Fa-f]{4,6}>))")
_BLOCK_START = re.compile(r"^([#>+=~-]|\d{1,9}[.)](?=\s|$))")


def escape_inline(text: str) -> str:
    return _INLINE.sub(r"\\\1", text)


def escape(text: str) -> str:
    """``text`` as one Markdown paragraph that renders to itself (line breaks kept)."""
    lines = [line.strip() for line in escape_inline(text).splitlines()]
    return "  \n".join(_BLOCK_START.sub(r"\\\1", line) for line in lines if line)


def _structural(node: Node) -> bool:
    style = STYLES.get(node.style)
    return style is not None and style.structural


def _point(node: Node) -> str:
    """A numbered point without a title: its marker, then its text, as the report writes it."""
    marker = node.marker
    body = escape(node.text)
    if not body:
        return marker
    # 第三条　本条例… and 附件1　…: a marker that ends in a word or a digit is set off by a space;
    # 一、 （一） 1. ① carry their own separation.
    last = marker[-1:]
    gap = "\u3000" if "\u4e00" <= last <= "\u9fff" or last in "0123456789０１２３４５６７８９" else ""
    return f"{marker}{gap}{body}"


def _blocks(nodes: list[Node], offset: int) -> list[str]:
    out: list[str] = []
    for node in nodes:
        if node.kind == SECTION and (node.title or _structural(node)):
            # 第二章 总则, 附件一: a structural heading stays a heading when it has no title.
            out.append(f"{'#' * min(node.level + offset, 6)} {escape_inline(head(node))}")
            if node.text:
                out.append(escape(node.text))
        elif node.numbered:
            out.append(_point(node))
        elif node.kind in (COMMENT, FURNITURE):
            # Page numbers, running heads and web-page chrome are not the report's text (the
            # JSON keeps them); written out they would only be noise between its paragraphs.
            continue
        elif node.kind == PARAGRAPH or node.text:
            out.append(escape(node.text))
        out.extend(_blocks(node.children, offset))
    return [block for block in out if block]


def render_markdown(doc: Document) -> str:
    offset = 1 if doc.title else 0
    blocks = [f"# {escape_inline(doc.title.text)}"] if doc.title else []
    blocks.extend(_blocks(doc.children, offset))
    return "\n\n".join(blocks) + "\n"
