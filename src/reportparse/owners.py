"""Owners: which node every paragraph and block belongs to.

A paragraph belongs to the nearest open node: the innermost point whose topic
it continues.  After the last point of a run, what the text says decides
whether it goes on with that point or turns back to the point's owner:

- a list introduced by a colon (``下列职责：``), or a run of one-paragraph
  entries, hands what follows back to its owner;
- a speaker who addresses the audience again (``各位代表！``, ``同志们，``)
  opens a new movement of the part, not more of its last point; so does the
  speaker's own voice (``我们要…``) or a new time (``今年将…``) after a point
  whose paragraphs each opened with a run-in topic;
- a paragraph that sums up (``以上十项…``, ``综上``) speaks for the whole run, so
  it is the run owner's; one that looks ahead (``展望…``) after the last part
  closes the document.

The closing of the whole document belongs to the document: its signature,
date and ``特此通知`` (the lines stage finds those), and the last appeal of a
speech to its audience (``各位代表！…让我们…``).  Once a paragraph has turned
back, nothing after it goes down into the closed point again.  Nodes belong to
the parent the outline gave them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from . import model
from .blocks import NODE, PARAGRAPH, TITLE, Units
from .compiled import on_first_use
from .headings import Head
from .markers import ANNEX
from .outline import Outline

#: The owner of the title unit, which stands outside the tree.
OUTSIDE = -2
#: The owner of what belongs to the document itself.
DOCUMENT = -1

#: The speaker addresses the audience again: 各位代表！, 同志们，… (an opening address ends with a
#: colon, 各位代表：, and turns nothing).
_SALUTATION = re.compile(
    r"(?:各位代表|各位委员|各位委員|各位同志|同志们|同志們|代表们|代表們|朋友们|朋友們|女士们|先生们|诸位代表|諸位代表)"
    r"[^：:。\n]{0,10}?[！!，,]"
)
#: The speaker's own voice or a new time, turning from the last task to the part as a whole.
_VOICE = re.compile(
    r"我们(?:要|将|一定|必须|还要|也要)|我們(?:要|將|一定|必須)|今年(?:将|要|將)|过去一年|新的一年|一年来"
)
#: A paragraph that speaks for the whole run before it: it sums up (以上十项…, 综上).
_SUM_UP = re.compile(r"(?:基于|基於|根据|根據|鉴于|鑒於|综合|綜合)?以上|综上|綜上|总之|總之|总而言之|总的来看")
#: A paragraph that looks ahead (展望2024，…): after the last part of a report, the document's own
#: closing; inside a part (三、主要目标 … 展望2035年，…) it goes on with the part's matter.
_OUTLOOK = re.compile(r"展望|下一步|今后|今後")
#: A paragraph that opens with a short topic sentence, as the unnumbered tasks of a point do.
_RUN_IN = re.compile(r"[^，,。；;：:！？!?\n]{2,20}。")
#: An appeal to the audience: how a speech or a report to a congress ends.
_appeal = on_first_use(r"让我们|讓我們|号召|號召|而奋斗|而奮鬥|努力奋斗|努力奮鬥|团结|團結")
#: The most paragraphs a speech's closing appeal runs over.
_APPEAL_PARAGRAPHS = 3


def assign(text: str, units: Units, outline: Outline, heads: Sequence[Head]) -> tuple[int, ...]:
    """For every unit, the position in the outline of the node it belongs to (:data:`DOCUMENT`, or
    :data:`OUTSIDE` for the title); a node unit's owner is its parent."""
    return _Owners(text, units, outline, heads).run()


