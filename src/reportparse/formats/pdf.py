"""PDF: the text layer, page by page, read with pdfium (pypdfium2, the ``pdf`` extra).

The pages' text is joined by a line break, line for line as pdfium gives it, and the text
parser does the rest as it does on text copied out of a PDF: it joins hard-wrapped lines,
and knows page numbers (``— 3 —``) and running heads.  What the pages alone tell for
certain goes to ``aside`` as furniture: a line that opens or closes two or more pages
(at least a third of them) with the same short text, and a page's first or last line that
is nothing but a number (a running head with the page's number in it counts as one).  A
page with no text leaves a blank line where its text would be, and one that shows something
nonetheless (a scan) a warning there; a file none of whose pages has text is refused.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..source import DecodeError
from . import Extracted

FURNITURE = "furniture"
#: pdfium keeps state shared between documents and is not safe to call from two threads.
_LOCK = threading.Lock()
#: Control characters pdfium may leave in a text layer (a soft hyphen as \x02, NULs, \f),
#: which would make lines of their own or lines of nothing visible.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]")
_BREAK = re.compile("\r\n?")
#: A line that is a page number alone: 3, - 3 -, — 3 —, 第 3 页, 3/10, iv.
_FOLIO = re.compile(
    r"\s*(?:[-—－–~〜]*\s*\d{1,4}\s*[-—－–~〜]*|第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|[ivxlc]{1,6}|[IVXLC]{1,6})\s*"
)
#: A running head is a short line: a title, a gazette's name, a chapter's name.
_HEAD_CHARS = 40
_SENTENCE_END = frozenset("。！？；：!?;:")
_DIGITS = re.compile(r"\d+")
#: A line set in further than this many characters is centred or set right, not indented; its
#: distance is still shown, up to this many full-width spaces.
_MAX_INDENT = 8
_NUMBERED = re.compile(r"\s*(?:第\s*\d|[(（［\[]?\s*\d+\s*[)）］\].．、,，]|\d+\s*$)")


class Page(NamedTuple):
    """One page's lines of text, and whether anything is drawn on it (a picture, a scan)."""

    number: int
    lines: list[str]
    drawn: bool


def read(data: bytes, encoding: str | None = None) -> Extracted:
    """The text of a PDF's pages (``encoding`` is not used: a PDF's text layer is Unicode)."""
    with _LOCK:
        pages = list(_pages(data))
    if not any(page.lines for page in pages):
        raise DecodeError("a scanned PDF: no page has a text layer (run OCR first)", code="no-text")
    return _assemble(pages)


def _open(data: bytes) -> Any:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise DecodeError("an encrypted PDF: it cannot be opened without its password",
                              code="unreadable-pdf") from None
        raise _unreadable(error) from None


def _pages(data: bytes) -> Iterator[Page]:
    document = _open(data)
    try:
        for index in range(len(document)):
            yield _page(document, index)
    except pdfium.PdfiumError as error:
        raise _unreadable(error) from None
    finally:
        document.close()


def _unreadable(error: Exception) -> DecodeError:
    # pypdfium2 says "Failed to load document (PDFium: Data format error)."; pdfium's own
    # words are the part worth a user's reading.
    message = str(error).rstrip(".) ")
    why = message.rpartition("PDFium: ")[2] or message
    return DecodeError(f"a PDF that cannot be read (pdfium: {why.lower()})", code="unreadable-pdf")


def _page(document: Any, index: int) -> Page:
    # Each page and its text are closed as soon as read: a document of a thousand pages
    # holds one page's objects at a time.
    page = document[index]
    try:
        textpage = page.get_textpage()
        try:
            raw = textpage.get_text_range() if textpage.count_chars() > 0 else ""
            raw = _indented(textpage, raw)
        finally:
            textpage.close()
        drawn = pdfium_c.FPDFPage_CountObjects(page.raw) > 0
    finally:
        page.close()
    text = _CONTROL.sub("", _BREAK.sub("\n", raw)).strip("\n")
    lines = text.split("\n") if text.strip() else []
    return Page(index + 1, lines, drawn)


def _indented(textpage: Any, raw: str) -> str:
    """The page's lines with their indentation written as full-width spaces, as a reader sees it.

    A text layer has no spaces where a line is set in from the margin: the position says it. But
    the first-line indent of two characters is how a GB/T 9704 page shows where a paragraph begins
    (a heading that fills a line, then a body line, read alike without it), so it is put back, one
    full-width space per character width the line's first character stands in from the page's
    left margin.
    """
    lines = raw.split("\r\n")
    if len(lines) < 2 or textpage.count_chars() != len(raw):
        return raw  # characters beyond the BMP: the text's indices are no longer pdfium's
    starts: list[tuple[int, float, float]] = []  # (line, left, width of its first character)
    at = 0
    for i, line in enumerate(lines):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            left, _, right, _ = textpage.get_charbox(at + lead)
            starts.append((i, left, right - left))
        at += len(line) + 2
    if not starts:
        return raw
    margin = min(left for _, left, _ in starts)
    for i, left, width in starts:
        if width > 0:
            steps = round((left - margin) / width)
            if steps >= 1:
                lines[i] = "\u3000" * min(steps, _MAX_INDENT) + lines[i].lstrip()
    return "\r\n".join(lines)


def _assemble(pages: Sequence[Page]) -> Extracted:
    out: list[str] = []
    warnings: list[tuple[int, str, str]] = []
    edges: list[tuple[int, int]] = []  # the first and last line (0-based) of each page with text
    for page in pages:
        if page.lines:
            edges.append((len(out), len(out) + len(page.lines) - 1))
            out.extend(page.lines)
            continue
        if page.drawn:
            warnings.append((len(out) + 1, "no-text-layer",
                             f"page {page.number} has no text layer (a scan?): its text is not in the outline"))
        # Text does not run on over a page that is missing: a blank line ends the paragraph.
        out.append("")
    # Every line ends with a line break, the last too, as in a text file (and -f text prints it so).
    return Extracted("".join(f"{line}\n" for line in out), format="pdf", encoding=None,
                     aside=_furniture(out, edges), warnings=tuple(warnings))


def _furniture(lines: Sequence[str], edges: Sequence[tuple[int, int]]) -> dict[int, str]:
    """Page numbers and running heads, by where they stand on the pages."""
    aside: dict[int, str] = {}
    for side in (0, 1):
        ends = [edge[side] for edge in edges]
        counts: dict[str, int] = {}
        for i in ends:
            key = _key(lines[i])
            counts[key] = counts.get(key, 0) + 1
        repeated = max(2, -(-len(ends) // 3))
        for i in ends:
            body = lines[i].strip()
            if _FOLIO.fullmatch(body) or _is_head(body, counts[_key(body)], repeated):
                aside[i] = FURNITURE
    # A page that is one line only has it as both ends; a number is the only thing taken there.
    for first, last in edges:
        if first == last and not _FOLIO.fullmatch(lines[first].strip()):
            aside.pop(first, None)
    return aside


def _is_head(body: str, count: int, repeated: int) -> bool:
    # A line that ends a sentence is text, however often it comes back at a page's edge; so is
    # one that opens with a number (第3条, 3.), whose numbers only differ.
    return (count >= repeated and len(body) <= _HEAD_CHARS and body[-1:] not in _SENTENCE_END
            and _NUMBERED.match(body) is None)


def _key(line: str) -> str:
    # Running heads that differ only in spacing or in the page's number (青川市公报 · 17 ·) are one.
    return _DIGITS.sub("#", "".join(line.split()))
