"""Web pages read into text: one line per block element, set-aside lines by kind.

A government page is read the way a browser shows it: scripts, styles and comments are no
text; block elements and ``<br>`` end lines; runs of ASCII white space are one space while
full-width spaces (``目　　录``) and no-break spaces stay; ``<pre>`` keeps its lines.  What a
page puts around its article (``<nav>``, ``<footer>``, breadcrumbs, share bars, toolbars,
marked so by element or by class/id) comes out as ``furniture`` lines, and the rows of a data
table as ``table`` lines, cells joined by a tab, so numbered rows make no outline nodes.  A
table that only lays the page out (its cells hold paragraphs) is read like any block.

The standard library's :class:`html.parser.HTMLParser` tokenises; what it is given is made
safe first (:func:`.defuse.defuse`), because on inputs that end in an unterminated tag, comment or
declaration its end-of-input handling is quadratic, and ``<![`` before a non-name raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

from ..model import FURNITURE, TABLE
from . import Extracted
from .charset import decode_page
from .defuse import ANY_TAG, defuse

# -- the page's lines -------------------------------------------------------------------------

#: Elements that a browser lays out as blocks: their start and end end the line.
_BLOCK = frozenset((
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "dir",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "frameset", "h1", "h2", "h3", "h4",
    "h5", "h6", "head", "header", "hgroup", "hr", "html", "legend", "li", "listing", "main", "menu", "nav", "ol",
    "optgroup", "option", "p", "plaintext", "pre", "search", "section", "select", "summary", "table", "tbody",
    "td", "textarea", "tfoot", "th", "thead", "tr", "ul", "xmp",
))
_VOID = frozenset((
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input", "keygen", "link",
    "meta", "param", "source", "track", "wbr",
))
#: The parts of a table that are no block of text of their own.
_TABLE_PARTS = frozenset(("table", "caption", "colgroup", "thead", "tbody", "tfoot", "tr", "td", "th"))
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
#: What an open element on top of the stack is closed by, when no end tag comes (<li>a<li>b).
_CLOSED_BY: dict[str, frozenset[str]] = {
    "p": _BLOCK - {"td", "th", "tr", "tbody", "thead", "tfoot", "caption", "body", "html", "head", "option",
                   "optgroup"},
    "li": frozenset(("li",)),
    "dt": frozenset(("dt", "dd")),
    "dd": frozenset(("dt", "dd")),
    "option": frozenset(("option", "optgroup")),
    **dict.fromkeys(_HEADINGS, _HEADINGS),
}

#: Elements that are a page's frame, not its article, by name or by ARIA role.
_FRAME_TAGS = frozenset(("nav", "footer", "aside", "menu", "select"))
_FRAME_ROLES = frozenset(("navigation", "banner", "contentinfo", "search", "complementary", "toolbar", "menu",
                          "menubar"))
#: Words of class and id values that name navigation, breadcrumbs, share and tool bars, footers
#: (English and the pinyin Chinese sites use: daohang 导航, weizhi 位置, fenxiang 分享, banquan 版权,
#: dibu 底部, dqwz 当前位置, xglj 相关链接, yqlj 友情链接).  Not "print": printContent and print-area
#: hold the very article a print button prints.
_FRAME_WORDS = frozenset((
    "menu", "foot", "bottom", "tool", "tools", "position", "location", "bread", "pager", "related", "search",
    "login", "banner", "copyright", "dibu", "dqwz", "xglj", "yqlj", "skip",
))
_FRAME_PREFIXES = ("nav", "breadcrumb", "crumb", "footer", "share", "toolbar", "copyright", "sidebar", "topbar",
                   "pagination", "bdshare", "fenxiang", "daohang", "banquan", "weizhi")
_FRAME_SUFFIXES = ("nav", "navbar", "menu", "crumb", "crumbs", "footer", "share", "toolbar", "tools")
#: Containers of the whole page, whose class says how a script styles the page (nav-open), not what they hold.
_WHOLE_PAGE = frozenset(("html", "body", "main", "article"))
#: A whole class or id that names the page's header (not an article's: ``article-header`` holds its title).
_HEADER_VALUES = frozenset(("header", "head", "top", "site-header", "page-header", "topbar"))
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_NAME_SPLIT = re.compile(r"[^a-z0-9]+")

#: Browsers collapse ASCII white space only; U+3000 and no-break spaces are characters of the text.
_ASCII_SPACE = re.compile(r"[ \t\n\r\f]+")
_ASCII_BLANKS = " \t\n\r\f"
#: A line break in the markup between two wide characters is no space (CSS Text 3's segment break
#: rule, as Firefox applies it): a CMS that wraps its source must not split 文旅 产业 in a title.
_WIDE = "\u2e80-\u303f\u3040-\u9fff\uf900-\ufaff\uff01-\uff60\uffe0-\uffe6\U00020000-\U0003ffff"
_WIDE_BREAK = re.compile(f"(?<=[{_WIDE}])[ \t\r\f]*\n[ \t\n\r\f]*(?=[{_WIDE}])")
#: A cell with a paragraph's worth of text, or with several <br>, is prose laid out in a table.
_CELL_PROSE_CHARS = 300
_CELL_PROSE_BREAKS = 3

# Context bits an element passes to what it contains.
_FURNITURE = 1
_PRE = 2
_SKIP = 4
_CONTENT = 8


def _names_frame(tag: str, attrs: list[tuple[str, str | None]], in_content: bool) -> bool:
    """Does this element hold the page's navigation, header, footer or tools rather than its text?"""
    if tag in _FRAME_TAGS:
        return True
    if tag == "header":
        return not in_content  # an <article>'s own <header> holds its title
    if tag in _WHOLE_PAGE:
        return False
    for name, value in attrs:
        if not value:
            continue
        if name == "role" and value.strip().lower() in _FRAME_ROLES:
            return True
        if name not in ("class", "id"):
            continue
        if not in_content and value.strip().lower() in _HEADER_VALUES:
            return True
        for word in _NAME_SPLIT.split(_CAMEL.sub(" ", value).lower()):
            if word and (word in _FRAME_WORDS or word.startswith(_FRAME_PREFIXES) or word.endswith(_FRAME_SUFFIXES)):
                return True
    return False


