"""The pipeline, a value handed from stage to stage:

    bytes ─► decode ─► line table ─► lines ─► outline ─► blocks ─► headings ─► owners ─► annotations ─► tree ─► Document

Every stage returns a value of its own and never writes into another's; the
tree stage makes every node once, from all of them.
"""

from __future__ import annotations

import gc
import os

from . import blocks, formats, headings, lines, outline, owners, tree
from .annotate import annotate
from .checks import check
from .formats import TEXT, Extracted
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
    extracted: Extracted | None = None,
) -> Document:
    """Parse decoded report text into a :class:`Document`.

    ``encoding``, ``size`` and ``digest`` describe the bytes the text came
    from; for text given directly they describe its UTF-8 encoding.  With
    ``reflow=False`` hard-wrapped lines are not joined back into paragraphs;
    with ``annotations=False`` dates, quantities and the rest are not looked for.
    ``extracted``: what a reader of another format made of the bytes, whose text this is.
    """
    # The tree holds no reference cycles, and a large document makes hundreds of thousands of
    # small objects: the cyclic collector would rescan them again and again (time grows faster
    # than the input), so it rests while a document is parsed.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _parse(text, path, encoding, size, digest, reflow, annotations, extracted)
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
    extracted: Extracted | None = None,
) -> Document:
    if size is None or digest is None:
        raw = text.encode("utf-8", "surrogatepass")
        size, digest = len(raw), sha256(raw)
    table = split_lines(text)
    line_count = len(table)
    classified = lines.classify(text, table, reflow, extracted.aside if extracted is not None else None)
    del table
    found = outline.resolve(text, classified)
    # The markers read are the outline's input: what it accepted it keeps, and the stages after it
    # only ask whether a line opens with one.
    classified.drop_matches()
    numbering = check(text, classified, found)
    units = blocks.group(text, classified, found)
    # The lines are done with once they are grouped: let them go before the later stages run.
    del classified
    heads = headings.decide(text, units, found)
    owner_of = owners.assign(text, units, found, heads)
    title_text = _title_text(text, units)
    notes = annotate(text, units, owner_of, heads, title_text) if annotations else None
    title, children = tree.build(text, units, found, heads, owner_of, notes)
    diagnostics = numbering
    if extracted is not None:
        diagnostics.extend(Diagnostic("warning", code, line, message) for line, code, message in extracted.warnings)
    diagnostics.sort(key=lambda d: d.line)
    source = Source(path=path, encoding=extracted.encoding if extracted is not None else encoding, bytes=size,
                    sha256=digest, lines=line_count, format=extracted.format if extracted is not None else TEXT)
    return Document(
        source=source, title=title, children=children, diagnostics=diagnostics, text=text,
        meta=notes.meta if notes is not None else None,
    )


def _title_text(text: str, units: blocks.Units) -> str | None:
    for ui, kind in enumerate(units.kind):
        if kind == blocks.TITLE:
            return tree.title_of(text, units, ui).text
    return None


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
    reader = formats.detect(data, path)
    if reader is not None:
        # Another format: its reader makes the text (an --encoding is a web page's charset).
        extracted = formats.extract(reader, data, encoding)
        size, digest = len(data), sha256(data)
        del data
        return parse(extracted.text, path=path, encoding=extracted.encoding or "utf-8", size=size, digest=digest,
                     reflow=reflow, annotations=annotations, extracted=extracted)
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
