"""Command line: a thin layer over the library and the batch runner.

Data goes to stdout as UTF-8 whatever the console's locale; messages go to
stderr as one line each, and progress and the closing summary only when stderr
is a terminal.  Exit codes: 0 every input parsed (and, with --check, no
numbering problem), 1 an input failed (or --check found problems), 2 a usage
error, 130 interrupted.  Renderers and rich are imported only when they are
used, so a JSON run loads neither.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterator
from enum import Enum
from itertools import chain, islice
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from . import __version__, printable

app = typer.Typer(
    add_completion=True,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class Format(str, Enum):
    terminal = "terminal"
    json = "json"
    jsonl = "jsonl"
    markdown = "markdown"
    csv = "csv"
    outline = "outline"
    parquet = "parquet"


class Engine(str, Enum):
    local = "local"
    dask = "dask"


class Errors(str, Enum):
    strict = "strict"
    replace_ = "replace"  # the name "replace" would hide str.replace


class Conversion(str, Enum):
    t2s = "t2s"
    s2t = "s2t"
    s2tw = "s2tw"
    tw2s = "tw2s"
    s2hk = "s2hk"
    hk2s = "hk2s"
    s2twp = "s2twp"
    tw2sp = "tw2sp"


class Terminated(BaseException):
    """SIGTERM, raised where the program is, so that it ends as it does on Ctrl-C (exit 143)."""


def _on_sigterm(signum: int, frame: Any) -> None:
    raise Terminated


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"reportparse {__version__}\n")
        raise typer.Exit()


def _fail(message: str, code: int) -> NoReturn:
    sys.stderr.write(f"reportparse: {message}\n")
    raise typer.Exit(code)


def _schema_text() -> str:
    from .schema import schema_text

    return schema_text()


def _choose_format(as_json: bool, as_jsonl: bool, chosen: Format | None, output_dir: Path | None) -> Format:
    asked = [f for f, on in ((Format.json, as_json), (Format.jsonl, as_jsonl)) if on]
    if chosen is not None:
        asked.append(chosen)
    if len(set(asked)) > 1:
        _fail("choose one output format (--json, --jsonl or --format)", 2)
    if asked:
        return asked[0]
    return Format.json if output_dir is not None else Format.terminal


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


@app.command()
def main_command(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Report files or folders to parse, or - for standard input.", show_default=False, metavar="PATH"
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON (shorthand for --format json).")] = False,
    as_jsonl: Annotated[
        bool, typer.Option("--jsonl", help="JSON Lines, one document per input (shorthand for --format jsonl).")
    ] = False,
    output_format: Annotated[
        Format | None,
        typer.Option(
            "--format", "-f", case_sensitive=False, help="Output format [default: terminal, or json with -o]."
        ),
    ] = None,
    output_dir: Annotated[
        Path | None,
        typer.Option(
            "--output-dir", "-o", metavar="DIR", help="Write one file per input here, mirroring the input folders."
        ),
    ] = None,
    jobs: Annotated[
        int | None, typer.Option(
            "--jobs", "-j", min=1, metavar="N", help="Parse in this many processes [default: usable CPUs]."
        )
    ] = None,
    globs: Annotated[
        list[str] | None,
        typer.Option(
            "--glob", metavar="PATTERN", help="File names to take from folders (repeatable) [default: *.txt and *.md]."
        ),
    ] = None,
    engine: Annotated[
        Engine, typer.Option("--engine", case_sensitive=False, help="Run the batch here, or on a Dask cluster.")
    ] = Engine.local,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            metavar="ADDRESS",
            help="With --engine dask: join this scheduler (tcp://host:8786) [default: a local cluster of -j workers].",
        ),
    ] = None,
    skip_existing: Annotated[
        bool, typer.Option("--skip-existing", help="With -o: skip inputs whose output is there and newer.")
    ] = False,
    fail_fast: Annotated[bool, typer.Option("--fail-fast", help="Stop at the first input that fails.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary at the end.")] = False,
    compact: Annotated[bool, typer.Option("--compact", help="JSON on one line.")] = False,
    outline_only: Annotated[bool, typer.Option("--outline", help="Terminal view: only the outline tree.")] = False,
    depth: Annotated[
        int | None, typer.Option("--depth", min=1, metavar="N", help="Terminal view: show levels down to this depth.")
    ] = None,
    no_color: Annotated[bool, typer.Option("--no-color", help="Terminal view without colour.")] = False,
    excel: Annotated[bool, typer.Option("--excel", help="CSV with a UTF-8 BOM, for Excel.")] = False,
    convert: Annotated[
        Conversion | None,
        typer.Option("--convert", case_sensitive=False, help="Convert the text of the output with OpenCC."),
    ] = None,
    check: Annotated[
        bool, typer.Option("--check", help="Report numbering problems as path:line: message; exit 1 if any.")
    ] = False,
    schema: Annotated[bool, typer.Option("--schema", help="Print the JSON Schema of the output and exit.")] = False,
    encoding: Annotated[
        str | None, typer.Option(
            "--encoding", metavar="NAME", help="Decode the input with this encoding instead of detecting it."
        )
    ] = None,
    errors: Annotated[
        Errors, typer.Option("--errors", case_sensitive=False, help="Undecodable bytes: fail, or replace with U+FFFD.")
    ] = Errors.strict,
    no_reflow: Annotated[
        bool, typer.Option("--no-reflow", help="Do not join hard-wrapped lines back into paragraphs.")
    ] = False,
    no_annotations: Annotated[
        bool, typer.Option("--no-annotations", help="Skip dates, quantities, titles and the rest (faster).")
    ] = False,
    max_bytes: Annotated[
        str, typer.Option(
            "--max-bytes", metavar="SIZE", help="Refuse inputs larger than this (500M, 2G, 1000000) [default: 1G]."
        )
    ] = "1G",
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = None,
) -> None:
    """Parse Chinese reports, notices, regulations and laws into their numbered structure."""
    if schema:
        sys.stdout.write(_schema_text())
        return
    if not paths:
        _fail("missing FILE (report files or folders, or - for standard input); see --help", 2)
    fmt = _choose_format(as_json, as_jsonl, output_format, output_dir)
    if skip_existing and output_dir is None:
        _fail("--skip-existing needs --output-dir", 2)
    if fmt is Format.parquet and output_dir is None and not check:
        _fail("--format parquet writes a dataset: give -o DIR", 2)
    if scheduler and engine is not Engine.dask:
        _fail("--scheduler goes with --engine dask", 2)
    if encoding:
        from .source import DecodeError, text_codec

        try:
            text_codec(encoding)
        except DecodeError as exc:
            _fail(str(exc), 2)
    if paths.count("-") > 1:
        _fail("standard input (-) can be read only once", 2)

    max_size = _max_bytes(max_bytes)
    writes_files = output_dir is not None and not check
    if writes_files:
        assert output_dir is not None
        _prepare_output_dir(output_dir, paths)

    from . import batch, outputs

    globs_ = tuple(globs) if globs else batch.DEFAULT_GLOBS
    # The output folder is never walked: a run's outputs are not inputs of the next run (x.txt.md.md).
    exclude = output_dir if writes_files else None
    items: Iterator[batch.Input] = batch.expand(paths, globs_, exclude)
    first = list(islice(items, 2))
    several = len(first) > 1 or any(Path(p).is_dir() for p in paths if p != "-")
    items = chain(first, items)
    if several and fmt is Format.json and output_dir is None and not check:
        _fail("several inputs: use --jsonl for one JSON document per line, or -o DIR for one file each", 2)

    stdout_tty = sys.stdout.isatty()
    options = batch.Options(
        fmt=fmt.value,
        encoding=encoding,
        errors=errors.value,
        reflow=not no_reflow,
        annotations=not no_annotations,
        compact=compact,
        convert=convert.value if convert else None,
        check=check,
        excel=excel,
        outline_only=outline_only,
        depth=depth,
        width=_terminal_width() if stdout_tty else int(os.environ.get("COLUMNS", "80") or 80),
        color=stdout_tty and not no_color and not os.environ.get("NO_COLOR") and output_dir is None,
        header=several and output_dir is None,
        max_bytes=max_size,
        csv_header=writes_files,
    )
    interactive = sys.stderr.isatty()
    skipped = 0

    def count_skip(_: batch.Input) -> None:
        nonlocal skipped
        skipped += 1

    dataset = None
    if fmt is Format.parquet and writes_files:
        assert output_dir is not None
        from .render.parquet import Dataset

        try:
            dataset = Dataset(output_dir)
        except RuntimeError as exc:
            _fail(str(exc), 2)
        except OSError as exc:
            _fail(f"-o {printable.line(str(output_dir))}: {exc}", 1)
        if skip_existing:
            items = dataset.filter_existing(items, count_skip)
    elif output_dir is not None and skip_existing:
        items = outputs.filter_existing(items, output_dir, fmt.value, count_skip)
    writer: outputs.Writer | None = None
    if writes_files and dataset is None:
        assert output_dir is not None
        try:
            writer = outputs.Writer(output_dir)
        except OSError as exc:
            _fail(f"-o {printable.line(str(output_dir))}: cannot write there ({exc.strerror or exc})", 1)
    progress: _Progress | None = None
    if interactive and several and not quiet:
        progress = _Progress(sum(1 for _ in batch.expand(paths, globs_, exclude)))

    out = sys.stdout.buffer
    workers = jobs or (_usable_cpus() if several else 1)
    connection = None
    in_process = engine is Engine.local and workers <= 1
    if engine is Engine.dask:
        from . import cluster

        try:
            connection = cluster.connect(scheduler, workers)
        except cluster.MissingExtra as exc:
            _fail(str(exc), 2)
        except OSError as exc:
            _fail(f"cannot reach the Dask scheduler {printable.line(scheduler or '')}: {exc}", 1)
        results = cluster.run(items, options, connection.client)
    else:
        results = batch.run(items, options, workers, sink=_sink(writer, output_dir, fmt, out, several, in_process))
    parsed = failed = warned = 0
    total_bytes = 0
    started = time.perf_counter()
    if fmt is Format.csv and output_dir is None and not check:
        out.write(_csv_head(excel))

    def report(result: batch.Result, code: str, message: str) -> None:
        nonlocal failed
        failed += 1
        sys.stderr.write(f"reportparse: {result.display}: {printable.line(message)}\n")
        if fmt is Format.jsonl and output_dir is None and not check:
            record = {"source": result.source, "error": {"code": code, "message": message}}
            out.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
        if dataset is not None:
            from .render.parquet import error_row

            dataset.add_error(error_row(result.source.get("path"), result.size, code, message))

    try:
        for result in results:
            total_bytes += result.size
            if progress is not None:
                progress.advance(result.size)
            if not result.ok:
                report(result, result.error_code, result.error)
                if fail_fast:
                    break
                continue
            if dataset is not None and result.table is not None:
                if not dataset.add(result.table):
                    skipped += 1  # the same document (path and content) is in the dataset already
                    continue
            elif writer is not None and not result.written:
                assert output_dir is not None
                try:
                    writer.write(outputs.output_path(output_dir, result.item, fmt.value), result.output)
                except outputs.OutputError as exc:
                    report(result, exc.code, str(exc))
                    if fail_fast:
                        break
                    continue
            elif not result.written:
                out.write(result.output)
                if not several:
                    out.flush()
            parsed += 1
            warned += result.warnings > 0
        if dataset is not None:
            dataset.flush()
    except (KeyboardInterrupt, Terminated) as exc:
        _close(results)
        if writer is not None:
            writer.cleanup()
        if dataset is not None:
            dataset.cleanup()
        if progress is not None:
            progress.stop()
        terminated = isinstance(exc, Terminated)
        sys.stderr.write(f"reportparse: {'terminated' if terminated else 'interrupted'}\n")
        raise typer.Exit(143 if terminated else 130) from None
    except OSError as exc:
        if isinstance(exc, BrokenPipeError) or dataset is None:
            raise
        _close(results)
        dataset.cleanup()
        _fail(f"-o {printable.line(str(output_dir))}: cannot write the dataset ({exc.strerror or exc})", 1)
    finally:
        _close(results)
        if progress is not None:
            progress.stop()
        if dataset is not None:
            dataset.close()
        if connection is not None:
            connection.close()
    out.flush()
    if interactive and several and not quiet:
        elapsed = time.perf_counter() - started
        parts = [f"{parsed:,} parsed", f"{failed:,} failed", f"{warned:,} with numbering warnings"]
        if skipped:
            parts.insert(1, f"{skipped:,} skipped")
        sys.stderr.write(f"{', '.join(parts)}, {total_bytes / 1e6:.1f} MB in {elapsed:.1f} s\n")
    if failed or (check and warned):
        raise typer.Exit(1)


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
        _fail(f"--max-bytes: {exc}", 2)


def _prepare_output_dir(output_dir: Path, paths: list[str]) -> None:
    """-o must be a folder (made now, so that the walk of the inputs can leave it out), and no input named twice."""
    from . import inputs

    shown = printable.line(str(output_dir))
    if output_dir.exists() and not output_dir.is_dir():
        _fail(f"-o {shown}: not a folder (a file of that name is there)", 2)
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _fail(f"-o {shown}: cannot make the folder ({exc.strerror or exc})", 1)
    twice = inputs.overlap(paths)
    if twice is not None:
        _fail(f"{twice}: with -o each input must be named once, or two would write one output", 2)


def _sink(
    writer: Any, output_dir: Path | None, fmt: Format, out: Any, several: bool, in_process: bool
) -> Any:
    """Where documents parsed in this process go as they are made: their file under -o, or standard output.

    Made in this process, a large document's output is never held whole (JSON is written piece
    by piece); from a worker process it comes back as bytes, which the loop writes.
    """
    import contextlib

    from . import batch, outputs

    if not in_process:
        return None
    if writer is not None and output_dir is not None:

        def open_output(item: batch.Input) -> Any:
            return writer.open(outputs.output_path(output_dir, item, fmt.value))

        return open_output
    if output_dir is None and not several and fmt is not Format.parquet:
        return lambda _item: contextlib.nullcontext(out)
    return None


def _csv_head(excel: bool) -> bytes:
    from .render.csv import COLUMNS

    return ("\ufeff" if excel else "").encode("utf-8") + (",".join(COLUMNS) + "\r\n").encode("utf-8")


def main() -> None:
    """The ``reportparse`` command: every failure one line on stderr, usage errors included (exit 2)."""
    import signal

    signal.signal(signal.SIGTERM, _on_sigterm)
    command = typer.main.get_command(app)
    try:
        code = command.main(prog_name="reportparse", standalone_mode=False)
    except typer.TyperException as exc:  # click's usage errors (exit 2) and the like, as vendored by typer
        code = exc.exit_code
        hint = " (see --help)" if code == 2 else ""
        message = exc.format_message().replace("Value error, ", "")  # the wording of its validator
        sys.stderr.write(f"reportparse: {printable.line(message)}{hint}\n")
    except typer.Abort:
        sys.stderr.write("reportparse: interrupted\n")
        code = 130
    except KeyboardInterrupt:
        sys.stderr.write("reportparse: interrupted\n")
        code = 130
    except Terminated:
        sys.stderr.write("reportparse: terminated\n")
        code = 143
    except BrokenPipeError:
        # The reader went away (| head): not an error of ours.
        _quiet_exit(0)
    sys.exit(code if isinstance(code, int) else 0)


def _quiet_exit(code: int) -> NoReturn:
    # Standard output is a closed pipe: Python's flush at exit would fail and say so.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.stderr.close()
    sys.exit(code)
