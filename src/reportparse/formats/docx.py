"""Word files (.docx): the paragraphs in order, with Word's automatic numbering written into them.

A Word file whose ``一、`` and ``（一）`` are automatic numbering holds no marker in its text:
the number lives in ``numbering.xml`` (a level's format, ``chineseCounting``, and its text,
``%1、``) and in the paragraph's ``numPr`` (or its style's).  A reader sees ``一、总体要求``;
so the text made here has the number rendered as Word renders it, and the text parser
reads it like any other.  Tables become one line per row, set aside; headers, footers,
footnotes and comments live in other parts of the package and are not read; text Word
would not show (tracked deletions, field codes, the fallback copy of a text box) is left out.

Only the standard library is used: ``zipfile`` and ``xml.etree`` read a package faster than
python-docx (which builds an object per run and knows nothing of numbering), and expat
(2.4 and later) refuses entity expansion bombs.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from io import BytesIO
from typing import NamedTuple
from xml.etree import ElementTree

from ..model import TABLE
from ..source import DecodeError
from . import Extracted, wordnum

_MAIN = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_FALLBACK = f"{{{_MC}}}Fallback"
#: A part may not inflate past this many times the file (a zip bomb), nor past 1 GiB.
_INFLATE = 200
_MAX_PART = 2**30
_PART_PATH = re.compile(r'Target="(?P<target>[^"]+)"')


def _w(name: str) -> str:
    return f"{{{_MAIN}}}{name}"


P, R, T, TAB, BR, CR, TBL, TR, TC, SDT = (_w(n) for n in ("p", "r", "t", "tab", "br", "cr", "tbl", "tr", "tc", "sdt"))
DEL, INS, INSTR, DEL_TEXT, HYPHEN = (_w(n) for n in ("del", "ins", "instrText", "delText", "noBreakHyphen"))
VAL = _w("val")


class _Package(NamedTuple):
    document: ElementTree.Element
    numbering: ElementTree.Element | None
    styles: ElementTree.Element | None


def read(data: bytes, encoding: str | None = None) -> Extracted:
    """The text of a .docx (``encoding`` does not apply: the package's XML says its own)."""
    package = _open(data)
    numbers = wordnum.Numbering(package.numbering, package.styles)
    lines: list[str] = []
    aside: dict[int, str] = {}
    body = package.document.find(_w("body"))
    for kind, text in _blocks(body if body is not None else package.document, numbers):
        for piece in text.split("\n"):
            if kind == TABLE:
                aside[len(lines)] = TABLE
            lines.append(piece)
    return Extracted("\n".join(lines) + "\n" if lines else "", "docx", "utf-8", aside)


def _open(data: bytes) -> _Package:
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise DecodeError(f"a Word document (.docx) that cannot be opened: {exc}", code="unreadable-docx") from None
    limit = min(_MAX_PART, max(len(data), 1 << 20) * _INFLATE)
    with archive:
        names = set(archive.namelist())
        main = _main_part(archive, names, limit)
        if main is None:
            raise DecodeError("a Word document (.docx) without its document part", code="unreadable-docx")
        rels = _part(archive, names, _rels_of(main), limit)
        targets = dict(_relations(rels, main)) if rels is not None else {}
        document = _xml(archive, names, main, limit)
        assert document is not None
        numbering = _xml(archive, names, targets.get("numbering", "word/numbering.xml"), limit)
        styles = _xml(archive, names, targets.get("styles", "word/styles.xml"), limit)
    return _Package(document, numbering, styles)


def _main_part(archive: zipfile.ZipFile, names: set[str], limit: int) -> str | None:
    """The document part named by the package's relationships (word/document.xml nearly always)."""
    rels = _part(archive, names, "_rels/.rels", limit)
    if rels is not None:
        for match in re.finditer(rb"<Relationship\b[^>]*>", rels):
            tag = match.group().decode("utf-8", "replace")
            if "/officeDocument" in tag:
                target = _PART_PATH.search(tag)
                if target is not None and target["target"].lstrip("/") in names:
                    return target["target"].lstrip("/")
    return "word/document.xml" if "word/document.xml" in names else None


def _rels_of(part: str) -> str:
    folder, _, name = part.rpartition("/")
    return f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"


def _relations(rels: bytes, part: str) -> Iterator[tuple[str, str]]:
    """(kind, part name) of the numbering and styles parts a document part points to."""
    folder = part.rpartition("/")[0]
    for match in re.finditer(rb"<Relationship\b[^>]*>", rels):
        tag = match.group().decode("utf-8", "replace")
        target = _PART_PATH.search(tag)
        if target is None:
            continue
        path = target["target"]
        path = path.lstrip("/") if path.startswith("/") else (f"{folder}/{path}" if folder else path)
        for kind in ("numbering", "styles"):
            if tag.find(f'/{kind}"') >= 0:
                yield kind, path


def _part(archive: zipfile.ZipFile, names: set[str], name: str, limit: int) -> bytes | None:
    if name not in names:
        return None
    info = archive.getinfo(name)
    if info.file_size > limit:
        raise DecodeError(f"a Word document (.docx) whose {name} inflates to {info.file_size} bytes (a zip bomb?)",
                          code="too-large")
    try:
        with archive.open(info) as handle:
            data = handle.read(limit + 1)  # the header's size may lie
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError) as exc:
        # A damaged or encrypted part, or a compression method zipfile does not know.
        raise DecodeError(f"a Word document (.docx) whose {name} cannot be read: {exc}",
                          code="unreadable-docx") from None
    if len(data) > limit:
        raise DecodeError(f"a Word document (.docx) whose {name} inflates past {limit} bytes (a zip bomb?)",
                          code="too-large")
    return data


