"""Renderers: each turns a Document into text and never parses."""

from __future__ import annotations

from ..model import Node


def head(node: Node) -> str:
    """A node's marker and title as a heading reads: 一、总体要求, （一）加强…, 第一章 总则."""
    marker = node.marker
    if not marker:
        return node.title
    if not node.title:
        return marker
    gap = "" if marker[-1] in "、.．:：)）" else " "
    return f"{marker}{gap}{node.title}"
