"""The JSON text is ``json.dumps(doc.to_dict())`` whether orjson (the ``json`` extra) writes it or not.

orjson spells some floats its own way, writes NaN as null, and refuses lone surrogates and integers
beyond 64 bits; the writer hands such a node to its own code.  Every document here is written both
ways, the fallback forced by setting the module's reference to orjson to None.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import reportparse
from reportparse.annotation import Annotation
from reportparse.model import Diagnostic, Document, Node, Source, Title
from reportparse.render import json as render_json

from .conftest import CORPUS, FIXTURES, SAMPLES
from .test_properties import texts

HAS_ORJSON = render_json.orjson is not None
DOCUMENTS = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".md") and p.name != "README.md")
DOCUMENTS += sorted((FIXTURES / "documents").glob("*.txt"))
for folder in ("docs", "wild"):
    if (CORPUS / folder).is_dir():
        DOCUMENTS += sorted(p for p in (CORPUS / folder).iterdir() if p.stat().st_size)


@contextmanager
def _without_orjson() -> Iterator[None]:
    saved = render_json.orjson
    render_json.orjson = None
    try:
        yield
    finally:
        render_json.orjson = saved


def _standard(doc: Document, indent: int | None) -> str:
    separators = (",", ":") if indent is None else None
    return json.dumps(doc.to_dict(), ensure_ascii=False, indent=indent, separators=separators)


def _written(doc: Document, indent: int | None) -> bytes | type[UnicodeEncodeError]:
    stream = io.BytesIO()
    try:
        render_json.write_json(doc, stream, indent)
    except UnicodeEncodeError:  # a lone surrogate that no file name's bytes stand for
        return UnicodeEncodeError
    return stream.getvalue()


def _encoded(text: str) -> bytes | type[UnicodeEncodeError]:
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return UnicodeEncodeError


def assert_both_ways(doc: Document, indents: tuple[int | None, ...] = (2, None)) -> None:
    """to_json and write_json, with orjson and without, give json.dumps's text (or its UTF-8)."""
    for indent in indents:
        want = _standard(doc, indent)
        with _without_orjson():
            assert render_json.to_json(doc, indent) == want
            assert _written(doc, indent) == _encoded(want)
        assert render_json.to_json(doc, indent) == want
        assert doc.to_json(indent) == want
        assert _written(doc, indent) == _encoded(want)


@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.name for p in DOCUMENTS])
def test_every_document_both_ways(path: Path) -> None:
    assert_both_ways(reportparse.parse_file(path), (2, None, 0, 4))


