"""Tree: the document's nodes, each built once from the values of the stages before.

The outline gives every node its parent, the owners stage every paragraph and
block its node, the headings stage every node its title and text, and the
annotations stage what each one names; here the levels, kinds and end lines
follow from them and every :class:`~.model.Node` is made in one place.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from . import model
from .annotate import Notes
from .blocks import NODE, PARAGRAPH, TITLE, Unit
from .headings import Head
from .model import Node
from .outline import Outline
from .owners import DOCUMENT
from .text import strip_title


class Shape(NamedTuple):
    """Where every node stands: its depth, whether it owns anything, the last line of its subtree."""

    levels: list[int]
    owns: list[bool]
    end_lines: list[int]  # by outline position


def shape(units: Sequence[Unit], outline: Outline, owners: tuple[int, ...]) -> Shape:
    count = len(outline)
    levels = [0] * count
    for at, parent in enumerate(outline.parent):
        levels[at] = levels[parent] + 1 if parent >= 0 else 1  # a parent comes before its children
    owns = [False] * count
    end_lines = [0] * count
    # Backwards, every node's subtree is done before the node itself is reached.
    for ui in range(len(units) - 1, -1, -1):
        unit = units[ui]
        owner = owners[ui]
        if unit.kind == TITLE:
            continue
        end = unit.last + 1
        if unit.kind == NODE:
            end = end_lines[unit.node] = max(end_lines[unit.node], end)
        if owner >= 0:
            end_lines[owner] = max(end_lines[owner], end)
            if unit.kind in (NODE, PARAGRAPH):
                owns[owner] = True
    return Shape(levels, owns, end_lines)


def title_of(text: str, unit: Unit) -> model.Title:
    content = unit.content(text)
    return model.Title(strip_title(content) or content, unit.first + 1, unit.last + 1, (unit.start, unit.end))


def build(
    text: str,
    units: list[Unit],
    outline: Outline,
    heads: list[Head],
    owners: tuple[int, ...],
    notes: Notes | None,
) -> tuple[model.Title | None, list[Node]]:
    """The document title and the top-level nodes, every node made once with all its fields.

    The tree is the last stage to read the units, the heads and the notes: it takes them over and
    lets each entry go as soon as its node is made (the lists are left emptied or cut short), so
    that a large document's nodes and the values they are made from never all stand at once.  The
    outline's columns, a few bytes a node, it only reads.
    """
    where = shape(units, outline, owners)
    parents = set(owners)  # the nodes something belongs to; the others are leaves
    root: list[Node] = []
    kids: dict[int, list[Node]] = {}  # by outline position, in reverse order until their node is made
    title: model.Title | None = None
    annotated = notes.annotations if notes is not None else None
    dates = notes.dates if notes is not None else None
    style, marker, number = outline.style, outline.marker, outline.number
    # Backwards, popping: a node's children are all made before it, and every unit is freed here.
    for ui in range(len(units) - 1, -1, -1):
        unit = units.pop()
        annotations = annotated.pop() if annotated is not None else None
        date = dates.pop() if dates is not None else None
        if unit.kind == TITLE:
            title = title_of(text, unit)
            continue
        line = unit.first + 1
        if unit.kind == NODE:
            at = unit.node
            head = heads[at]
            # Backwards, the nodes from ``at`` on are all made: let their heads go (the outline's
            # columns cost a few bytes a node, and stand until the end).
            del heads[at + 1:]
            children: list[Node] | tuple[()] = ()
            if at in parents:
                children = kids.pop(at, [])
                children.reverse()
            end_line = where.end_lines[at]
            # Positional, in the order of Node's fields: a call with fourteen keywords costs twice
            # as much, once per node of the document.
            node = Node(
                model.SECTION if head.title or where.owns[at] else model.ITEM,  # kind
                line,
                line if end_line == line else end_line,  # end_line
                (unit.start, unit.end),  # span
                head.text,
                where.levels[at],  # level
                style[at].name,  # style
                marker[at],  # one string per marker as written (the outline stage shares them)
                number[at],
                head.title,
                children,
                date,
                unit.gaps,
                annotations or _NONE if annotations is not None else None,  # annotations
            )
        else:
            node = Node(
                unit.kind,
                line,
                line if unit.last == unit.first else unit.last + 1,  # end_line
                (unit.start, unit.end),  # span
                unit.content(text) if unit.kind == PARAGRAPH else text[unit.start:unit.end],  # text
                0, "", "", None, "", (), None,  # level, style, marker, number, title, children, date: a block has none
                unit.gaps,
                annotations or _NONE if annotations is not None else None,  # annotations
            )
        owner = owners[ui]
        if owner == DOCUMENT:
            root.append(node)
        elif owner in kids:
            kids[owner].append(node)
        else:
            kids[owner] = [node]
    root.reverse()
    return title, root


#: The annotations of a node that has none: one empty tuple for all of them.
_NONE: tuple[()] = ()
