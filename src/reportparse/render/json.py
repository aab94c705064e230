"""JSON and JSON Lines.

The standard library's C encoder only runs for compact output; indented output
falls back to a generator-based encoder that costs more than parsing itself.
This module writes indented JSON byte-for-byte as ``json.dumps(obj,
ensure_ascii=False, indent=N)`` would: nodes straight from their fields, and
everything else with one recursive function over the value types the document
model uses (dict, list, str, int, bool, None).

With the ``json`` extra (orjson) installed, the nodes go through orjson
instead, one top-level node at a time, for indent 2 and compact output: the
same bytes in about half the time.  What orjson would write differently or
refuses (floats, whose short forms it spells its own way; NaN, which it writes
as null; integers beyond 64 bits; lone surrogates; deep nesting) sends that
node to the writer here.
"""

from __future__ import annotations

import gc
import importlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from json.encoder import encode_basestring
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..annotation import Annotation
    from ..model import Document, Node

# Imported by name, so that the type checker sees the same module type with the extra as without it.
try:
    orjson: ModuleType | None = importlib.import_module("orjson")
except ImportError:  # the optional extra; without it the writer below gives the same bytes
    orjson = None

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
        for piece in _pieces(doc, indent):
            # A file name undecodable in the file system's encoding comes back as the bytes it was.
            stream.write(piece.encode("utf-8", "surrogateescape") if isinstance(piece, str) else piece)


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
    for piece in _pieces(doc, indent):
        yield piece if isinstance(piece, str) else str(piece, "utf-8")


def _pieces(doc: Document, indent: int | None) -> Iterator[str | memoryview]:
    """The document's text in pieces: orjson's UTF-8 for the nodes it writes as we do, text for the rest."""
    fast = orjson is not None and indent in (2, None)
    newline, step, colon = ("", "", ":") if indent is None else ("\n", " " * indent, ": ")
    inner = newline + step
    first = True
    for key, value in doc._dict([], ()).items():
        yield ("{" if first else ",") + inner + encode_basestring(key) + colon
        first = False
        if key == "diagnostics":
            # One at a time, as the nodes: a document of repeated markers has a diagnostic every few
            # lines, and their text in one piece cost more than the document.
            yield from _diagnostics(doc, inner, step)
        elif key != "children":
            pieces: list[str] = []
            _value(value, pieces, inner, step)
            yield "".join(pieces)
        elif not doc.children:
            yield "[]"
        else:
            deeper = inner + step
            for i, node in enumerate(doc.children):
                written = _orjson_node(node, indent is not None) if fast else None
                if written is not None:
                    yield ("[" if i == 0 else ",") + deeper
                    yield written
                    continue
                out = [("[" if i == 0 else ",") + deeper]
                _write_node(node, out, deeper, step, colon)
                yield "".join(out)
            yield inner + "]"
    yield newline + "}"


def _diagnostics(doc: Document, inner: str, step: str) -> Iterator[str]:
    """The diagnostics' list, in the text ``_value`` gives the whole list."""
    if not doc.diagnostics:
        yield "[]"
        return
    deeper = inner + step
    for i, d in enumerate(doc.diagnostics):
        if inner:
            pieces = [("[" if i == 0 else ",") + deeper]
            _write(d.to_dict(), pieces, deeper, step)
            yield "".join(pieces)
        else:
            yield ("[" if i == 0 else ",") + _compact(d.to_dict())
    yield inner + "]"


class _Unlike(Exception):
    """A value orjson would write otherwise than the standard library does."""


_AS_IS = frozenset({str, int, bool, type(None)})


#: A top-level node stands two levels in (the document, its children); orjson indents from the left
#: margin, so the node goes in two lists and comes out of them (cheaper than re-indenting every line).
_OPEN, _CLOSE = b"[\n  [\n    ", b"\n  ]\n]"


def _orjson_node(node: Node, indented: bool) -> memoryview | None:
    """A top-level node as orjson writes it, indented by 2 or compact, or None where that would not be
    the standard library's text."""
    assert orjson is not None
    try:
        plain = _plain_node(node)
        if not indented:
            return memoryview(orjson.dumps(plain))
        data = memoryview(orjson.dumps([[plain]], option=orjson.OPT_INDENT_2))
    except (_Unlike, TypeError, RecursionError):  # orjson's JSONEncodeError is a TypeError: lone surrogates,
        return None  # integers beyond 64 bits, more than 255 levels
    return data[len(_OPEN):-len(_CLOSE)]


def _plain_node(node: Node) -> dict[str, Any]:
    # The form of Node.to_dict, built from the fields directly (its loop over NODE_FIELDS costs twice this),
    # and with the annotations' values made safe for orjson.
    out: dict[str, Any] = {"kind": node.kind, "line": node.line, "end_line": node.end_line, "span": node.span}
    if node.gaps:
        out["gaps"] = node.gaps
    annotations = node.annotations
    if node.numbered:
        out["level"] = node.level
        out["style"] = node.style
        out["marker"] = node.marker
        out["number"] = node.number
        out["title"] = node.title
        out["text"] = node.text
        if node.date is not None:
            out["date"] = node.date
        if annotations is not None:
            out["annotations"] = [_plain_annotation(a) for a in annotations]
        out["children"] = [_plain_node(child) for child in node.children]
    else:
        out["text"] = node.text
        if annotations is not None:
            out["annotations"] = [_plain_annotation(a) for a in annotations]
    return out


def _plain_annotation(a: Annotation) -> dict[str, Any]:
    value = a.value
    out = {"kind": a.kind, "span": a.span, "text": a.text, "value": value if type(value) in _AS_IS else _plain(value)}
    for key, value in a.extra.items():
        out[key] = value if type(value) in _AS_IS else _plain(value)
    return out


def _plain(value: Any) -> Any:
    """``value`` with each float as the standard library spells it (``1e-05``, where orjson has ``0.00001``)."""
    kind = type(value)
    if kind in _AS_IS:
        return value
    if kind is float:
        if value - value != 0.0:  # NaN and infinities: orjson writes null
            raise _Unlike
        assert orjson is not None
        return orjson.Fragment(float.__repr__(value))
    if kind is list or kind is tuple:
        return [_plain(item) for item in value]
    if kind is dict:
        return {key: _plain(item) for key, item in value.items()}
    raise _Unlike  # a type of its own: orjson might write it (a dataclass, a date) where json.dumps would not


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
