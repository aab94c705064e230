"""``--check --fix``: the changes the check is certain of, shown as a unified diff and never applied.

Certain means one reading: a bracket that does not pair, a delimiter unlike the rest of its run, a
marker with a letter for a digit, a point of another style in a run, a list that restarts without a
lead-in (numbered on).  A gap, a repeat or an order problem has more than one fix (a point missing or
a number wrong, a point moved up or another moved down), so it is reported and left to the writer.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

from .model import Diagnostic

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def apply(text: str, diagnostics: Sequence[Diagnostic]) -> list[str]:
    """The lines of ``text`` with every certain fix made (each marker rewritten where it stands)."""
    lines = _LINE.findall(text)
    for d in diagnostics:
        for line, written, wanted in d.fix:
            if 0 < line <= len(lines):
                lines[line - 1] = lines[line - 1].replace(written, wanted, 1)
    return lines


def preview(text: str, diagnostics: Sequence[Diagnostic], display: str) -> str:
    before = _LINE.findall(text)
    after = apply(text, diagnostics)
    if before == after:
        return ""
    diff = difflib.unified_diff(
        [_ended(x) for x in before], [_ended(x) for x in after], f"a/{display}", f"b/{display}"
    )
    return "".join(diff)


def _ended(line: str) -> str:
    """A line as the diff shows it: its own line break dropped for a plain one, a last line ended."""
    return line.rstrip("\r\n") + "\n"
