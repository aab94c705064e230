"""The closing matter of a document: what ends its body and belongs to no point.

A 公文 ends with its signature and 成文日期, then the 版记 (附注, 抄送, 印发); a
notice with ``特此通知。``; a decision with ``本决定自…起施行。``; minutes with the
record of who attended.  These lines belong to the document, not to the last
point before them, and nothing after them nests in what came before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from . import doctitle, model
from .compiled import on_first_use
from .furniture import H
from .lineinfo import Lines
from .markers import ANNEX, Match
from .source import Line
from .text import is_complete, rstrip_end

#: A date standing alone on its line: the 成文日期 under a signature.
_DATE_LINE = re.compile(
    rf"{H}*(?:[12１２]\d{{3}}|[〇○零一二三四五六七八九]{{4}}){H}*年{H}*[\d一二三四五六七八九十〇○]{{1,3}}"
    rf"{H}*月{H}*[\d一二三四五六七八九十〇○]{{1,3}}{H}*日{H}*"
)
_DATE_FIRST = frozenset("12１２〇○零一二三四五六七八九")
#: What may stand after the signature and date of a 公文: 附注 (a sentence in brackets; not a
#: placeholder such as （略）), 抄送, 印发 (GB/T 9704 版记).
_AFTER_SIGNATURE = re.compile(
    r"[（(](?:此件|联系人|此页|共印)|[（(][^（）()\n]{6,80}[）)]\s*$|抄\s*送|印\s*发|主题词|.{0,60}印发$"
)
#: The closing formula of a notice or report: it ends the body and belongs to no point.
_formula = on_first_use(
    r"(?:特此(?:通知|通报|通報|公告|通告|函告|函复|函覆|批复|報告|报告|请示|請示)|此复|此復)[。！]?"
    # The document's own entry into force, standing apart after its last point: 本决定自…起施行。
    r"|本(?:决定|決定|通知|意见|意見|办法|辦法|方案|规定|規定|细则|細則|规则|規則|条例|條例|公告|通告|措施|要点|要點)"
    r"自[^。\n]{1,40}(?:施行|实施|實施|执行|執行|生效)[^。\n]{0,24}。?"
)
#: The formula that ends the last paragraph of a proclamation, an order or a report to a meeting
#: (…切切此布。, 此令, 以上报告，请予审议。, …恳请批评指正。): that paragraph closes the document.
_ENDING = re.compile(
    r"(?:切切此布|此布|此令|特此布告|特此公告|请予审议|請予審議|请审议|請審議|批评指正|批評指正)[。！!]?\s*$"
)
_FORMULA_FIRST = frozenset("特此本")
#: A paragraph that speaks of the whole document (以上报告，供…参考。, 以上意见，请…): its closing.
_WHOLE = re.compile(r"以上(?:报告|報告|意见|意見|请示|請示)[，,：:]")
#: The most short lines (signatures, a date) after such a paragraph.
_SIGNATURE_AFTER = 4
#: The most lines one record entry (列席：… and its wrapped names) runs over.
_RECORD_LINES = 6
#: The record at the foot of minutes and notices: who attended, who took the minutes, who gets copies.
_RECORD_LABEL = re.compile(
    r"(?:出\s*席|列\s*席|缺\s*席|请\s*假|請\s*假|记\s*录|記\s*錄|参\s*加|參\s*加|主\s*持|抄\s*送|抄\s*报|抄\s*報"
    r"|分\s*送|发\s*送|發\s*送|正\s*本|副\s*本|散\s*会|散\s*會)(?:人员|人員|单位|單位)?\s*[：:]"
)
#: Who gets the document: closes the body wherever it stands (正本/副本 of a Taiwan 函, 抄送 of a 公文).
_distribution = on_first_use(r"(?:正\s*本|副\s*本|抄\s*送|抄\s*报|抄\s*報|分\s*送)\s*[：:]")
#: The most lines above a 成文日期 that are taken as the issuing organs' signature.
_SIGNATURE_LINES = 3


class Closing(NamedTuple):
    """The closing lines, and among them the date blocks, whose markers are no markers."""

    lines: set[int]
    unmatched: set[int]


def find(text: str, table: Sequence[Line], lines: Lines) -> Closing:
    """The signature and date that close a 公文, the 附注/抄送/印发 lines after them, the record of
    minutes, distribution lines and closing formulas.

    A date alone on its line is the 成文日期 when nothing but 版记 lines, set-aside
    blocks or an annex follow it; up to three short lines right above it are the
    issuing organs' signature.
    """
    closing: set[int] = set()
    dates: list[int] = []
    content_of, end_of, match_of, set_aside = lines.content, lines.end, lines.match, lines.set_aside
    # One pass, and each pattern only on a line whose first character can open it (the patterns
    # open with a few literal characters; a line of prose fails on its first).
    for i, line in enumerate(table):
        if line.blank or set_aside[i]:
            continue
        if line.ink < line.end and text[line.ink] in _DATE_FIRST and _DATE_LINE.fullmatch(text, line.start, line.end):
            dates.append(i)
        if match_of[i] is not None:
            continue
        content, end = content_of[i], end_of[i]
        first = text[content] if content < end else ""
        if first in _DISTRIBUTION_FIRST and _distribution().match(text, content, end):
            closing.add(i)
        if (
            first in _FORMULA_FIRST
            and _formula().fullmatch(text, content, rstrip_end(text, content, end))
            and not _under_bare_marker(text, lines, i)
        ):
            closing.add(i)  # 特此通知。 or 本决定自…起施行。 ends the body; it belongs to no point
    closing |= _foot(text, lines)
    closing |= _ending(text, lines)
    unmatched: set[int] = set()
    for i in dates:
        after = _after_date(text, table, lines, i, closing, unmatched)
        if after is None:
            continue
        block = (*_signature(text, lines, i, unmatched), i, *after)
        closing.update(block)
        unmatched.update(block)
    return Closing(closing, unmatched)


def _ending(text: str, lines: Lines) -> set[int]:
    """The last paragraph when it ends with a closing formula (…切切此布。), and the short lines after
    it: the signatures, dated or not."""
    short: list[int] = []
    for k in range(_body_end(lines), -1, -1):
        if lines.blank(k) or lines.set_aside[k]:
            continue
        content = lines.content[k]
        end = rstrip_end(text, content, lines.end[k])
        plain = _plain(lines, k)
        if plain and (_ENDING.search(text, content, end) or _WHOLE.match(text, content, end)):
            return {k, *short}
        body = text[content:end]
        if not plain or len(short) >= _SIGNATURE_AFTER or len(body) > 30 or is_complete(body) or "，" in body:
            return set()
        short.append(k)
    return set()


def _body_end(lines: Lines) -> int:
    """The last line of the body: before an attachment list or the first annex."""
    for k, m in enumerate(lines.match):
        if lines.set_aside[k] == model.ATTACHMENTS or (m is not None and m.style is ANNEX):
            return k - 1
    return len(lines) - 1


def _under_bare_marker(text: str, lines: Lines, i: int) -> bool:
    """Does line ``i`` stand right under a marker alone on its line (第十五条 / 本办法自…起施行。)?
    Then it is that article's own text, not the document's closing."""
    above = lines.match[i - 1] if i > 0 else None
    return above is not None and not text[above.end:lines.end[i - 1]].strip()


def _plain(lines: Lines, i: int) -> bool:
    return not lines.blank(i) and lines.match[i] is None and not lines.set_aside[i]


def _foot(text: str, lines: Lines) -> set[int]:
    """The 版记 (抄送, 印发) and the record at the very end: they close the whole document, after any annexes."""
    found: set[int] = set()
    k = len(lines) - 1
    while k >= 0:
        if lines.blank(k) or lines.set_aside[k]:
            k -= 1
            continue
        if lines.match[k] is None and (
            _AFTER_SIGNATURE.match(text, lines.content[k], lines.end[k])
            or _RECORD_LABEL.match(text, lines.content[k], lines.end[k])
        ):
            found.add(k)
            k -= 1
            continue
        # A record line may run over several lines (列席：… / 　　　…): take its continuation with it.
        label = _record_above(text, lines, k)
        if label < 0:
            break
        found.update(j for j in range(label + 1, k + 1) if not lines.blank(j))
        k = label
    return found


def _record_above(text: str, lines: Lines, k: int) -> int:
    """The record label (列席：…) whose entry runs on down to line ``k``, or -1."""
    seen = 0
    for up in range(k, -1, -1):
        if lines.blank(up):
            continue
        if lines.match[up] is not None or lines.set_aside[up]:
            return -1
        if _RECORD_LABEL.match(text, lines.content[up], lines.end[up]):
            return up
        seen += 1
        if seen >= _RECORD_LINES:
            return -1
    return -1


def _after_date(
    text: str, table: Sequence[Line], lines: Lines, i: int, closing: set[int], unmatched: set[int]
) -> list[int] | None:
    """The 版记 lines after a date on line ``i``, or None when the body goes on after it."""
    after: list[int] = []
    for j in range(i + 1, len(lines)):
        m: Match | None = None if j in unmatched else lines.match[j]
        set_aside = lines.set_aside[j]
        if set_aside == model.ATTACHMENTS or lines.hashes[j] or (m is not None and m.style is ANNEX):
            break  # an attachment list, an annex or a heading of its own (### 補註) follows the date
        if lines.blank(j) or set_aside:
            continue
        if (
            j in closing
            or _AFTER_SIGNATURE.match(text, lines.content[j], lines.end[j])
            or _DATE_LINE.fullmatch(text, table[j].start, lines.end[j])
        ):
            after.append(j)
            continue
        if not after and doctitle.names_a_document(text, lines, j):
            break  # 青川市促进消费若干措施: the document a notice issues follows its date
        return None
    return after


def _signature(text: str, lines: Lines, i: int, unmatched: set[int]) -> list[int]:
    """Up to three short lines right above the date on line ``i``: the issuing organs' signature."""
    above: list[int] = []
    k = i - 1
    while k >= 0 and len(above) < _SIGNATURE_LINES:
        if lines.blank(k):  # a signature set apart by blank lines, as in Markdown, is one still
            k -= 1
            continue
        body = text[lines.content[k]:lines.end[k]].strip()
        matched = lines.match[k] is not None and k not in unmatched
        if lines.set_aside[k] or matched or len(body) > 30 or is_complete(body) or "，" in body:
            break
        above.append(k)
        k -= 1
    return above


_DISTRIBUTION_FIRST = frozenset("正副抄分")
