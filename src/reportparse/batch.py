"""Batch: many inputs, in a stable order, parsed in parallel, streamed in input order.

Inputs are walked lazily (one directory listing in memory at a time) and
results come back through a bounded window of tasks, so the memory of a run
does not grow with the number of files.  Workers read, parse and render; the
parent only writes, so output order is the input order whatever the number of
processes.  Files are written under a temporary name and renamed, so an
interrupted run leaves no half-written file.
"""

from __future__ import annotations

import contextlib
import fnmatch
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from .reading import DEFAULT_MAX_BYTES, ReadError, read_path, read_stream, read_url

if TYPE_CHECKING:
    from concurrent.futures import Future

DEFAULT_GLOBS = ("*.txt", "*.md")

#: Extension of the output file per format, appended to the input's name (a.txt → a.txt.json).
EXTENSIONS = {
    "json": ".json",
    "jsonl": ".jsonl",
    "markdown": ".md",
    "csv": ".csv",
    "outline": ".outline.txt",
    "terminal": ".view.txt",
    "parquet": "",
}


class Input(NamedTuple):
    """One input: where to read it, how to name it, and where its output goes under -o."""

    path: str  # "-" for standard input
    display: str  # the path as the user would write it
    relative: str  # path of the output under the output folder, without the format's extension


class Options(NamedTuple):
    """How each input is read and rendered (picklable, sent to worker processes)."""

    fmt: str
    encoding: str | None = None
    errors: str = "strict"
    reflow: bool = True
    annotations: bool = True
    compact: bool = False
    convert: str | None = None
    check: bool = False
    excel: bool = False
    outline_only: bool = False
    depth: int | None = None
    width: int = 80
    color: bool = False
    header: bool = False  # name each document in concatenated text outputs
    max_bytes: int = DEFAULT_MAX_BYTES


@dataclass
class Result:
    index: int
    item: Input
    output: bytes = b""  # encoded in the worker: the parent only writes
    error_code: str = ""
    error: str = ""
    size: int = 0
    warnings: int = 0
    source: dict[str, Any] = field(default_factory=dict)
    #: For --format parquet: the document's row and its nodes' rows, built in the worker.
    table: dict[str, Any] | None = None

    @property
    def ok(self) -> bool:
        return not self.error_code

    @property
    def display(self) -> str:
        return self.item.display


class UsageError(Exception):
    """A mistake in the command line (exit code 2)."""


# --- inputs --------------------------------------------------------------------------------------


def _hidden(name: str) -> bool:
    return name.startswith(".")


def _matches(name: str, globs: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in globs)


def _walk(root: Path, globs: tuple[str, ...], seen: set[tuple[int, int]]) -> Iterator[Path]:
    """Files under ``root`` matching ``globs``, sorted, hidden ones skipped, symlink loops cut."""
    try:
        info = root.stat()
    except OSError:
        return
    key = (info.st_dev, info.st_ino)
    if key in seen:
        return  # a symlink back into a folder already being walked
    seen.add(key)
    try:
        with os.scandir(root) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if _hidden(entry.name):
            continue
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False  # a looping link: it is reported as unreadable below
        if is_dir:
            yield from _walk(Path(entry.path), globs, seen)
        elif _matches(entry.name, globs):
            try:
                regular = stat.S_ISREG(os.stat(entry.path).st_mode)
            except OSError:
                regular = True  # a broken or looping link: reported as unreadable, not skipped
            if regular:
                yield Path(entry.path)  # FIFOs, sockets and devices would block or mean nothing


def expand(paths: Iterable[str], globs: tuple[str, ...] = DEFAULT_GLOBS) -> Iterator[Input]:
    """Every input named by ``paths``: files as given, folders walked, ``-`` for standard input."""
    for given in paths:
        if given == "-":
            yield Input("-", "<stdin>", "stdin")
            continue
        if "://" in given:
            yield Input(given, given, given.split("://", 1)[1].lstrip("/"))
            continue
        p = Path(given)
        if p.is_dir():
            found = False
            for file in _walk(p, globs, set()):
                found = True
                rel = file.relative_to(p).as_posix()
                yield Input(str(file), str(file), rel)
            if not found:
                yield Input(given, given, "")  # reported as "no matching files"
        else:
            yield Input(given, given, p.name)


