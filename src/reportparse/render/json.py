"""JSON and JSON Lines.

The standard library's C encoder only runs for compact output; indented output
falls back to a generator-based encoder that costs more than parsing itself.
This module writes indented JSON byte-for-byte as ``json.dumps(obj,
ensure_ascii=False, indent=N)`` would: nodes straight from their fields, and
everything else with one recursive function over the value types the document
model uses (dict, list, str, int, bool, None).
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator
from contextlib import contextmanager
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..model import Document, Node

_compact = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False).encode


def dumps(value: Any, indent: int | None = 2) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=indent)``, compact when ``indent`` is None."""
    if indent is None:
        return _compact(value)
    out: list[str] = []
    _write(value, out, "\n", " " * indent)
    return "".join(out)


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


def to_json(doc: Document, indent: int | None = 2) -> str:
    """The JSON document, indented by ``indent`` spaces, or on one line when ``indent`` is None."""
    with _collector_resting():
        return "".join(iter_document(doc, indent))


def write_json(doc: Document, stream: Any, indent: int | None = 2) -> None:
    """Write the JSON document to a binary ``stream`` as UTF-8, piece by piece (for large documents)."""
    with _collector_resting():
        for piece in iter_document(doc, indent):
            stream.write(piece.encode("utf-8", "surrogateescape"))


@contextmanager
def _collector_resting() -> Iterator[None]:
    # As in parsing: many small objects, no cycles; the collector would only rescan them.
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def iter_document(doc: Document, indent: int | None = 2) -> Iterator[str]:
    """The text of ``doc.to_json(indent)`` in pieces, one top-level node at a time.

    Nodes are written straight from their fields, in the order and form of
    :meth:`Node.to_dict`: a dict per node and a walk over it cost more than the
    parse.  Compact output (``indent=None``) has no white space at all.
    """
    newline, step, colon = ("", "", ":") if indent is None else ("\n", " " * indent, ": ")
    inner = newline + step
    first = True
    for key, value in doc._dict([]).items():
        yield ("{" if first else ",") + inner + encode_basestring(key) + colon
        first = False
        if key != "children":
            pieces: list[str] = []
            _value(value, pieces, inner, step)
            yield "".join(pieces)
        elif not doc.children:
            yield "[]"
        else:
            deeper = inner + step
            for i, node in enumerate(doc.children):
                out = [("[" if i == 0 else ",") + deeper]
                _write_node(node, out, deeper, step, colon)
                yield "".join(out)
            yield inner + "]"
    yield newline + "}"


def _value(value: Any, out: list[str], newline: str, step: str) -> None:
    if newline:
        _write(value, out, newline, step)
    else:
        out.append(_compact(value))


def _write_node(node: Node, out: list[str], newline: str, step: str, colon: str) -> None:
    inner = newline + step
    deeper = inner + step
    c = colon
    out.append(
        f'{{{inner}"kind"{c}{encode_basestring(node.kind)},{inner}"line"{c}{node.line:d},'
        f'{inner}"end_line"{c}{node.end_line:d},'
        f'{inner}"span"{c}[{deeper}{node.span[0]:d},{deeper}{node.span[1]:d}{inner}]'
    )
    if node.gaps:
        out.append(f',{inner}"gaps"{c}')
        _value([[start, end] for start, end in node.gaps], out, inner, step)
    if node.numbered:
        number = "null" if node.number is None else f"{node.number:d}"
        out.append(
            f',{inner}"level"{c}{node.level:d},{inner}"style"{c}{encode_basestring(node.style)},'
            f'{inner}"marker"{c}{encode_basestring(node.marker)},{inner}"number"{c}{number},'
            f'{inner}"title"{c}{encode_basestring(node.title)},{inner}"text"{c}{encode_basestring(node.text)}'
        )
        if node.date is not None:
            out.append(f',{inner}"date"{c}{encode_basestring(node.date)}')
        _write_annotations(node, out, inner, step, colon)
        if node.children:
            out.append(f',{inner}"children"{c}')
            for i, child in enumerate(node.children):
                out.append(("[" if i == 0 else ",") + deeper)
                _write_node(child, out, deeper, step, colon)
            out.append(inner + "]")
        else:
            out.append(f',{inner}"children"{c}[]')
    else:
        out.append(f',{inner}"text"{c}{encode_basestring(node.text)}')
        _write_annotations(node, out, inner, step, colon)
    out.append(newline + "}")


def _write_annotations(node: Node, out: list[str], inner: str, step: str, colon: str) -> None:
    annotations = node.annotations
    if annotations is None:
        return
    if not annotations:
        out.append(f',{inner}"annotations"{colon}[]')
        return
    out.append(f',{inner}"annotations"{colon}')
    if not inner:  # compact: the C encoder writes dicts faster than Python writes fields
        out.append(_compact([a.to_dict() for a in annotations]))
        return
    item = inner + step
    field = item + step
    deeper = field + step
    c = colon
    for i, a in enumerate(annotations):  # the form of Annotation.to_dict, written directly
        out.append(
            f'{"[" if i == 0 else ","}{item}{{{field}"kind"{c}{encode_basestring(a.kind)},'
            f'{field}"span"{c}[{deeper}{a.span[0]:d},{deeper}{a.span[1]:d}{field}],'
            f'{field}"text"{c}{encode_basestring(a.text)},{field}"value"{c}'
        )
        _value(a.value, out, field, step)
        for key, value in a.extra.items():
            out.append(f",{field}{encode_basestring(key)}{c}")
            _value(value, out, field, step)
        out.append(item + "}")
    out.append(inner + "]")
