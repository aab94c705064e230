"""Annotations on the parsed tree: for now, the date an item opens with.

Event lists in year-end summaries open each item with its date (``1.2023年5月，…``,
``2.2023年12月27日，…``); carrying it as ``date`` on the item makes a table of
events by date one query away.  Dates are written in their ISO form as far as
they are known (``2023``, ``2023-05``, ``2023-12-27``).
"""

from __future__ import annotations

import re

from .model import ITEM, SECTION, Document, Node

_DIGIT = "0-9０-９"
_CN_DIGIT = "〇○零一二三四五六七八九"
_FULL_DATE = re.compile(
    rf"(?P<y>[{_DIGIT}]{{4}}|[{_CN_DIGIT}]{{4}})\s*年"
    rf"(?:\s*(?P<m>[{_DIGIT}]{{1,2}}|[{_CN_DIGIT}十]{{1,3}})\s*月"
    rf"(?:\s*(?P<d>[{_DIGIT}]{{1,2}}|[{_CN_DIGIT}十]{{1,3}})\s*日)?)?"
)
_YEAR = re.compile(rf"(?<![{_DIGIT}])(?P<y>(?:19|20)[0-9]{{2}})\s*年")
_CN_VALUES = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0}


def _value(text: str) -> int | None:
    text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        t = _CN_VALUES.get(tens, 0) if tens else 1
        o = _CN_VALUES.get(ones, 0) if ones else 0
        return t * 10 + o
    digits = [_CN_VALUES.get(c) for c in text]
    if any(d is None for d in digits):
        return None
    value = 0
    for d in digits:
        value = value * 10 + (d or 0)
    return value


def leading_date(text: str) -> str | None:
    """The ISO form of the date ``text`` opens with (``2023年5月`` → ``2023-05``), if any."""
    m = _FULL_DATE.match(text.lstrip())
    if m is None:
        return None
    year = _value(m.group("y"))
    if year is None or not 1000 <= year <= 2999:
        return None
    if m.group("m") is None:
        return f"{year:04d}"
    month = _value(m.group("m"))
    if month is None or not 1 <= month <= 12:
        return f"{year:04d}"
    if m.group("d") is None:
        return f"{year:04d}-{month:02d}"
    day = _value(m.group("d"))
    if day is None or not 1 <= day <= 31:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def annotate(doc: Document) -> Document:
    """Set ``date`` on every numbered node whose body opens with a date."""
    for node in doc.walk():
        if node.kind in (ITEM, SECTION) and not node.title:
            node.date = leading_date(node.text)
    return doc


def document_year(doc: Document) -> int | None:
    """The year the title names (``2023年广州市…`` → 2023), for messages and inference."""
    if doc.title is None:
        return None
    m = _YEAR.search(doc.title.text)
    return int(m.group("y")) if m else None


def items_of(node: Node) -> list[Node]:
    return [child for child in node.children if child.kind == ITEM]
