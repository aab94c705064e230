"""Shared helpers: paths, outline rows, and the lossless-span invariant."""

from __future__ import annotations

import itertools
import unicodedata
from pathlib import Path

import pytest

from reportparse.model import Document

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"

TRAILING = " \t\u3000、.．:：,，;；。？?！!"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"

needs_corpus = pytest.mark.skipif(not (CORPUS / "gold").is_dir(), reason="../shared/corpus is not present")


def norm(text: str) -> str:
    """Compare markers and titles the way the corpus scorer does."""
    return unicodedata.normalize("NFKC", text or "").strip().rstrip(TRAILING).strip()


def outline_rows(doc: Document) -> list[tuple[int, int, str, str, str]]:
    return [
        (n.line, n.level, n.kind, norm(n.marker), norm(n.title)) for n in doc.walk() if n.kind in ("section", "item")
    ]


def read_outline(path: Path) -> list[tuple[int, int, str, str, str]]:
    rows = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        cols = raw.split("\t") + [""] * 5
        rows.append((int(cols[0]), int(cols[1]), cols[2].strip(), norm(cols[3]), norm(cols[4])))
    return rows


def is_space(ch: str) -> bool:
    return ch.isspace() or ch in ZERO_WIDTH


def span_problems(doc: Document) -> list[str]:
    """Own spans never overlap and cover every non-white-space character of the text."""
    text = doc.text
    spans: list[tuple[int, int, str]] = []
    if doc.title is not None:
        spans.append((doc.title.span[0], doc.title.span[1], "title"))
    for node in doc.walk():
        # A node's own content is its span less its gaps (furniture set aside inside it).
        start = node.span[0]
        for gap_start, gap_end in sorted(node.gaps):
            if not (node.span[0] <= gap_start <= gap_end <= node.span[1]):
                return [f"{node.kind}@{node.line}: gap {gap_start}-{gap_end} outside its span"]
            spans.append((start, gap_start, f"{node.kind}@{node.line}"))
            start = gap_end
        spans.append((start, node.span[1], f"{node.kind}@{node.line}"))
    spans.sort()
    problems: list[str] = []
    for (s1, e1, n1), (s2, e2, n2) in itertools.pairwise(spans):
        if s2 < e1:
            problems.append(f"{n1} {s1}-{e1} overlaps {n2} {s2}-{e2}")
    for s, e, name in spans:
        if not (0 <= s <= e <= len(text)):
            problems.append(f"{name} span {s}-{e} outside the text")
    covered = bytearray(len(text) + 1)
    for s, e, _ in spans:
        covered[s:e] = b"\x01" * (e - s)
    for i, ch in enumerate(text):
        if not covered[i] and not is_space(ch):
            problems.append(f"character {ch!r} at {i} is in no span: {text[max(0, i - 12):i + 12]!r}")
            break
    return problems


def score(doc: Document, gold: list[tuple[int, int, str, str, str]]) -> dict[str, int]:
    """Compare an outline with gold rows the way ../shared/tools/score.py does (``?`` rows unscored)."""
    unscored = {row[0] for row in gold if row[2] == "?"}
    want = {(row[0], row[1]): row for row in gold if row[2] != "?"}
    have = {(row[0], row[1]): row for row in outline_rows(doc) if row[0] not in unscored}
    hits = want.keys() & have.keys()
    titled = [k for k in hits if want[k][4]]
    numbered = [k for k in hits if want[k][3]]
    return {
        "gold": len(want),
        "found": len(have),
        "hits": len(hits),
        "kind": sum(want[k][2] == have[k][2] for k in hits),
        "marker": sum(want[k][3] == have[k][3] for k in numbered),
        "numbered": len(numbered),
        "title": sum(want[k][4] == have[k][4] for k in titled),
        "titled": len(titled),
    }


def structure_problems(doc: Document) -> list[str]:
    """Lines inside the document and in order; a numbered child one level below a numbered parent."""
    problems: list[str] = []
    for node in doc.walk():
        if not 1 <= node.line <= node.end_line <= doc.source.lines:
            problems.append(f"{node.kind}@{node.line}: lines {node.line}-{node.end_line} of {doc.source.lines}")
        for child in node.children:
            if child.numbered and node.numbered and child.level != node.level + 1:
                problems.append(f"{child.kind}@{child.line}: level {child.level} under level {node.level}")
    return problems
