"""JSON and JSON Lines.

The standard library's C encoder only runs for compact output; indented output
falls back to a generator-based encoder that costs more than parsing itself.
This module writes indented JSON byte-for-byte as ``json.dumps(obj,
ensure_ascii=False, indent=N)`` would, with one recursive function over the
value types the document model uses (dict, list, str, int, bool, None).
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any

_compact = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False).encode


def dumps(value: Any, indent: int | None = 2) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=indent)``, compact when ``indent`` is None."""
    if indent is None:
        return _compact(value)
    out: list[str] = []
    _write(value, out, "\n", " " * indent)
    return "".join(out)


def iter_lazy(value: Any, indent: int | None = 2) -> Any:
    """The text of :func:`dumps_lazy` in pieces, each lazy list item made, written and dropped in turn."""
    if indent is None:
        yield from _iter_compact(value)
    else:
        yield from _iter_indented(value, "\n", " " * indent)


def _iter_compact(value: Any) -> Any:
    if isinstance(value, dict):
        first = True
        for key, item in value.items():
            yield ("{" if first else ",") + encode_basestring(key) + ":"
            first = False
            yield from _iter_compact(item)
        yield "{}" if first else "}"
    elif isinstance(value, list) and type(value) is not list:
        yield "["
        first = True
        for item in value:
            yield ("" if first else ",") + _compact(item)
            first = False
        yield "]"
    else:
        yield _compact(value)


def _iter_indented(value: Any, newline: str, step: str) -> Any:
    inner = newline + step
    if isinstance(value, dict) and value:
        first = True
        for key, item in value.items():
            yield ("{" if first else ",") + inner + encode_basestring(key) + ": "
            first = False
            yield from _iter_indented(item, inner, step)
        yield newline + "}"
    elif isinstance(value, list) and type(value) is not list and value:
        first = True
        for item in value:
            out = [("[" if first else ",") + inner]
            first = False
            _write(item, out, inner, step)
            yield "".join(out)
        yield newline + "]"
    else:
        pieces: list[str] = []
        _write(value, pieces, newline, step)
        yield "".join(pieces)


def dumps_lazy(value: Any, indent: int | None = 2) -> str:
    """:func:`dumps` for a value whose lists may make their items as they are iterated.

    The standard library's C encoder reads a list's storage directly, so compact
    output goes through the same Python writer as indented output here; each item
    a lazy list makes is written and dropped before the next one is made.
    """
    return "".join(iter_lazy(value, indent))


def _write(value: Any, out: list[str], newline: str, step: str) -> None:
    if isinstance(value, str):
        out.append(encode_basestring(value))
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = newline + step
        first = True
        for key, item in value.items():
            out.append(("{" if first else ",") + inner + encode_basestring(key) + ": ")
            first = False
            _write(item, out, inner, step)
        out.append(newline + "}")
    elif isinstance(value, list):
        if not value:
            out.append("[]")
            return
        inner = newline + step
        first = True
        for item in value:
            out.append(("[" if first else ",") + inner)
            first = False
            _write(item, out, inner, step)
        out.append(newline + "]")
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    else:
        out.append(json.dumps(value, ensure_ascii=False))
