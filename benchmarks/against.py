"""``bench.py --against REV``: this checkout's parse throughput beside another's, in one run.

    python benchmarks/bench.py --against 178b2fe            # a git revision (a temporary worktree)
    python benchmarks/bench.py --against ../other/src       # another checkout's src folder (or the checkout)

Two rows for the corpus and for a generated document, each measured in fresh processes, the two
checkouts alternating, best of ``--repeat``: *full pipeline + JSON* (parse with annotations, then the
JSON as the command line writes it) and *structure + JSON* (``annotations=False``).  The JSON goes
to /dev/null through ``render.json.write_json``, or ``Document.write_json`` in checkouts that have no
such function (178b2fe and before, where the model's writer was the fast one).  Both checkouts parse
the same texts, decoded and generated here beforehand, with the Python and the libraries of this
environment (orjson among them, when it is installed).

Run as a script, this module is the measuring process: ``against.py SRC INPUTS MODE…``.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
#: Row name: parse with annotations?
MODES = {"full pipeline + JSON": True, "structure + JSON": False}


@dataclass
class Row:
    mode: str
    input: str
    bytes: int
    #: Best seconds of this checkout and of the other.
    this_s: float
    other_s: float
    this_mb_s: float
    other_mb_s: float
    #: this / other speed: above 1 this checkout is faster.
    ratio: float


def _git(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-C", str(REPO_ROOT), *args], capture_output=True, text=True, check=False)


@contextlib.contextmanager
def other_source(against: str) -> Iterator[Path]:
    """The ``src`` folder of ``against``: a folder as given, or the revision checked out into a temporary
    worktree that is removed afterwards."""
    folder = Path(against)
    if folder.is_dir():
        src = folder / "src" if (folder / "src" / "reportparse").is_dir() else folder
        if not (src / "reportparse" / "__init__.py").is_file():
            sys.exit(f"--against {against}: no reportparse package in that folder or its src/")
        yield src.resolve()
        return
    found = _git("rev-parse", "--verify", "--quiet", f"{against}^{{commit}}")
    if found.returncode != 0:
        sys.exit(f"--against {against}: neither a folder nor a git revision of {REPO_ROOT}")
    with tempfile.TemporaryDirectory(prefix="reportparse-against-") as tmp:
        worktree = Path(tmp) / "checkout"
        added = _git("worktree", "add", "--detach", str(worktree), found.stdout.strip())
        if added.returncode != 0:
            sys.exit(f"--against {against}: git worktree add failed: {added.stderr.strip()}")
        try:
            yield worktree / "src"
        finally:
            _git("worktree", "remove", "--force", str(worktree))
            _git("worktree", "prune")  # in case the removal failed and the folder goes with tmp


def _measure(src: Path, inputs: Path, modes: Sequence[str]) -> dict[str, float]:
    proc = subprocess.run([sys.executable, __file__, str(src), str(inputs), *modes], capture_output=True, text=True,
                          cwd=inputs.parent, check=False)
    if proc.returncode != 0:
        sys.exit(f"measuring {src} failed:\n{proc.stderr.strip()}")
    seconds: dict[str, float] = json.loads(proc.stdout)
    return seconds


def compare(against: str, inputs: Callable[[], Sequence[tuple[str, Sequence[str]]]], repeats: int,
            progress: Callable[[str], None] | None = None) -> list[Row]:
    """Rows for each mode and input (``inputs()`` gives their names and texts, once the other checkout is
    found): best of ``repeats`` fresh processes per checkout, alternating."""
    this = REPO_ROOT / "src"
    rows: list[Row] = []
    with other_source(against) as other, tempfile.TemporaryDirectory(prefix="reportparse-against-inputs-") as tmp:
        files = []
        for index, (name, texts) in enumerate(inputs()):
            path = Path(tmp) / f"input{index}.json"
            path.write_text(json.dumps(list(texts)), encoding="ascii")  # ASCII: any lone surrogate survives
            files.append((name, texts, path))
        for name, texts, path in files:
            if progress:
                progress(f"measuring {name}: this checkout and {against}, {repeats} rounds")
            best = {(side, mode): float("inf") for side in ("this", "other") for mode in MODES}
            for round_ in range(repeats):
                # Each round swaps which checkout goes first and which mode runs first inside it.
                sides = [("this", this), ("other", other)]
                modes = list(MODES) if round_ % 2 == 0 else list(reversed(MODES))
                for side, src in sides if round_ % 2 == 0 else reversed(sides):
                    for mode, seconds in _measure(src, path, modes).items():
                        best[side, mode] = min(best[side, mode], seconds)
            nbytes = sum(len(t.encode("utf-8", "surrogatepass")) for t in texts)
            for mode in MODES:
                this_s, other_s = best["this", mode], best["other", mode]
                rows.append(Row(mode, name, nbytes, this_s, other_s, nbytes / 1e6 / this_s, nbytes / 1e6 / other_s,
                                other_s / this_s))
    return rows


def render(rows: Sequence[Row], against: str) -> str:
    out = [f"{r.mode}, {r.input}, {r.bytes / 1e6:.1f} MB: HEAD {r.this_mb_s:.2f} MB/s, {against} "
           f"{r.other_mb_s:.2f} MB/s, ratio {r.ratio:.2f}x" for r in rows]
    out.append("HEAD = this checkout as it is on disk; ratio = its speed / the other's, in the same run")
    return "\n".join(out)


# ── the measuring process ──────────────────────────────────────────────────


def _writer() -> Any:
    """How the command line of this checkout writes a document's JSON to a binary stream."""
    try:
        from reportparse.render.json import write_json
    except ImportError:  # 178b2fe and before: the model's writer was the streaming one
        return lambda doc, stream: doc.write_json(stream)
    return write_json


def child(src: str, inputs: str, modes: Sequence[str]) -> None:
    sys.path.insert(0, src)
    import reportparse

    if not Path(reportparse.__file__).resolve().is_relative_to(Path(src).resolve()):
        sys.exit(f"imported {reportparse.__file__}, not the checkout at {src}")
    texts = json.loads(Path(inputs).read_text(encoding="ascii"))
    write = _writer()
    seconds: dict[str, float] = {}
    with open(os.devnull, "wb") as sink:
        # Untimed: the first parse compiles the rule table and imports lazily.
        for annotations in (True, False):
            write(reportparse.parse(texts[0][:20_000], annotations=annotations), sink)
        for mode in modes:
            gc.collect()
            start = time.perf_counter()
            for text in texts:
                write(reportparse.parse(text, annotations=MODES[mode]), sink)
            seconds[mode] = time.perf_counter() - start
    print(json.dumps(seconds))


if __name__ == "__main__":
    child(sys.argv[1], sys.argv[2], sys.argv[3:])
