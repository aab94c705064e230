"""The terminal view: the outline as a tree, a table of the items under each section, diagnostics.

rich measures Chinese characters at their East Asian width, so columns line up;
item text folds at the column edge instead of being cut, because Chinese has no
spaces to break at.  Without a terminal (or with colour turned off) the same
view is written as plain text.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.segment import Segment
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from .. import printable
from ..model import ITEM, PARAGRAPH, SECTION, Document, Node
from . import head

# Every string from the document passes printable.text on its way in: an escape sequence in a
# report (ESC ] 8 hidden links, ESC [ 2J) is shown, not obeyed.

_SNIPPET = 36


def _snippet(text: str, size: int = _SNIPPET) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def _fit(text: str, cells: int) -> str:
    """``text`` cut to at most ``cells`` terminal cells (Chinese characters take two)."""
    if cell_len(text) <= cells:
        return text
    out = []
    used = 1  # the ellipsis
    for ch in text:
        used += cell_len(ch)
        if used > cells:
            break
        out.append(ch)
    return "".join(out) + "…"


#: Punctuation that Chinese typesetting never puts at the start of a line, and at its end (禁则).
_NO_LINE_START = set("，。、；：！？）」』】》〉”’…—·,.;:!?)]}%")
_NO_LINE_END = set("（「『【《〈“‘([{")


def wrap_cjk(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` cells; a closing mark never opens a line (it takes a character along)."""
    lines: list[str] = []
    line: list[str] = []
    used = 0
    for ch in text:
        size = cell_len(ch)
        if used + size > width and line:
            cut = len(line)
            if ch in _NO_LINE_START:
                # Move the marks just before the new one and the character they close down with
                # it, as typesetters do, when that still leaves something on this line and fits.
                back = cut
                while back > 0 and line[back - 1] in _NO_LINE_START:
                    back -= 1
                back -= 1
                moved = line[back:] if back > 0 else []
                if moved and sum(cell_len(c) for c in moved) + size <= width:
                    cut = back
            if cut == len(line) and cut > 1 and line[cut - 1] in _NO_LINE_END and cell_len(line[-1]) + size <= width:
                cut -= 1  # an opening mark goes down with what it opens
            lines.append("".join(line[:cut]))
            line = line[cut:]
            used = sum(cell_len(c) for c in line)
        line.append(ch)
        used += size
    if line or not lines:
        lines.append("".join(line))
    return lines