# --- work ----------------------------------------------------------------------------------------


def _read(item: Input, limit: int) -> bytes:
    if item.path == "-":
        import sys

        return read_stream(sys.stdin.buffer, limit)
    if "://" in item.path:
        return read_url(item.path, limit)
    return read_path(item.path, limit)


def _failure(index: int, item: Input, code: str, message: str, size: int = 0) -> Result:
    source = {"path": None if item.path == "-" else item.display, "bytes": size}
    return Result(index, item, error_code=code, error=message, size=size, source=source)


def render(doc: Any, options: Options, display: str) -> str:
    """The document in the chosen format (the CLI writes what this returns)."""
    fmt = options.fmt
    if options.check:
        return "".join(f"{display}:{d.line}: {d.message} [{d.code}]\n" for d in doc.diagnostics)
    if options.convert:
        from .convert import convert

        doc = convert(doc, options.convert)
    if fmt == "json":
        return doc.to_json(indent=None if options.compact else 2) + "\n"  # type: ignore[no-any-return]
    if fmt == "jsonl":
        return doc.to_json(indent=None) + "\n"  # type: ignore[no-any-return]
    if fmt == "csv":
        from .render.csv import render_csv

        return render_csv([doc], excel=False, header=False)
    head = f"==> {display} <==\n" if options.header else ""
    if fmt == "markdown":
        from .render.markdown import render_markdown

        return head + render_markdown(doc)
    if fmt == "outline":
        from .render.outline import render_outline

        return head + render_outline(doc)
    import io

    from rich.console import Console

    from .render.terminal import render as render_view

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=options.width,
        color_system="auto" if options.color else None,
        force_terminal=options.color,
        highlight=False,
        emoji=False,
        markup=False,
    )
    render_view(doc, console, outline_only=options.outline_only, depth=options.depth)
    return head + buffer.getvalue()


def process(index: int, item: Input, options: Options, sink: Any = None) -> Result:
    """Read, parse and render one input; every failure becomes a Result, never an exception.

    With a binary ``sink`` (standard output, for one input in this process) JSON is written
    to it piece by piece instead of being returned, so a large document's output is never
    held whole.
    """
    from .parser import parse_bytes
    from .source import DecodeError

    if item.path != "-" and not item.relative:
        return _failure(index, item, "no-input", "no .txt or .md files in this folder (see --glob)")
    try:
        data = _read(item, options.max_bytes)
    except FileNotFoundError:
        return _failure(index, item, "not-found", "no such file")
    except IsADirectoryError:
        return _failure(index, item, "directory", "is a directory")
    except PermissionError:
        return _failure(index, item, "unreadable", "permission denied")
    except ReadError as exc:
        return _failure(index, item, exc.code, str(exc))
    except OSError as exc:
        return _failure(index, item, "unreadable", f"cannot read ({exc.strerror or exc})")
    if not data:
        return _failure(index, item, "empty", "empty input" if item.path == "-" else "empty file")
    size = len(data)
    # Handed over, not lent: parse_bytes can then free the bytes once they are decoded.
    handed = [data]
    del data
    try:
        doc = parse_bytes(
            handed.pop(),
            path=None if item.path == "-" else item.display,
            encoding=options.encoding,
            errors=options.errors,
            reflow=options.reflow,
            annotations=options.annotations,
        )
    except DecodeError as exc:
        return _failure(index, item, exc.code, str(exc), size)
    table = None
    if sink is not None and options.fmt in ("json", "jsonl") and not options.check and not options.convert:
        doc.write_json(sink, None if options.compact or options.fmt == "jsonl" else 2)
        sink.write(b"\n")
        output = b""
    elif options.fmt == "parquet" and not options.check:
        from .render.parquet import rows

        table = rows(doc)
        output = b""
    else:
        output = render(doc, options, item.display).encode("utf-8", "surrogateescape")
    return Result(
        index,
        item,
        output=output,
        table=table,
        size=size,
        warnings=len(doc.diagnostics),
        source=doc.source.to_dict(),
    )


