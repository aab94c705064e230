"""Command line: the options, turned into a :class:`~.runner.Request` for :func:`~.runner.run`.

Data goes to stdout as UTF-8 whatever the console's locale; messages go to
stderr as one line each, and progress and the closing summary only when stderr
is a terminal.  Exit codes: 0 every input parsed (and, with --check, no
numbering problem), 1 an input failed (or --check found problems), 2 a usage
error, 130 interrupted, 143 terminated.  Renderers and rich are imported only
when they are used, so a JSON run loads neither.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from . import __version__, printable
from .runner import Request, Terminated, fail, run

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
    text = "text"
    chunks = "chunks"
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


def _on_sigterm(signum: int, frame: Any) -> None:
    raise Terminated


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(version_text())
        raise typer.Exit()


def version_text() -> str:
    """The version, with the Python and the libraries that read and write (found without importing them)."""
    import platform
    from importlib.metadata import PackageNotFoundError, version

    from .formats import READERS

    def of(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "not installed"

    readers = ", ".join(f"{r.name} ({of(r.needs) if r.needs else 'built in'})" for r in READERS)
    return (f"reportparse {__version__}\n"
            f"python {platform.python_version()}; regex {of('regex')}, rich {of('rich')}, typer {of('typer')}, "
            f"opencc {of('opencc')}\n"
            f"readers: text (built in), {readers}\n"
            f"optional: pyarrow {of('pyarrow')} (parquet), dask {of('dask')} (cluster), "
            f"orjson {of('orjson')} (faster JSON)\n")


EXAMPLES = """\b
Examples:
  reportparse report.txt                    the outline and item tables in the terminal
  reportparse report.docx --json            the JSON document (Word, web pages, PDF and text alike)
  reportparse reports/ -o out/              every report in a folder, one JSON file each
  reportparse report.txt --check            numbering problems, exit 1 if any
  reportparse report.txt -f chunks          chunks with their heading path, for retrieval
  reportparse 2023.txt 2024.txt --diff      what changed between two versions

