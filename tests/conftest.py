"""Shared helpers: paths, outline rows, and the lossless-span invariant."""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import pytest

from reportparse.model import Document, Node

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"

TRAILING = " \t\u3000、.．:：,，;；。？?！!"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"

_BREAK = re.compile(r"\r\n|\r|\n")

needs_corpus = pytest.mark.skipif(not (CORPUS / "gold").is_dir(), reason="../shared/corpus is not present")


def norm(text: str) -> str:
    """Compare markers and titles the way the corpus scorer does."""
    return unicodedata.normalize("NFKC", text or "").strip().rstrip(TRAILING).strip()


def outline_rows(doc: Document) -> list[tuple[int, int, str, str, str]]:
    return [
        (n.line, n.level, n.kind, norm(n.marker), norm(n.title)) for n in doc.walk() if n.kind in ("section", "item")
    ]


def marked(children: Sequence[Node]) -> list[tuple[int, str, str]]:
    """(level, marker, title) of every numbered node in document order: what one outline must share
    with another made of the same document in another format."""
    out: list[tuple[int, str, str]] = []
    for node in children:
        if node.marker:
            out.append((node.level, node.marker, node.title))
        out.extend(marked(node.children))
    return out


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
    last = -1
    for node in doc.walk():
        # In document order: every node's own text starts after the text of the node before it.
        if node.span[0] < last:
            problems.append(f"{node.kind}@{node.line}: out of document order (span {node.span} after {last})")
        last = max(last, node.span[0])
        if not 1 <= node.line <= node.end_line <= doc.source.lines:
            problems.append(f"{node.kind}@{node.line}: lines {node.line}-{node.end_line} of {doc.source.lines}")
        for child in node.children:
            if child.numbered and node.numbered and child.level != node.level + 1:
                problems.append(f"{child.kind}@{child.line}: level {child.level} under level {node.level}")
    return problems


def read_owners(path: Path) -> list[tuple[int, str]]:
    """Ownership gold: ``(line, owner)`` with owner a node's line, ``0`` for the document or ``-`` (unscored)."""
    rows = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            cols = raw.split("\t")
            rows.append((int(cols[0]), cols[1].strip()))
    return rows


def owners_of(doc: Document) -> dict[int, int | str]:
    """Line → the line of the innermost numbered node whose own span, or one of whose paragraphs, holds
    the line's first inked character (0 for the document, ``-`` for set-aside blocks), as
    ../shared/tools/score_owners.py reads it from the JSON."""
    text = doc.text
    starts = [0]
    for m in _BREAK.finditer(text):
        starts.append(m.end())
    owner: dict[int, int | str] = {}

    def mark(span: tuple[int, int], who: int | str) -> None:
        s, e = span
        first = bisect.bisect_right(starts, s) - 1
        last = bisect.bisect_right(starts, max(s, e - 1)) - 1
        for ln in range(first, last + 1):
            chunk = text[max(starts[ln], s):min(starts[ln + 1] if ln + 1 < len(starts) else len(text), e)]
            if chunk.strip():
                owner.setdefault(ln + 1, who)

    def walk(nodes: list[Node], parent_line: int) -> None:
        for n in nodes:
            if n.numbered:
                mark(n.span, n.line)
                walk(n.children, n.line)
            else:
                mark(n.span, parent_line if n.kind == "paragraph" else "-")
                walk(n.children, parent_line)

    walk(doc.children, 0)
    if doc.title is not None:
        mark(doc.title.span, "-")  # the title belongs to no node; the scorer skips its lines
    return owner


def owner_score(
    doc: Document, gold: list[tuple[int, str]], outline: list[tuple[int, int, str, str, str]]
) -> dict[str, int]:
    """All scored lines and the hard ones (owner not the nearest node line above), as score_owners.py counts."""
    node_lines = sorted({int(o) for _, o in gold if o not in ("-", "0")} | {r[0] for r in outline if r[2] != "?"})
    got = owners_of(doc)
    out = {"lines": 0, "right": 0, "hard": 0, "hard_right": 0}
    for line, want in gold:
        if want == "-":
            continue
        above = node_lines[bisect.bisect_right(node_lines, line) - 1] if node_lines and node_lines[0] < line else 0
        is_hard = int(want) != above
        right = got.get(line) == int(want)
        out["lines"] += 1
        out["right"] += right
        out["hard"] += is_hard
        out["hard_right"] += is_hard and right
    return out


def reportparse_cmd() -> list[str]:
    """The installed command, beside this Python (or on the PATH)."""
    import shutil
    import sys

    beside = Path(sys.executable).with_name("reportparse")
    found = str(beside) if beside.exists() else shutil.which("reportparse")
    if not found:
        pytest.fail("the reportparse command is not installed (pip install .)")
    return [found]


#: Modules whose tests run the installed command over folders, clusters and hostile file systems:
#: minutes in all, so they run with ``pytest -m slow`` (CI runs them; see docs/development.md).
SLOW_MODULES = frozenset({"test_hostile", "test_batch", "test_error_paths", "test_cluster"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        module = getattr(item, "module", None)
        if module is not None and module.__name__.rpartition(".")[2] in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)
