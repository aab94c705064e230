"""Batch: many inputs, in a stable order, parsed in parallel, streamed in input order.

Inputs are walked lazily (see :mod:`reportparse.inputs`) and results come back through
a bounded window of tasks, so the memory of a run does not grow with the number of
files.  Workers read, parse and render; the parent only writes, so output order is the
input order whatever the number of processes.  Every failure of an input, from a file
that cannot be read to a worker process killed for its memory, becomes a Result with an
error: one bad input never stops the others.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any, NamedTuple

from . import printable
from .inputs import DEFAULT_GLOBS, Input, default_globs, expand, is_url
from .reading import DEFAULT_MAX_BYTES, ReadError, read_path, read_stream, read_url

if TYPE_CHECKING:
    from .model import Document

__all__ = [
    "DEFAULT_GLOBS", "Input", "Options", "Result", "default_globs", "expand", "process", "process_chunk", "render",
    "run",
]

#: Where a document's output goes when it is written as it is made: a binary stream per input.
Sink = Callable[[Input], AbstractContextManager[IO[bytes]]]


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
    fix: bool = False  # with check: the certain fixes as a unified diff instead of the messages
    excel: bool = False  # CSV for a spreadsheet: formulas neutralised (and a BOM before a header)
    outline_only: bool = False
    depth: int | None = None
    width: int = 80
    color: bool = False
    header: bool = False  # name each document in concatenated text outputs
    max_bytes: int = DEFAULT_MAX_BYTES
    csv_header: bool = False  # each document's CSV a table of its own (one file per input)
    max_chars: int = 1000  # the size of a chunk (-f chunks)


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
    #: The output went to the sink as it was made: nothing is left to write.
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.error_code

    @property
    def display(self) -> str:
        return self.item.display


# --- work ----------------------------------------------------------------------------------------


def _read(item: Input, limit: int) -> bytes:
    if item.path == "-":
        return read_stream(sys.stdin.buffer, limit)
    if is_url(item.path):
        return read_url(item.path, limit)
    return read_path(item.path, limit)


def failure(index: int, item: Input, code: str, message: str, size: int = 0) -> Result:
    source = {"path": None if item.path == "-" else item.name, "bytes": size}
    return Result(index, item, error_code=code, error=message, size=size, source=source)


def _checked(doc: Any, options: Options, display: str) -> str:
    """What --check prints for one document: the problems, one a line; one JSON record with --jsonl;
    the certain fixes as a unified diff with --fix."""
    if options.fix:
        from .fixes import preview

        return preview(doc.text, doc.diagnostics, display)
    if options.fmt == "jsonl":
        record = {"path": display, "diagnostics": [d.to_dict() for d in doc.diagnostics]}
        return json.dumps(record, ensure_ascii=False) + "\n"
    return "".join(f"{display}:{d.line}: {printable.line(d.message)} [{d.code}]\n" for d in doc.diagnostics)


def render(doc: Any, options: Options, display: str) -> str:
    """The document in the chosen format (the CLI writes what this returns)."""
    fmt = options.fmt
    if options.check:
        return _checked(doc, options, display)
    if options.convert:
        from .convert import convert

        doc = convert(doc, options.convert)
    if fmt in ("json", "jsonl"):
        from .render.json import to_json

        return to_json(doc, None if options.compact or fmt == "jsonl" else 2) + "\n"
    if fmt == "csv":
        from .render.csv import render_csv

        table = render_csv([doc], header=options.csv_header, safe=options.excel)
        return ("\ufeff" if options.excel and options.csv_header else "") + table
    head = f"==> {display} <==\n" if options.header else ""
    if fmt == "markdown":
        from .render.markdown import render_markdown

        return head + render_markdown(doc)
    if fmt == "chunks":
        from .render.chunks import render_chunks

        return render_chunks(doc, options.max_chars)
    if fmt == "text":
        # What the outline's spans index: the decoded text, or the text a Word file, web page or
        # PDF was read into.
        text: str = doc.text
        return head + text
    if fmt == "outline":
        from .render.outline import render_outline

        return head + render_outline(doc)
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


def _emit(doc: Any, options: Options, item: Input, stream: IO[bytes]) -> None:
    """Write the document's output to ``stream``: JSON piece by piece, other formats whole."""
    if options.fmt in ("json", "jsonl") and not options.check and not options.convert:
        from .render.json import write_json

        write_json(doc, stream, None if options.compact or options.fmt == "jsonl" else 2)
        stream.write(b"\n")
    else:
        stream.write(render(doc, options, item.display).encode("utf-8"))


class InputError(Exception):
    """An input that cannot be read or parsed, by code and one-line message."""

    def __init__(self, code: str, message: str, size: int = 0) -> None:
        super().__init__(message)
        self.code = code
        self.size = size


def _read_input(item: Input, options: Options) -> bytes:
    if item.path != "-" and not item.relative:
        raise InputError("no-input", "no files to read in this folder (see --glob)")
    try:
        data = _read(item, options.max_bytes)
    except FileNotFoundError:
        raise InputError("not-found", "no such file") from None
    except IsADirectoryError:
        raise InputError("directory", "is a directory") from None
    except PermissionError:
        raise InputError("unreadable", "permission denied") from None
    except ReadError as exc:
        raise InputError(exc.code, str(exc)) from None
    except MemoryError:
        raise InputError("out-of-memory", "out of memory while reading it") from None
    except OSError as exc:
        raise InputError("unreadable", f"cannot read ({exc.strerror or exc})") from None
    if not data:
        raise InputError("empty", "empty input" if item.path == "-" else "empty file")
    return data