@pytest.mark.skipif(not HAS_ORJSON, reason="orjson (the json extra) is not installed")
@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.name for p in DOCUMENTS])
def test_orjson_writes_every_node_of_the_samples(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fallback is for odd values: no node of a real document should need it (or orjson gains nothing)."""
    doc = reportparse.parse_file(path)
    want = {indent: _standard(doc, indent) for indent in (2, None)}

    def refuse(*args: object) -> None:
        raise AssertionError("a node went to the fallback writer")

    monkeypatch.setattr(render_json, "_write_node", refuse)
    for indent, text in want.items():
        assert render_json.to_json(doc, indent) == text


# ── documents made of every value the model can hold ────────────────────────

_ODD_TEXT = st.sampled_from(["\x00", "\x1f", "\x7f", '"', "\\", "\n", "\u2028", "\ufeff", "\U0001f600", "𠀋", "中"])
_TEXT = st.text(st.characters() | st.characters(categories=["Cs"]) | _ODD_TEXT, max_size=12)
_FLOATS = st.floats() | st.sampled_from([1e16, 0.1 + 0.2, 1e-7, 12345678.9, 1e-5, 2.5e-6, -0.0, 1e22, 5e-324])
_INTS = st.integers() | st.sampled_from([2**63 - 1, 2**63, 2**64 - 1, 2**64, -(2**63), -(2**63) - 1, 10**30])
_VALUES = st.recursive(
    st.none() | st.booleans() | _INTS | _FLOATS | _TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_TEXT, inner, max_size=3),
    max_leaves=8,
)
_SPAN = st.tuples(st.integers(0, 10**6), st.integers(0, 10**6))
_ANNOTATIONS = st.builds(
    Annotation, kind=st.sampled_from(["date", "quantity", "title", "enumeration"]), span=_SPAN, text=_TEXT,
    value=_VALUES, extra=st.dictionaries(st.sampled_from(["unit", "qualifier", "inferred", "approx", "n"]), _VALUES,
                                         max_size=3),
)


def _node(children: st.SearchStrategy[list[Node]]) -> st.SearchStrategy[Node]:
    return st.builds(
        Node, kind=st.sampled_from(["section", "item", "paragraph", "toc", "furniture"]), line=st.integers(1, 10**6),
        end_line=st.integers(1, 10**6), span=_SPAN, text=_TEXT, level=st.integers(0, 9), style=_TEXT, marker=_TEXT,
        number=st.none() | _INTS, title=_TEXT, children=children, date=st.none() | _TEXT,
        gaps=st.lists(_SPAN, max_size=2), annotations=st.none() | st.lists(_ANNOTATIONS, max_size=3),
    )


_NODES = st.recursive(st.just([]), lambda inner: st.lists(_node(inner), max_size=3), max_leaves=10)
_DOCUMENTS = st.builds(
    Document,
    source=st.builds(Source, path=st.none() | _TEXT, encoding=st.none() | _TEXT, bytes=_INTS, sha256=_TEXT,
                     lines=_INTS, format=_TEXT),
    title=st.none() | st.builds(Title, text=_TEXT, line=_INTS, end_line=_INTS, span=_SPAN),
    children=_NODES,
    diagnostics=st.lists(st.builds(Diagnostic, severity=_TEXT, code=_TEXT, line=_INTS, message=_TEXT), max_size=2),
    meta=st.none() | st.dictionaries(_TEXT, _VALUES, max_size=3),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_DOCUMENTS)
def test_any_document_both_ways(doc: Document) -> None:
    assert_both_ways(doc)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
@example("一、总则\n\ud800（一）内容\udfff\n")
def test_any_parsed_text_both_ways(text: str) -> None:
    assert_both_ways(reportparse.parse(text))


def _one_paragraph(value: object, text: str = "第一段", path: str | None = "a.txt") -> Document:
    annotation = Annotation("quantity", (0, 1), "1", value, {"unit": "个"})
    node = Node("paragraph", 1, 1, (0, len(text)), text=text, annotations=[annotation])
    return Document(Source(path, "utf-8", 10, "0" * 64, 1), None, [node], [])


ODD_VALUES = [1e16, 0.1 + 0.2, 1e-7, 12345678.9, 1e-5, float("nan"), float("inf"), 2**64, -(2**63) - 1,
              {"from": 1e-5, "to": [2**70, float("-inf")]}]


@pytest.mark.parametrize("value", ODD_VALUES, ids=repr)
def test_values_orjson_writes_otherwise(value: object) -> None:
    doc = _one_paragraph(value)
    assert_both_ways(doc)
    assert json.dumps(value, separators=(",", ":")) in render_json.to_json(doc, None)


def test_a_file_name_undecodable_in_the_file_systems_encoding() -> None:
    """os.fsdecode turns the bytes of such a name into lone surrogates; the output gives the bytes back."""
    doc = _one_paragraph(3, path="报告\udcff\udcfe.txt")
    assert_both_ways(doc)
    written = _written(doc, 2)
    assert isinstance(written, bytes) and '"path": "报告'.encode() + b'\xff\xfe.txt"' in written


def test_characters_beyond_the_basic_plane_and_lone_surrogates_in_the_text() -> None:
    assert_both_ways(_one_paragraph(1, text="𠀋𪚥\U0001f600"))
    assert_both_ways(_one_paragraph(1, text="半个\ud800字"))
