"""Fuzzing: raw bytes and generated reports through the whole pipeline, for a fixed time budget.

Hypothesis generates the inputs (random bytes, and texts assembled from every
marker style, quotations, wraps, noise and every line break, in several
encodings); each one must give a Document whose spans are lossless and whose
JSON is the same twice, or a DecodeError with a one-line message.  A failing
input is printed and saved under benchmarks/crashes/ so that it can become a
regression test in tests/test_regressions.py.

    python benchmarks/fuzz.py                 # 60 s
    python benchmarks/fuzz.py --seconds 600
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import reportparse
from reportparse.source import DecodeError

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tests.conftest import span_problems  # noqa: E402
from tests.test_properties import texts  # noqa: E402

ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le", "big5"]

inputs = st.one_of(
    st.binary(max_size=2000),
    st.tuples(texts, st.sampled_from(ENCODINGS)).map(lambda te: te[0].encode(te[1], "ignore")),
    texts.map(lambda t: t.encode("utf-8", "surrogatepass")),
)


def check(data: bytes) -> None:
    try:
        doc = reportparse.parse_bytes(data)
    except DecodeError as exc:
        assert str(exc) and "\n" not in str(exc), repr(exc)
        return
    problems = span_problems(doc)
    assert problems == [], problems
    assert doc.to_json() == reportparse.parse_bytes(data).to_json()
    for node in doc.walk():
        for a in node.annotations or ():
            assert doc.text[a.span[0]:a.span[1]] == a.text


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--seconds", type=float, default=60.0)
    args = ap.parse_args()
    deadline = time.monotonic() + args.seconds
    runs = 0
    crashes = HERE / "crashes"

    # Rounds of a few hundred examples until the budget is spent: Hypothesis cannot be told a time.
    @settings(max_examples=300, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(inputs)
    def fuzz(data: bytes) -> None:
        nonlocal runs
        runs += 1
        try:
            check(data)
        except Exception:
            crashes.mkdir(exist_ok=True)
            name = hashlib.sha256(data).hexdigest()[:16]
            (crashes / f"{name}.bin").write_bytes(data)
            print(f"crash saved as benchmarks/crashes/{name}.bin: {data[:80]!r}", file=sys.stderr)
            raise

    started = time.monotonic()
    try:
        while time.monotonic() < deadline:
            fuzz()
    except Exception as exc:  # a crash: reported above
        print(f"FAILED after {runs} inputs: {type(exc).__name__}: {exc}")
        return 1
    print(f"fuzzing: {runs} inputs in {time.monotonic() - started:.0f} s, no crash")
    return 0


if __name__ == "__main__":
    sys.exit(main())
