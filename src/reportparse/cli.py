"""Command line: a thin layer over the library.

Data goes to stdout as UTF-8 whatever the console's locale; messages go to
stderr as one line each.  Exit codes: 0 all inputs parsed (and, with --check,
no numbering problem), 1 an input could not be read or decoded (or --check
found problems), 2 a usage error.  Renderers are imported only when their
format is asked for, so a JSON run never loads rich or OpenCC.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from . import __version__

if TYPE_CHECKING:
    from .model import Document

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


class Conversion(str, Enum):
    t2s = "t2s"
    s2t = "s2t"
    s2tw = "s2tw"
    tw2s = "tw2s"
    s2hk = "s2hk"
    hk2s = "hk2s"
    s2twp = "s2twp"
    tw2sp = "tw2sp"


class InputError(Exception):
    """An input that cannot be parsed: reported in one line, exit code 1."""


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"reportparse {__version__}\n")
        raise typer.Exit()


def _fail(message: str, code: int) -> NoReturn:
    sys.stderr.write(f"reportparse: {message}\n")
    raise typer.Exit(code)


def _read(path: str) -> tuple[bytes, str | None]:
    if path == "-":
        return sys.stdin.buffer.read(), None
    p = Path(path)
    try:
        return p.read_bytes(), path
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file") from exc
    except IsADirectoryError as exc:
        raise InputError(f"{path}: is a directory (give a file, or - for standard input)") from exc
    except PermissionError as exc:
        raise InputError(f"{path}: permission denied") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc


def _write(text: str) -> None:
    out = sys.stdout.buffer
    out.write(text.encode("utf-8", "surrogateescape"))
    if text and not text.endswith("\n"):
        out.write(b"\n")
    out.flush()


def _schema_text() -> str:
    from importlib.resources import files

    return files("reportparse").joinpath("schema.json").read_text(encoding="utf-8")


def _choose_format(as_json: bool, as_jsonl: bool, chosen: Format | None) -> Format:
    asked = [f for f, on in ((Format.json, as_json), (Format.jsonl, as_jsonl)) if on]
    if chosen is not None:
        asked.append(chosen)
    if len(set(asked)) > 1:
        _fail("choose one output format (--json, --jsonl or --format)", 2)
    return asked[0] if asked else Format.terminal


def _terminal(doc: Document, *, no_color: bool, outline_only: bool, depth: int | None) -> None:
    import io
    import os

    from rich.console import Console

    from .render.terminal import render

    stream = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", errors="replace", write_through=True)
    plain = no_color or bool(os.environ.get("NO_COLOR")) or not stream.isatty()
    console = Console(
        file=stream,
        color_system=None if plain else "auto",
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
    )
    render(doc, console, outline_only=outline_only, depth=depth)
    stream.flush()
    stream.detach()


@app.command()
def main_command(
    path: Annotated[
        str | None, typer.Argument(help="Report file to parse, or - for standard input.", show_default=False)
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON (shorthand for --format json).")] = False,
    as_jsonl: Annotated[bool, typer.Option("--jsonl", help="JSON Lines (shorthand for --format jsonl).")] = False,
    output_format: Annotated[
        Format | None,
        typer.Option("--format", "-f", case_sensitive=False, help="Output format [default: terminal]."),
    ] = None,
    compact: Annotated[bool, typer.Option("--compact", help="JSON on one line.")] = False,
    outline_only: Annotated[bool, typer.Option("--outline", help="Terminal view: only the outline tree.")] = False,
    depth: Annotated[
        int | None, typer.Option("--depth", min=1, help="Terminal view: show levels down to this depth.")
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
        str | None, typer.Option("--encoding", help="Decode the input with this encoding instead of detecting it.")
    ] = None,
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = None,
) -> None:
    """Parse a Chinese report, notice, regulation or law into its numbered structure."""
    if schema:
        _write(_schema_text())
        return
    if path is None:
        _fail("missing FILE (a report file, or - for standard input); see --help", 2)
    fmt = _choose_format(as_json, as_jsonl, output_format)

    from .parser import parse_bytes
    from .source import DecodeError

    try:
        data, name = _read(path)
        try:
            doc = parse_bytes(data, path=name, encoding=encoding)
        except DecodeError as exc:
            if exc.code == "usage":
                _fail(str(exc), 2)
            raise InputError(f"{name or '<stdin>'}: {exc}") from exc
    except InputError as exc:
        _fail(str(exc), 1)

    if check:
        where = name or "<stdin>"
        _write("".join(f"{where}:{d.line}: {d.message} [{d.code}]\n" for d in doc.diagnostics))
        if doc.diagnostics:
            raise typer.Exit(1)
        return
    if convert is not None:
        from .convert import convert as convert_document

        doc = convert_document(doc, convert.value)
    if fmt is Format.json:
        _write(doc.to_json(indent=None if compact else 2))
    elif fmt is Format.jsonl:
        _write(doc.to_json(indent=None))
    elif fmt is Format.markdown:
        from .render.markdown import render_markdown

        _write(render_markdown(doc))
    elif fmt is Format.csv:
        from .render.csv import render_csv

        sys.stdout.buffer.write(render_csv([doc], excel=excel).encode("utf-8"))
        sys.stdout.buffer.flush()
    elif fmt is Format.outline:
        from .render.outline import render_outline

        _write(render_outline(doc))
    else:
        _terminal(doc, no_color=no_color, outline_only=outline_only, depth=depth)


def main() -> None:
    try:
        app(prog_name="reportparse")
    except KeyboardInterrupt:
        sys.stderr.write("reportparse: interrupted\n")
        sys.exit(130)
    except BrokenPipeError:
        # The reader went away (| head): not an error of ours.
        sys.stderr.close()
        sys.exit(0)
