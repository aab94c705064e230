"""Citations: cited titles (``《反分裂国家法》``) and document numbers (``国发〔2023〕5号``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from .annotation import DIGITS, NO_EXTRA, Annotation, in_windows, occurrences

_D = "0-9０-９"
# What stands before an issuer's code in a sentence: 根据国发…, 国务院办公厅以国办函…; one-character
# words count only after a subject, so that 经信发〔2023〕5号 keeps its 经.
_ISSUER_LEAD = (
    r"^.*(?:根据|依据|按照|参照|转发|印发|贯彻|落实|执行|详见|"
    r"(?<=[\u4e00-\u9fff]{2})(?:以|经|由|见|即|于|的|和|与|及|對|对))"
)


@cache
def _pattern(name: str) -> re.Pattern[str]:
    sources = {
        "title": r"《[^《》\n]{1,120}》",
        "docnumber": rf"[〔\[［（(](?P<year>[12][{_D}]{{3}})[〕\]］）)]\s*(?P<number>[{_D}]{{1,5}})\s*号",
        "issuer": r"[\u4e00-\u9fff]{1,10}\s*$",
    }
    return re.compile(sources[name])


def titles(text: str, start: int, end: int) -> list[Annotation]:
    if text.find("《", start, end) < 0:
        return []
    return [Annotation("title", m.span(), m.group(), m.group()[1:-1], NO_EXTRA)
            for m in _pattern("title").finditer(text, start, end)]


def _number_windows(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Stretches that hold every document number: each ends at a 号 and starts where the brackets,
    digits and spaces before it do (all a number has before its 号)."""
    for at in occurrences(text, "号", start, end):
        before = at
        while before > start and (text[before - 1] in _NUMBER_CHARS or text[before - 1].isspace()):
            before -= 1
        yield before, at + 1


_NUMBER_CHARS = frozenset("0123456789０１２３４５６７８９〔〕[]［］（）()")


def docnumbers(text: str, start: int, end: int) -> list[Annotation]:
    out: list[Annotation] = []
    for m in in_windows(lambda: _pattern("docnumber"), text, _number_windows(text, start, end)):
        before = _pattern("issuer").search(text, max(start, m.start() - 12), m.start())
        if before is None:
            continue
        written = before.group().rstrip()
        issuer = re.sub(_ISSUER_LEAD, "", written)
        if not issuer:
            continue
        s = before.start() + (len(written) - len(issuer))
        value = {"issuer": issuer, "year": int(m.group("year").translate(DIGITS)),
                 "number": int(m.group("number").translate(DIGITS))}
        out.append(Annotation("docnumber", (s, m.end()), text[s:m.end()], value, NO_EXTRA))
    return out
