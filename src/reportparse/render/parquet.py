"""Parquet: a dataset of two tables for the data tools (DuckDB, pandas, Spark, Polars).

``nodes/`` holds one row per section, item and paragraph of every document
(with the document's path and hash, the node's parent row and heading path, and
its span); ``documents/`` one row per input, parsed or failed.  Rows are written
in part files of bounded size, each under a temporary name and renamed, so a
dataset of millions of documents stays a folder of readable files and an
interrupted run leaves no broken part.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..model import PARAGRAPH, Document, Node

EXTRA_HINT = "pip install 'reportparse[parquet]'"
_DELIMITERS = " \t\u3000、.．:："

NODE_COLUMNS = (
    "doc_path", "doc_sha256", "row", "parent", "line", "end_line", "level", "kind", "style", "marker", "number",
    "title", "text", "path", "span_start", "span_end", "date",
)
DOCUMENT_COLUMNS = (
    "path", "sha256", "encoding", "bytes", "lines", "title", "sections", "items", "paragraphs", "diagnostics",
    "diagnostics_json", "error_code", "error",
)


def rows(doc: Document) -> dict[str, Any]:
    """The document's row and its nodes' rows (plain values, cheap to send from a worker)."""
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
        "path": path, "sha256": doc.source.sha256, "encoding": doc.source.encoding, "bytes": doc.source.bytes,
        "lines": doc.source.lines, "title": doc.title.text if doc.title else None,
        "sections": counts["section"], "items": counts["item"], "paragraphs": counts["paragraph"],
        "diagnostics": len(doc.diagnostics),
        "diagnostics_json": json.dumps([d.to_dict() for d in doc.diagnostics], ensure_ascii=False),
        "error_code": None, "error": None,
    }
    return {"document": document, "nodes": nodes}


def error_row(path: str | None, size: int, code: str, message: str) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(DOCUMENT_COLUMNS)
    row.update({"path": path, "bytes": size, "error_code": code, "error": message})
    return row


class Dataset:
    """Collects rows and writes them as numbered part files under ``out/nodes`` and ``out/documents``."""

    def __init__(self, out_dir: Path, rows_per_part: int = 200_000) -> None:
        try:
            import pyarrow  # noqa: F401
        except ImportError as exc:
            raise RuntimeError(f"--format parquet needs pyarrow: {EXTRA_HINT}") from exc
        self.out_dir = out_dir
        self.rows_per_part = rows_per_part
        self.nodes: list[dict[str, Any]] = []
        self.documents: list[dict[str, Any]] = []
        self.part = 0
        self.temporary: list[str] = []
        for table in ("nodes", "documents"):
            (out_dir / table).mkdir(parents=True, exist_ok=True)
        # A run writes its parts after the ones already there, so a resumed run adds to the dataset.
        existing = sorted((out_dir / "documents").glob("part-*.parquet"))
        if existing:
            self.part = int(existing[-1].stem.split("-")[1]) + 1

    def add(self, table: dict[str, Any]) -> None:
        self.documents.append(table["document"])
        self.nodes.extend(table["nodes"])
        if len(self.nodes) >= self.rows_per_part:
            self.flush()

    def add_error(self, row: dict[str, Any]) -> None:
        self.documents.append(row)

    def flush(self) -> None:
        if not self.documents:
            return
        import pyarrow as pa
        import pyarrow.parquet as pq

        schemas = {
            "nodes": pa.schema([
                ("doc_path", pa.string()), ("doc_sha256", pa.string()), ("row", pa.int32()), ("parent", pa.int32()),
                ("line", pa.int32()), ("end_line", pa.int32()), ("level", pa.int16()), ("kind", pa.string()),
                ("style", pa.string()), ("marker", pa.string()), ("number", pa.int32()), ("title", pa.string()),
                ("text", pa.string()), ("path", pa.string()), ("span_start", pa.int64()), ("span_end", pa.int64()),
                ("date", pa.string()),
            ]),
            "documents": pa.schema([
                ("path", pa.string()), ("sha256", pa.string()), ("encoding", pa.string()), ("bytes", pa.int64()),
                ("lines", pa.int64()), ("title", pa.string()), ("sections", pa.int32()), ("items", pa.int32()),
                ("paragraphs", pa.int32()), ("diagnostics", pa.int32()), ("diagnostics_json", pa.string()),
                ("error_code", pa.string()), ("error", pa.string()),
            ]),
        }
        for name, rows_ in (("nodes", self.nodes), ("documents", self.documents)):
            table = pa.Table.from_pylist(rows_, schema=schemas[name])
            target = self.out_dir / name / f"part-{self.part:05d}.parquet"
            temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
            self.temporary.append(str(temporary))
            pq.write_table(table, temporary, compression="zstd")
            os.replace(temporary, target)
            self.temporary.remove(str(temporary))
        self.part += 1
        self.nodes, self.documents = [], []

    def cleanup(self) -> None:
        for name in self.temporary:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(name)
        self.temporary.clear()
