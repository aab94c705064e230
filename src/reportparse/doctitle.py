"""The document title: the line before the body that names the document.

It is the first line of a markdown document when that is a ``# `` heading, else
the first short line before the body that names a kind of document (报告, 条例,
通知 …), else the first line when it could be a title at all.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .lineinfo import LineInfo
from .text import compact, is_complete

_DOC_KIND = re.compile(
    r"报告|條例|条例|规定|規定|办法|辦法|通知|意见|意見|决定|決定|细则|細則|综述|綜述|总结|總結|亮点|亮點|纲要|綱要|方案|"
    r"规划|規劃|公告|通告|通报|通報|批复|批覆|章程|准则|準則|规则|規則|守则|決议|决议|讲话|講話|建议|建議|解释|解釋|规范|"
    r"規範|措施|计划|計劃|要点|要點|公报|公報|白皮书|纪要|紀要|回顾|回顧|成果|法$|法（|法\(|宪法|憲法|修正案|函$"
)
_DATELINE = re.compile(r"(?:新华社|中新社|本报|人民网|新華社).{0,20}电|^\s*\d{4}[-/.年]\d{1,2}")
_SALUTATION = re.compile(r".{1,20}[：:]$")
#: How many lines before the body are looked at for the title.
_WINDOW = 15


def find(text: str, infos: Sequence[LineInfo]) -> int | None:
    """Index of the line that names the document, if one stands before the body."""
    window: list[int] = []
    first_inked: int | None = None
    for i, info in enumerate(infos):
        line = info.line
        if line.blank or info.set_aside or info.underline:
            continue
        if first_inked is None:
            first_inked = i
        if info.match is not None or info.named:
            break
        body = text[info.content:line.end].strip()
        if len(body) > 100 or (len(body) > 40 and is_complete(body)):
            break  # running text: the body has begun
        window.append(i)
        if len(window) >= _WINDOW:
            break
    if not window:
        return None
    first = window[0]
    if infos[first].hashes == 1 and first == first_inked:
        return first
    for i in window:
        if _plausible(text, infos[i]) and _DOC_KIND.search(text, infos[i].content, infos[i].line.end):
            return i
    if first == first_inked and _plausible(text, infos[first]):
        return first
    return None


def _plausible(text: str, info: LineInfo) -> bool:
    body = text[info.content:info.line.end].strip()
    size = len(compact(body))
    return (
        4 <= size <= 80
        and not is_complete(body)
        and "，" not in body
        and not _SALUTATION.fullmatch(body)
        and not _DATELINE.search(body)
        and not body.startswith(("（", "(", "【", "[", "<", "—", "-"))
    )
