"""What the annotation stage costs, for one checkout or several compared in one run.

    python benchmarks/annotation_cost.py                       # this checkout
    python benchmarks/annotation_cost.py OLD/src NEW/src       # two checkouts, alternating, in fresh processes

Each run parses the corpus documents (../shared/corpus/docs and wild) with and without annotations,
in turn, best of five each, and prints both and their difference (the annotation stage) in milliseconds of the
process's CPU time, which other work on a shared machine disturbs less than the wall clock.
Checkouts are measured in turn, three times each, so a slow spell falls on all of them.
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
    gc.collect(); start = time.process_time()
    for text in texts:
        reportparse.parse(text, annotations=annotations)
    return (time.process_time() - start) * 1000
run(True)
full = bare = float("inf")
for _ in range(5):  # in turn, so that a slow spell falls on both
    full = min(full, run(True)); bare = min(bare, run(False))
print(f"{sys.argv[1]}: {len(texts)} documents, with annotations {full:.0f} ms, without {bare:.0f} ms, "
      f"annotation stage {full - bare:.1f} ms")
"""


def main() -> int:
    sources = sys.argv[1:] or [str(Path(__file__).resolve().parent.parent / "src")]
    if not (CORPUS / "docs").is_dir():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 1
    for _ in range(3):
        for source in sources:
            subprocess.run([sys.executable, "-c", _MEASURE, source, str(CORPUS)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
