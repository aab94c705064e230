"""How the time of ``--diff``'s alignment grows with the document: the generated report of bench.py
at several sizes against a second version with every 40th line dropped and every 30th reworded.

    python benchmarks/diff_bench.py            # 0.5, 1, 2 and 4 MB
    python benchmarks/diff_bench.py --sizes 1 8

Parsing is not timed, only ``reportparse.diff.compare``; time per node should stay flat as the
size doubles (near-linear), where an all-pairs comparison would double it.
"""

from __future__ import annotations

import argparse
import gc
import time

import reportparse
from bench import generate_document
from reportparse.diff import compare, entries


def second_version(text: str) -> str:
    lines = text.split("\n")
    return "\n".join(line + ("（修订）" if i % 30 == 7 else "") for i, line in enumerate(lines) if i % 40 != 5)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=float, nargs="+", default=[0.5, 1, 2, 4], help="MB of each document")
    args = ap.parse_args()
    print(f"{'MB':>5}{'nodes':>9}{'compare s':>11}{'µs/node':>9}  changes")
    for size in args.sizes:
        text = generate_document(int(size * 1_000_000))
        old = reportparse.parse(text, annotations=False)
        new = reportparse.parse(second_version(text), annotations=False)
        gc.collect()
        start = time.perf_counter()
        result = compare(old, new)
        took = time.perf_counter() - start
        nodes = len(entries(old))
        summary = ", ".join(f"{k} {v}" for k, v in result.summary().items() if v)
        print(f"{size:>5g}{nodes:>9}{took:>11.2f}{took / nodes * 1e6:>9.1f}  {summary}")


if __name__ == "__main__":
    main()
