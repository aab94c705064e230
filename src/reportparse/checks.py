"""The numbering check: every numbering problem a writer would fix, once, on the line to change.

It reads the outline as resolved (the accepted nodes and the markers left as text because their
number fits nowhere) rather than the tree, because a misnumbered point is often exactly such a
rejected line.  Each run of siblings is walked by :mod:`.sequence`; this module forms the runs,
lets a point of another style or an unreadable marker take its place in the run it interrupts,
and judges the ranks a document skips against the document's own convention: a writer who never
uses （一） is not told it is missing, one who uses it in every section but one is.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence

from .lineinfo import Lines
from .marker_faults import delimiter_faults, unreadable
from .markers import STYLES
from .model import Diagnostic
from .outline import Outline
from .sequence import MIXED, Entry, Run, written_as

#: The 公文 ladder of list styles, outer to inner (GB/T 9704-2012, 7.3.3), from the style table.
LADDER = tuple(s.name for s in sorted(STYLES.values(), key=lambda s: s.ladder or 0) if s.ladder is not None)

#: A rejected marker further than this past its run's last number is a figure or a citation in
#: the text (20. in a list of 1. 2. 3.), not a misnumbered point.
_REACH = 3


def check(text: str, lines: Lines, found: Outline) -> list[Diagnostic]:
    entries = sorted(_entries(lines, found), key=lambda e: e.line)
    entries.extend(unreadable(text, lines, entries))
    entries.sort(key=lambda e: e.line)
    _mixed(entries)
    by_run = _by_run(entries)
    # Only a run that opens above 1 may go on from the part before: the rest start at 1.
    before = _before(entries, {id(run[0]) for run in _runs(by_run) if _may_go_on(run[0])})
    diagnostics = [*delimiter_faults(_runs(by_run)), *_convention(text, lines, found)]
    diagnostics += _siblings(found)
    for run in _runs(by_run):
        diagnostics += Run(run, _start(run, before), lambda e: _lead_in(text, lines, e)).check()
    seen: set[tuple[int, str]] = set()
    unique = []
    for d in sorted(diagnostics, key=lambda d: d.line):
        if (d.line, d.code) not in seen:
            seen.add((d.line, d.code))
            unique.append(d)
    return unique


def _epochs(lines: Lines) -> list[int]:
    """For each line, how many segment labels and signatures stand before it: after one the top
    level numbers afresh (說明： and 辦法： of a Taiwan 公文, a plan issued after a notice's signature)."""
    out, count = [], 0
    for segment, closing in zip(lines.segment, lines.closing, strict=True):
        out.append(count)
        count += segment or closing
    return out


def _entries(lines: Lines, found: Outline) -> list[Entry]:
    styles, parents, keys, numbers = found.style, found.parent, found.key, found.number
    epochs = _epochs(lines)

    # Every entry of a run names the same group: one tuple for all of them, not one each.
    groups: dict[tuple[object, ...], tuple[object, ...]] = {}

    def group(index: int, style_wide: bool, parent: int, key: str) -> tuple[object, ...]:
        if style_wide:
            scope = _scope(found, parent)
            made: tuple[object, ...] = ("wide", scope, epochs[index] if scope < 0 else 0, key)
        else:
            made = (parent, epochs[index] if parent < 0 else 0, key)
        return groups.setdefault(made, made)

    out = []
    for at, index in enumerate(found.line_index):
        n = numbers[at]
        if n is not None:
            s = styles[at]
            out.append(Entry(index + 1, s, keys[at], n, found.marker[at],
                             group(index, s.document_wide, parents[at], keys[at]), True, found.sub[at]))
    out += [
        Entry(r.line_index + 1, r.style, r.key, r.number, r.marker,
              group(r.line_index, r.style.document_wide, r.parent, r.key), False)
        for r in found.rejected
    ]
    return out


def _mixed(entries: list[Entry]) -> None:
    """A point written in another style inside a run (（三） between 2. and 4.) takes its place there;
    the run goes on after it, wherever the outline put the points that follow.  That the point also
    continues a run of its own style does not clear it: the run around it counted it (2. 3. （4）)."""
    for i in range(1, len(entries) - 1):
        a, x = entries[i - 1], entries[i]
        if x.placeholder or x.style is a.style or not (a.style.listed and x.style.listed):
            continue
        if a.number + 1 != x.number:
            continue
        # A heading above both ends the search: what follows it is another part's run.
        outer = min(a.style.rank, x.style.rank)
        later = _until(entries, i + 1, outer)
        b = next((e for e in later if e.style.rank <= a.style.rank), None)
        if b is None or b.key != a.key or b.number != x.number + 1:
            continue
        moving, number = b.group, b.number
        for e in later:
            # Only the points that go on from B: a list of its style under a later heading that the
            # outline hung below the odd point (1. 2. under the next （二）) is a list of its own.
            if e.group == moving and e.key == b.key:
                if e.number != number:
                    break
                e.group, number = a.group, number + 1
        x.placeholder, x.group, x.model = MIXED, a.group, a.marker


def _until(entries: Sequence[Entry], start: int, rank: float) -> list[Entry]:
    """The entries from ``start`` up to the first that ranks above ``rank``."""
    out = []
    for j in range(start, len(entries)):
        if entries[j].style.rank < rank:
            break
        out.append(entries[j])
    return out


def _by_run(entries: Sequence[Entry]) -> list[Entry]:
    """The entries run by run, the runs in the order their first entries stand, each in line order.

    One list sorted by run, not a list for each run: a document of bare markers has a run under
    nearly every node, and a list each cost as much as its entries."""
    order: dict[tuple[object, ...], int] = {}
    for e in entries:
        order.setdefault(e.group, len(order))
    return sorted(entries, key=lambda e: order[e.group])


def _runs(by_run: list[Entry]) -> Iterator[list[Entry]]:
    """The runs of ``by_run`` (see _by_run) one at a time, less the markers left as text that
    stand apart from them (_near); a run of such markers only is no run of points."""
    start = 0
    while start < len(by_run):
        group = by_run[start].group
        end = start + 1
        while end < len(by_run) and by_run[end].group == group:
            end += 1
        run = by_run[start:end]
        if any(e.accepted or e.placeholder for e in run):
            yield _near(run)
        start = end


def _near(run: list[Entry]) -> list[Entry]:
    """The run without the markers left as text that are far from where the run stands: 第九條第一款
    quoted after 第十八條 is a citation, 3. after 4. is a point moved.  The run itself when it keeps
    every entry (nearly always: no copy)."""
    out: list[Entry] = []
    last = 0
    for e in run:
        if e.accepted or e.placeholder:
            out.append(e)
            last = max(last, e.number)
        elif last - _REACH <= e.number <= last + _REACH and e.number > 0:
            out.append(e)
    return run if len(out) == len(run) else out


def _before(entries: Sequence[Entry], wanted: set[int]) -> dict[int, int]:
    """For each entry wanted (by id: the first of each run), the number of the last accepted point of
    its sequence above it."""
    last: dict[str, int] = {}
    out = {}
    for e in entries:
        if id(e) in wanted:
            out[id(e)] = last.get(e.key, 0)
        if e.accepted:
            last[e.key] = e.number
    return out


def _may_go_on(first: Entry) -> bool:
    """May a run opening with ``first`` go on from its sequence in the part before?"""
    return first.number > 1 and not first.style.document_wide


def _start(run: Sequence[Entry], before: dict[int, int]) -> int:
    """The number the run should start at: 1, or on from the same style in the part before
    (（三） opening 二、 after （一）（二） under 一、, as central documents number their points)."""
    first = run[0]
    if not _may_go_on(first):
        return 1
    return first.number if before[id(first)] == first.number - 1 else 1


def _lead_in(text: str, lines: Lines, entry: Entry) -> bool:
    """Is a list that restarts at ``entry`` opened by text of its own (a lead-in ending with a colon,
    or a heading line), so that it is a new list and not a misnumbered one?"""
    i = entry.line - 2
    while i >= 0 and lines.blank(i):
        i -= 1
    if i < 0:
        return True
    if lines.hashes[i] or lines.named[i] or lines.set_aside[i] or lines.closing[i] or lines.segment[i]:
        return True
    tail = text[lines.ink[i]:lines.end[i]].rstrip()
    unmarked = not lines.marked[i]
    if tail.endswith(("：", ":")) or (tail[:1] in "（(" and tail[-1:] in "）)" and unmarked):
        return True  # a lead-in, or the issuing note of another instrument: （2012年6月30日…通过）
    return unmarked and len(tail) <= 30 and not tail.endswith(("。", "；", ";", "，"))


_HEAD = re.compile(r"[^。；;，,：:！？]*[。；;，,：:！？]?")


def _titled(text: str, lines: Lines, found: Outline, at: int) -> bool:
    """Does point ``at`` open with a short title (加强组织领导。 or a line of its own), as a heading of a
    rank does, rather than with a sentence of a list (2024年3月，调研组…)?"""
    rest = text[found.start[at]:lines.end[found.line_index[at]]].strip()
    title = _HEAD.match(rest)
    head = title.group(0) if title else ""
    if head[-1:] in "，,":
        # 加强组织领导，…: a short phrase before the comma still titles the point; 2024年3月，… does not.
        return 1 < len(head) <= 10 and not head[0].isdigit()
    return 0 < len(head) <= 24 and (len(head) == len(rest) or head[-1] in "。；;：:！？")


def _after_colon(text: str, lines: Lines, index: int) -> bool:
    """Does the line before ``index`` end with a colon (a list it opens, 具体做到：)?"""
    i = index - 1
    while i >= 0 and lines.blank(i):
        i -= 1
    return i >= 0 and text[lines.ink[i]:lines.end[i]].rstrip().endswith(("：", ":"))


def _scope(found: Outline, at: int) -> int:
    """The annex a node stands in (its position), or -1: an annex keeps a convention of its own."""
    style, parent = found.style, found.parent
    while at >= 0 and style[at].name != "annex":
        at = parent[at]
    return at


def _convention(text: str, lines: Lines, found: Outline) -> list[Diagnostic]:
    """Ranks skipped where the document itself does not skip them: 1. directly under one 一、 when
    the other sections of 一、 open with （一）.  A list of sentences under a heading is a list, not a
    skipped rank, so only a titled point (1.加强组织领导。…) is held to the convention."""
    style, number, line_index, marker = found.style, found.number, found.line_index, found.marker
    first: dict[int, int] = {}  # the first point of the innermost ladder style under each parent
    for at, parent in enumerate(found.parent):
        if parent >= 0 and style[at].name in LADDER and number[at] is not None:
            held = first.get(parent)
            if held is None or (style[at].ladder or 0) < (style[held].ladder or 0):
                first[parent] = at
    opening: dict[tuple[int, str], Counter[str]] = defaultdict(Counter)
    for parent, child in first.items():
        if style[parent].name in LADDER:
            opening[_scope(found, parent), style[parent].name][style[child].name] += 1
    models = {style[c].name: marker[c] for c in reversed(first.values())}
    usual_of = {key: counts.most_common(1)[0] for key, counts in opening.items() if counts}
    out = []
    for parent, child in first.items():
        key = (_scope(found, parent), style[parent].name)
        counts = opening.get(key)
        if not counts or not _titled(text, lines, found, child) or _after_colon(text, lines, line_index[child]):
            continue
        usual, times = usual_of[key]
        want_style = STYLES[usual]
        if (times < 2 or times <= counts[style[child].name]
                or (want_style.ladder or 0) >= (style[child].ladder or 0)):
            continue
        want = written_as(models[usual], want_style, number[child] or 1)
        out.append(Diagnostic(
            "info", "rank-skipped", line_index[child] + 1,
            f"{want} expected here, found {marker[child]} (the other {style[parent].example} "
            f"sections open with {want_style.example})"))
    return out


def _siblings(found: Outline) -> list[Diagnostic]:
    """Points of two ladder styles under one parent (1. beside （一） under one 一、)."""
    # The first point under each parent, and a dict by style only for a parent with a second style:
    # nearly every parent has one, and a dict each cost more than the points.
    style, number, line_index, marker = found.style, found.number, found.line_index, found.marker
    first_under: dict[int, int] = {}
    by_parent: dict[int, dict[str, int]] = {}
    for at, parent in enumerate(found.parent):
        name = style[at].name
        if name in LADDER and number[at] is not None:
            held = first_under.get(parent)
            if held is None:
                first_under[parent] = at
            elif parent in by_parent:
                by_parent[parent].setdefault(name, at)
            elif style[held].name != name:
                by_parent[parent] = {style[held].name: held, name: at}
    out = []
    for parent in first_under:
        styles = by_parent.get(parent)
        if styles is None:
            continue
        first, *others = sorted(styles.values(), key=lambda at: line_index[at])
        for other in others:
            out.append(Diagnostic(
                "warning", "style-mixed", line_index[other] + 1,
                f"{marker[other]} stands at the same level as {marker[first]} "
                f"(line {line_index[first] + 1})"))
    return out