#: An input of this many bytes or more has the C allocator hand back the pages of freed large blocks
#: (see allocator.py); a smaller one never makes blocks large enough for it to matter.
_LARGE = 2 * 2**20


def load(item: Input, options: Options) -> Document:
    """Read and parse one input (:class:`InputError` says why it cannot be)."""
    from .parser import parse_bytes
    from .source import DecodeError

    handed = [_read_input(item, options)]
    size = len(handed[0])
    if size >= _LARGE:
        from .allocator import keep_large_blocks_mapped

        keep_large_blocks_mapped()
    try:
        # Handed over, not lent: parse_bytes can then free the bytes once they are decoded.
        return parse_bytes(
            handed.pop(),
            path=None if item.path == "-" else item.name,
            encoding=options.encoding,
            errors=options.errors,
            reflow=options.reflow,
            annotations=options.annotations,
        )
    except DecodeError as exc:
        raise InputError(exc.code, str(exc), size) from None
    except MemoryError:
        raise InputError("out-of-memory", f"out of memory while parsing its {size:,} bytes", size) from None


def process(index: int, item: Input, options: Options, sink: Sink | None = None) -> Result:
    """Read, parse and render one input; every failure becomes a Result, never an exception.

    With a ``sink`` (standard output, or the output file under -o, for work done in this
    process) the output is written to the stream it opens as it is made, JSON piece by
    piece, instead of being returned, so a large document's output is never held whole.
    """
    from .outputs import OutputError

    size = 0
    try:
        doc = load(item, options)
        size = doc.source.bytes
        table = None
        output = b""
        written = False
        if options.fmt == "parquet" and not options.check:
            from .render.parquet import rows

            table = rows(doc, options.max_chars)
        elif sink is not None:
            with sink(item) as stream:
                _emit(doc, options, item, stream)
            written = True
        else:
            # Encoded piece by piece: the output travels as bytes, never also held as one str.
            buffer = io.BytesIO()
            _emit(doc, options, item, buffer)
            output = buffer.getvalue()
            del buffer
    except InputError as exc:
        return failure(index, item, exc.code, str(exc), exc.size)
    except OutputError as exc:
        return failure(index, item, exc.code, str(exc), size)
    except MemoryError:
        return failure(index, item, "out-of-memory", f"out of memory while rendering its {size:,} bytes", size)
    except (BrokenPipeError, KeyboardInterrupt):
        raise
    except Exception as exc:  # a bug of ours: said in one line, and the batch goes on
        return failure(index, item, "internal-error", f"internal error ({type(exc).__name__}: {exc}); "
                       "please report it with the input", size)
    return Result(
        index,
        item,
        output=output,
        table=table,
        size=size,
        warnings=len(doc.diagnostics),
        source=doc.source.to_dict(),
        written=written,
    )


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


WORKER_DIED = "the process parsing it died (killed by the system, most often for its memory)"


def _work(options: Options, task: tuple[int, list[Input]]) -> list[Result]:
    return process_chunk(task[0], task[1], options)


def _alone(task: tuple[int, list[Input]], options: Options) -> list[Result]:
    """The inputs of a chunk whose worker died, each parsed in a process of its own: one that dies
    again names its input (an error record), and the others are parsed."""
    from functools import partial

    from .workers import run_alone

    results: list[Result] = []
    start, chunk = task
    for offset, item in enumerate(chunk):
        answer = run_alone(partial(_work, options), (start + offset, [item]))
        results.extend(answer if answer is not None else [failure(start + offset, item, "worker-died", WORKER_DIED)])
    return results


def run(
    items: Iterable[Input], options: Options, jobs: int, chunk_size: int = 8, sink: Sink | None = None
) -> Iterator[Result]:
    """Results in input order; with ``jobs`` > 1 in worker processes through a bounded window.

    Inputs travel to the workers in small chunks, which keeps the cost of a task
    (pickling, queueing, waking a worker) small beside the parse of a short report.
    A worker that dies (the system's out-of-memory killer) loses its chunk only: those
    inputs are parsed again one by one, and a new worker takes its place.
    """
    if jobs <= 1:
        for index, item in enumerate(items):
            yield process(index, item, options, sink)
        return
    # Imported here: a single-process run (and every start-up) does without multiprocessing.
    from collections import deque
    from functools import partial

    from .workers import Worker, ready

    work = partial(_work, options)
    window = jobs * 3
    workers: list[Worker[tuple[int, list[Input]], list[Result]]] = []
    order: deque[int] = deque()  # the chunks in flight or done, by their first index, in input order
    done: dict[int, list[Result]] = {}
    chunks = _chunks(items, chunk_size)
    exhausted = False
    try:
        workers = [Worker(work) for _ in range(jobs)]
        while True:
            while not exhausted and len(order) < window and any(w.task is None for w in workers):
                entry = next(chunks, None)
                if entry is None:
                    exhausted = True
                    break
                order.append(entry[0])
                if entry[1][0].path == "-":
                    done[entry[0]] = process_chunk(entry[0], entry[1], options)  # only this process can read it
                else:
                    next(w for w in workers if w.task is None).send(entry)
            while order and order[0] in done:
                yield from done.pop(order.popleft())
            if not order:
                if exhausted:
                    break
                continue
            # The chunk at the head is not done, so its worker is busy: wait for that one or another.
            for worker in ready(workers):
                task = worker.task
                assert task is not None
                answer = worker.receive()
                if answer is None:  # it died: its chunk again, one input at a time, and a new worker
                    workers[workers.index(worker)] = Worker(work)
                    answer = _alone(task, options)
                done[task[0]] = answer
        for worker in workers:
            worker.close()
    except BaseException:
        for worker in workers:
            worker.kill()  # now, not after a large document: an interrupt must not wait
        raise
