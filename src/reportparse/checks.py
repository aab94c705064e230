"""Numbering checks over the finished tree: styles mixed at one level, and ranks skipped.

The outline stage already reports gaps, repeats and restarts while it decides
which markers are real; what is left for a writer is how the levels were used:
``1.`` items standing beside ``（一）`` items under one ``一、``, ``1、`` in a run of
``1.``, or ``1.`` directly under ``一、`` where GB/T 9704 puts ``（一）`` between.
"""

from __future__ import annotations

from collections.abc import Sequence

from .markers import STYLES
from .model import Diagnostic, Node

#: The 公文 ladder of list styles, outer to inner (GB/T 9704-2012, 7.3.3), from the style table.
LADDER = tuple(s.name for s in sorted(STYLES.values(), key=lambda s: s.ladder or 0) if s.ladder is not None)


def _delimiter(marker: str) -> str:
    return marker[-1:] if marker and marker[-1] in "、.．)）" else ""


def check(children: Sequence[Node]) -> list[Diagnostic]:
    found: list[Diagnostic] = []

    def visit(parent: Node | None, children: Sequence[Node]) -> None:
        numbered = [c for c in children if c.numbered and c.style in LADDER]
        styles: dict[str, Node] = {}
        for child in numbered:
            styles.setdefault(child.style, child)
        if len(styles) > 1:
            first, *others = sorted(styles.values(), key=lambda n: n.line)
            for other in others:
                found.append(Diagnostic(
                    "warning", "style-mixed", other.line,
                    f"{other.marker} stands at the same level as {first.marker} (line {first.line})",
                ))
        runs: dict[str, str] = {}
        for child in numbered:
            delim = _delimiter(child.marker)
            expected = runs.setdefault(child.style, delim)
            if delim != expected and child.style in ("num", "cn"):
                found.append(Diagnostic(
                    "warning", "style-mixed", child.line,
                    f"{child.marker} ends with {delim or 'no delimiter'} where its siblings use {expected}",
                ))
        if parent is not None and parent.style in LADDER:
            depth = LADDER.index(parent.style)
            for child in numbered:
                step = LADDER.index(child.style) - depth
                if step > 1:
                    skipped = " ".join(STYLES[s].example for s in LADDER[depth + 1:depth + step])
                    found.append(Diagnostic(
                        "info", "rank-skipped", child.line,
                        f"{child.marker} stands directly under {parent.marker} ({skipped} skipped)",
                    ))
                    break
        for child in children:
            if child.numbered:
                visit(child, child.children)

    visit(None, children)
    return found
