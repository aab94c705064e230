"""Command line: a thin layer over the library.

Data goes to stdout as UTF-8 whatever the console's locale; messages go to
stderr as one line each.  Exit codes: 0 all inputs parsed, 1 an input could
not be read or decoded, 2 a usage error.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from . import __version__

app = typer.Typer(
    add_completion=True,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


class Format(str, Enum):
    json = "json"
    outline = "outline"


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
    out.write(text.encode("utf-8"))
    if not text.endswith("\n"):
        out.write(b"\n")
    out.flush()


@app.command()
def main_command(
    path: Annotated[str, typer.Argument(help="Report file to parse, or - for standard input.", show_default=False)],
    as_json: Annotated[bool, typer.Option("--json", help="Print the JSON document.")] = False,
    output_format: Annotated[
        Format | None, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)
    ] = None,
    compact: Annotated[bool, typer.Option("--compact", help="JSON on one line.")] = False,
    encoding: Annotated[
        str | None, typer.Option("--encoding", help="Decode the input with this encoding instead of detecting it.")
    ] = None,
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = None,
) -> None:
    """Parse a Chinese report, notice, regulation or law into its numbered structure."""
    from .parser import parse_bytes
    from .source import DecodeError

    fmt = Format.json if as_json else (output_format or Format.outline)
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
    if fmt is Format.json:
        _write(doc.to_json(indent=None if compact else 2))
    else:
        from .render.outline import render_outline

        _write(render_outline(doc))


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
