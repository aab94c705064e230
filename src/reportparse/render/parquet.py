"""Parquet: a dataset of three tables for the data tools (DuckDB, pandas, Spark, Polars).

``nodes/`` holds one row per section, item and paragraph of every document
(with the document's path and hash, the node's parent row and heading path, and
its span); ``chunks/`` the document's chunks for retrieval (as ``-f chunks``
makes them, ``--max-chars`` applying); ``documents/`` one row per input, parsed or failed.  Rows are written
in part files of bounded size, each under a temporary name and renamed, so a
dataset of millions of documents stays a folder of readable files and an
interrupted run leaves no broken part.  Runs add to a dataset: each names its
parts for itself, and a document already there is not added twice.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from ..model import PARAGRAPH, Document, Node

if TYPE_CHECKING:
    from ..inputs import Input

EXTRA_HINT = "pip install 'reportparse[parquet]'"
#: The tables of a dataset, in the order a flush writes them (documents last: see Dataset).
_TABLES = ("nodes", "chunks", "documents")
_DELIMITERS = " \t\u3000、.．:："

#: The columns of the nodes table and their Arrow types: where the document and the row stand, then
#: the plain fields of a node (model.SCALAR_FIELDS, checked by a test), its path and its span.
NODE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("doc_path", "string"), ("doc_sha256", "string"), ("row", "int32"), ("parent", "int32"), ("line", "int32"),
    ("end_line", "int32"), ("level", "int16"), ("kind", "string"), ("style", "string"), ("marker", "string"),
    ("number", "int32"), ("title", "string"), ("text", "string"), ("path", "string"), ("span_start", "int64"),
    ("span_end", "int64"), ("date", "string"),
)
#: The columns of the chunks table: the fields of a ``-f chunks`` record, the path as in the nodes table.
CHUNK_COLUMNS: tuple[tuple[str, str], ...] = (
    ("doc_path", "string"), ("doc_sha256", "string"), ("index", "int32"), ("path", "string"), ("text", "string"),
    ("spans_json", "string"), ("line", "int32"), ("end_line", "int32"), ("chars", "int32"), ("part", "int32"),
    ("parts", "int32"),
)
DOCUMENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("path", "string"), ("sha256", "string"), ("format", "string"), ("encoding", "string"), ("bytes", "int64"),
    ("lines", "int64"), ("title", "string"), ("sections", "int32"), ("items", "int32"), ("paragraphs", "int32"),
    ("diagnostics", "int32"), ("diagnostics_json", "string"), ("error_code", "string"), ("error", "string"),
)


def rows(doc: Document, max_chars: int = 1000) -> dict[str, Any]:
    """The document's row, its nodes' rows and its chunks' (plain values, cheap to send from a worker)."""
    from .chunks import chunk_records

    path = doc.source.path
    nodes: list[dict[str, Any]] = []

    def visit(children: Sequence[Node], parent: int | None, trail: list[str], level: int) -> None:
        for node in children:
            if not (node.numbered or node.kind == PARAGRAPH):
                continue
            row = len(nodes)
            nodes.append({
                "doc_path": path, "doc_sha256": doc.source.sha256, "row": row, "parent": parent,
                "line": node.line, "end_line": node.end_line, "level": node.level if node.numbered else level,
                "kind": node.kind, "style": node.style or None, "marker": node.marker or None,
                "number": node.number, "title": node.title or None, "text": node.text,
                "path": " > ".join(trail), "span_start": node.span[0], "span_end": node.span[1],
                "date": node.date,
            })
            if node.numbered:
                label = node.marker.rstrip(_DELIMITERS) if node.marker else node.title
                visit(node.children, row, [*trail, label], node.level + 1)

    visit(doc.children, None, [], 1)
    counts = {kind: sum(1 for n in nodes if n["kind"] == kind) for kind in ("section", "item", "paragraph")}
    document = {
        "path": path, "sha256": doc.source.sha256, "format": doc.source.format, "encoding": doc.source.encoding,
        "bytes": doc.source.bytes,
        "lines": doc.source.lines, "title": doc.title.text if doc.title else None,
        "sections": counts["section"], "items": counts["item"], "paragraphs": counts["paragraph"],
        "diagnostics": len(doc.diagnostics),
        "diagnostics_json": json.dumps([d.to_dict() for d in doc.diagnostics], ensure_ascii=False),
        "error_code": None, "error": None,
    }
    chunks = [{
        "doc_path": path, "doc_sha256": doc.source.sha256, "index": r["index"], "path": " > ".join(r["path"]),
        "text": r["text"], "spans_json": json.dumps(r["spans"]), "line": r["line"], "end_line": r["end_line"],
        "chars": r["chars"], **dict(zip(("part", "parts"), r.get("part", (None, None)), strict=True)),
    } for r in chunk_records(doc, max_chars)]
    return {"document": document, "nodes": nodes, "chunks": chunks}


def error_row(path: str | None, size: int, code: str, message: str) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(name for name, _ in DOCUMENT_COLUMNS)
    row.update({"path": path, "bytes": size, "error_code": code, "error": message})
    return row


