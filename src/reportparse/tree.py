"""Tree: the accepted nodes, paragraphs and set-aside blocks assembled in document order.

Each paragraph belongs to the nearest open node, except after the last point of
a list: a list introduced by a colon (``下列职责：``) or a run of one-paragraph
entries hands what follows back to its owner.  Levels, kinds and end lines are
set last, from the finished tree.
"""

from __future__ import annotations

from . import model
from .headings import strip_title
from .model import Node
from .outline import LIST_STYLES, Pending
from .paragraphs import Unit


def assemble(text: str, unit_list: list[Unit]) -> tuple[model.Title | None, list[Node]]:
    root: list[Node] = []
    title: model.Title | None = None
    stack: list[Pending] = []
    pending_of: dict[int, Pending] = {}
    # The last point of each run of siblings, and the runs one of whose points owns a paragraph.
    last_of_run: dict[tuple[int, str], Pending] = {}
    for unit in unit_list:
        if unit.pending is not None:
            last_of_run[(id(unit.pending.parent), unit.pending.key)] = unit.pending
    owning_runs: set[tuple[int, str]] = set()

    def closes(p: Pending) -> bool:
        """Does a paragraph here belong to ``p``'s owner rather than to ``p``?"""
        if p.node.title or p.style.name not in LIST_STYLES or p.hashes:
            return False
        if p.colon:
            return True  # after the last entry of a list introduced by a colon (下列职责：)
        run = (id(p.parent), p.key)
        # After the last point of a run none of whose points owns a paragraph: the run was a
        # list of one-paragraph entries, and what follows sums up for their owner.
        return last_of_run.get(run) is p and run not in owning_runs

    def owner_children() -> list[Node]:
        return stack[-1].node.children if stack else root

    for unit in unit_list:
        if unit.kind == "title":
            title = model.Title(
                strip_title(unit.content(text)) or unit.content(text),
                unit.first + 1,
                unit.last + 1,
                (unit.start, unit.end),
            )
            continue
        if unit.pending is not None:
            p = unit.pending
            node = p.node
            node.span = (unit.start, unit.end)
            node.gaps = unit.gaps
            node.end_line = unit.last + 1
            path: list[Pending] = []
            anc = p.parent
            while anc is not None:
                path.append(anc)
                anc = anc.parent
            path.reverse()
            stack[:] = path
            siblings = owner_children()
            previous = next((pending_of[id(s)] for s in reversed(siblings) if id(s) in pending_of), None)
            if previous is not None and previous.key == p.key:
                p.colon = previous.colon
            else:
                p.colon = _introduced_by_colon(p, siblings)
            pending_of[id(node)] = p
            siblings.append(node)
            stack.append(p)
            continue
        if unit.kind == "paragraph":
            if unit.closing:
                stack.clear()
            while stack and closes(stack[-1]):
                stack.pop()
            if stack and not stack[-1].hashes:  # a markdown heading's body is no sign for its run
                owning_runs.add((id(stack[-1].parent), stack[-1].key))
            node = Node(
                kind=model.PARAGRAPH,
                line=unit.first + 1,
                end_line=unit.last + 1,
                span=(unit.start, unit.end),
                text=unit.content(text),
                gaps=unit.gaps,
            )
            owner_children().append(node)
            continue
        block = Node(
            kind=unit.kind,
            line=unit.first + 1,
            end_line=unit.last + 1,
            span=(unit.start, unit.end),
            text=text[unit.start:unit.end],
        )
        if unit.kind == model.ATTACHMENTS:
            stack.clear()
        owner_children().append(block)
    _finish(root, 1)
    return title, root


def _introduced_by_colon(p: Pending, siblings: list[Node]) -> bool:
    if p.parent is None:
        return False  # the points of a notice (通知如下：一、…二、…) own their paragraphs
    if siblings:
        before = siblings[-1]
        content = before.text if before.kind == model.PARAGRAPH else (before.text or before.title)
    elif p.parent is not None:
        content = p.parent.node.text or p.parent.node.title
    else:
        return False
    return content.rstrip().endswith(("：", ":"))


def _finish(nodes: list[Node], level: int) -> int:
    """Set levels, kinds and end lines; return the last line of the list."""
    last = 0
    for node in nodes:
        if node.numbered:
            node.level = level
            if node.children:
                node.end_line = max(node.end_line, _finish(node.children, level + 1))
            owns = any(child.kind in (model.SECTION, model.ITEM, model.PARAGRAPH) for child in node.children)
            node.kind = model.SECTION if node.title or owns else model.ITEM
        last = max(last, node.end_line)
    return last
