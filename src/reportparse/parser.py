"""The pipeline: bytes ─► decode ─► lines ─► markers ─► outline ─► blocks ─► Document."""

from __future__ import annotations

import os
from pathlib import Path

from . import blocks, headings, outline, paragraphs, tree
from .annotate import annotate
from .checks import check
from .model import Document, Source
from .source import decode, sha256, split_lines


def parse(text: str, *, path: str | None = None, encoding: str = "utf-8", size: int | None = None,
          digest: str | None = None) -> Document:
    """Parse decoded report text into a :class:`Document`.

    ``encoding``, ``size`` and ``digest`` describe the bytes the text came
    from; for text given directly they describe its UTF-8 encoding.
    """
    if size is None or digest is None:
        raw = text.encode("utf-8", "surrogatepass")
        size, digest = len(raw), sha256(raw)
    lines = split_lines(text)
    infos = blocks.scan(text, lines)
    title_index = blocks.find_title(text, infos)
    if title_index is not None:
        infos[title_index].title = True
        infos[title_index].match = None
    wrapping = blocks.detect_wrapping(text, infos)
    accepted, diagnostics = outline.resolve(text, infos, wrapping)
    unit_list = paragraphs.units(text, infos, accepted, wrapping)
    headings.decide_titles(text, unit_list, accepted)
    title, children = tree.assemble(text, unit_list)
    source = Source(path=path, encoding=encoding, bytes=size, sha256=digest, lines=len(lines))
    doc = Document(source=source, title=title, children=children, diagnostics=diagnostics, text=text)
    doc.diagnostics.extend(check(doc))
    doc.diagnostics.sort(key=lambda d: d.line)
    return annotate(doc)


def parse_bytes(data: bytes, *, path: str | None = None, encoding: str | None = None) -> Document:
    """Decode and parse a report's bytes (see :func:`reportparse.source.decode`)."""
    decoded = decode(data, encoding)
    return parse(decoded.text, path=path, encoding=decoded.encoding, size=len(data), digest=sha256(data))


def parse_file(path: str | os.PathLike[str], *, encoding: str | None = None) -> Document:
    """Read, decode and parse one file."""
    p = Path(path)
    return parse_bytes(p.read_bytes(), path=str(path), encoding=encoding)
