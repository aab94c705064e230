"""What writing the JSON costs, with orjson and with the writer that stands in without it, in one run.

    python benchmarks/json_write.py              # the corpus and a 20 MB generated document, best of 5
    python benchmarks/json_write.py --size 5 --repeat 3

The documents are parsed once, before timing; then each way of writing them runs in turn, alternating,
best of ``--repeat``: ``render.json.to_json`` (indent 2, as ``--json`` writes, and compact, as
``--jsonl``) and ``write_json`` into memory, each with orjson and with the module's reference to orjson
set to None (the fallback); beside them ``orjson.dumps(doc.to_dict())``, orjson over the generic dict.
Every way's bytes are checked to be the same before anything is timed.  Needs the ``json`` extra.
"""

from __future__ import annotations

import argparse
import gc
import io
import itertools
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType

import reportparse
from bench import DEFAULT_CORPUS, MB, generate_document, load_corpus
from reportparse.model import Document
from reportparse.render import json as render_json

#: The module as the writer imported it (None without the json extra).
ORJSON = render_json.orjson


def _written(doc: Document, indent: int | None) -> bytes:
    stream = io.BytesIO()
    render_json.write_json(doc, stream, indent)
    return stream.getvalue()


def _whole_dict(doc: Document, indent: int | None) -> bytes:
    assert ORJSON is not None
    data: bytes = ORJSON.dumps(doc.to_dict(), option=ORJSON.OPT_INDENT_2 if indent else None)
    return data


WAYS: dict[str, Callable[[Document, int | None], object]] = {
    "to_json": render_json.to_json,
    "write_json": _written,
}


def timings(docs: Sequence[Document], repeat: int) -> dict[str, float]:
    """Best seconds of each way of writing ``docs`` (name: "way, indent, encoder")."""
    cases: list[tuple[str, Callable[[Document, int | None], object], int | None, ModuleType | None]] = []
    for indent, shown in ((2, "indent 2"), (None, "compact")):
        for way, write in WAYS.items():
            cases.append((f"{way}, {shown}, orjson", write, indent, ORJSON))
            cases.append((f"{way}, {shown}, fallback", write, indent, None))
        cases.append((f"orjson.dumps(to_dict()), {shown}", _whole_dict, indent, ORJSON))
    unlike = 0
    for doc, indent in itertools.product(docs, (2, None)):
        render_json.orjson = None
        want = _written(doc, indent)
        render_json.orjson = ORJSON
        if _written(doc, indent) != want:
            sys.exit("write_json with orjson writes other bytes than without")
        unlike += _whole_dict(doc, indent) != want
    if unlike:
        print(f"  (orjson.dumps(to_dict()) writes other bytes for {unlike} of {2 * len(docs)} document and indent "
              "pairs: its floats)")
    best = dict.fromkeys((name for name, *_ in cases), float("inf"))
    for round_ in range(repeat):
        for name, write, indent, module in cases if round_ % 2 == 0 else reversed(cases):
            render_json.orjson = module
            gc.collect()
            start = time.perf_counter()
            for doc in docs:
                write(doc, indent)
            best[name] = min(best[name], time.perf_counter() - start)
    render_json.orjson = ORJSON
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="corpus folder with docs/ and wild/")
    ap.add_argument("--size", type=float, default=20.0, help="generated document size in MB (default 20)")
    ap.add_argument("--repeat", type=int, default=5, help="timed runs of each way (best is kept)")
    args = ap.parse_args()
    if ORJSON is None:
        sys.exit("orjson is not installed: pip install '.[json]'")
    inputs: list[tuple[str, list[str]]] = []
    texts = load_corpus(args.corpus)
    if texts:
        inputs.append((f"corpus ({len(texts)} files)", texts))
    inputs.append((f"generated document ({args.size:g} MB)", [generate_document(int(args.size * MB))]))
    for label, group in inputs:
        docs = [reportparse.parse(text) for text in group]
        nbytes = sum(len(render_json.to_json(doc).encode("utf-8", "surrogateescape")) for doc in docs)
        print(f"{label}: {nbytes / MB:.1f} MB of indented JSON, best of {args.repeat}")
        best = timings(docs, args.repeat)
        for name, seconds in best.items():
            fallback = best.get(name.replace("orjson", "fallback"))
            versus = f"  {fallback / seconds:.2f}x the fallback" if name.endswith("orjson") and fallback else ""
            print(f"  {name:<36}{seconds * 1000:>9.1f} ms{versus}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
