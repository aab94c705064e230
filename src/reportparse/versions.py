"""``reportparse OLD NEW --diff``: read both versions, compare their outlines, render the changes."""

from __future__ import annotations

import io
import json
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .batch import Options
    from .diff import Comparison

#: The output formats a comparison has.
FORMATS = ("terminal", "json", "markdown")


class VersionsError(Exception):
    """Why two inputs cannot be compared: the message, and the exit code (2 usage, 1 an input)."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


def compare_paths(paths: list[str], options: Options) -> Comparison:
    """Read and parse OLD and NEW as the batch reads any input, and compare them."""
    from . import batch
    from .diff import compare

    if len(paths) != 2:
        raise VersionsError("--diff compares two versions: give OLD and NEW", 2)
    documents = []
    for path in paths:
        if path != "-" and os.path.isdir(path):
            raise VersionsError(f"{path}: --diff compares two files, not folders", 2)
        item = next(iter(batch.expand([path], batch.default_globs())))
        try:
            documents.append(batch.load(item, options))
        except batch.InputError as exc:
            raise VersionsError(f"{item.name}: {exc}", 1) from None
    return compare(documents[0], documents[1])


def render(comparison: Comparison, fmt: str, options: Options, everything: bool) -> str:
    if fmt == "json":
        return json.dumps(comparison.to_dict(everything), ensure_ascii=False,
                          indent=None if options.compact else 2) + "\n"
    if fmt == "markdown":
        from .render.diff import render_markdown

        return render_markdown(comparison, everything)
    from rich.console import Console

    from .render.diff import render_terminal

    buffer = io.StringIO()
    console = Console(file=buffer, width=options.width, color_system="auto" if options.color else None,
                      force_terminal=options.color, highlight=False, emoji=False, markup=False)
    render_terminal(comparison, console, everything)
    return buffer.getvalue()
