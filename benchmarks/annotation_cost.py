"""What the annotation stage costs, for one checkout or several compared in one run.

    python benchmarks/annotation_cost.py                       # this checkout
    python benchmarks/annotation_cost.py OLD/src NEW/src       # two checkouts, alternating, in fresh processes

Each run parses the corpus documents (../shared/corpus/docs and wild) with and without annotations,
best of three, and prints both and their difference (the annotation stage). Checkouts are measured in
turn, twice each, so a slow spell of a shared machine falls on both.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"

_MEASURE = r"""
import gc, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
import reportparse
texts = []
for folder in ("docs", "wild"):
    for p in sorted((Path(sys.argv[2]) / folder).glob("*")):
        try:
            texts.append(reportparse.parse_bytes(p.read_bytes()).text)
        except Exception:
            pass
def run(annotations):
    gc.collect(); start = time.perf_counter()
    for text in texts:
        reportparse.parse(text, annotations=annotations)
    return time.perf_counter() - start
run(True)
full = min(run(True) for _ in range(3)); bare = min(run(False) for _ in range(3))
print(f"{sys.argv[1]}: {len(texts)} documents, with annotations {full:.2f} s, without {bare:.2f} s, "
      f"annotation stage {full - bare:.2f} s")
"""


def main() -> int:
    sources = sys.argv[1:] or [str(Path(__file__).resolve().parent.parent / "src")]
    if not (CORPUS / "docs").is_dir():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 1
    for _ in range(2):
        for source in sources:
            subprocess.run([sys.executable, "-c", _MEASURE, source, str(CORPUS)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
