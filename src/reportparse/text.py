"""Text helpers shared by the stages: how a line ends, how wide it is, how a title is trimmed.

This module sits below every stage and imports none of them, so data flows one
way: each stage reads the text through these helpers and returns its own value.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Node

#: Punctuation that ends a sentence or a lead-in; a line ending in one of these is complete.
TERMINAL = "。！？；：!?;:…"
#: Closing marks that may follow the terminal punctuation (。” or ；）).
CLOSERS = "”’」』）)】〕》>\"'"
#: Stripped from the end of a title, as the annotation guide does.
TITLE_TRAILING = " \t\u3000、.．:：,，;；。？?！!"
#: Characters that look blank but are no white space to ``str.isspace``.
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"


def ends_with(text: str, marks: str) -> bool:
    """Does ``text`` end with one of ``marks``, closing quotes and brackets after it aside?"""
    # The closers are peeled by moving an index, not by slicing: a line of 400 000 closers costs
    # one pass over them, not one copy of the line per closer.
    end = len(text)
    while True:
        while end and text[end - 1].isspace():
            end -= 1
        if not end or text[end - 1] not in CLOSERS:
            break
        end -= 1
    return end > 0 and text[end - 1] in marks


def is_complete(line_text: str) -> bool:
    """Does this text end a sentence (or a lead-in), ignoring closing quotes and brackets?"""
    return ends_with(line_text, TERMINAL)


def compact(text: str) -> str:
    """``text`` without any white space (how short lines are compared and measured)."""
    return "".join(text.split())


def strip_title(title: str) -> str:
    """A heading without its trailing punctuation, as ANNOTATION.md defines a title; Markdown's bold
    around it (``**補註：**``) is markup, not title."""
    title = title.strip().rstrip(TITLE_TRAILING).strip()
    for mark in ("**", "__"):
        if title.endswith(mark):
            title = title[: -len(mark)].lstrip(mark) if title.startswith(mark) else title[: -len(mark)]
            title = title.rstrip(TITLE_TRAILING).strip()
    return title


def join_segments(text: str, segments: list[tuple[int, int]] | tuple[tuple[int, int], ...]) -> str:
    """The text of hard-wrapped lines joined back into one paragraph.

    Chinese runs on without a space; a space is put back only between two ASCII letters or digits
    (a word or a number broken by the wrap).
    """
    out: list[str] = []
    for s, e in segments:
        piece = text[s:e].strip()
        if not piece:
            continue
        if out and out[-1][-1:].isascii() and out[-1][-1:].isalnum() and piece[:1].isascii() and piece[:1].isalnum():
            out.append(" ")
        out.append(piece)
    return "".join(out)


def display_width(text: str) -> int:
    """Columns ``text`` takes in a fixed-width layout: Chinese characters and full-width forms take two.

    Counted from the UTF-8 length, which runs in C: a character of three bytes (the CJK range) is
    wide, one of one byte is narrow; the rare two- and four-byte characters come out in between.
    """
    size = len(text.encode("utf-8", "surrogatepass"))
    return len(text) + (size - len(text)) // 2


def wrapped_width(line: str) -> int:
    """How wide a line is for the wrap test: its display width, or its characters counted as wide.

    A PDF wraps at a width, but text re-flowed by character count (or a font with full-width
    digits) wraps a line of figures at the same number of characters: either reading may apply.
    """
    return max(display_width(line), 2 * len(line) - 4)


def rstrip_end(text: str, start: int, end: int) -> int:
    """End offset of ``text[start:end]`` without trailing white space."""
    while end > start and (text[end - 1].isspace() or text[end - 1] in ZERO_WIDTH):
        end -= 1
    return end


def is_han(ch: str) -> bool:
    """A Han character of the Basic Multilingual Plane (every marker word and heading is there)."""
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"


def heading(text: str, node: Node) -> str:
    """A node's heading as written: its marker and title with what stands between them
    (``第一章　总则``, ``三、2024年政府工作任务``), or its marker alone when it has no title."""
    head = text[node.span[0]:node.span[1]]
    if node.title:
        at = head.find(node.title, len(node.marker))
        if at >= 0:
            return head[:at + len(node.title)]
        return f"{node.marker}{node.title}"
    return node.marker
