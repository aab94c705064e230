"""Markdown: titled sections as ATX headings by level, numbered points as the report writes them.

Titled sections become ATX headings (the document title is ``#``), so the
heading structure of the Markdown is the outline's; a titled point followed by an
untitled sibling runs its title in, as written, since a heading would take that
sibling in.  A point without a title
keeps its own marker (``（一）``, ``第三条``, ``①``) at the start of its paragraph,
and what it owns follows it, as in the report: turning ``（一）`` into a Markdown
``1.`` list would change what the author wrote and lose the numbering style, and
reading the Markdown back gives the same outline.  Text is escaped just enough
that no sentence turns into markup on a CommonMark viewer.  Comments and page
furniture are left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .. import printable
from ..markers import STYLES
from ..model import COMMENT, FRONT_MATTER, FURNITURE, PARAGRAPH, SECTION, Document, Node
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


def _heading(node: Node) -> bool:
    return node.kind == SECTION and bool(node.title or _structural(node) or _bare(node))


def _bare(node: Node) -> bool:
    """A point numbered with a bare numeral (``## 一`` over a part of a speech): written as a point, a
    numeral without its 、 would read as text, so it stays the heading it was."""
    style = STYLES.get(node.style)
    return style is not None and style.listed and node.marker[-1:] not in "、.．)）"


def _run_in(node: Node, source: str) -> str | None:
    """A titled point as the report runs it in (（一）加强领导。各地要…), or None when the title is
    not found as written in its own text."""
    own = source[node.span[0]:node.span[1]]
    at = own.find(node.title)
    if at < 0:
        return None
    if not node.text:
        # A heading line of its own (八、《…法》, 二、会议听取了…的汇报。): as written.
        return None if "\n" in own or "\r" in own else _point(node, own[at:].strip())
    mark = own[at + len(node.title):at + len(node.title) + 1]
    if not mark or mark.isspace() or mark not in "。！？!?；;：:":
        return None
    return _point(node, f"{node.title}{mark}{node.text}")


def _point(node: Node, text: str | None = None) -> str:
    """A numbered point without a title: its marker, then its text, as the report writes it."""
    marker = node.marker
    body = escape(node.text if text is None else text)
    if not body:
        return marker
    # 第三条　本条例… and 附件1　…: a marker that ends in a word or a digit is set off by a space;
    # 一、 （一） 1. ① carry their own separation.
    last = marker[-1:]
    gap = "\u3000" if "\u4e00" <= last <= "\u9fff" or last in "0123456789０１２３４５６７８９" else ""
    return f"{marker}{gap}{body}"


def _blocks(nodes: Sequence[Node], offset: int, source: str) -> list[str]:
    out: list[str] = []
    # A heading takes in the point after it unless that point goes on with its numbering (陸、 then
    # 柒、); so a titled point followed by one that does not (五、…。 then a list restarting at
    # 一、) runs its title in, as written, and the outline reads back the same.
    run_ins: dict[int, str] = {}
    following: Node | None = None
    following_plain = False
    for i in range(len(nodes) - 1, -1, -1):
        node = nodes[i]
        if not node.numbered:
            continue
        if (
            following is not None
            and _heading(node)
            and node.title
            and not _structural(node)
            and following_plain
            and not (following.style == node.style and following.number == (node.number or 0) + 1)
        ):
            run_in = _run_in(node, source)
            if run_in is not None:
                run_ins[i] = run_in
        following = node
        following_plain = i in run_ins or not _heading(node)
    for i, node in enumerate(nodes):
        if i in run_ins:
            out.append(run_ins[i])
        elif _heading(node):
            # 第二章 总则, 附件一: a structural heading stays a heading when it has no title.
            out.append(f"{'#' * min(node.level + offset, 6)} {escape_inline(head(node))}")
            if node.text:
                out.append(escape(node.text))
        elif node.numbered:
            out.append(_point(node))
        elif node.kind in (COMMENT, FURNITURE, FRONT_MATTER):
            # Page numbers, running heads and web-page chrome are not the report's text (the
            # JSON keeps them); written out they would only be noise between its paragraphs.
            continue
        elif node.kind == PARAGRAPH or node.text:
            out.append(escape(node.text))
        out.extend(_blocks(node.children, offset, source))
    return [block for block in out if block]


def render_markdown(doc: Document) -> str:
    offset = 1 if doc.title else 0
    # Front matter stays what it is: the metadata block a Markdown file opens with.
    blocks = [n.text for n in doc.children[:1] if n.kind == FRONT_MATTER]
    blocks += [f"# {escape_inline(doc.title.text)}"] if doc.title else []
    blocks.extend(_blocks(doc.children, offset, doc.text))
    # Read in a terminal as often as rendered: an escape sequence in the document is shown, not obeyed.
    return printable.text("\n\n".join(blocks) + "\n")
