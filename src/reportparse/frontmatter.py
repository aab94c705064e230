"""YAML front matter: the metadata block that static-site and law-database Markdown opens with.

    ---
    title: "中华人民共和国土地管理法实施条例"
    office: "国务院"
    tags:
      - "土地"
    ---

It is metadata, not text of the document: it is set aside as one block and its
fields go into ``meta["front_matter"]``, read as written (every value a string,
or a list of strings), without a YAML library: only the flat form these files
use is read, and anything else is kept as the text it is.
"""

from __future__ import annotations

import json
import re

from .compiled import on_first_use
from .source import Line

_FENCE = re.compile(r"---[ \t]*")
_close = on_first_use(r"(?:---|\.\.\.)[ \t]*")
#: A top-level key (``title:``, ``文号:``), as YAML writes one: no indent, no leading dash or quote.
_key = on_first_use(r"(?P<key>[^\s:#\-\"'][^:]{0,60}?)\s*:(?:\s+(?P<value>.*?))?\s*")
_item = on_first_use(r"\s*-\s+(?P<value>.*?)\s*")
#: The most lines a front matter block runs over before it is taken for something else.
_MOST_LINES = 200


def find(text: str, lines: list[Line]) -> range:
    """The lines of the front matter (both fences included), or an empty range."""
    if not lines or not _FENCE.fullmatch(text, lines[0].ink, lines[0].end):
        return range(0)
    keys = 0
    for i in range(1, min(len(lines), _MOST_LINES)):
        line = lines[i]
        if line.blank:
            continue
        if line.ink == line.start and _close().fullmatch(text, line.start, line.end):
            return range(0, i + 1) if keys else range(0)
        if line.ink == line.start:
            if not _key().fullmatch(text, line.start, line.end):
                return range(0)  # a line of text: the opening rule was a rule, not a fence
            keys += 1
    return range(0)


def fields(block: str) -> dict[str, str | list[str]]:
    """The fields of a front matter block (its text, fences included)."""
    out: dict[str, str | list[str]] = {}
    key = ""
    for raw in block.splitlines()[1:-1]:
        if not raw.strip():
            continue
        m = _key().fullmatch(raw)
        if m and raw[:1] not in " \t":
            key = m.group("key")
            out[key] = _scalar(m.group("value") or "")
            continue
        item = _item().fullmatch(raw)
        if key and item:
            current = out[key]
            out[key] = [*current, _scalar(item.group("value"))] if isinstance(current, list) or not current else [
                current, _scalar(item.group("value"))]
        elif key:
            current = out[key]
            out[key] = f"{current} {raw.strip()}".strip() if isinstance(current, str) else [*current, raw.strip()]
    return out


def _scalar(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] == '"':
        try:
            decoded = json.loads(value)
        except ValueError:
            return value[1:-1]
        return decoded if isinstance(decoded, str) else value[1:-1]
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'")
    return value
