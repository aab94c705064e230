"""The annotations stage: dates, quantities, cited titles, document numbers and inline enumerations.

Every annotation carries its span in the source text and goes to the node or
paragraph whose own content contains it.  Values are normalised (``2023年5月`` →
``2023-05``, ``12亿多元`` → 1 200 000 000 元, more than), and a date whose year
is not written takes it from context — the last year written before it in the
document, else the year the title names — and says so (``inferred``).

The patterns are compiled on first use, so a run that asks for no
annotations does not pay for them.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import Any, NamedTuple

from . import citations, enumerations, quantities
from .annotation import Annotation, Taken, in_order
from .blocks import NODE, PARAGRAPH, Units
from .dates import DateReader
from .headings import Head
from .meta import document_meta, document_year, reports_on_year
from .owners import DOCUMENT


class Notes(NamedTuple):
    """The annotations stage's value: by unit, its annotations (None for set-aside blocks and the
    title) and its event date; and the document's metadata."""

    annotations: list[Sequence[Annotation] | None]
    dates: list[str | None]
    meta: dict[str, Any]


def annotate_text(text: str, start: int = 0, end: int | None = None, year: int | None = None,
                  reader: DateReader | None = None, markers: list[tuple[int, int]] | None = None) -> list[Annotation]:
    """Every annotation in ``text[start:end]``, spans in ``text``'s offsets, sorted by position;
    ``markers`` are the spans of the items' markers, which no figure reads as its own."""
    end = len(text) if end is None else end
    reader = reader or DateReader(year)
    titles = citations.titles(text, start, end)
    dates = reader.read(text, start, end, [a.span for a in titles])
    if titles:
        cited = Taken([a.span for a in titles])
        dates = [a for a in dates if not cited.overlaps(*a.span)]  # 《2012年法律援助規例》 names no date
    numbers = citations.docnumbers(text, start, end)
    taken = [a.span for a in dates + numbers]
    # A figure inside a cited title or a document number is not a quantity of the report.
    shares = quantities.fractions(text, start, end)
    figures = shares + quantities.quantities(text, start, end, taken + [a.span for a in titles + shares], markers)
    found = dates + titles + numbers + figures + enumerations.inline(text, start, end)
    return in_order(found)


def annotate(
    text: str, units: Units, owners: tuple[int, ...], heads: Sequence[Head], title: str | None
) -> Notes:
    """The annotations of every node and paragraph, the event date of every untitled point, and ``meta``.

    The patterns run once over the whole text, in order (so that a year written
    earlier is the context of a date that omits it); each annotation then goes to
    the unit whose own content holds it, found by bisection.
    """
    reader = DateReader(document_year(title), reports_on_year(title))
    # A unit's list is made with its first annotation: most units name nothing.
    lists: list[list[Annotation] | None] = [None] * len(units)
    # The own ranges of the nodes and paragraphs as three lists (start, end, the unit's position):
    # no tuple each.
    starts: list[int] = []
    ends: list[int] = []
    owned: list[int] = []
    markers: list[tuple[int, int]] = []
    untitled: list[int] = []
    kinds = units.kind
    for ui, kind in enumerate(kinds):
        if kind != NODE and kind != PARAGRAPH:
            continue
        gaps = units.gaps.get(ui)
        start = units.start[ui]
        if gaps:
            for own_start, own_end in _own_ranges(start, units.end[ui], gaps):
                starts.append(own_start)
                ends.append(own_end)
                owned.append(ui)
        else:  # nearly every unit
            starts.append(start)
            ends.append(units.end[ui])
            owned.append(ui)
        if kind == NODE:
            content_start = units.content_start[ui]
            if content_start > start:
                markers.append((start, content_start))
            if not heads[units.node[ui]].title:
                untitled.append(ui)
    # The units come in document order, so their ranges nearly always do: sorted only when not (a
    # sort by index would make an int and three lists the size of the document).
    if any(starts[i] > starts[i + 1] for i in range(len(starts) - 1)):
        order = sorted(range(len(starts)), key=starts.__getitem__)
        starts, ends, owned = [starts[i] for i in order], [ends[i] for i in order], [owned[i] for i in order]
    for a in annotate_text(text, 0, len(text), reader=reader, markers=markers):
        start, end = a.span
        at = bisect_right(starts, start) - 1
        if at >= 0 and end <= ends[at]:
            own = lists[owned[at]]
            if own is None:
                lists[owned[at]] = [a]
            else:
                own.append(a)
    del starts, ends, owned
    for ui, part in enumerations.paragraph_runs(text, units, owners).items():
        if kinds[ui] == NODE or kinds[ui] == PARAGRAPH:
            opened = lists[ui]
            if opened is None:
                lists[ui] = [part]
            else:
                opened.insert(0, part)
    dates: list[str | None] = [None] * len(units)
    for ui in untitled:
        dates[ui] = _event_date(heads[units.node[ui]].text, lists[ui] or [])
    top = [ui for ui, owner in enumerate(owners) if owner == DOCUMENT]

    def text_of(i: int) -> str:
        ui = top[i]
        return units.content(text, ui) if kinds[ui] == PARAGRAPH else text[units.start[ui]:units.end[ui]]

    # A node or paragraph that names nothing has one empty tuple for all of them; a set-aside block
    # or the title, None.
    found: list[Sequence[Annotation] | None] = [
        own if own is not None else _NONE if kind in (NODE, PARAGRAPH) else None
        for own, kind in zip(lists, kinds, strict=True)
    ]
    return Notes(found, dates, document_meta(title, [kinds[ui] for ui in top], text_of))


def _own_ranges(start: int, end: int, gaps: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The ranges from ``start`` to ``end`` outside the ``gaps``."""
    ranges = []
    for gap_start, gap_end in sorted(gaps):
        ranges.append((start, gap_start))
        start = gap_end
    ranges.append((start, end))
    return ranges


def _event_date(text: str, annotations: list[Annotation]) -> str | None:
    """An item's date: the one its text opens with (``2023年5月，…``), else the first it names."""
    dates = [a for a in annotations if a.kind == "date"]
    leading = [a for a in dates if text.startswith(a.text)]
    for a in leading or dates[:1]:
        value = a.value if isinstance(a.value, str) else a.value.get("from")
        return value if isinstance(value, str) else None
    return None


#: The annotations of a unit that has none.
_NONE: tuple[()] = ()
