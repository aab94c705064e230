"""Annotations: a table of hand-written phrases with the value each must yield, and their invariants."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from hypothesis import given, settings

import reportparse
from reportparse.annotate import annotate_text

from .conftest import CORPUS, FIXTURES, SAMPLES, needs_corpus
from .test_properties import texts


def _rows() -> list[tuple[str, int | None, str, str, object, dict[str, object]]]:
    path = FIXTURES / "annotations.tsv"
    rows = []
    header_seen = False
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        kind, year, phrase, text, value, extra = raw.split("\t")
        rows.append((kind, int(year) if year.strip() else None, phrase, text, json.loads(value), json.loads(extra)))
    return rows


ROWS = _rows()


def test_the_table_covers_every_kind() -> None:
    kinds = [row[0] for row in ROWS]
    assert len(ROWS) >= 150
    assert {kind: kinds.count(kind) >= 10 for kind in ("date", "quantity", "title", "docnumber", "enumeration")} == {
        "date": True, "quantity": True, "title": True, "docnumber": True, "enumeration": True}


@pytest.mark.parametrize("kind,year,phrase,text,value,extra", ROWS, ids=[f"{r[0]}:{r[2][:14]}" for r in ROWS])
def test_phrase(kind: str, year: int | None, phrase: str, text: str, value: object, extra: dict[str, object]) -> None:
    found = [a for a in annotate_text(phrase, year=year) if a.kind == kind]
    match = [a for a in found if a.text == text]
    assert match, f"no {kind} {text!r} in {[a.text for a in found]}"
    annotation = match[0]
    assert phrase[annotation.span[0]:annotation.span[1]] == text
    if isinstance(value, float) or extra.get("approx"):
        assert annotation.value == pytest.approx(value, rel=1e-3)
    else:
        assert annotation.value == value
    for key, want in extra.items():
        if key == "approx":
            continue
        assert annotation.extra.get(key, "" if key == "qualifier" else None) == want, key


@settings(max_examples=300, deadline=None)
@given(texts)
def test_annotations_never_overlap_and_quote_their_text(text: str) -> None:
    doc = reportparse.parse(text)
    for node in doc.walk():
        by_kind: dict[str, list[tuple[int, int]]] = {}
        for a in node.annotations or ():
            assert doc.text[a.span[0]:a.span[1]] == a.text
            assert node.span[0] <= a.span[0] <= a.span[1] <= node.span[1]
            by_kind.setdefault(a.kind, []).append(a.span)
        for spans in by_kind.values():
            spans.sort()
            assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


def test_items_carry_their_date_and_the_document_its_elements() -> None:
    doc = reportparse.parse_file(SAMPLES / "notice_gbt9704.txt")
    assert doc.meta is not None
    assert doc.meta["document_number"] == "临政办发〔2024〕12号"
    assert doc.meta["date"] == "2024-04-18" and doc.meta["issuer"] == "临澜县人民政府办公室"
    assert doc.meta["addressee"].startswith("各乡镇人民政府")
    assert len(doc.meta["attachments"]) == 2 and doc.meta["copied_to"][0] == "县委各部门"
    highlights = reportparse.parse_file(SAMPLES / "annual_highlights.txt")
    assert highlights.meta == {"year": 2024, "place": "青川市"}
    dated = [n for n in highlights.walk() if n.kind == "item" and n.date]
    assert dated[0].date == "2024-01" and len(dated) >= 30
    plain = reportparse.parse_file(SAMPLES / "annual_highlights.txt", annotations=False)
    assert plain.meta is None and all(n.annotations is None for n in plain.walk())


@needs_corpus
def test_seed_items_that_name_a_date_are_dated() -> None:
    doc = reportparse.parse_file(CORPUS / "docs" / "seed-guangzhou-2023.txt")
    items = [n for n in doc.walk() if n.kind == "item"]
    naming = [n for n in items if any(a.kind == "date" for a in n.annotations or ())]
    assert len(naming) >= 30
    assert all(n.date for n in naming)
    spring = next(n for n in items if n.text.startswith("春节前夕"))
    assert spring.date == "2023-01"


def test_paragraph_runs_of_enumerations(tmp_path: Path) -> None:
    text = "一年来，主要做了以下工作：\n一是稳增长。全年增长5%。\n二是促改革。出台措施12项。\n三是惠民生。\n"
    doc = reportparse.parse(text)
    runs = [a for n in doc.walk() for a in n.annotations or () if a.kind == "enumeration"]
    found = [(a.text, a.extra["number"], a.extra["run"]) for a in runs]
    assert found == [("一是", 1, 2), ("二是", 2, 2), ("三是", 3, 2)]