class _Owners:
    def __init__(self, text: str, units: Units, outline: Outline, heads: Sequence[Head]) -> None:
        self.text = text
        self.units = units
        self.outline = outline
        self.parent, self.key, self.hashes = outline.parent, outline.key, outline.hashes
        self.heads = heads
        # The last point of each run of siblings, and the runs one of whose points owns a paragraph.
        self.last_of_run = {run: at for at, run in enumerate(zip(outline.parent, outline.key, strict=True))}
        self.owning_runs: set[tuple[int, str]] = set()
        # By outline position: a point of a list introduced by a colon (…下列职责：).
        self.colon = [False] * len(outline)
        self.last_child: dict[int, int] = {}  # the last unit placed under each owner
        self.last_node: dict[int, int] = {}  # the last node placed under each owner
        #: The paragraphs each node owns so far, and whether each opened with a run-in topic.
        self.topics: dict[int, list[bool]] = {}
        self.stack: list[int] = []
        self.appeal = _closing_appeal(text, units, outline, heads)

    def run(self) -> tuple[int, ...]:
        owners: list[int] = []
        for ui, kind in enumerate(self.units.kind):
            if kind == TITLE:
                owners.append(OUTSIDE)
                continue
            if kind == NODE:
                owner = self._node(self.units.node[ui])
            elif kind == PARAGRAPH:
                owner = self._paragraph(ui)
            else:
                if kind in (model.ATTACHMENTS, model.NOTES):
                    self.stack.clear()  # they list or comment on the whole document: they are its own
                owner = self.stack[-1] if self.stack else DOCUMENT
            owners.append(owner)
            self.last_child[owner] = ui
        return _keep_nesting(owners, self.units, self.outline)

    def _node(self, at: int) -> int:
        parent = self.parent[at]
        self.stack[:] = _path(self.outline, parent)
        previous = self.last_node.get(parent)
        if previous is not None and self.key[previous] == self.key[at]:
            self.colon[at] = self.colon[previous]
        else:
            before = self.last_child.get(parent)
            self.colon[at] = parent >= 0 and _ends_with_colon(self.text, self.units, self.heads, before, parent)
        self.last_node[parent] = at
        self.stack.append(at)
        return parent

    def _paragraph(self, ui: int) -> int:
        stack = self.stack
        if self.units.closing[ui] or ui in self.appeal:
            stack.clear()
        body = self.units.content(self.text, ui)
        self._turn(body)
        while stack and self._closes(stack[-1]):
            stack.pop()
        if stack and not self.hashes[stack[-1]]:  # a markdown heading's body is no sign for its run
            top = stack[-1]
            self.owning_runs.add((self.parent[top], self.key[top]))
        owner = stack[-1] if stack else DOCUMENT
        self.topics.setdefault(owner, []).append(_RUN_IN.match(body) is not None)
        return owner

    def _turn(self, body: str) -> None:
        """Close the points that a paragraph turning back to their owner leaves behind."""
        stack = self.stack
        if not stack or not self._last_with_content(stack[-1]):
            return
        if _SALUTATION.match(body) or (_VOICE.match(body) and self._unfolded_by_topics(stack[-1])):
            # A new movement of the part: every last point below the part closes (a part at the top
            # level stays open; only the document's closing appeal leaves it).
            while len(stack) > 1 and self._last_with_content(stack[-1]):
                stack.pop()
        elif _SUM_UP.match(body) or (_OUTLOOK.match(body) and len(stack) == 1):
            stack.pop()  # 以上十项…: the run's owner speaks again

    def _last_with_content(self, at: int) -> bool:
        """Is node ``at`` the last point of its run, with text of its own already?"""
        if self.last_of_run.get((self.parent[at], self.key[at])) != at or self.hashes[at]:
            return False
        return bool(self.heads[at].text or self.topics.get(at))

    def _unfolded_by_topics(self, at: int) -> bool:
        """Has every paragraph of node ``at`` so far opened with a run-in topic (更大力度稳定就业。…)?"""
        seen = self.topics.get(at)
        return bool(seen) and all(seen or ())

    def _closes(self, at: int) -> bool:
        """Does a paragraph here belong to the owner of node ``at`` rather than to it?"""
        if self.heads[at].title or not self.outline.style[at].listed or self.hashes[at]:
            return False
        if self.colon[at]:
            return True  # after the last entry of a list introduced by a colon (下列职责：)
        run = (self.parent[at], self.key[at])
        # After the last point of a run none of whose points owns a paragraph: the run was a
        # list of one-paragraph entries, and what follows sums up for their owner.
        return self.last_of_run.get(run) == at and run not in self.owning_runs