Documentation: README.md and the docs/ folder of the source."""


def _choose_format(as_json: bool, as_jsonl: bool, chosen: Format | None, output_dir: Path | None) -> Format:
    asked = [f for f, on in ((Format.json, as_json), (Format.jsonl, as_jsonl)) if on]
    if chosen is not None:
        asked.append(chosen)
    if len(set(asked)) > 1:
        fail("choose one output format (--json, --jsonl or --format)", 2)
    if asked:
        return asked[0]
    return Format.json if output_dir is not None else Format.terminal


def _flag(name: str, help: str, *more: str) -> Any:
    return typer.Option(name, *more, help=help)


# The options, one type each, so that the command's signature is one line per option.
Paths = Annotated[
    list[str] | None,
    typer.Argument(
        help="Report files or folders to parse, or - for standard input.", show_default=False, metavar="PATH"
    ),
]
AsJson = Annotated[bool, _flag("--json", "JSON (shorthand for --format json).")]
AsJsonl = Annotated[bool, _flag("--jsonl", "JSON Lines, one document per input (shorthand for --format jsonl).")]
OutputFormat = Annotated[
    Format | None,
    typer.Option("--format", "-f", case_sensitive=False, help="Output format [default: terminal, or json with -o]."),
]
OutputDir = Annotated[
    Path | None,
    typer.Option(
        "--output-dir", "-o", metavar="DIR", help="Write one file per input here, mirroring the input folders."
    ),
]
Jobs = Annotated[
    int | None,
    typer.Option("--jobs", "-j", min=1, metavar="N", help="Parse in this many processes [default: usable CPUs]."),
]
Globs = Annotated[
    list[str] | None,
    typer.Option(
        "--glob", metavar="PATTERN", help="File names to take from folders (repeatable) [default: *.txt and *.md]."
    ),
]
EngineOpt = Annotated[
    Engine, typer.Option("--engine", case_sensitive=False, help="Run the batch here, or on a Dask cluster.")
]
Scheduler = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        metavar="ADDRESS",
        help="With --engine dask: join this scheduler (tcp://host:8786) [default: a local cluster of -j workers].",
    ),
]
SkipExisting = Annotated[bool, _flag("--skip-existing", "With -o: skip inputs whose output is there and newer.")]
FailFast = Annotated[bool, _flag("--fail-fast", "Stop at the first input that fails.")]
Quiet = Annotated[bool, _flag("--quiet", "No summary at the end.", "-q")]
Compact = Annotated[bool, _flag("--compact", "JSON on one line.")]
OutlineOnly = Annotated[bool, _flag("--outline", "Terminal view: only the outline tree.")]
Depth = Annotated[
    int | None, typer.Option("--depth", min=1, metavar="N", help="Terminal view: show levels down to this depth.")
]
NoColor = Annotated[bool, _flag("--no-color", "Terminal view without colour.")]
Excel = Annotated[bool, _flag("--excel", "CSV with a UTF-8 BOM, for Excel.")]
Convert = Annotated[
    Conversion | None,
    typer.Option("--convert", case_sensitive=False, help="Convert the text of the output with OpenCC."),
]
Check = Annotated[bool, _flag("--check", "Report numbering problems as path:line: message; exit 1 if any.")]
Fix = Annotated[bool, _flag(
    "--fix", "With --check: print the certain fixes (brackets, delimiters, a restarted list renumbered) as a "
    "unified diff; nothing is written.")]
Schema = Annotated[bool, _flag("--schema", "Print the JSON Schema of the output and exit.")]
Encoding = Annotated[
    str | None,
    typer.Option("--encoding", metavar="NAME", help="Decode the input with this encoding instead of detecting it."),
]
ErrorsOpt = Annotated[
    Errors, typer.Option("--errors", case_sensitive=False, help="Undecodable bytes: fail, or replace with U+FFFD.")
]
NoReflow = Annotated[bool, _flag("--no-reflow", "Do not join hard-wrapped lines back into paragraphs.")]
NoAnnotations = Annotated[bool, _flag("--no-annotations", "Skip dates, quantities, titles and the rest (faster).")]
MaxBytes = Annotated[
    str,
    typer.Option(
        "--max-bytes", metavar="SIZE", help="Refuse inputs larger than this (500M, 2G, 1000000) [default: 1G]."
    ),
]
MaxChars = Annotated[
    int,
    typer.Option("--max-chars", min=1, metavar="N", help="-f chunks: the most characters in a chunk [default: 1000]."),
]
Diff = Annotated[
    bool, _flag("--diff", "Compare two versions (OLD NEW): nodes added, removed, changed, renumbered, moved.")
]
Everything = Annotated[bool, _flag("--all", "With --diff: list the unchanged nodes too.")]
Version = Annotated[
    bool | None, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
]


@app.command(epilog=EXAMPLES)
def main_command(
    paths: Paths = None,
    as_json: AsJson = False,
    as_jsonl: AsJsonl = False,
    output_format: OutputFormat = None,
    output_dir: OutputDir = None,
    jobs: Jobs = None,
    globs: Globs = None,
    engine: EngineOpt = Engine.local,
    scheduler: Scheduler = None,
    skip_existing: SkipExisting = False,
    fail_fast: FailFast = False,
    quiet: Quiet = False,
    compact: Compact = False,
    outline_only: OutlineOnly = False,
    depth: Depth = None,
    no_color: NoColor = False,
    excel: Excel = False,
    convert: Convert = None,
    check: Check = False,
    fix: Fix = False,
    schema: Schema = False,
    encoding: Encoding = None,
    errors: ErrorsOpt = Errors.strict,
    no_reflow: NoReflow = False,
    no_annotations: NoAnnotations = False,
    max_bytes: MaxBytes = "1G",
    max_chars: MaxChars = 1000,
    diff: Diff = False,
    everything: Everything = False,
    version: Version = None,
) -> None:
    """Parse Chinese reports, notices, regulations and laws into their numbered structure.

    FILE may be a text file (UTF-8, GB18030/GBK, Big5, UTF-16), a Word file, a web page or a PDF,
    a folder, a URL, or - for standard input.
    """
    if schema:
        from .schema import schema_text

        sys.stdout.write(schema_text())
        return
    if not paths:
        fail("missing FILE (report files or folders, or - for standard input); see --help", 2)
    fmt = _choose_format(as_json, as_jsonl, output_format, output_dir)
    run(Request(
        paths=paths, fmt=fmt.value, output_dir=output_dir, jobs=jobs, globs=tuple(globs or ()), engine=engine.value,
        scheduler=scheduler, skip_existing=skip_existing, fail_fast=fail_fast, quiet=quiet, compact=compact,
        outline_only=outline_only, depth=depth, no_color=no_color, excel=excel,
        convert=convert.value if convert else None, check=check or fix, fix=fix, encoding=encoding,
        errors=errors.value, reflow=not no_reflow, annotations=not no_annotations, max_bytes=max_bytes,
        max_chars=max_chars, diff=diff, everything=everything,
    ))


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
