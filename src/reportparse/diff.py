"""What changed between two versions of a document: their outlines aligned node by node.

Each numbered node (a section or an item) is compared by its content: its title, its own
text and the paragraphs it owns, with white space ignored.  Pairs are found in passes, each
cheap (a lookup or a comparison among a few neighbours, so the whole is near-linear in the
number of nodes), the surest first:

1. the same content, found once in each version (an article that moved or was renumbered
   keeps its text: 第五条 deleted makes the old 第六条 the new 第五条);
2. the same title, found once in each version (a point whose body was rewritten);
3. under a parent already paired, the same marker, if the texts have something in common (a
   reworded article that kept its number, not another article put in its place);
4. under a parent already paired, the most similar of the nearby siblings of the same style,
   if similar enough (a point rewritten and renumbered);
5. among the few nodes still alone, the most similar of the same style anywhere (a point
   rewritten and moved to another part); skipped when too many are left for that to be cheap.

A pair whose content differs is *changed* (with its changed words); one whose content is the
same is *renumbered* when its marker differs and *moved* when its parent is not its old
parent's partner; a node left without a partner is *removed* or *added*.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from .model import PARAGRAPH, Document, Node
from .text import heading

#: Steps 3 and 4 look this many siblings either side of where a node would be.
_WINDOW = 6
#: Bigram overlap (Jaccard) from which two texts are one node rewritten.
_SIMILAR = 0.5
#: Pass 3's floor: two texts under one number with less in common are two different nodes.
_RELATED = 0.25
#: Pass 5 compares every pair of the nodes left alone only up to this many on either side.
_LEFT_ALONE = 300
_SPACE = str.maketrans("", "", " \t\r\n\u3000\u00a0")


@dataclass
class Entry:
    node: Node
    index: int
    parent: int | None  # the index of the nearest numbered ancestor
    path: tuple[str, ...]  # the labels of the numbered ancestors
    content: str  # the node's title, text and own paragraphs, as written
    key: str  # the content without white space
    position: int  # among the numbered siblings under the same parent

    def describe(self) -> dict[str, Any]:
        return {"marker": self.node.marker, "line": self.node.line, "title": self.node.title,
                "path": list(self.path)}


@dataclass
class Change:
    change: str  # added, removed, changed, renumbered, moved or unchanged
    old: Entry | None
    new: Entry | None
    #: The runs that differ, in order: (op, old text, new text), op one of replace, delete, insert.
    words: list[tuple[str, str, str]] = field(default_factory=list)
    renumbered: bool = False
    moved: bool = False

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "change": self.change,
            "old": self.old.describe() if self.old else None,
            "new": self.new.describe() if self.new else None,
        }
        if self.change == "changed":
            out["renumbered"] = self.renumbered
            out["moved"] = self.moved
            out["diff"] = [{"op": op, "old": a, "new": b} for op, a, b in self.words]
        return out


@dataclass
class Comparison:
    old: Document
    new: Document
    changes: list[Change]

    def summary(self) -> dict[str, int]:
        counts = dict.fromkeys(("added", "removed", "changed", "renumbered", "moved", "unchanged"), 0)
        for c in self.changes:
            counts[c.change] += 1
        return counts

    def to_dict(self, everything: bool = False) -> dict[str, Any]:
        return {
            "old": self.old.source.to_dict(), "new": self.new.source.to_dict(),
            "changes": [c.to_dict() for c in self.changes if everything or c.change != "unchanged"],
            "summary": self.summary(),
        }


def entries(doc: Document) -> list[Entry]:
    """The numbered nodes of ``doc`` in document order, with what they are compared by."""
    out: list[Entry] = []

    def visit(children: Sequence[Node], parent: int | None, path: tuple[str, ...]) -> None:
        position = 0
        for node in children:
            if not node.numbered:
                continue
            own = [node.title, node.text, *(c.text for c in node.children if c.kind == PARAGRAPH)]
            content = "\n".join(part for part in own if part)
            entry = Entry(node, len(out), parent, path, content, content.translate(_SPACE), position)
            out.append(entry)
            position += 1
            visit(node.children, entry.index, (*path, heading(doc.text, node)))

    visit(doc.children, None, ())
    return out


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)} or {text}


def _similarity(a: str, b: str) -> float:
    x, y = _bigrams(a), _bigrams(b)
    return len(x & y) / len(x | y)


class _Aligner:
    def __init__(self, old: list[Entry], new: list[Entry]) -> None:
        self.old, self.new = old, new
        self.partner_of_old: dict[int, int] = {}
        self.partner_of_new: dict[int, int] = {}

    def pair(self, i: int, j: int) -> None:
        self.partner_of_old[i] = j
        self.partner_of_new[j] = i

    def unique(self, key: str) -> None:
        """Pass 1 and 2: pair the nodes whose ``key`` (content or title) is found once on each side."""
        def once(entries: list[Entry], taken: dict[int, int]) -> dict[tuple[str, str], int]:
            seen: dict[tuple[str, str], int] = {}
            twice: set[tuple[str, str]] = set()
            for e in entries:
                value = getattr(e, key) if key == "key" else e.node.title.translate(_SPACE)
                if e.index in taken or not value:
                    continue
                k = (e.node.style, value)
                if k in seen:
                    twice.add(k)
                seen[k] = e.index
            return {k: v for k, v in seen.items() if k not in twice}

        old, new = once(self.old, self.partner_of_old), once(self.new, self.partner_of_new)
        for k, i in old.items():
            if k in new:
                self.pair(i, new[k])

    def siblings(self) -> None:
        """Pass 3 and 4, parents before children: under paired parents, the same marker, then the most
        similar nearby sibling of the same style."""
        children_new: dict[int | None, list[Entry]] = defaultdict(list)
        for e in self.new:
            children_new[e.parent].append(e)
        for e in self.old:
            if e.index in self.partner_of_old:
                continue
            parent = None if e.parent is None else self.partner_of_old.get(e.parent, -1)
            if parent == -1:
                continue  # its parent has no partner: nothing to look under
            candidates = [c for c in children_new[parent] if c.index not in self.partner_of_new
                          and c.node.style == e.node.style]
            same = [c for c in candidates if c.node.marker == e.node.marker]
            if same and _similarity(e.key, same[0].key) >= _RELATED:
                self.pair(e.index, same[0].index)
                continue
            near = [c for c in candidates if abs(c.position - e.position) <= _WINDOW]
            best = max(near, key=lambda c: _similarity(e.key, c.key), default=None)
            if best is not None and _similarity(e.key, best.key) >= _SIMILAR:
                self.pair(e.index, best.index)


    def anywhere(self) -> None:
        """Pass 5: the nodes left alone, paired with the most similar of their style on the other side."""
        old = [e for e in self.old if e.index not in self.partner_of_old]
        new = [e for e in self.new if e.index not in self.partner_of_new]
        if len(old) > _LEFT_ALONE or len(new) > _LEFT_ALONE:
            return
        scored = sorted(((_similarity(o.key, n.key), o.index, n.index) for o in old for n in new
                         if o.node.style == n.node.style), reverse=True)
        for score, i, j in scored:
            if score < _SIMILAR:
                break
            if i not in self.partner_of_old and j not in self.partner_of_new:
                self.pair(i, j)


def _words(a: str, b: str) -> list[tuple[str, str, str]]:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [(op, a[i1:i2], b[j1:j2]) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"]


def _classify(aligner: _Aligner, o: Entry, n: Entry) -> Change:
    renumbered = o.node.marker != n.node.marker
    old_parent = None if o.parent is None else aligner.partner_of_old.get(o.parent, -1)
    moved = old_parent != n.parent
    if o.key != n.key:
        return Change("changed", o, n, _words(o.content, n.content), renumbered, moved)
    if moved:
        return Change("moved", o, n, renumbered=renumbered, moved=True)
    if renumbered:
        return Change("renumbered", o, n, renumbered=True)
    return Change("unchanged", o, n)


def compare(old: Document, new: Document) -> Comparison:
    """The changes from ``old`` to ``new``, in the order of the new document (a removed node
    where it stood, after the partner of the node before it)."""
    old_entries, new_entries = entries(old), entries(new)
    aligner = _Aligner(old_entries, new_entries)
    aligner.unique("key")
    aligner.unique("title")
    aligner.siblings()
    aligner.anywhere()
    changes = list(_ordered(aligner, old_entries, new_entries))
    return Comparison(old, new, changes)


def _ordered(aligner: _Aligner, old: list[Entry], new: list[Entry]) -> Iterator[Change]:
    removed_after: dict[int, list[Entry]] = defaultdict(list)  # new index (or -1) → removed nodes after it
    last = -1
    for o in old:
        j = aligner.partner_of_old.get(o.index)
        if j is None:
            removed_after[last].append(o)
        else:
            last = j
    yield from (Change("removed", o, None) for o in removed_after[-1])
    for n in new:
        i = aligner.partner_of_new.get(n.index)
        yield Change("added", None, n) if i is None else _classify(aligner, old[i], n)
        yield from (Change("removed", o, None) for o in removed_after[n.index])
