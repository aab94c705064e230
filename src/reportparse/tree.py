"""Tree: the document's nodes, each built once from the values of the stages before.

The outline gives every node its parent, the owners stage every paragraph and
block its node, the headings stage every node its title and text, and the
annotations stage what each one names; here the levels, kinds and end lines
follow from them and every :class:`~.model.Node` is made in one place.
"""

from __future__ import annotations

from typing import NamedTuple

from . import model
from .annotate import Notes
from .blocks import NODE, PARAGRAPH, TITLE, Units
from .headings import Head
from .model import Node
from .outline import Outline
from .owners import DOCUMENT
from .text import strip_title


class Shape(NamedTuple):
    """Where every node stands: its depth, whether it owns anything, the last line of its subtree."""

    levels: list[int]
    owns: bytearray
    #: By outline position.  A list: a node's last line is its last descendant's, the same int.
    end_lines: list[int]


def shape(units: Units, outline: Outline, owners: tuple[int, ...]) -> Shape:
    count = len(outline)
    levels = [0] * count
    for at, parent in enumerate(outline.parent):
        levels[at] = levels[parent] + 1 if parent >= 0 else 1  # a parent comes before its children
    owns = bytearray(count)
    end_lines = [0] * count
    kinds, last, node = units.kind, units.last, units.node
    # Backwards, every node's subtree is done before the node itself is reached.
    for ui in range(len(units) - 1, -1, -1):
        kind = kinds[ui]
        owner = owners[ui]
        if kind == TITLE:
            continue
        end = last[ui] + 1
        if kind == NODE:
            at = node[ui]
            end = end_lines[at] = max(end_lines[at], end)
        if owner >= 0:
            end_lines[owner] = max(end_lines[owner], end)
            if kind in (NODE, PARAGRAPH):
                owns[owner] = 1
    return Shape(levels, owns, end_lines)


def title_of(text: str, units: Units, ui: int) -> model.Title:
    content = units.content(text, ui)
    return model.Title(strip_title(content) or content, units.first[ui] + 1, units.last[ui] + 1, units.span(ui))


def build(
    text: str,
    units: Units,
    outline: Outline,
    heads: list[Head],
    owners: tuple[int, ...],
    notes: Notes | None,
) -> tuple[model.Title | None, list[Node]]:
    """The document title and the top-level nodes, every node made once with all its fields.

    The tree is the last stage to read the units, the outline, the heads and the notes: it takes
    them over and lets each entry go once its node is made (the lists and columns are left emptied
    or cut short), so that a large document's nodes and the values they are made from never all
    stand at once.
    """
    where = shape(units, outline, owners)
    root: list[Node] = []
    kids: dict[int, list[Node]] = {}  # by outline position, in reverse order until their node is made
    title: model.Title | None = None
    annotated = notes.annotations if notes is not None else None
    dates = notes.dates if notes is not None else None
    style, marker, number = outline.style, outline.marker, outline.number
    kinds, first, last, start, end, gaps = units.kind, units.first, units.last, units.start, units.end, units.gaps
    made = len(outline)  # the outline's nodes from here on are made
    # Backwards, popping: a node's children are all made before it, and the units are let go as
    # their nodes are made.
    for ui in range(len(units) - 1, -1, -1):
        annotations = annotated.pop() if annotated is not None else None
        date = dates.pop() if dates is not None else None
        kind = kinds[ui]
        if kind == TITLE:
            title = title_of(text, units, ui)
            continue
        line = first[ui] + 1
        if kind == NODE:
            at = units.node[ui]
            head = heads[at]
            # Backwards, the nodes from ``at`` on are all made: let their heads go (the outline's
            # columns with the units', below, a few at a time).
            del heads[at + 1:]
            made = at
            # Its children, all made (they follow it); a leaf shares the empty tuple.
            children: list[Node] | tuple[()] = kids.pop(at, ())
            if children:
                children.reverse()
            end_line = where.end_lines[at]
            # Positional, in the order of Node's fields: a call with fourteen keywords costs twice
            # as much, once per node of the document.
            node = Node(
                model.SECTION if head.title or where.owns[at] else model.ITEM,  # kind
                line,
                line if end_line == line else end_line,  # end_line
                (start[ui], end[ui]),  # span
                head.text,
                where.levels[at],  # level
                style[at].name,  # style
                marker[at],  # one string per marker as written (markers.py shares them)
                number[at],
                head.title,
                children,
                date,
                gaps.get(ui, ()),
                annotations or _NONE if annotations is not None else None,  # annotations
            )
        else:
            unit_last = last[ui]
            node = Node(
                kind,
                line,
                line if unit_last + 1 == line else unit_last + 1,  # end_line
                (start[ui], end[ui]),  # span
                units.content(text, ui) if kind == PARAGRAPH else text[start[ui]:end[ui]],  # text
                0, "", "", None, "", (), None,  # level, style, marker, number, title, children, date: a block has none
                gaps.get(ui, ()),
                annotations or _NONE if annotations is not None else None,  # annotations
            )
        if not ui & _CUT_EVERY:
            units.cut(ui)
            outline.cut(made)
        owner = owners[ui]
        if owner == DOCUMENT:
            root.append(node)
        elif owner in kids:
            kids[owner].append(node)
        else:
            kids[owner] = [node]
    root.reverse()
    return title, root


#: The units are let go in steps of this many (plus one): a cut costs a pass over every column.
_CUT_EVERY = 0xFFF

#: The annotations of a node that has none: one empty tuple for all of them.
_NONE: tuple[()] = ()
