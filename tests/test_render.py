"""Every sample rendered in every format, against reviewed snapshots; and what each format promises.

Set REPORTPARSE_UPDATE_SNAPSHOTS=1 to rewrite the snapshots after a deliberate change (then read the diff).
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import os
from pathlib import Path

import jsonschema
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from rich.console import Console

import reportparse
from reportparse.convert import CONFIGS, convert
from reportparse.markers import STYLES
from reportparse.model import NODE_FIELDS, SCALAR_FIELDS, Document
from reportparse.render import head
from reportparse.render.csv import COLUMNS, render_csv
from reportparse.render.csv import COLUMNS as CSV_COLUMNS
from reportparse.render.markdown import render_markdown
from reportparse.render.outline import render_outline
from reportparse.render.parquet import NODE_COLUMNS as PARQUET_NODE_COLUMNS
from reportparse.render.terminal import render
from reportparse.schema import schema

from .conftest import CORPUS, ROOT, SAMPLES

SNAPSHOTS = ROOT / "tests" / "snapshots"
SCHEMA = schema()
SAMPLE_FILES = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".md") and p.name != "README.md")


def _parse(path: Path) -> Document:
    # Snapshots name the sample by its path inside the repository, so they do not depend on the checkout.
    doc = reportparse.parse_file(path)
    doc.source.path = f"samples/{path.name}"
    return doc


def terminal(doc: Document, width: int, **options: object) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, highlight=False, markup=False, emoji=False)
    render(doc, console, **options)  # type: ignore[arg-type]
    return buffer.getvalue()


RENDERERS = {
    "json": lambda doc: doc.to_json(),
    "jsonl": lambda doc: doc.to_json(indent=None) + "\n",
    "md": render_markdown,
    "csv": lambda doc: render_csv([doc]),
    "outline": render_outline,
    "80.txt": lambda doc: terminal(doc, 80),
    "160.txt": lambda doc: terminal(doc, 160),
}


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
@pytest.mark.parametrize("path", SAMPLE_FILES, ids=[p.name for p in SAMPLE_FILES])
def test_snapshot(path: Path, fmt: str) -> None:
    output = RENDERERS[fmt](_parse(path))
    snapshot = SNAPSHOTS / f"{path.name}.{fmt}"
    if os.environ.get("REPORTPARSE_UPDATE_SNAPSHOTS"):
        snapshot.parent.mkdir(parents=True, exist_ok=True)
        snapshot.write_bytes(output.encode("utf-8"))
    assert snapshot.is_file(), f"no snapshot {snapshot.name}: run with REPORTPARSE_UPDATE_SNAPSHOTS=1"
    assert output == snapshot.read_bytes().decode("utf-8")


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=[p.name for p in SAMPLE_FILES])
def test_json_and_jsonl_validate(path: Path) -> None:
    doc = _parse(path)
    jsonschema.validate(json.loads(doc.to_json()), SCHEMA)
    line = doc.to_json(indent=None)
    assert "\n" not in line
    jsonschema.validate(json.loads(line), SCHEMA)


def _table_nodes(doc: Document) -> int:
    return sum(1 for n in doc.walk() if n.kind in ("section", "item", "paragraph"))


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=[p.name for p in SAMPLE_FILES])
def test_csv_loads_with_the_right_rows(path: Path) -> None:
    doc = _parse(path)
    text = render_csv([doc])
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == list(COLUMNS)
    assert len(rows) - 1 == _table_nodes(doc)
    assert all(len(row) == len(COLUMNS) for row in rows)
    pandas = pytest.importorskip("pandas")
    frame = pandas.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    assert list(frame.columns) == list(COLUMNS) and len(frame) == _table_nodes(doc)
    excel = render_csv([doc], excel=True)
    assert excel.startswith("\ufeff") and excel[1:] == text


def test_csv_path_column() -> None:
    doc = _parse(SAMPLES / "annual_highlights.txt")
    rows = list(csv.DictReader(io.StringIO(render_csv([doc]), newline="")))
    nested = [r for r in rows if r["kind"] == "item" and r["level"] == "3"]
    assert nested[0]["path"] == "专题三 > 亮点一"


def _heading(node: reportparse.Node) -> bool:
    return node.kind == "section" and bool(node.title or STYLES[node.style].structural)


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=[p.name for p in SAMPLE_FILES])
def test_markdown_has_the_outline_as_headings(path: Path) -> None:
    doc = _parse(path)
    tokens = MarkdownIt().parse(render_markdown(doc))
    got = [(int(t.tag[1:]), tokens[i + 1].content) for i, t in enumerate(tokens) if t.type == "heading_open"]
    offset = 1 if doc.title else 0
    want = [(1, doc.title.text)] if doc.title else []
    want += [(min(n.level + offset, 6), head(n)) for n in doc.walk() if _heading(n)]
    assert got == want


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=[p.name for p in SAMPLE_FILES])
def test_markdown_points_keep_their_markers(path: Path) -> None:
    """A point that is not a heading opens a paragraph of its own with its marker, as written."""
    doc = _parse(path)
    tokens = MarkdownIt().parse(render_markdown(doc))
    blocks = iter([tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "paragraph_open"])
    for node in doc.walk():
        if node.numbered and not _heading(node):
            # In document order: each point opens a later paragraph than the one before.
            assert any(block.startswith(node.marker) for block in blocks), node.marker


def _shape(doc: Document) -> list[tuple[int, str, int | None, str]]:
    return [(n.level, n.kind, n.number, n.title) for n in doc.walk() if n.numbered]


ROUND_TRIP = SAMPLE_FILES + sorted((ROOT / "tests" / "fixtures" / "documents").glob("*.txt"))
for folder in ("docs", "wild"):
    if (CORPUS / folder).is_dir():
        ROUND_TRIP += sorted(p for p in (CORPUS / folder).iterdir() if p.stat().st_size)


@pytest.mark.parametrize("path", ROUND_TRIP, ids=[p.name for p in ROUND_TRIP])
def test_markdown_reads_back_as_the_same_outline(path: Path) -> None:
    doc = reportparse.parse_file(path)
    again = reportparse.parse(render_markdown(doc))
    assert _shape(again) == _shape(doc)
    assert (again.title.text if again.title else "") == (doc.title.text if doc.title else "")


@pytest.mark.parametrize("width", [40, 80, 160])
def test_terminal_lines_fit_the_width(width: int) -> None:
    from rich.cells import cell_len

    for path in SAMPLE_FILES:
        for line in terminal(_parse(path), width).splitlines():
            assert cell_len(line) <= width, (path.name, line)


def test_terminal_options() -> None:
    doc = _parse(SAMPLES / "annual_highlights.txt")
    full = terminal(doc, 80)
    only_outline = terminal(doc, 80, outline_only=True)
    shallow = terminal(doc, 80, outline_only=True, depth=1)
    assert "No." in full and "No." not in only_outline
    assert "亮点一" in only_outline and "亮点一" not in shallow
    assert "\x1b[" not in full


@pytest.mark.parametrize("config", CONFIGS)
def test_convert_changes_only_text(config: str) -> None:
    doc = _parse(SAMPLES / "annual_highlights.txt")
    out = convert(doc, config)
    before, after = list(doc.walk()), list(out.walk())
    assert [(n.line, n.span, n.marker, n.level) for n in before] == [(n.line, n.span, n.marker, n.level) for n in after]
    if config.startswith("s2"):
        assert "亮點" in out.to_json() and "亮點" not in doc.to_json()


def test_convert_traditional_to_simplified() -> None:
    doc = reportparse.parse("壹、計畫緣起\n本計畫旨在提升服務品質。\n")
    out = convert(doc, "t2s")
    assert out.children[0].title == "计划缘起" and out.children[0].marker == "壹、"
    assert out.children[0].children[0].text == "本计划旨在提升服务品质。"
    with pytest.raises(ValueError):
        convert(doc, "x2y")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="第一条，。、；：“”（）》abc 12一二三四五六七八九十\u3000", max_size=80), st.integers(2, 40))
@example("1\u3000、、、、", 10)  # more than two marks before the break: the character they close goes too
def test_cjk_wrap_keeps_every_character_within_the_width(text: str, width: int) -> None:
    from rich.cells import cell_len

    from reportparse.render.terminal import _NO_LINE_START, wrap_cjk

    lines = wrap_cjk(text, width)
    assert "".join(lines) == text
    assert all(cell_len(line) <= width for line in lines)
    if width < 10:
        return  # too narrow to move characters down and still fit
    for previous, line in itertools.pairwise(lines):
        # A closing mark opens a line only when the line before it has no character to give away.
        giveable = [ch for ch in previous if ch not in _NO_LINE_START]
        assert line[:1] not in _NO_LINE_START or len(giveable) <= 1 or set(previous[-3:]) <= _NO_LINE_START


def test_every_node_field_is_in_every_format() -> None:
    """NODE_FIELDS is the one list of a node's fields: a field missing from the CSV or Parquet columns or from
    the JSON Schema fails here (the JSON writer is checked against to_dict, which the list drives, in
    test_json_writer)."""
    assert set(SCALAR_FIELDS) <= set(CSV_COLUMNS)
    assert set(SCALAR_FIELDS) <= {name for name, _ in PARQUET_NODE_COLUMNS}
    numbered = set(SCHEMA["$defs"]["numbered"]["properties"])
    block = set(SCHEMA["$defs"]["block"]["properties"])
    assert {f.name for f in NODE_FIELDS} <= numbered
    assert {f.name for f in NODE_FIELDS if not f.numbered_only} <= block