class Folded:
    """Text that folds at the cell edge of its table column, following 禁则."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(min(8, max(1, cell_len(self.text))), max(1, cell_len(self.text)))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in wrap_cjk(self.text, max(2, options.max_width)):
            yield Segment(line)
            yield Segment.line()


def heading(node: Node, budget: int = _SNIPPET) -> Text:
    """``专题一：各级领导…`` for a titled node; the marker and the start of its text otherwise,
    cut to ``budget`` terminal cells so that a tree line does not wrap."""
    label = Text()
    text = head(node)
    marker = printable.text(node.marker)
    if node.marker:
        label.append(marker, style="bold cyan")
        text = text[len(node.marker):]
    if node.title:
        label.append(printable.text(text), style="bold")
    elif node.text:
        gap = "" if node.marker and node.marker[-1] in "、.．:：)）" else " "
        body = _fit(printable.text(node.text), max(8, budget - cell_len(marker) - len(gap)))
        label.append(gap + body, style="dim")
    return label


def _counts(node: Node) -> str:
    items = sum(1 for child in node.children if child.kind == ITEM)
    paragraphs = sum(1 for child in node.children if child.kind == PARAGRAPH)
    parts = []
    if items:
        parts.append(f"{items} item" + ("s" if items != 1 else ""))
    if paragraphs:
        parts.append(f"{paragraphs} ¶")
    return "  · " + ", ".join(parts) if parts else ""


def _add_sections(tree: Tree, nodes: Sequence[Node], depth: int | None, width: int) -> None:
    for node in nodes:
        if node.kind != SECTION or (depth is not None and node.level > depth):
            continue
        counts = _counts(node)
        label = heading(node, width - 4 * node.level - cell_len(counts) - 1)
        label.append(counts, style="dim")
        branch = tree.add(label)
        _add_sections(branch, node.children, depth, width)


def outline_tree(doc: Document, depth: int | None = None, width: int = 80) -> Tree:
    name = printable.text(doc.title.text) if doc.title else printable.line(doc.source.path or "(untitled)")
    root = Text(name, style="bold")
    tree = Tree(root, guide_style="dim")
    _add_sections(tree, doc.children, depth, width)
    return tree


def _item_table(owner: Node | None, items: list[Node], path: str) -> Table:
    table = Table(
        title=Text(path, style="bold"),
        title_justify="left",
        expand=True,
        show_edge=True,
        pad_edge=False,
    )
    table.add_column("No.", no_wrap=True, style="cyan")
    if any(item.date for item in items):
        table.add_column("Date", no_wrap=True, style="green")
    table.add_column("Text", ratio=1)
    with_date = len(table.columns) == 3
    for item in items:
        row: list[RenderableType] = [Text(printable.text(item.marker))]
        if with_date:
            row.append(Text(item.date or ""))
        table.add_row(*row, Folded(printable.text(item.text)))
    return table


def _tables(nodes: Sequence[Node], trail: list[str], depth: int | None, out: list[RenderableType],
            owner: Node | None = None) -> None:
    items = [node for node in nodes if node.kind == ITEM]
    if items:
        path = " > ".join(trail) if trail else "(top level)"
        out.append(_item_table(owner, items, path))
    for node in nodes:
        if node.kind != SECTION or (depth is not None and node.level > depth):
            continue
        name = heading(node).plain
        _tables(node.children, [*trail, _snippet(name, 24)], depth, out, node)


def _summary(doc: Document) -> RenderableType | None:
    """How many dated events each month, and the largest quantities of the commonest units."""
    months: dict[str, int] = {}
    for node in doc.walk():
        if node.kind == ITEM and node.date and len(node.date) >= 7:
            months[node.date[:7]] = months.get(node.date[:7], 0) + 1
    by_unit: dict[str, list[tuple[float, str, int]]] = {}
    for node in doc.walk():
        for a in node.annotations or ():
            if a.kind == "quantity" and a.extra.get("unit") not in ("%", "个百分点", "倍"):
                by_unit.setdefault(a.extra["unit"], []).append((float(a.value), a.text, node.line))
    parts: list[RenderableType] = []
    if months:
        table = Table(title=Text("Dated events by month", style="bold"), title_justify="left", pad_edge=False)
        table.add_column("Month", style="green")
        table.add_column("Events", justify="right")
        table.add_column("", style="cyan")
        most = max(months.values())
        for month in sorted(months):
            table.add_row(month, str(months[month]), "█" * max(1, round(12 * months[month] / most)))
        parts.append(table)
    if by_unit:
        units = sorted(by_unit, key=lambda u: (-len(by_unit[u]), u))[:3]
        table = Table(title=Text("Largest quantities", style="bold"), title_justify="left", pad_edge=False)
        table.add_column("Quantity")
        table.add_column("Line", justify="right", style="dim")
        for unit in units:
            for _, phrase, line in sorted(by_unit[unit], key=lambda q: (-q[0], q[2]))[:3]:
                table.add_row(Text(printable.text(phrase)), str(line))
        parts.append(table)
    if not parts:
        return None
    return Group(*[item for part in parts for item in (part, Text(""))][:-1])


def render(doc: Document, console: Console, *, outline_only: bool = False, depth: int | None = None) -> None:
    """Print the view of ``doc`` on ``console``."""
    console.print(outline_tree(doc, depth, console.width))
    if not outline_only:
        tables: list[RenderableType] = []
        _tables(doc.children, [], depth, tables)
        for table in tables:
            console.print()
            console.print(table)
    if not outline_only:
        summary = _summary(doc)
        if summary is not None:
            console.print()
            console.print(summary)
    if doc.diagnostics:
        console.print()
        lines = [
            Text.assemble((f"line {d.line}: ", "bold yellow"), printable.text(d.message)) for d in doc.diagnostics
        ]
        console.print(Text("Diagnostics", style="bold"))
        console.print(Padding(Group(*lines), (0, 0, 0, 2)))
