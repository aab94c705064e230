"""The changes between two versions of a document, for the terminal and as Markdown."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from rich.console import Console
from rich.text import Text

from ..diff import Change, Comparison
from ..printable import line as printable

#: Characters of unchanged text kept either side of a change in a changed node's line.
_CONTEXT = 12
_SIGNS = {"added": "+", "removed": "-", "changed": "~", "renumbered": "#", "moved": ">", "unchanged": "="}
_STYLES = {"added": "green", "removed": "red", "changed": "yellow", "renumbered": "cyan", "moved": "magenta",
           "unchanged": "dim"}


def _name(change: Change) -> str:
    """How the node is named: its marker (old → new when renumbered) and title."""
    old, new = change.old, change.new
    either = new or old
    assert either is not None
    marker = either.node.marker
    if old is not None and new is not None and old.node.marker != new.node.marker:
        marker = f"{old.node.marker} → {new.node.marker}"
    title = either.node.title
    return printable(f"{marker} {title}".strip() if title else marker)


def _where(change: Change) -> str:
    old, new = change.old, change.new
    if old is not None and new is not None:
        return f"line {old.node.line} → {new.node.line}"
    either = new or old
    assert either is not None
    return f"line {either.node.line}"


def _excerpt(text: str, limit: int = 60) -> str:
    flat = printable(" ".join(text.split()))
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"


def _runs(a: str, b: str) -> Iterator[tuple[str, str]]:
    """The changed node's text as (kind, text) runs: "" for context, "delete", "insert"; unchanged
    stretches cut to a little context either side of a change."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    codes = matcher.get_opcodes()
    for k, (op, i1, i2, j1, j2) in enumerate(codes):
        if op != "equal":
            if i2 > i1:
                yield "delete", a[i1:i2]
            if j2 > j1:
                yield "insert", b[j1:j2]
            continue
        same = a[i1:i2]
        keep_head = _CONTEXT if k > 0 else 0
        keep_tail = _CONTEXT if k < len(codes) - 1 else 0
        if len(same) <= keep_head + keep_tail:
            yield "", same
        else:
            yield "", same[:keep_head] + "…" + same[len(same) - keep_tail:]


#: How deleted and inserted text is marked without colour (the wdiff convention), and with it.
_PLAIN_MARKS = {"delete": ("[-", "-]"), "insert": ("{+", "+}"), "": ("", "")}
_RUN_STYLES = {"delete": "red strike", "insert": "green", "": ""}


def render_terminal(comparison: Comparison, console: Console, everything: bool = False) -> None:
    old, new = comparison.old.source.path or "-", comparison.new.source.path or "-"
    counts = comparison.summary()
    shown = ", ".join(f"{n} {kind}" for kind, n in counts.items() if n and kind != "unchanged")
    console.print(Text(f"{printable(old)} → {printable(new)}: {shown or 'no changes'}"
                       f" ({counts['unchanged']} unchanged)", style="bold"))
    for change in comparison.changes:
        if change.change == "unchanged" and not everything:
            continue
        style = _STYLES[change.change]
        head = Text(f"{_SIGNS[change.change]} ", style=style)
        head.append(_name(change), style="bold")
        extra = " (renumbered)" if change.renumbered and change.change == "changed" else ""
        extra += " (moved)" if change.moved and change.change == "changed" else ""
        head.append(f"  {change.change}{extra}, {_where(change)}", style=style)
        console.print(head)
        if change.change in ("added", "removed"):
            either = change.new or change.old
            assert either is not None
            console.print(Text("    " + _excerpt(either.content), style=style))
        elif change.change == "changed":
            assert change.old is not None and change.new is not None
            body = Text("    ")
            plain = console.color_system is None
            for kind, text in _runs(change.old.content, change.new.content):
                shown = printable(text.replace("\n", " "))
                if plain:
                    body.append(f"{_PLAIN_MARKS[kind][0]}{shown}{_PLAIN_MARKS[kind][1]}")
                else:
                    body.append(shown, style=_RUN_STYLES[kind] or None)
            console.print(body)
        elif change.change == "moved":
            assert change.old is not None and change.new is not None
            console.print(Text(f"    from {' > '.join(change.old.path) or '(top)'} to "
                               f"{' > '.join(change.new.path) or '(top)'}", style=style))


def render_markdown(comparison: Comparison, everything: bool = False) -> str:
    old, new = comparison.old.source.path or "-", comparison.new.source.path or "-"
    counts = comparison.summary()
    out = [f"# {printable(old)} → {printable(new)}", "",
           " · ".join(f"{kind} {n}" for kind, n in counts.items()), ""]
    for change in comparison.changes:
        if change.change == "unchanged" and not everything:
            continue
        out.append(f"- **{change.change}** {_name(change)} ({_where(change)})")
        if change.change == "changed":
            assert change.old is not None and change.new is not None
            pieces = []
            for kind, text in _runs(change.old.content, change.new.content):
                text = printable(text.replace("\n", " "))
                pieces.append({"delete": f"~~{text}~~", "insert": f"**{text}**"}.get(kind, text))
            out.append(f"  {''.join(pieces)}")
        elif change.change in ("added", "removed"):
            either = change.new or change.old
            assert either is not None
            out.append(f"  {_excerpt(either.content, 120)}")
    return "\n".join(out) + "\n"
