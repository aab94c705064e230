"""The pipeline: bytes ─► decode ─► lines ─► markers ─► outline ─► blocks ─► Document."""

from __future__ import annotations

import gc
import os

from . import blocks, headings, outline, paragraphs, tree
from .annotate import annotate
from .checks import check
from .model import Diagnostic, Document, Source
from .reading import DEFAULT_MAX_BYTES, read_path
from .source import decode, sha256, split_lines


def parse(
    text: str,
    *,
    path: str | None = None,
    encoding: str = "utf-8",
    size: int | None = None,
    digest: str | None = None,
    reflow: bool = True,
    annotations: bool = True,
) -> Document:
    """Parse decoded report text into a :class:`Document`.

    ``encoding``, ``size`` and ``digest`` describe the bytes the text came
    from; for text given directly they describe its UTF-8 encoding.  With
    ``reflow=False`` hard-wrapped lines are not joined back into paragraphs;
    with ``annotations=False`` dates, quantities and the rest are not looked for.
    """
    # The tree holds no reference cycles, and a large document makes hundreds of thousands of
    # small objects: the cyclic collector would rescan them again and again (time grows faster
    # than the input), so it rests while a document is parsed.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _parse(text, path, encoding, size, digest, reflow, annotations)
    finally:
        if collecting:
            gc.enable()


def _parse(
    text: str,
    path: str | None,
    encoding: str,
    size: int | None,
    digest: str | None,
    reflow: bool,
    annotations: bool,
) -> Document:
    if size is None or digest is None:
        raw = text.encode("utf-8", "surrogatepass")
        size, digest = len(raw), sha256(raw)
    lines = split_lines(text)
    infos = blocks.scan(text, lines)
    title_index = blocks.find_title(text, infos)
    if title_index is not None:
        infos[title_index].title = True
        infos[title_index].match = None
    wrapping = blocks.detect_wrapping(text, infos) if reflow else blocks.Wrapping(False, 0)
    accepted, diagnostics = outline.resolve(text, infos, wrapping)
    unit_list = paragraphs.units(text, infos, accepted, wrapping)
    headings.decide_titles(text, unit_list, accepted)
    title, children = tree.assemble(text, unit_list)
    line_count = len(lines)
    # The working records of the stages are done with: let them go before the annotations are made.
    del lines, infos, accepted, unit_list
    source = Source(path=path, encoding=encoding, bytes=size, sha256=digest, lines=line_count)
    doc = Document(source=source, title=title, children=children, diagnostics=diagnostics, text=text)
    doc.diagnostics.extend(check(doc))
    doc.diagnostics.sort(key=lambda d: d.line)
    return annotate(doc) if annotations else doc


def parse_bytes(
    data: bytes,
    *,
    path: str | None = None,
    encoding: str | None = None,
    errors: str = "strict",
    reflow: bool = True,
    annotations: bool = True,
) -> Document:
    """Decode and parse a report's bytes (see :func:`reportparse.source.decode`).

    With ``errors="replace"`` undecodable bytes become U+FFFD and a
    ``decode-replaced`` diagnostic says how many and where.
    """
    decoded = decode(data, encoding, errors)
    size, digest = len(data), sha256(data)
    # The bytes are done with: when the caller holds no reference (parse_file, the batch runner)
    # they are freed before the parse, which is where a large document's memory peaks.
    del data
    doc = parse(
        decoded.text,
        path=path,
        encoding=decoded.encoding,
        size=size,
        digest=digest,
        reflow=reflow,
        annotations=annotations,
    )
    if decoded.replaced:
        first = decoded.text.find("\ufffd")
        line = decoded.text.count("\n", 0, first) + decoded.text.count("\r", 0, first)
        line -= decoded.text.count("\r\n", 0, first)
        doc.diagnostics.insert(0, Diagnostic(
            "warning", "decode-replaced", line + 1,
            f"{decoded.replaced} undecodable byte sequence(s) replaced with U+FFFD "
            f"(the first at byte offset {decoded.first_bad})",
        ))
        doc.diagnostics.sort(key=lambda d: d.line)
    return doc


def parse_file(
    path: str | os.PathLike[str],
    *,
    encoding: str | None = None,
    errors: str = "strict",
    reflow: bool = True,
    annotations: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Document:
    """Read, decode and parse one file: a regular file or a named pipe, of at most ``max_bytes``
    (:class:`reportparse.reading.ReadError`, an OSError, says why a file is not taken)."""
    return parse_bytes(
        read_path(os.fspath(path), max_bytes), path=str(path), encoding=encoding, errors=errors, reflow=reflow,
        annotations=annotations,
    )