def _ignore_sigint() -> None:
    # Workers leave Ctrl-C to the parent, which stops them between tasks.
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def process_chunk(start: int, chunk: list[Input], options: Options) -> list[Result]:
    return [process(start + offset, item, options) for offset, item in enumerate(chunk)]


def _chunks(items: Iterable[Input], size: int) -> Iterator[tuple[int, list[Input]]]:
    """Consecutive runs of inputs; standard input always alone, since only this process can read it."""
    chunk: list[Input] = []
    start = 0
    for index, item in enumerate(items):
        if item.path == "-" or len(chunk) >= size:
            if chunk:
                yield start, chunk
            chunk, start = [], index
        chunk.append(item)
        if item.path == "-":
            yield start, chunk
            chunk, start = [], index + 1
    if chunk:
        yield start, chunk


def run(
    items: Iterable[Input], options: Options, jobs: int, chunk_size: int = 8, sink: Any = None
) -> Iterator[Result]:
    """Results in input order; with ``jobs`` > 1 in a process pool through a bounded window.

    Inputs travel to the workers in small chunks, which keeps the cost of a task
    (pickling, queueing, waking a worker) small beside the parse of a short report.
    """
    if jobs <= 1:
        for index, item in enumerate(items):
            yield process(index, item, options, sink)
        return
    # Imported here: a single-process run (and every start-up) does without multiprocessing.
    from collections import deque
    from concurrent.futures import Future, ProcessPoolExecutor

    window = jobs * 3
    pending: deque[Future[list[Result]]] = deque()
    with ProcessPoolExecutor(max_workers=jobs, initializer=_ignore_sigint) as pool:
        try:
            for start, chunk in _chunks(items, chunk_size):
                if chunk[0].path == "-":
                    done: Future[list[Result]] = Future()
                    done.set_result(process_chunk(start, chunk, options))
                    pending.append(done)
                else:
                    pending.append(pool.submit(process_chunk, start, chunk, options))
                while len(pending) >= window:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        except BaseException:
            for future in pending:
                future.cancel()
            pool.shutdown(wait=True, cancel_futures=True)
            raise


# --- output --------------------------------------------------------------------------------------


class AtomicWriter:
    """Writes each file under a temporary name in its folder and renames it into place."""

    def __init__(self) -> None:
        self.temporary: str | None = None

    def write(self, path: Path, data: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        self.temporary = str(temporary)
        try:
            with open(temporary, "wb") as handle:
                handle.write(data)
            os.replace(temporary, path)
        finally:
            self.cleanup()

    def cleanup(self) -> None:
        if self.temporary is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.temporary)
            self.temporary = None


def output_path(out_dir: Path, item: Input, fmt: str) -> Path:
    """Where the output of ``item`` goes: its path below its input folder, plus the format's extension."""
    return out_dir / (item.relative + EXTENSIONS[fmt])


def up_to_date(source: str, target: Path) -> bool:
    """Is ``target`` there and not older than ``source``?"""
    try:
        target_info = target.stat()
        source_info = os.stat(source)
    except OSError:
        return False
    return stat.S_ISREG(target_info.st_mode) and target_info.st_mtime >= source_info.st_mtime


def filter_existing(
    items: Iterable[Input], out_dir: Path, fmt: str, on_skip: Callable[[Input], None]
) -> Iterator[Input]:
    for item in items:
        if item.path != "-" and item.relative and up_to_date(item.path, output_path(out_dir, item, fmt)):
            on_skip(item)
            continue
        yield item
