"""Chunks for retrieval: bounded, nothing split that fits, every node once, the heading path right."""

from __future__ import annotations

import itertools
import json
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import reportparse
from reportparse.model import Document, Node
from reportparse.render.chunks import Chunk, chunk_records, chunks, label

from .conftest import FIXTURES, SAMPLES, reportparse_cmd
from .test_generated_reports import reports
from .test_properties import texts

CONTENT = ("section", "item", "paragraph")
DOCUMENTS = sorted([*SAMPLES.glob("*.txt"), SAMPLES / "case_study.md", *(FIXTURES / "documents").glob("*.txt")])


def own_spans(node: Node) -> list[tuple[int, int]]:
    start, end = node.span
    out = []
    for gap_start, gap_end in node.gaps:
        if gap_start > start:
            out.append((start, gap_start))
        start = max(start, gap_end)
    if end > start:
        out.append((start, end))
    return out


def content(doc: Document) -> list[tuple[Node, tuple[Node, ...]]]:
    """Every section, item and paragraph with its ancestors, in document order."""
    out: list[tuple[Node, tuple[Node, ...]]] = []

    def visit(nodes: tuple[Node, ...] | list[Node], above: tuple[Node, ...]) -> None:
        for node in nodes:
            if node.kind in CONTENT:
                out.append((node, above))
                visit(node.children, (*above, node))

    visit(doc.children, ())
    return out


def covered(spans: list[tuple[int, int]]) -> set[int]:
    return {i for s, e in spans for i in range(s, e)}


def problems(doc: Document, limit: int) -> list[str]:
    """What is wrong with the chunks of ``doc`` (empty when every invariant holds)."""
    found: list[str] = []
    made: list[Chunk] = chunks(doc, limit)
    nodes = content(doc)
    chunk_of: dict[int, int] = {}
    flat = [(s, e, k) for k, c in enumerate(made) for s, e in c.spans]
    # Nothing lost, nothing twice, in document order.
    if [x[:2] for x in flat] != sorted(x[:2] for x in flat) or any(a[1] > b[0] for a, b in itertools.pairwise(flat)):
        found.append("spans overlap or are out of order")
    want = covered([s for n, _ in nodes for s in own_spans(n)])
    if covered([(s, e) for s, e, _ in flat]) != want:
        found.append("the chunks do not cover the content exactly")
    for s, e, k in flat:
        for i in (s, e - 1):
            chunk_of.setdefault(i, k)
    headings = {s for n, _ in nodes if n.kind == "section" and not n.text and any(c.kind in CONTENT for c in n.children)
                for s in own_spans(n)}
    for k, c in enumerate(made):
        size = sum(e - s for s, e in c.spans) + len(c.spans) - 1
        if size > limit and not all(s in headings for s in c.spans):
            found.append(f"chunk {k} has {size} characters")
        if k + 1 < len(made) and c.spans[-1] in headings and not all(s in headings for s in c.spans):
            found.append(f"chunk {k} ends with a heading")
    for node, _ in nodes:
        spans = own_spans(node)
        if spans and sum(e - s for s, e in spans) + len(spans) - 1 <= limit:
            ks = {chunk_of[i] for s, e in spans for i in (s, e - 1)}
            if len(ks) > 1:
                found.append(f"line {node.line}: a text that fits is split over chunks {sorted(ks)}")

    def subtree(node: Node) -> list[tuple[int, int]]:
        """The own spans of the node and every content node below it; a whole one that fits is one chunk's."""
        spans = own_spans(node)
        for child in node.children:
            if child.kind in CONTENT:
                spans += subtree(child)
        if spans and sum(e - s for s, e in spans) + len(spans) - 1 <= limit:
            ks = {chunk_of[i] for s, e in spans for i in (s, e - 1)}
            if len(ks) > 1:
                found.append(f"line {node.line}: a subtree that fits is split over chunks {sorted(ks)}")
        return spans

    for top in doc.children:
        if top.kind in CONTENT:
            subtree(top)
    for k, c in enumerate(made):
        above = next(a for n, a in nodes if own_spans(n) and own_spans(n)[0][0] <= c.spans[0][0] < own_spans(n)[-1][1])
        inside = covered(list(c.spans))
        expected = tuple(label(doc.text, a) for a in above if a.numbered and not (covered(own_spans(a)) <= inside))
        if c.path != expected[len(expected) - len(c.path):] or len(c.path) > len(expected):
            found.append(f"chunk {k}: path {c.path} is not the tail of {expected}")
    return found


@pytest.mark.parametrize("limit", [80, 300, 1000])
@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_chunk_invariants_on_every_document(path: Path, limit: int) -> None:
    assert problems(reportparse.parse_file(path), limit) == []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports() | texts, st.sampled_from([20, 60, 200, 1000]))
def test_chunk_invariants_on_generated_text(text: str, limit: int) -> None:
    assert problems(reportparse.parse(text), limit) == []