@dataclass
class _Cell:
    lines: list[tuple[str, str]] = field(default_factory=list)
    #: It holds a block element (a paragraph, a nested table): a cell of a layout table.
    blocks: bool = False
    breaks: int = 0

    def is_prose(self) -> bool:
        return (self.blocks or self.breaks >= _CELL_PROSE_BREAKS
                or sum(len(text) for text, _ in self.lines) > _CELL_PROSE_CHARS)


@dataclass
class _Table:
    kind: str
    #: Stack depth of the <table> element.
    table_at: int
    cells: list[_Cell] | None = None
    cell: _Cell | None = None
    #: Stack depths of the open <tr> and <td> (-1 for a row no <tr> opened).
    row_at: int = -1
    cell_at: int = -1


class _Page(HTMLParser):
    """The lines of a page as a browser lays them out, with the kind of each set-aside line.

    Open elements are a list, never a recursion, and an end tag with no open element of its
    name is let go at once (a count per name), so neither deep nesting nor stray end tags cost
    more than the elements themselves.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        #: Open elements: name, context bits, whether it ends the line when it closes.
        self._stack: list[tuple[str, int, bool]] = []
        self._open: dict[str, int] = {}
        self._lines: list[tuple[str, str]] = []
        #: Where finished lines go: the page, or the cell of a table being read.
        self._sinks: list[list[tuple[str, str]]] = [self._lines]
        self._tables: list[_Table] = []
        self._pieces: list[str] = []
        self._kind: str | None = None
        self._pre_line = False
        self._pre_fresh = False

    def lines(self) -> list[tuple[str, str]]:
        """Every line of the page and its set-aside kind ("" for text), once the input has ended."""
        rest = self.rawdata
        if rest.startswith("<"):
            # html.parser stopped at a tag it reads as running to the end (an attribute's quote
            # never closed); its own end-of-input path would rescan the rest from every "<" in
            # it.  The rest is kept as text, its tags taken out in one pass.
            self.rawdata = ""
            self.handle_data(unescape(ANY_TAG.sub("", rest)))
        self.close()
        while self._stack:
            self._pop()
        self._flush()
        return self._lines

    # html.parser's callbacks

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._close_implied(tag)
        if tag == "br":
            self._line_break()
            return
        if tag in _VOID:
            if tag == "hr":
                self._flush()
            return
        parent = self._flags()
        flags = parent
        if tag in ("article", "main"):
            flags |= _CONTENT
        if tag in ("pre", "listing", "textarea", "plaintext", "xmp"):
            flags |= _PRE
            self._pre_fresh = True
        if tag == "template":
            flags |= _SKIP
        framed = not parent & _FURNITURE and _names_frame(tag, attrs, bool(parent & _CONTENT))
        if framed:
            flags |= _FURNITURE
        breaks = framed or tag in _BLOCK
        if breaks:
            self._flush()
        table = self._tables[-1] if self._tables else None
        if table is not None and table.cell is not None and tag in _BLOCK and (
                tag == "table" or tag not in _TABLE_PARTS):
            table.cell.blocks = True
        self._stack.append((tag, flags, breaks))
        self._open[tag] = self._open.get(tag, 0) + 1
        self._open_table_part(tag, flags, table)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # A browser reads <div/> as <div>: only void elements are empty.
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "br":  # </br> is a line break to browsers too
            self._line_break()
        elif self._open.get(tag):
            while self._pop() != tag:
                pass
        elif tag in _BLOCK:
            self._flush()  # a stray </p> is an empty paragraph: the line ends

    def handle_data(self, data: str) -> None:
        flags = self._flags()
        if flags & _SKIP:
            return
        if flags & _PRE:
            self._pre_data(data, flags)
        elif self._pieces or data.strip(_ASCII_BLANKS):
            self._add(data, flags)

    # lines

    def _flags(self) -> int:
        return self._stack[-1][1] if self._stack else 0

    def _add(self, data: str, flags: int) -> None:
        if self._kind is None:
            table = self._tables[-1] if self._tables else None
            if table is not None and table.cell is None and table.cells:
                # Text astray between cells: the cells before it come out first, so that nothing
                # changes places (a browser moves such text above the whole table).
                self._emit_row(table.cells, table.kind)
                table.cells = []
            if flags & _FURNITURE:
                self._kind = FURNITURE
            elif table is not None and table.cell is None:
                self._kind = table.kind  # a caption, or that text astray
            else:
                self._kind = ""
            self._pre_line = bool(flags & _PRE)
        self._pieces.append(data)

    def _pre_data(self, data: str, flags: int) -> None:
        data = data.replace("\r\n", "\n").replace("\r", "\n")
        if self._pre_fresh and data:
            # The line break right after <pre> is no part of its text, to a browser.
            self._pre_fresh = False
            data = data.removeprefix("\n")
        for k, part in enumerate(data.split("\n")):
            if k:
                self._flush()
            if part:
                self._add(part, flags)

    def _flush(self) -> None:
        if not self._pieces:
            return
        text = "".join(self._pieces)
        if self._pre_line:
            text = text.rstrip(_ASCII_BLANKS)
        else:
            if "\n" in text:
                text = _WIDE_BREAK.sub("", text)
            text = _ASCII_SPACE.sub(" ", text).strip(" ")
        if text.strip():  # a paragraph of &nbsp; or full-width spaces is no line
            self._sinks[-1].append((text, self._kind or ""))
        self._pieces = []
        self._kind = None
        self._pre_line = False

    def _line_break(self) -> None:
        self._flush()
        if self._tables and self._tables[-1].cell is not None:
            self._tables[-1].cell.breaks += 1

    # elements

    def _pop(self) -> str:
        tag, _, breaks = self._stack.pop()
        self._open[tag] -= 1
        if breaks:
            self._flush()
        if self._tables:
            depth = len(self._stack)
            table = self._tables[-1]
            if depth == table.cell_at:
                self._end_cell(table)
            elif depth == table.row_at:
                self._end_row(table)
            elif depth == table.table_at:
                self._end_row(table)
                self._tables.pop()
        return tag

    def _pop_to(self, depth: int) -> None:
        while len(self._stack) > depth:
            self._pop()

    def _close_implied(self, tag: str) -> None:
        """End the elements a start tag ends without their end tags: a cell by the next cell or
        row, a paragraph by a block, a list item by the next."""
        if self._tables and tag in ("td", "th", "tr", "thead", "tbody", "tfoot"):
            table = self._tables[-1]
            if table.cell is not None:
                self._pop_to(table.cell_at)
            if tag != "td" and tag != "th" and table.cells is not None:
                if table.row_at >= 0:
                    self._pop_to(table.row_at)
                else:
                    self._end_row(table)
        while self._stack and tag in _CLOSED_BY.get(self._stack[-1][0], ()):
            self._pop()

    def _open_table_part(self, tag: str, flags: int, table: _Table | None) -> None:
        depth = len(self._stack) - 1
        if tag == "table":
            if table is not None and table.cell is None and table.cells:
                # A table astray between the cells of another: those cells come out first.
                self._emit_row(table.cells, table.kind)
                table.cells = []
            self._tables.append(_Table(FURNITURE if flags & _FURNITURE else TABLE, depth))
        elif table is None:
            return
        elif tag == "tr":
            table.cells, table.row_at = [], depth
        elif tag in ("td", "th"):
            if table.cells is None:
                table.cells, table.row_at = [], -1  # a cell with no <tr> opens a row of its own
            table.cell, table.cell_at = _Cell(), depth
            self._sinks.append(table.cell.lines)

    def _end_cell(self, table: _Table) -> None:
        self._flush()
        assert table.cell is not None and table.cells is not None
        self._sinks.pop()
        table.cells.append(table.cell)
        table.cell, table.cell_at = None, -1

    def _end_row(self, table: _Table) -> None:
        """A row of data is one line, its cells joined by a tab; a row that lays prose out gives
        its cells' lines as they are."""
        if table.cell is not None:
            self._end_cell(table)
        cells, table.cells, table.row_at = table.cells, None, -1
        if cells:
            self._emit_row(cells, table.kind)

    def _emit_row(self, cells: list[_Cell], kind: str) -> None:
        sink = self._sinks[-1]
        if any(cell.is_prose() for cell in cells):
            for cell in cells:
                sink.extend(cell.lines)
            return
        row = "\t".join(" ".join(text for text, _ in cell.lines) for cell in cells).rstrip("\t")
        if row.strip():
            sink.append((row, kind))


def read(data: bytes, encoding: str | None) -> Extracted:
    """The text of a web page, its charset (``encoding``, from --encoding, wins over the page's
    own), and the lines of its frame and tables set aside."""
    text, codec, warnings = decode_page(data, encoding)
    page = _Page()
    # NUL is no character of a page's text: browsers drop it.
    page.feed(defuse(text.replace("\x00", "")))
    lines = page.lines()
    body = "".join(f"{line}\n" for line, _ in lines)
    aside = {i: kind for i, (_, kind) in enumerate(lines) if kind}
    return Extracted(body, "html", codec, aside, tuple(warnings))