def _closing_appeal(
    text: str, units: Units, outline: Outline, heads: Sequence[Head]
) -> set[int]:
    """The paragraphs of a speech's closing appeal: after the body's last point, from the last
    paragraph that addresses the audience (各位代表！) when an appeal (让我们…) follows within a few
    paragraphs, to the end of the body (an annex, an attachment list or the closing matter)."""
    last = -1  # the body's last node unit
    kinds = units.kind
    end = len(units)
    for ui, kind in enumerate(kinds):
        if kind in (model.ATTACHMENTS, model.NOTES) or units.closing[ui]:
            end = ui
            break
        if kind == NODE:
            if outline.style[units.node[ui]] is ANNEX:
                end = ui
                break
            last = ui
    if last < 0:
        return set()
    paragraphs = [ui for ui in range(last + 1, end) if kinds[ui] == PARAGRAPH]
    # The first paragraph after a point without text of its own is that text, not a closing.
    first = 0 if heads[units.node[last]].text else 1
    for k in range(len(paragraphs) - 1, first - 1, -1):
        body = units.content(text, paragraphs[k])
        if _SALUTATION.match(body):
            tail = paragraphs[k:]
            # What follows the appeal to the end (a licence footer of the page it came from) is no more
            # the last point's than the appeal is.
            if any(_appeals(units.content(text, ui)) for ui in tail[:_APPEAL_PARAGRAPHS]):
                return set(tail)
            return set()
    return set()


def _appeals(body: str) -> bool:
    """An appeal to the audience (让我们…团结…奋斗), or a pledge that ends in an exclamation."""
    m = _SALUTATION.match(body)
    rest = body[m.end():] if m else body
    return bool(_appeal().search(rest)) or rest.rstrip().endswith(("！", "!"))


def _keep_nesting(owners: list[int], units: Units, outline: Outline) -> tuple[int, ...]:
    """A paragraph that turned back to an ancestor cannot stand before a node the outline puts
    deeper, inside a part already open: the part goes on after it, so the paragraph is the part's.
    (The tree is read in document order: a paragraph of the document between a heading and that
    heading's own child would come after the child.)"""
    parent_of_next: int | None = None  # the parent of the first node after the unit being read
    kinds = units.kind
    for ui in range(len(units) - 1, -1, -1):
        if kinds[ui] == NODE:
            parent_of_next = outline.parent[units.node[ui]]
            continue
        owner = owners[ui]
        if parent_of_next is None or parent_of_next < 0 or owner in (parent_of_next, OUTSIDE):
            continue
        path = _path(outline, parent_of_next)
        if owner == DOCUMENT or owner in path:
            owners[ui] = parent_of_next
    return tuple(owners)


def _path(outline: Outline, at: int) -> list[int]:
    """Node ``at`` and its ancestors, outermost first."""
    path: list[int] = []
    parent = outline.parent
    while at >= 0:
        path.append(at)
        at = parent[at]
    path.reverse()
    return path


def _ends_with_colon(text: str, units: Units, heads: Sequence[Head], before: int | None,
                     parent: int) -> bool:
    """Does what stands right before a list (its previous sibling, else its parent's line) end with a colon?"""
    if before is None:
        content = heads[parent].text or heads[parent].title
    else:
        kind = units.kind[before]
        if kind == PARAGRAPH:
            content = units.content(text, before)
        elif kind == NODE:
            head = heads[units.node[before]]
            content = head.text or head.title
        else:
            content = text[units.start[before]:units.end[before]]
    return content.rstrip().endswith(("：", ":"))