def test_small_siblings_are_packed_and_a_big_section_is_chunked_below_its_heading() -> None:
    text = ("一、总体要求\n" + "".join(f"{i}.第{i}项工作稳步推进。\n" for i in range(1, 6))
            + "二、重点任务\n" + "".join(f"（{n}）" + "推进重点任务落实。" * 12 + "\n" for n in "一二三四"))
    doc = reportparse.parse(text)
    made = list(chunk_records(doc, 200))
    assert made[0]["path"] == [] and made[0]["text"].startswith("一、总体要求\n1.") and made[0]["text"].count("\n") == 5
    assert made[1]["path"] == [] and made[1]["text"].startswith("二、重点任务\n（一）")
    assert all(r["path"] == ["二、重点任务"] for r in made[2:])
    assert all(r["chars"] <= 200 for r in made)


def test_an_over_long_text_is_cut_at_sentence_ends_and_says_so() -> None:
    text = "一、总体要求\n" + "".join(f"第{i}句说明有关情况。" for i in range(60)) + "\n"
    made = list(chunk_records(reportparse.parse(text), 100))
    parts = [r for r in made if "part" in r]
    assert len(parts) == len(made) > 2 and [r["part"][0] for r in parts] == list(range(1, len(parts) + 1))
    assert made[0]["text"].startswith("一、总体要求")
    assert all(r["text"].endswith("。") for r in made)


def test_chunk_text_is_its_spans_of_the_source() -> None:
    for path in DOCUMENTS[:6]:
        doc = reportparse.parse_file(path)
        for r in chunk_records(doc, 300):
            assert r["text"] == "\n".join(doc.text[s:e] for s, e in r["spans"])
            assert r["chars"] == len(r["text"])
            assert doc.text.count("\n", 0, r["spans"][0][0]) + 1 == r["line"] or "\r" in doc.text


def test_the_command_writes_chunks_and_the_max_chars_option(tmp_path: Path) -> None:
    sample = SAMPLES / "regulation_with_toc.txt"
    proc = subprocess.run([*reportparse_cmd(), str(sample), "-f", "chunks", "--max-chars", "300"],
                          capture_output=True, check=True)
    records = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert records and all(r["chars"] <= 300 for r in records)
    assert [r["index"] for r in records] == list(range(len(records)))
    assert records[0]["source"]["path"] == str(sample) and records[0]["title"] == "青川市城市公园管理条例"
    assert any(r["path"][:1] == ["第三章　保护与管理"] for r in records)
    bad = subprocess.run([*reportparse_cmd(), str(sample), "-f", "chunks", "--max-chars", "0"], capture_output=True)
    assert bad.returncode == 2
    proc = subprocess.run([*reportparse_cmd(), str(SAMPLES), "-f", "chunks", "-o", str(tmp_path / "out"), "-q"],
                          capture_output=True, check=True)
    assert (tmp_path / "out" / "regulation_with_toc.txt.chunks.jsonl").is_file()


@pytest.mark.slow
def test_chunks_are_the_same_from_the_dask_engine(tmp_path: Path) -> None:
    args = [*reportparse_cmd(), str(SAMPLES), "-f", "chunks", "--max-chars", "500", "-q"]
    subprocess.run([*args, "-o", str(tmp_path / "local")], check=True, capture_output=True)
    subprocess.run([*args, "-o", str(tmp_path / "dask"), "--engine", "dask"], check=True, capture_output=True,
                   timeout=300)
    local = {p.name: p.read_bytes() for p in (tmp_path / "local").iterdir()}
    assert local and local == {p.name: p.read_bytes() for p in (tmp_path / "dask").iterdir()}


@pytest.mark.slow
def test_a_parquet_dataset_has_the_chunks_table(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    subprocess.run([*reportparse_cmd(), str(SAMPLES / "regulation_with_toc.txt"), "-f", "parquet", "--max-chars", "400",
                    "-o", str(tmp_path), "-q"], check=True, capture_output=True)
    table = pq.read_table(tmp_path / "chunks").to_pylist()
    records = list(chunk_records(reportparse.parse_file(SAMPLES / "regulation_with_toc.txt"), 400))
    assert [r["text"] for r in table] == [r["text"] for r in records]
    assert [r["path"] for r in table] == [" > ".join(r["path"]) for r in records]
    assert [json.loads(r["spans_json"]) for r in table] == [r["spans"] for r in records]


def test_chunks_and_comparisons_validate_against_the_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from reportparse.diff import compare
    from reportparse.schema import schema

    full = schema()
    for name in ("chunk", "comparison"):
        assert name in full["$defs"]
    chunk = {"$defs": full["$defs"], **full["$defs"]["chunk"]}
    for path in DOCUMENTS[:3]:
        for record in chunk_records(reportparse.parse_file(path), 200):
            jsonschema.validate(json.loads(json.dumps(record, ensure_ascii=False)), chunk)
    comparison = {"$defs": full["$defs"], **full["$defs"]["comparison"]}
    old, new = (reportparse.parse_file(FIXTURES / "diff" / f"plan.{v}.txt") for v in ("old", "new"))
    jsonschema.validate(json.loads(json.dumps(compare(old, new).to_dict(True), ensure_ascii=False)), comparison)
