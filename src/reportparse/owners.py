"""Owners: which node every paragraph and block belongs to.

A paragraph belongs to the nearest open node, except after the last point of a
list: a list introduced by a colon (``下列职责：``) or a run of one-paragraph
entries hands what follows back to its owner.  The closing matter of the
document (signature, date, ``特此通知``) and an attachment list belong to the
document.  Nodes belong to the parent the outline gave them.
"""

from __future__ import annotations

from . import model
from .blocks import NODE, PARAGRAPH, TITLE, Unit
from .headings import Head
from .outline import Outline

#: The owner of the title unit, which stands outside the tree.
OUTSIDE = -2
#: The owner of what belongs to the document itself.
DOCUMENT = -1


def assign(text: str, units: tuple[Unit, ...], outline: Outline, heads: tuple[Head, ...]) -> tuple[int, ...]:
    """For every unit, the position in the outline of the node it belongs to (:data:`DOCUMENT`, or
    :data:`OUTSIDE` for the title); a node unit's owner is its parent."""
    nodes = outline.nodes
    # The last point of each run of siblings, and the runs one of whose points owns a paragraph.
    last_of_run = {(p.parent, p.key): at for at, p in enumerate(nodes)}
    owning_runs: set[tuple[int, str]] = set()
    colon: dict[int, bool] = {}  # a point of a list introduced by a colon (…下列职责：)
    last_child: dict[int, int] = {}  # the last unit placed under each owner
    last_node: dict[int, int] = {}  # the last node placed under each owner
    stack: list[int] = []
    owners: list[int] = []

    def closes(at: int) -> bool:
        """Does a paragraph here belong to the owner of node ``at`` rather than to it?"""
        p = nodes[at]
        if heads[at].title or not p.style.listed or p.hashes:
            return False
        if colon[at]:
            return True  # after the last entry of a list introduced by a colon (下列职责：)
        run = (p.parent, p.key)
        # After the last point of a run none of whose points owns a paragraph: the run was a
        # list of one-paragraph entries, and what follows sums up for their owner.
        return last_of_run.get(run) == at and run not in owning_runs

    for ui, unit in enumerate(units):
        if unit.kind == TITLE:
            owners.append(OUTSIDE)
            continue
        if unit.kind == NODE:
            at = unit.node
            p = nodes[at]
            stack[:] = _path(outline, p.parent)
            previous = last_node.get(p.parent)
            if previous is not None and nodes[previous].key == p.key:
                colon[at] = colon[previous]
            else:
                colon[at] = p.parent >= 0 and _ends_with_colon(text, units, heads, last_child.get(p.parent), p.parent)
            last_node[p.parent] = at
            owner = p.parent
            stack.append(at)
        elif unit.kind == PARAGRAPH:
            if unit.closing:
                stack.clear()
            while stack and closes(stack[-1]):
                stack.pop()
            if stack and not nodes[stack[-1]].hashes:  # a markdown heading's body is no sign for its run
                top = nodes[stack[-1]]
                owning_runs.add((top.parent, top.key))
            owner = stack[-1] if stack else DOCUMENT
        else:
            if unit.kind in (model.ATTACHMENTS, model.NOTES):
                stack.clear()  # they list or comment on the whole document: they are its own
            owner = stack[-1] if stack else DOCUMENT
        owners.append(owner)
        last_child[owner] = ui
    return tuple(owners)


def _path(outline: Outline, at: int) -> list[int]:
    """Node ``at`` and its ancestors, outermost first."""
    path: list[int] = []
    while at >= 0:
        path.append(at)
        at = outline.nodes[at].parent
    path.reverse()
    return path


def _ends_with_colon(text: str, units: tuple[Unit, ...], heads: tuple[Head, ...], before: int | None,
                     parent: int) -> bool:
    """Does what stands right before a list (its previous sibling, else its parent's line) end with a colon?"""
    if before is None:
        content = heads[parent].text or heads[parent].title
    else:
        unit = units[before]
        if unit.kind == PARAGRAPH:
            content = unit.content(text)
        elif unit.kind == NODE:
            content = heads[unit.node].text or heads[unit.node].title
        else:
            content = text[unit.start:unit.end]
    return content.rstrip().endswith(("：", ":"))