class Dataset:
    """Collects rows and writes them as part files under ``out/nodes``, ``out/chunks`` and ``out/documents``.

    A run's parts are named for the run (``part-20250101T120000Z-3f9a1c-00000.parquet``), so two
    runs into one folder never write the same part; a second run waits on a lock file until the
    first has ended, then sees its documents.  The ``documents`` part of a flush is written
    last: a ``nodes`` part without it was cut short by a crash, and the next run removes it.
    A document already in the dataset (the same path and the same bytes, by SHA-256) is not
    added again, so a rerun adds only what is new or changed.
    """

    def __init__(self, out_dir: Path, rows_per_part: int = 200_000) -> None:
        try:
            import pyarrow  # noqa: F401
        except ImportError as exc:
            raise RuntimeError(f"--format parquet needs pyarrow: {EXTRA_HINT}") from exc
        self.out_dir = out_dir
        self.rows_per_part = rows_per_part
        self.nodes: list[dict[str, Any]] = []
        self.chunks: list[dict[str, Any]] = []
        self.documents: list[dict[str, Any]] = []
        self.part = 0
        self.temporary: list[str] = []
        for table in _TABLES:
            (out_dir / table).mkdir(parents=True, exist_ok=True)
        self._lock = _lock(out_dir)
        self.run = f"{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())}-{os.urandom(3).hex()}"
        from ..outputs import sweep

        for table in _TABLES:
            sweep(out_dir / table)
        committed = {p.name for p in (out_dir / "documents").glob("part-*.parquet")}
        for table in ("nodes", "chunks"):
            for orphan in (out_dir / table).glob("part-*.parquet"):
                if orphan.name not in committed:
                    orphan.unlink()
        #: (path, sha256, error code) of every document row there, what a rerun must not add again, and
        #: parsed documents by path with the time their part was written (for --skip-existing); kept as
        #: 16-byte digests, about 100 bytes a document, so that a dataset of millions fits.
        self.seen: set[bytes] = set()
        self.parsed: dict[bytes, float] = {}
        self._read_existing()

    def _read_existing(self) -> None:
        import pyarrow.parquet as pq

        for part in sorted((self.out_dir / "documents").glob("part-*.parquet")):
            written = part.stat().st_mtime
            table = pq.read_table(part, columns=["path", "sha256", "error_code"])
            for path, digest, code in zip(*(table.column(c).to_pylist() for c in ("path", "sha256", "error_code")),
                                          strict=True):
                self.seen.add(_key(path, digest, code))
                if code is None and path is not None:
                    self.parsed[_key(path)] = max(written, self.parsed.get(_key(path), 0.0))

    def filter_existing(self, items: Iterable[Input], on_skip: Callable[[Input], None]) -> Iterator[Input]:
        """The inputs not in the dataset already, parsed since they last changed (--skip-existing)."""
        for item in items:
            when = self.parsed.get(_key(item.name))
            if when is not None and item.path != "-" and "://" not in item.path:
                try:
                    changed = os.stat(item.path).st_mtime
                except OSError:
                    changed = None
                if changed is not None and changed <= when:
                    on_skip(item)
                    continue
            yield item

    def add(self, table: dict[str, Any]) -> bool:
        """Add a document's rows; False when the same document is in the dataset already."""
        document = table["document"]
        key = _key(document["path"], document["sha256"], None)
        if key in self.seen:
            return False
        self.seen.add(key)
        self.documents.append(document)
        self.nodes.extend(table["nodes"])
        self.chunks.extend(table.get("chunks", ()))
        if len(self.nodes) + len(self.chunks) >= self.rows_per_part:
            self.flush()
        return True

    def add_error(self, row: dict[str, Any]) -> None:
        key = _key(row["path"], None, row["error_code"])
        if key not in self.seen:  # the same failure of the same input is recorded once
            self.seen.add(key)
            self.documents.append(row)

    def flush(self) -> None:
        if not self.documents:
            return
        import pyarrow as pa
        import pyarrow.parquet as pq

        schemas = {
            "nodes": pa.schema([(name, getattr(pa, kind)()) for name, kind in NODE_COLUMNS]),
            "chunks": pa.schema([(name, getattr(pa, kind)()) for name, kind in CHUNK_COLUMNS]),
            "documents": pa.schema([(name, getattr(pa, kind)()) for name, kind in DOCUMENT_COLUMNS]),
        }
        # nodes and chunks first, documents last: the documents part is what makes a flush count.
        for name, rows_ in (("nodes", self.nodes), ("chunks", self.chunks), ("documents", self.documents)):
            table = pa.Table.from_pylist(rows_, schema=schemas[name])
            target = self.out_dir / name / f"part-{self.run}-{self.part:05d}.parquet"
            temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
            self.temporary.append(str(temporary))
            pq.write_table(table, temporary, compression="zstd")
            os.replace(temporary, target)
            self.temporary.remove(str(temporary))
        self.part += 1
        self.nodes, self.chunks, self.documents = [], [], []

    def cleanup(self) -> None:
        for name in self.temporary:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(name)
        self.temporary.clear()

    def close(self) -> None:
        """Let other runs in."""
        if self._lock is not None:
            self._lock.close()
            self._lock = None


def _key(*parts: str | None) -> bytes:
    """A 128-bit digest of ``parts`` (None apart from every string): no two documents share one."""
    joined = "\x00".join("\x01" if part is None else part for part in parts)
    return hashlib.blake2b(joined.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _lock(out_dir: Path) -> IO[str] | None:
    """Hold ``out_dir/.reportparse.lock`` for the run, waiting while another run holds it.

    The system lets go of the lock of a process that ends in any way, so no lock is left stale.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX: no lock
        return None
    handle = open(out_dir / ".reportparse.lock", "a+", encoding="utf-8")  # noqa: SIM115 - held for the run
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
    except BaseException:
        handle.close()
        raise
    return handle
