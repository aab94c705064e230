"""Lists that stand beside a document's parts without being them: a table of contents, a list
of attachments, the editor's notes.

Their entries look like headings and numbered points (``第一章　总则``, ``1.申请表``,
``〔1〕即本卷…``) but they name, list or comment on the document's parts, so they
are set aside from the outline as one block each.  Each function returns the
line indices of the block it found.
"""

from __future__ import annotations

import re

from . import model
from .compiled import on_first_use
from .lineinfo import Lines
from .markers import CN_PAREN
from .numerals import to_int
from .text import compact, is_complete

#: The heading of the notes printed after a text (注释, 注　　释, 註釋, 注解, 尾注).
_NOTES_HEAD = re.compile(r"[注註](?:释|釋|解)|尾[注註]")
#: A note's number: 〔1〕, [1], ［1］, as editions number their endnotes.
_note_number = on_first_use(r"[〔\[［]\s*(?P<n>[0-9０-９]{1,3})\s*[〕\]］]")
_TOC_HEAD = re.compile(r"目\s*[录錄次]|contents", re.IGNORECASE)
_ATTACHMENT_LIST = re.compile(r"附\s*件\s*[：:]")
#: The characters of a dot leader between a contents entry and its page number (……… 12).
_LEADER_MARKS = ".．·…"
#: Longer than this, a line is running text, never an entry of a contents list.
_ENTRY_CHARS = 200


def strip_dot_leader(text: str) -> str:
    """``text`` less a closing leader of three or more dots or spaces and its page number.

    One scan back from the end: a pattern searched for along the line would start again at every
    dot or space of a long run and take time growing with a power of the line's length.
    """
    end = len(text.rstrip())
    digits = end
    while digits and text[digits - 1].isdecimal():
        digits -= 1
    start = digits
    while start and (text[start - 1] in _LEADER_MARKS or text[start - 1].isspace()):
        start -= 1
    return text[:start] if digits < end and digits - start >= 3 else text


def _heading_like(body: str) -> bool:
    text = strip_dot_leader(body).strip()
    return 0 < len(text) <= 60 and "。" not in text and not is_complete(text)


def table_of_contents(text: str, lines: Lines) -> range:
    """A 目录 line and the heading list after it, up to where the body repeats the first entry."""
    n = len(lines)
    ends, contents, set_aside, match = lines.end, lines.content, lines.set_aside, lines.match
    for i in range(n):
        if lines.blank(i) or set_aside[i] or match[i] is not None:
            continue
        head = compact(text[contents[i]:ends[i]])
        if len(head) > 8 or not _TOC_HEAD.fullmatch(head):
            continue
        entries: list[int] = []
        first_entry = ""
        has_marker = False
        j = i + 1
        while j < n:
            if lines.blank(j) or lines.underline[j]:
                j += 1
                continue
            body = text[contents[j]:ends[j]]
            if len(body) > _ENTRY_CHARS:
                break
            key = compact(strip_dot_leader(body))
            if entries and key == first_entry:
                break  # the body begins: its first heading repeats the first entry
            if set_aside[j] or not _heading_like(body):
                break
            if not entries:
                first_entry = key
            entries.append(j)
            has_marker = has_marker or match[j] is not None
            j += 1
        if len(entries) >= 2 and has_marker:
            return range(i, entries[-1] + 1)
    return range(0)


def attachment_lists(text: str, lines: Lines) -> list[int]:
    """``附件：1.…`` and the numbered entries under it list the attachments; they are not nodes."""
    found: list[int] = []
    n = len(lines)
    ends, contents, set_aside = lines.end, lines.content, lines.set_aside
    i = 0
    while i < n:
        if lines.blank(i) or set_aside[i] or not _ATTACHMENT_LIST.match(text, contents[i], ends[i]):
            i += 1
            continue
        found.append(i)
        j = i + 1
        while j < n:
            if lines.blank(j):
                j += 1
                continue
            m = lines.match[j]
            # The entries are numbered as points of the lowest ranks are (1. （1） （一） ①).
            if m is None or not m.style.listed or m.style.rank < CN_PAREN.rank:
                break
            body = text[m.end:ends[j]]
            if len(compact(body)) > 60 or "。" in body.rstrip("。"):
                break
            found.append(j)
            j += 1
        i = j
    return found


def notes(text: str, lines: Lines) -> list[int]:
    """The notes an edition prints after the text: a 注释 heading, then entries 〔1〕 〔2〕 … from 1 on.

    They comment on the text (the body calls them with ⑴ or 〔1〕); they are no points of it, so the
    heading, the entries and any line between two entries are one block.
    """
    n = len(lines)
    ends, contents, set_aside = lines.end, lines.content, lines.set_aside
    for i in range(n):
        if lines.blank(i) or set_aside[i] or ends[i] - contents[i] > 12:
            continue
        if not _NOTES_HEAD.fullmatch(compact(text[contents[i]:ends[i]])):
            continue
        entries: list[int] = []
        for j in range(i + 1, n):
            if lines.blank(j) or set_aside[j] == model.FURNITURE:
                continue
            m = _note_number().match(text, contents[j], ends[j])
            if m is not None:
                if not entries and to_int(m.group("n")) != 1:
                    break
                entries.append(j)
            else:
                other = lines.match[j]
                if not entries or (other is not None and other.style.structural):
                    break  # a heading of the document's own (附件二) ends the notes
        if entries:
            return [i, *range(i + 1, entries[-1] + 1)]
    return []
