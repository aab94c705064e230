"""Memory per node, stage by stage: what the parse stages hold for each node of a document.

    python benchmarks/node_memory.py                 # the shapes of issue 13, 1 MB each
    python benchmarks/node_memory.py --size 5        # 5 MB each
    python benchmarks/node_memory.py --shape cn      # one shape

Runs the pipeline of ``reportparse.parser`` stage by stage under tracemalloc and prints, per
stage, the memory held after it and the peak within it, per node of the finished document,
and the allocation sites that hold the most at the peak of the whole parse.  tracemalloc
counts Python's allocations only (not the interpreter's own or freed pages the allocator
keeps), so the process's resident set (measured by benchmarks/attack.py) is higher still.
"""

from __future__ import annotations

import argparse
import gc
import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path

_SAMPLES = [p.read_bytes().decode("utf-8").removeprefix("\ufeff")
            for p in sorted((Path(__file__).resolve().parent.parent / "samples").glob("*.txt"))
            if p.name not in ("county_report_gbk.txt", "taiwan_notice_big5.txt")]

SHAPES: dict[str, Callable[[int], str]] = {
    "num": lambda i: f"{i}.\n",  # 1. 2. 3. … bare, in sequence
    "cn": lambda i: "一、\n",  # one bare marker repeated: a numbering-repeat diagnostic each
    "nested": lambda i: ("一、\n", "（一）\n", "1.\n", "（1）\n", "①\n")[i % 5],
    "short-lines": lambda i: "本段落为简短的说明文字。\n",  # paragraphs
    "documents": lambda i: _SAMPLES[i % len(_SAMPLES)],  # the UTF-8 samples one after another (attack.py's 200 MB)
}


def make(shape: str, size: int) -> str:
    lines, total, i = [], 0, 1
    while total < size:
        line = SHAPES[shape](i)
        lines.append(line)
        total += len(line.encode("utf-8"))
        i += 1
    return "".join(lines)


def measure(text: str, top: int) -> None:
    from reportparse import blocks, headings, lines, outline, owners, tree
    from reportparse.annotate import annotate
    from reportparse.checks import check
    from reportparse.model import Document, Source
    from reportparse.parser import _title_text
    from reportparse.source import split_lines

    gc.disable()  # as parser.parse does
    tracemalloc.start(1)
    base = tracemalloc.get_traced_memory()[0]
    rows: list[tuple[str, int, int]] = []

    def stage(name: str) -> None:
        current, peak = tracemalloc.get_traced_memory()
        rows.append((name, current - base, peak - base))
        tracemalloc.reset_peak()

    # The stages in the order parser._parse runs them, letting go of what it lets go of.
    table = split_lines(text)
    count = len(table)
    stage("line table")
    classified = lines.classify(text, table)
    del table
    stage("lines")
    found = outline.resolve(text, classified)
    classified.drop_matches()
    stage("outline")
    diagnostics = check(text, classified, found)
    stage("checks")
    units = blocks.group(text, classified, found)
    del classified
    stage("blocks")
    heads = headings.decide(text, units, found)
    stage("headings")
    owner_of = owners.assign(text, units, found, heads)
    stage("owners")
    notes = annotate(text, units, owner_of, heads, _title_text(text, units))
    stage("annotations")
    title, children = tree.build(text, units, found, heads, owner_of, notes)
    stage("tree")
    snapshot = tracemalloc.take_snapshot()
    del units, found, heads, owner_of
    stage("(stage values freed)")
    source = Source(path=None, encoding="utf-8", bytes=len(text), sha256="0" * 64, lines=count)
    doc = Document(source=source, title=title, children=children, diagnostics=diagnostics, text=text,
                   meta=notes.meta)
    del notes
    final = tracemalloc.take_snapshot()
    doc.to_json(indent=None)
    stage("JSON (as one string)")
    nodes = sum(1 for _ in doc.walk())
    tracemalloc.stop()
    print(f"{nodes:,} nodes, {len(text.encode('utf-8')):,} bytes of input, {len(doc.diagnostics):,} diagnostics")
    print(f"  {'after stage':24} {'held B/node':>12} {'peak in it B/node':>18}")
    for name, held, peak in rows:
        print(f"  {name:24} {held / nodes:12.0f} {peak / nodes:18.0f}")
    for label, snap in (("at the end of the tree stage", snapshot), ("in the finished document", final)):
        print(f"  largest holders {label} (B/node, where):")
        for stat in snap.statistics("lineno")[:top]:
            frame = stat.traceback[0]
            name = frame.filename.split("site-packages/")[-1].split("src/")[-1]
            print(f"    {stat.size / nodes:8.0f}  {stat.count / nodes:5.1f} objects  {name}:{frame.lineno}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--size", type=float, default=1.0, help="MB of input per shape (default 1)")
    ap.add_argument("--shape", choices=sorted(SHAPES), action="append")
    ap.add_argument("--top", type=int, default=8)
    args = ap.parse_args()
    for shape in args.shape or SHAPES:
        print(f"== {shape}")
        measure(make(shape, int(args.size * 1_000_000)), args.top)
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
