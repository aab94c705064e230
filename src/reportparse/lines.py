"""The lines stage: what every line is, before any numbering is decided.

It marks the lines set aside from the outline (comments, furniture, tables of
contents, attachment lists, setext underlines), reads the marker and markdown
prefix at the start of every other line, follows quotations over lines (an
amendment quoting ``第五条 …`` numbers nothing), finds the document's closing
matter and title, and decides whether the text is hard-wrapped.  Its value,
:class:`~.lineinfo.Lines`, is read by every later stage.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from . import closing, contents, doctitle, frontmatter, furniture, model, wrapping
from .compiled import on_first_use
from .lineinfo import Lines
from .markers import Match, decoration_end, heading_numeral, markdown_prefix, match_marker
from .source import Line
from .text import compact, is_han

#: Headings that stand unnumbered in laws and reports (序言, 总则, 附则 …), spaced out or not.
_NAMED_HEADING = re.compile(r"序言|前言|引言|导言|总则|總則|分则|分則|附则|附則|结语|結語|结束语|附录|附錄|后记|後記")
#: The segments of a 公文 in the 主旨/說明/辦法 form (Taiwan's 函 and 公告, and their mainland forms).
#: 主旨：… opens the body with its text; the later labels stand alone above their points.
_SUBJECT = re.compile(r"主\s*旨\s*[：:]")
_segment = on_first_use(
    r"(?:說\s*明|说\s*明|辦\s*法|办\s*法|擬\s*辦|拟\s*办|依\s*據|依\s*据|公告事項|公告事项)\s*[：:]\s*$"
)
#: A quotation left open for longer than this many lines is a typo, not a quotation.
_QUOTE_LINES = 6


def classify(text: str, table: list[Line], reflow: bool = True, given: Mapping[int, str] | None = None) -> Lines:
    """``given``: lines a reader of another format has already set aside (a Word table), by kind."""
    front = frontmatter.find(text, table)
    comments = furniture.comments(text, table)
    rules = furniture.rules(text, table, comments)
    if front:
        # The fences of front matter are no rules, and its fields no heading to underline.
        rules = furniture.Rules(
            rules.furniture.difference(front),
            rules.underlines.difference(front),
            {i: level for i, level in rules.setext.items() if i not in front},
        )
    # The marker at every line's first inked character, found once for the stages of this one.
    marks = [None if line.blank else match_marker(text, line.ink, line.end) for line in table]
    heads = furniture.running_heads(text, table, comments | rules.furniture | set(front), marks)
    aside = {i: model.COMMENT for i in comments}
    aside.update((i, model.FURNITURE) for i in rules.furniture | heads)
    aside.update((i, model.FRONT_MATTER) for i in front)
    if given:
        aside.update(given)
    lines = Lines(table)
    _read(text, table, lines, aside, rules, marks)
    del marks
    for i in contents.table_of_contents(text, lines):
        lines.set_aside_as(i, model.TOC)
    for i in contents.notes(text, lines):
        lines.set_aside_as(i, model.NOTES)
    for i in contents.attachment_lists(text, lines):
        lines.set_aside_as(i, model.ATTACHMENTS, keep=False)
    found = closing.find(text, table, lines)
    for i in found.lines:
        lines.closing[i] = 1
        if i in found.unmatched:
            lines.match[i] = None
    lines.title = doctitle.find(text, lines)
    if lines.title is not None:
        for i in doctitle.block(text, lines, lines.title):
            lines.in_title[i] = 1
            lines.match[i] = None
    if reflow:
        lines.wrapping = wrapping.detect(text, lines)
    lines.marked = bytearray(m is not None for m in lines.match)
    return lines


def _may_decorate(first: str) -> bool:
    """Can a line opening with ``first`` carry a decoration before its marker (see decoration_end)?"""
    return first in "*_" or (not first.isascii() and not is_han(first) and not first.isdigit())


def _read(
    text: str, table: list[Line], lines: Lines, aside: dict[int, str], rules: furniture.Rules,
    marks: list[Match | None]
) -> None:
    """Every line's markdown prefix, marker, quotation state, named heading or 公文 segment label."""
    quote_depth = 0
    quote_age = 0
    subject = False  # a 主旨 label has opened the body of a 公文
    underlines, setext = rules.underlines, rules.setext
    set_aside, hashes_of, match_of, contents = lines.set_aside, lines.hashes, lines.match, lines.content
    for i, line in enumerate(table):
        kind = aside.get(i, "")
        underline = i in underlines
        if line.blank or kind or underline:
            set_aside[i] = kind
            lines.underline[i] = underline
            hashes_of[i] = setext.get(i, 0)
            continue
        end = line.end
        content = line.ink
        # The prefixes, decorations and labels below each open with a known character: most lines
        # of a report are let through on their first character without calling their tests.
        hashes = 0
        if text[content] == "#":
            hashes, content = markdown_prefix(text, content, end)
        if content < end and text[content] == "<":
            noise = furniture.noise_prefix().match(text, content, end)
            if noise:
                content = noise.end()
        quoted = quote_depth > 0
        m = marks[i] if content == line.ink else match_marker(text, content, end)
        if m is None and hashes:
            m = heading_numeral(text, content, end)
        if m is None and content < end and _may_decorate(text[content]):
            # 🌟一、…, ◆二、…, **三、…**: a web page's decoration is neither marker nor title.
            decorated = decoration_end(text, content, end)
            m = match_marker(text, decorated, end) if decorated > content else None
            if m is not None:
                content = decorated
        if m is not None and quoted:
            m = None
        elif m is None and end - content <= 12 and _NAMED_HEADING.fullmatch(compact(text[content:end])):
            lines.named[i] = 1
        elif m is None and not quoted and content < end and text[content] in "主說说辦办擬拟依公":
            # Only after a 主旨: elsewhere a lone 说明： leads in to notes (under a table, say).
            if _SUBJECT.match(text, content, end):
                subject = True
            elif subject and _segment().match(text, content, end):
                lines.segment[i] = 1
        hashes_of[i] = hashes or setext.get(i, 0)
        if content != line.ink:
            contents[i] = content
        match_of[i] = m
        lines.quoted[i] = quoted
        # Track quotations over lines: an amendment quoting "第五条 …" over several lines must not
        # turn the quoted articles into nodes.  Counted in place, without a copy of the line.
        opens = text.count("“", line.ink, end) + text.count("「", line.ink, end)
        if not opens and not quote_depth:
            continue
        if quote_depth > 0 and text[line.ink] in "“「":
            # A quotation over several paragraphs opens each of them again and closes only the
            # last: that opening mark continues the quotation, it does not nest a new one.
            opens -= 1
        quote_depth += opens - text.count("”", line.ink, end) - text.count("」", line.ink, end)
        if quote_depth <= 0:
            quote_depth = 0
            quote_age = 0
        else:
            quote_age += 1
            if quote_age > _QUOTE_LINES:
                quote_depth = 0
                quote_age = 0
