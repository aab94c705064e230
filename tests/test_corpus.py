"""The real documents of ../shared/corpus: the gold outlines, and robustness on the wild files.

These tests skip when ../shared is not beside the repository.
"""

from __future__ import annotations

import re

import pytest

import reportparse

from .conftest import CORPUS, needs_corpus, read_outline, score, span_problems

pytestmark = needs_corpus

GOLD = sorted((CORPUS / "gold").glob("*.tsv")) if (CORPUS / "gold").is_dir() else []
WILD = sorted((CORPUS / "wild").iterdir()) if (CORPUS / "wild").is_dir() else []
DOCS = sorted((CORPUS / "docs").iterdir()) if (CORPUS / "docs").is_dir() else []


def _score(gold_path):
    doc = reportparse.parse_file(CORPUS / "docs" / f"{gold_path.stem}.txt")
    result = score(doc, read_outline(gold_path))
    return (*(result[k] for k in ("gold", "found", "hits", "kind", "title", "titled")), doc)


@pytest.mark.parametrize("gold_path", [g for g in GOLD if g.stem.startswith("seed-")], ids=lambda g: g.stem)
def test_seed_documents_are_exact(gold_path) -> None:
    n_gold, n_found, hits, kind, title, titled, _ = _score(gold_path)
    assert hits == n_gold == n_found
    assert kind == hits and title == titled


def test_corpus_scores() -> None:
    totals = [0, 0, 0, 0, 0, 0]
    for gold_path in GOLD:
        for i, value in enumerate(_score(gold_path)[:6]):
            totals[i] += value
    n_gold, n_found, hits, kind, title, titled = totals
    precision, recall = hits / n_found, hits / n_gold
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= 0.99, f"F1 {f1:.4f}"
    assert kind / hits >= 0.98 and title / titled >= 0.98


@pytest.mark.parametrize("path", DOCS + WILD, ids=lambda p: p.name)
def test_real_documents_parse_losslessly(path) -> None:
    doc = reportparse.parse_file(path)
    assert span_problems(doc) == []
    breaks = len(re.findall(r"\r\n|\r|\n", doc.text))
    assert doc.source.lines == breaks + (0 if doc.text.endswith(("\n", "\r")) else 1)


def test_gbk_documents_are_detected() -> None:
    for path in DOCS + WILD:
        if path.name.endswith("_gbk.txt"):
            assert reportparse.parse_file(path).source.encoding == "gb18030", path.name


def test_pdf_wrapped_regulation_comes_back_whole() -> None:
    """34_…pdfwrap: every break became a blank line; the joined paragraphs end their sentences again."""
    path = CORPUS / "docs" / "34_local_reg_pingdingshan_greening_pdfwrap_lawrefbook.md.txt"
    doc = reportparse.parse_file(path)
    articles = [n for n in doc.walk() if n.numbered and n.style == "article"]
    bodies = articles + [c for a in articles for c in a.children if c.kind == "paragraph"]
    assert len(bodies) > 80
    unfinished = [(n.line, n.text[-12:]) for n in bodies if not n.text.rstrip().endswith(("。", "；", "：", "”"))]
    assert unfinished == []
    first = next(n for n in doc.walk() if n.marker == "第一条")
    assert first.text.endswith("结合本市实际，制定本条例。") and first.end_line == 13
