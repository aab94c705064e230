"""The document title: the line before the body that names the document.

It is the first line of a markdown document when that is a ``# `` heading, else
the first short line before the body that names a kind of document (报告, 条例,
通知 …), else the first line when it could be a title at all.
"""

from __future__ import annotations

import re

from .compiled import on_first_use
from .lineinfo import Lines
from .text import compact, is_complete

_DOC_KIND = re.compile(
    r"报告|條例|条例|规定|規定|办法|辦法|通知|意见|意見|决定|決定|细则|細則|综述|綜述|总结|總結|亮点|亮點|纲要|綱要|方案|"
    r"规划|規劃|解答|答复|答覆|问答|問答|公告|通告|通报|通報|批复|批覆|章程|准则|準則|规则|規則|守则|決议|决议|讲话|講話|建议|建議|解释|解釋|规范|"
    r"規範|措施|计划|計劃|要点|要點|公报|公報|白皮书|纪要|紀要|回顾|回顧|成果|法$|法（|法\(|宪法|憲法|修正案|函$"
)
_DATELINE = re.compile(r"(?:新华社|中新社|本报|人民网|新華社).{0,20}电|^\s*\d{4}[-/.年]\d{1,2}")
_SALUTATION = re.compile(r".{1,20}[：:]$")
#: A document number (京政服发〔2023〕15号) names no document: it numbers one.
_DOCUMENT_NUMBER = re.compile(r"[〔\[［（(][12][0-9]{3}[〕\]］）)]\s*[0-9]{1,5}\s*号")
#: The red header of a 公文 (青川市人民政府文件), which stands above the title and is no part of it.
_header = on_first_use(r"文件\s*$|[0-9０-９〔〕]")
#: What the first line of a title broken in two shows: the issuing organ (青川市人民政府) or the
#: start of the matter (关于…).
_title_start = on_first_use(
    r"(?:政府|委员会|委員會|办公室|辦公室|局|厅|廳|委|部|院|会|會|中心|办|辦)\s*$|关于|關於"
)
#: A subtitle under a title: ——在全市经济工作会议上的讲话, ——2024年工作总结.
_SUBTITLE = re.compile(r"[—－-]{1,2}\s*[^\s—－-][^。！？]{1,60}$")
#: How many lines before the body are looked at for the title.
_WINDOW = 15


def find(text: str, lines: Lines) -> int | None:
    """Index of the line that names the document, if one stands before the body."""
    window: list[int] = []
    first_inked: int | None = None
    for i in range(len(lines)):
        if lines.blank(i) or lines.set_aside[i] or lines.underline[i]:
            continue
        if first_inked is None:
            first_inked = i
        if lines.match[i] is not None or lines.named[i]:
            break
        body = text[lines.content[i]:lines.end[i]].strip()
        if len(body) > 100 or (len(body) > 40 and is_complete(body)):
            break  # running text: the body has begun
        window.append(i)
        if len(window) >= _WINDOW:
            break
    if not window:
        return None
    first = window[0]
    if lines.hashes[first] == 1 and first == first_inked:
        return first
    for i in window:
        if names_a_document(text, lines, i):
            return i
    if first == first_inked and _plausible(text, lines, first):
        return first
    return None


def block(text: str, lines: Lines, i: int) -> list[int]:
    """The lines of the title found on line ``i``: a title broken in two before it (关于当前办理集团
    犯罪案件中具体 / 应用法律的若干问题的解答), and a subtitle after it (——在全市经济工作会议上的讲话)."""
    found = [i]
    if lines.hashes[i]:
        return found  # a markdown title is its own line
    content, end = lines.content, lines.end
    before = _neighbour(lines, i, -1)
    if (
        before is not None
        and _plausible(text, lines, before)
        and not _header().search(text, content[before], end[before])
        and _title_start().search(text, content[before], end[before])
        and not _DOC_KIND.search(text, content[before], end[before])
        and len(compact(text[content[i]:end[i]])) <= 40
    ):
        found.insert(0, before)
    after = _neighbour(lines, i, 1)
    if after is not None and _SUBTITLE.match(text, content[after], end[after]):
        found.append(after)
    return found


def _neighbour(lines: Lines, i: int, step: int) -> int | None:
    """The inked line next to line ``i`` (one blank line between at most), if it is plain text."""
    j = i + step
    if 0 <= j < len(lines) and lines.blank(j):
        j += step
    if not 0 <= j < len(lines):
        return None
    if (lines.blank(j) or lines.set_aside[j] or lines.underline[j] or lines.match[j] is not None
            or lines.named[j] or lines.hashes[j]):
        return None
    return j


def names_a_document(text: str, lines: Lines, i: int) -> bool:
    """Could line ``i`` be a document's title: short, no sentence, naming a kind of document?"""
    return _plausible(text, lines, i) and bool(_DOC_KIND.search(text, lines.content[i], lines.end[i]))


def _plausible(text: str, lines: Lines, i: int) -> bool:
    body = text[lines.content[i]:lines.end[i]].strip()
    size = len(compact(body))
    return (
        4 <= size <= 80
        and not is_complete(body)
        and "，" not in body
        and not _SALUTATION.fullmatch(body)
        and not _DATELINE.search(body)
        and not _DOCUMENT_NUMBER.search(body)
        and not body.startswith(("（", "(", "【", "[", "<", "—", "-"))
    )
