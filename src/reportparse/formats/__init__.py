"""Documents that are not plain text: Word files, web pages and PDFs, read into text.

Each format is one row of :data:`READERS`: how its bytes are recognised, the module that
reads it (imported only when such a file comes, so start-up pays nothing), and the extra
to install when that module needs a library we do not require.  A reader returns
:class:`Extracted`: the text as a reader sees it (Word's automatic numbering rendered into
it, a web page's block elements as lines), and the lines it sets aside (tables, a web
page's navigation and footer) by kind.  The text parser then runs on that text unchanged,
so every format gets the same outline, and every span indexes the extracted text
(``reportparse FILE -f text`` prints it).
"""

from __future__ import annotations

import importlib
import os
import re
from collections.abc import Callable, Mapping
from functools import cache
from typing import NamedTuple

from ..source import DecodeError

TEXT = "text"


class Extracted(NamedTuple):
    """What a reader made of a file."""

    text: str
    #: The format it was read as (``html``, ``docx``, ``pdf``).
    format: str
    #: The character set the file's own text was stored in, when it has one (a web page's
    #: charset, the XML encoding of a Word file); None for a PDF.
    encoding: str | None
    #: Lines (0-based) of ``text`` the reader knows are no part of the outline, with their kind
    #: (``table``, ``furniture``).
    aside: Mapping[int, str]
    #: Warnings the reader has for the user: (line, code, message), line 1-based.
    warnings: tuple[tuple[int, str, str], ...] = ()


class MissingExtra(DecodeError):
    """The reader of a format needs a library that is not installed."""

    def __init__(self, kind: str, extra: str) -> None:
        super().__init__(
            f"{kind} needs the {extra} reader: pip install 'reportparse[{extra}]'", code="missing-extra"
        )


class Reader(NamedTuple):
    #: The value of ``source.format``.
    name: str
    #: What the file is, for messages.
    kind: str
    #: File name endings that select it when the bytes do not say.
    suffixes: tuple[str, ...]
    #: Do these bytes (the first 64 KiB and the last) belong to this format?
    sniff: Callable[[bytes, bytes], bool]
    #: ``module:function`` of the reader, relative to this package.
    entry: str
    #: The extra that brings its library, or None when it needs none.
    extra: str | None
    #: The module that extra installs, to tell a missing extra from a broken reader.
    needs: str | None = None


@cache
def _html_start() -> re.Pattern[bytes]:
    # Compiled when a file is first sniffed, not when the command starts.
    return re.compile(
        rb"\A(?:\xef\xbb\xbf)?(?:\s|<!--.*?-->|<\?xml[^>]*>)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
        re.IGNORECASE | re.DOTALL,
    )


def _is_docx(head: bytes, ends: bytes) -> bool:
    return head.startswith(b"PK\x03\x04") and b"word/document.xml" in ends


def _is_pdf(head: bytes, ends: bytes) -> bool:
    # A PDF may have a few bytes of junk before its header; readers look in the first kilobyte.
    return b"%PDF-" in head[:1024]


def _is_html(head: bytes, ends: bytes) -> bool:
    start = head[:4096]
    if start.startswith((b"\xff\xfe", b"\xfe\xff")):
        # A page saved as "Unicode" by Windows tools: its markup is ASCII only once decoded.
        start = start.decode("utf-16", "ignore").encode("utf-8", "ignore")
    # The pattern matches only at a tag: bytes with no < are no page, and a text file is told so
    # without compiling it.
    return b"<" in start and _html_start().match(start) is not None


#: The formats read besides text, in the order they are tried on a file's bytes.
READERS: tuple[Reader, ...] = (
    Reader("pdf", "a PDF document", (".pdf",), _is_pdf, "pdf:read", "pdf", "pypdfium2"),
    Reader("docx", "a Word document (.docx)", (".docx",), _is_docx, "docx:read", None),
    Reader("html", "a web page", (".html", ".htm", ".xhtml", ".shtml"), _is_html, "html:read", None),
)
BY_NAME = {r.name: r for r in READERS}
#: File name patterns of the formats, for finding inputs in folders.
GLOBS = tuple(f"*{s}" for r in READERS for s in r.suffixes)
NAMES = (TEXT, *BY_NAME)
_LOOK = 65536


def detect(data: bytes, path: str | None = None) -> Reader | None:
    """The reader for ``data``, or None for text: by the bytes first, the file name second.

    The bytes decide where they can (a ``.txt`` that is a PDF is read as a PDF), and a
    name ending in ``.html`` does not make a PDF a web page; a name only chooses among
    formats the bytes cannot rule out (a fragment of HTML with no ``<html>``).
    """
    head = data[:_LOOK]
    ends = head + data[-_LOOK:] if len(data) > _LOOK else head
    for reader in READERS:
        if reader.sniff(head, ends):
            return reader
    if path:
        suffix = os.path.splitext(path)[1].lower()
        for reader in READERS:
            # Only HTML may lack a signature; a .docx or .pdf without theirs is not one.
            if suffix in reader.suffixes and reader.name == "html":
                return reader
    return None


def extract(reader: Reader, data: bytes, encoding: str | None = None) -> Extracted:
    """Read ``data`` as ``reader``'s format (:class:`MissingExtra` when its library is absent)."""
    module_name, function = reader.entry.split(":")
    if reader.needs is not None:
        try:
            importlib.import_module(reader.needs)
        except ImportError:
            raise MissingExtra(reader.kind, reader.extra or reader.name) from None
    module = importlib.import_module(f".{module_name}", __name__)
    read: Callable[[bytes, str | None], Extracted] = getattr(module, function)
    return read(data, encoding)
