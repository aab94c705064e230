#!/usr/bin/env python3
"""Render every document we have in every output format, to compare two versions of the parser.

    python scripts/compare_outputs.py snapshot OUT      # through the installed reportparse
    python scripts/compare_outputs.py diff OLD NEW      # exit 1 and list the files that differ

The documents: ../shared/corpus/docs and wild (when ../shared is there), samples/ and the test
fixture documents.  The formats: JSON, JSON Lines, Markdown, CSV, outline, the terminal view at 100
columns, and --check.  A refactoring that must not change behaviour shows an empty diff.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = {
    "docs": ROOT.parent / "shared" / "corpus" / "docs",
    "wild": ROOT.parent / "shared" / "corpus" / "wild",
    "samples": ROOT / "samples",
    "fixtures": ROOT / "tests" / "fixtures" / "documents",
}
FORMATS = {
    "json": ["--json"],
    "jsonl": ["--jsonl"],
    "markdown": ["-f", "markdown"],
    "csv": ["-f", "csv"],
    "outline": ["-f", "outline"],
    "terminal": ["--no-color"],
    "check": ["--check"],
}


def _inputs() -> list[tuple[str, Path]]:
    out = []
    for name, folder in SOURCES.items():
        if folder.is_dir():
            out += [(name, p) for p in sorted(folder.iterdir()) if p.is_file() and p.suffix in (".txt", ".md")]
    return out


def snapshot(out: Path) -> int:
    exe = shutil.which("reportparse")
    if exe is None:
        sys.exit("reportparse is not installed")
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1"}
    jobs = [(group, path, fmt, args) for group, path in _inputs() for fmt, args in FORMATS.items()]

    def run(job: tuple[str, Path, str, list[str]]) -> None:
        group, path, fmt, args = job
        proc = subprocess.run([exe, str(path), *args], capture_output=True, env=env)
        target = out / group / fmt / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(proc.stdout + f"\n--- exit {proc.returncode}\n".encode() + proc.stderr)

    with ThreadPoolExecutor(os.cpu_count() or 1) as pool:
        list(pool.map(run, jobs))
    print(f"{len(jobs)} outputs of {len(_inputs())} documents written to {out}")
    return 0


def diff(old: Path, new: Path) -> int:
    names = {p.relative_to(old) for p in old.rglob("*") if p.is_file()}
    names |= {p.relative_to(new) for p in new.rglob("*") if p.is_file()}
    differing = sorted(
        str(n) for n in names if not ((old / n).is_file() and (new / n).is_file() and
                                      (old / n).read_bytes() == (new / n).read_bytes())
    )
    total = len(names)
    for name in differing:
        print(f"differs: {name}")
    print(f"{total - len(differing)} of {total} outputs byte-identical, {len(differing)} differ")
    return 1 if differing else 0


def main(argv: list[str]) -> int:
    if argv in (["-h"], ["--help"]):
        print(__doc__)
        return 0
    if len(argv) == 2 and argv[0] == "snapshot":
        return snapshot(Path(argv[1]))
    if len(argv) == 3 and argv[0] == "diff":
        return diff(Path(argv[1]), Path(argv[2]))
    if len(argv) == 2 and argv[0] == "check":
        # Snapshot now and compare with an earlier snapshot in one step.
        with tempfile.TemporaryDirectory() as tmp:
            snapshot(Path(tmp))
            return diff(Path(argv[1]), Path(tmp))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
