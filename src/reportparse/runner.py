"""One run of the command: the inputs listed, the batch run, every result written or reported.

:mod:`.cli` turns the command line into a :class:`Request`; :func:`run` checks it, lists the inputs,
runs the batch (here or on a Dask cluster), writes each document where it goes (standard output, a
file under -o, a Parquet dataset), reports each failure in one line and ends with the summary and the
exit code.  Usage errors are one line and exit 2, as every other failure of a run is one line.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterator
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, NoReturn

import typer

from . import printable

if TYPE_CHECKING:
    from . import batch, outputs
    from .render.parquet import Dataset


class Terminated(BaseException):
    """SIGTERM, raised where the program is, so that it ends as it does on Ctrl-C (exit 143)."""


class Request(NamedTuple):
    """What the command line asks for (formats, engines and conversions by their names)."""

    paths: list[str]
    fmt: str
    output_dir: Path | None = None
    jobs: int | None = None
    globs: tuple[str, ...] = ()
    engine: str = "local"
    scheduler: str | None = None
    skip_existing: bool = False
    fail_fast: bool = False
    quiet: bool = False
    compact: bool = False
    outline_only: bool = False
    depth: int | None = None
    no_color: bool = False
    excel: bool = False
    convert: str | None = None
    check: bool = False
    fix: bool = False
    encoding: str | None = None
    errors: str = "strict"
    reflow: bool = True
    annotations: bool = True
    max_bytes: str = "1G"
    max_chars: int = 1000
    diff: bool = False
    everything: bool = False  # --all: a comparison lists the unchanged nodes too


def fail(message: str, code: int) -> NoReturn:
    sys.stderr.write(f"reportparse: {message}\n")
    raise typer.Exit(code)


def run(request: Request) -> None:
    """Run the command; raise ``typer.Exit`` with its code when it is not 0."""
    from . import batch

    _validate(request)
    max_bytes = _max_bytes(request.max_bytes)
    if request.diff:
        return _diff(request, _options(request, False, False, max_bytes))
    writes_files = request.output_dir is not None and not request.check
    if writes_files:
        assert request.output_dir is not None
        _prepare_output_dir(request.output_dir, request.paths)
    globs = request.globs or batch.default_globs()
    # The output folder is never walked: a run's outputs are not inputs of the next run (x.txt.md.md).
    exclude = request.output_dir if writes_files else None
    items: Iterator[batch.Input] = batch.expand(request.paths, globs, exclude)
    first = list(islice(items, 2))
    several = len(first) > 1 or any(Path(p).is_dir() for p in request.paths if p != "-")
    items = chain(first, items)
    if several and request.fmt == "json" and request.output_dir is None and not request.check:
        fail("several inputs: use --jsonl for one JSON document per line, or -o DIR for one file each", 2)
    loop = _Loop(request, _options(request, several, writes_files, max_bytes), several, writes_files)
    items = loop.open(items)
    progress: _Progress | None = None
    if sys.stderr.isatty() and several and not request.quiet:
        progress = _Progress(sum(1 for _ in batch.expand(request.paths, globs, exclude)))
    loop.consume(items, progress)


def _diff(request: Request, options: batch.Options) -> None:
    from . import versions

    if request.fmt not in versions.FORMATS or request.output_dir is not None or request.check:
        fail("--diff writes to the terminal, --json or -f markdown (not -o, --check or other formats)", 2)
    try:
        comparison = versions.compare_paths(request.paths, options)
    except versions.VersionsError as exc:
        fail(str(exc), exc.code)
    sys.stdout.write(versions.render(comparison, request.fmt, options, request.everything))


def _validate(request: Request) -> None:
    """The combinations of options that make no sense: one line each, exit 2."""
    if request.skip_existing and request.output_dir is None:
        fail("--skip-existing needs --output-dir", 2)
    if request.fmt == "parquet" and request.output_dir is None and not request.check:
        fail("--format parquet writes a dataset: give -o DIR", 2)
    if request.scheduler and request.engine != "dask":
        fail("--scheduler goes with --engine dask", 2)
    if request.encoding:
        from .source import DecodeError, text_codec

        try:
            text_codec(request.encoding)
        except DecodeError as exc:
            fail(str(exc), 2)
    if request.paths.count("-") > 1:
        fail("standard input (-) can be read only once", 2)


def _options(request: Request, several: bool, writes_files: bool, max_bytes: int) -> batch.Options:
    from . import batch

    stdout_tty = sys.stdout.isatty()
    return batch.Options(
        fmt=request.fmt,
        encoding=request.encoding,
        errors=request.errors,
        reflow=request.reflow,
        annotations=request.annotations,
        compact=request.compact,
        convert=request.convert,
        check=request.check or request.fix,
        fix=request.fix,
        excel=request.excel,
        outline_only=request.outline_only,
        depth=request.depth,
        width=_terminal_width() if stdout_tty else int(os.environ.get("COLUMNS", "80") or 80),
        color=stdout_tty and not request.no_color and not os.environ.get("NO_COLOR") and request.output_dir is None,
        header=several and request.output_dir is None,
        max_bytes=max_bytes,
        csv_header=writes_files,
        max_chars=request.max_chars,
    )


class _Loop:
    """Where the documents of the run go, and the counts of what happened to them."""

    def __init__(self, request: Request, options: batch.Options, several: bool, writes_files: bool) -> None:
        self.request = request
        self.options = options
        self.several = several
        self.writes_files = writes_files
        self.out = sys.stdout.buffer
        self.dataset: Dataset | None = None
        self.writer: outputs.Writer | None = None
        self.connection: Any = None
        self.parsed = self.failed = self.warned = self.skipped = 0
        self.total_bytes = 0

    def count_skip(self, _: batch.Input) -> None:
        self.skipped += 1

    def open(self, items: Iterator[batch.Input]) -> Iterator[batch.Input]:
        """Open the destination (a Parquet dataset, or the writer of -o); leave out what is done."""
        from . import outputs

        request, output_dir = self.request, self.request.output_dir
        if request.fmt == "parquet" and self.writes_files:
            assert output_dir is not None
            from .render.parquet import Dataset

            try:
                self.dataset = Dataset(output_dir)
            except RuntimeError as exc:
                fail(str(exc), 2)
            except OSError as exc:
                fail(f"-o {printable.line(str(output_dir))}: {exc}", 1)
            if request.skip_existing:
                items = self.dataset.filter_existing(items, self.count_skip)
        elif output_dir is not None and request.skip_existing:
            items = outputs.filter_existing(items, output_dir, request.fmt, self.count_skip)
        if self.writes_files and self.dataset is None:
            assert output_dir is not None
            try:
                self.writer = outputs.Writer(output_dir)
            except OSError as exc:
                fail(f"-o {printable.line(str(output_dir))}: cannot write there ({exc.strerror or exc})", 1)
        return items

    def results(self, items: Iterator[batch.Input]) -> Iterator[batch.Result]:
        """The results of the batch, run here in -j processes or on a Dask cluster."""
        from . import batch

        request = self.request
        workers = request.jobs or (_usable_cpus() if self.several else 1)
        if request.engine == "dask":
            from . import cluster

            try:
                self.connection = cluster.connect(request.scheduler, workers)
            except cluster.MissingExtra as exc:
                fail(str(exc), 2)
            except OSError as exc:
                fail(f"cannot reach the Dask scheduler {printable.line(request.scheduler or '')}: {exc}", 1)
            return cluster.run(items, self.options, self.connection.client)
        in_process = request.engine == "local" and workers <= 1
        sink = _sink(self.writer, request.output_dir, request.fmt, self.out, self.several, in_process)
        return batch.run(items, self.options, workers, sink=sink)

    def consume(self, items: Iterator[batch.Input], progress: _Progress | None) -> None:
        """Write or report every result, then the summary; the exit code is 1 if any failed."""
        request = self.request
        results = self.results(items)
        started = time.perf_counter()
        if request.fmt == "csv" and request.output_dir is None and not request.check:
            self.out.write(_csv_head(request.excel))
        try:
            for result in results:
                self.total_bytes += result.size
                if progress is not None:
                    progress.advance(result.size)
                if not self._take(result) and request.fail_fast:
                    break
            if self.dataset is not None:
                self.dataset.flush()
        except (KeyboardInterrupt, Terminated) as exc:
            self._stop(results, progress)
            terminated = isinstance(exc, Terminated)
            sys.stderr.write(f"reportparse: {'terminated' if terminated else 'interrupted'}\n")
            raise typer.Exit(143 if terminated else 130) from None
        except OSError as exc:
            if isinstance(exc, BrokenPipeError) or self.dataset is None:
                raise
            _close(results)
            self.dataset.cleanup()
            fail(f"-o {printable.line(str(request.output_dir))}: cannot write the dataset ({exc.strerror or exc})", 1)
        finally:
            self._finish(results, progress)
        self.out.flush()
        if sys.stderr.isatty() and self.several and not request.quiet:
            self._summary(time.perf_counter() - started)
        if self.failed or (request.check and self.warned):
            raise typer.Exit(1)

    def _take(self, result: batch.Result) -> bool:
        """Write one result where it goes, or report it; False when it failed."""
        from . import outputs

        if not result.ok:
            self._report(result, result.error_code, result.error)
            return False
        if self.dataset is not None and result.table is not None:
            if not self.dataset.add(result.table):
                self.skipped += 1  # the same document (path and content) is in the dataset already
                return True
        elif self.writer is not None and not result.written:
            output_dir = self.request.output_dir
            assert output_dir is not None
            try:
                self.writer.write(outputs.output_path(output_dir, result.item, self.request.fmt), result.output)
            except outputs.OutputError as exc:
                self._report(result, exc.code, str(exc))
                return False
        elif not result.written:
            self.out.write(result.output)
            if not self.several:
                self.out.flush()
        self.parsed += 1
        self.warned += result.warnings > 0
        return True

    def _report(self, result: batch.Result, code: str, message: str) -> None:
        request = self.request
        self.failed += 1
        sys.stderr.write(f"reportparse: {result.display}: {printable.line(message)}\n")
        if request.fmt == "jsonl" and request.output_dir is None and not request.check:
            record = {"source": result.source, "error": {"code": code, "message": message}}
            self.out.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
        if self.dataset is not None:
            from .render.parquet import error_row

            self.dataset.add_error(error_row(result.source.get("path"), result.size, code, message))

    def _stop(self, results: Iterator[Any], progress: _Progress | None) -> None:
        """Interrupted: stop the workers and leave no half-written output behind."""
        _close(results)
        if self.writer is not None:
            self.writer.cleanup()
        if self.dataset is not None:
            self.dataset.cleanup()
        if progress is not None:
            progress.stop()

    def _finish(self, results: Iterator[Any], progress: _Progress | None) -> None:
        _close(results)
        if progress is not None:
            progress.stop()
        if self.dataset is not None:
            self.dataset.close()
        if self.connection is not None:
            self.connection.close()

    def _summary(self, elapsed: float) -> None:
        parts = [f"{self.parsed:,} parsed", f"{self.failed:,} failed", f"{self.warned:,} with numbering warnings"]
        if self.skipped:
            parts.insert(1, f"{self.skipped:,} skipped")
        sys.stderr.write(f"{', '.join(parts)}, {self.total_bytes / 1e6:.1f} MB in {elapsed:.1f} s\n")


def _usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _terminal_width() -> int:
    import shutil

    return shutil.get_terminal_size((80, 24)).columns


class _Progress:
    """Files done, MB/s and ETA on stderr, when stderr is a terminal and there is more than one input."""

    def __init__(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.started = time.perf_counter()
        self.bytes = 0
        self.progress = Progress(
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(),
            console=Console(file=sys.stderr),
            transient=True,
        )
        self.task = self.progress.add_task("parsing", total=total, rate="")
        self.progress.start()

    def advance(self, size: int) -> None:
        self.bytes += size
        elapsed = max(time.perf_counter() - self.started, 1e-6)
        self.progress.update(self.task, advance=1, rate=f"{self.bytes / 1e6 / elapsed:.1f} MB/s")

    def stop(self) -> None:
        self.progress.stop()


def _close(results: Iterator[Any]) -> None:
    """Stop the batch (its workers, at once) when the loop over its results ends early."""
    close = getattr(results, "close", None)
    if close is not None:
        close()


def _max_bytes(text: str) -> int:
    from .reading import parse_size

    try:
        return parse_size(text)
    except ValueError as exc:
        fail(f"--max-bytes: {exc}", 2)


def _prepare_output_dir(output_dir: Path, paths: list[str]) -> None:
    """-o must be a folder (made now, so that the walk of the inputs can leave it out), and no input named twice."""
    from . import inputs

    shown = printable.line(str(output_dir))
    if output_dir.exists() and not output_dir.is_dir():
        fail(f"-o {shown}: not a folder (a file of that name is there)", 2)
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail(f"-o {shown}: cannot make the folder ({exc.strerror or exc})", 1)
    twice = inputs.overlap(paths)
    if twice is not None:
        fail(f"{twice}: with -o each input must be named once, or two would write one output", 2)


def _sink(writer: Any, output_dir: Path | None, fmt: str, out: Any, several: bool, in_process: bool) -> Any:
    """Where documents parsed in this process go as they are made: their file under -o, or standard output.

    Made in this process, a large document's output is never held whole (JSON is written piece
    by piece); from a worker process it comes back as bytes, which the loop writes.
    """
    import contextlib

    from . import outputs

    if not in_process:
        return None
    if writer is not None and output_dir is not None:

        def open_output(item: batch.Input) -> Any:
            return writer.open(outputs.output_path(output_dir, item, fmt))

        return open_output
    if output_dir is None and not several and fmt != "parquet":
        return lambda _item: contextlib.nullcontext(out)
    return None


def _csv_head(excel: bool) -> bytes:
    from .render.csv import COLUMNS

    return ("\ufeff" if excel else "").encode("utf-8") + (",".join(COLUMNS) + "\r\n").encode("utf-8")