def _xml(archive: zipfile.ZipFile, names: set[str], name: str, limit: int) -> ElementTree.Element | None:
    data = _part(archive, names, name, limit)
    if data is None:
        return None
    if _STRICT.encode() in data[:4096]:
        # Strict OOXML names the same elements in another namespace.
        data = data.replace(_STRICT.encode(), _MAIN.encode())
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise DecodeError(f"a Word document (.docx) whose {name} is not well-formed XML: {exc}",
                          code="unreadable-docx") from None


def _blocks(parent: ElementTree.Element, numbers: wordnum.Numbering) -> Iterator[tuple[str, str]]:
    """("", paragraph text) and (TABLE, row text) in the order of the body."""
    for child in parent:
        tag = child.tag
        if tag == P:
            yield "", numbers.label(child) + _text(child)
        elif tag == TBL:
            for row in child.iter(TR):
                cells = (" ".join(_text(p) for p in cell.iter(P)) for cell in row if cell.tag == TC)
                yield TABLE, "\t".join(cells).replace("\n", " ")
        elif tag in (SDT, INS) or tag.endswith(("}customXml", "}sdtContent")):
            yield from _blocks(child, numbers)


def _text(paragraph: ElementTree.Element) -> str:
    """What Word shows of a paragraph: its runs' text, tabs and line breaks, no field codes,
    no deleted text, and a text box's fallback copy not a second time."""
    out: list[str] = []
    boxes: list[str] = []

    def walk(node: ElementTree.Element) -> None:
        for child in node:
            tag = child.tag
            if tag == T:
                out.append(child.text or "")
            elif tag == TAB:
                out.append("\t")
            elif tag in (BR, CR):
                out.append("\n")
            elif tag == HYPHEN:
                out.append("-")
            elif tag in (DEL, INSTR, DEL_TEXT, _FALLBACK):
                continue  # deleted, a field's code, or the fallback copy of what the choice holds
            elif tag == P:
                boxes.append(_text(child))  # a text box's paragraph: a line of its own, after this one
            else:
                walk(child)

    walk(paragraph)
    return "".join(out) + "".join("\n" + box for box in boxes)
