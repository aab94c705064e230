#!/usr/bin/env python3
"""Score ``--check`` on the planted-problem set: recall and precision by line, by problem kind.

    python benchmarks/check_score.py [FOLDER]      # default tests/fixtures/check

Each ``NAME.txt`` there stands beside ``NAME.expect``: one planted problem a line,
``line<TAB>code<TAB>expected marker`` (``-`` where the fix is a move, not a new number), ``#``
for comments.  A report on a planted line is found (whatever its code: the writer is sent to the
right line); a report on any other line is a false alarm.  The table counts a planted problem
under its kind and a false alarm under the kind reported; "kind right" counts the found problems
reported under their planted code.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from reportparse import parse_file  # noqa: E402


class Planted(NamedTuple):
    line: int
    code: str
    expected: str


class Scored(NamedTuple):
    name: str
    planted: list[Planted]
    reported: dict[int, list[str]]  # line -> codes reported there
    messages: dict[int, list[str]]


def load_expect(path: Path) -> list[Planted]:
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        line, code, expected = raw.split("\t")
        out.append(Planted(int(line), code, expected))
    return out


def score_file(doc: Path) -> Scored:
    planted = load_expect(doc.with_suffix(".expect"))
    reported: dict[int, list[str]] = {}
    messages: dict[int, list[str]] = {}
    for d in parse_file(str(doc)).diagnostics:
        reported.setdefault(d.line, []).append(d.code)
        messages.setdefault(d.line, []).append(d.message)
    return Scored(doc.stem, planted, reported, messages)


def score_folder(folder: Path) -> list[Scored]:
    return [score_file(doc) for doc in sorted(folder.glob("*.txt"))]


def table(results: list[Scored]) -> tuple[str, dict[str, float]]:
    planted: Counter[str] = Counter()
    found: Counter[str] = Counter()
    right: Counter[str] = Counter()
    alarms: Counter[str] = Counter()
    reported_lines = 0
    for r in results:
        lines = {p.line: p for p in r.planted}
        for p in r.planted:
            planted[p.code] += 1
            if p.line in r.reported:
                found[p.code] += 1
                right[p.code] += p.code in r.reported[p.line]
        for line, codes in r.reported.items():
            reported_lines += 1
            if line not in lines:
                alarms[codes[0]] += 1
    kinds = sorted(set(planted) | set(alarms))
    rows = ["| kind | planted | found | kind right | false alarms | recall | precision |",
            "|---|---:|---:|---:|---:|---:|---:|"]
    for kind in kinds:
        hits = found[kind]
        rows.append(f"| {kind} | {planted[kind]} | {hits} | {right[kind]} | {alarms[kind]} | "
                    f"{_ratio(hits, planted[kind])} | {_ratio(hits, hits + alarms[kind])} |")
    total_found, total_alarms = sum(found.values()), sum(alarms.values())
    recall = total_found / max(1, sum(planted.values()))
    precision = (reported_lines - total_alarms) / max(1, reported_lines)
    rows.append(f"| **all** | {sum(planted.values())} | {total_found} | {sum(right.values())} | {total_alarms} | "
                f"{recall:.2f} | {precision:.2f} |")
    return "\n".join(rows), {"recall": recall, "precision": precision, "alarms": total_alarms}


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "-"


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else ROOT / "tests" / "fixtures" / "check"
    results = score_folder(folder)
    text, totals = table(results)
    clean = [r.name for r in results if not r.planted]
    noisy = [r.name for r in results if not r.planted and r.reported]
    print(f"{len(results)} documents, {len(clean)} clean ({len(noisy)} with an alarm)\n")
    print(text)
    for r in results:
        lines = {p.line for p in r.planted}
        missed = [p for p in r.planted if p.line not in r.reported]
        extra = [(line, m) for line, ms in r.messages.items() if line not in lines for m in ms]
        for p in missed:
            print(f"missed  {r.name}:{p.line} {p.code} ({p.expected})")
        for line, message in extra:
            print(f"alarm   {r.name}:{line} {message}")
    return 0 if totals["recall"] >= 0.9 and totals["precision"] >= 0.85 and not noisy else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
