"""``reportparse OLD NEW --diff``: read both versions, compare their outlines, write the changes."""

from __future__ import annotations

import io
import json
import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .batch import Options
    from .model import Document
    from .runner import Request

#: The output formats a comparison has.
FORMATS = ("terminal", "json", "markdown")


def run_diff(request: Request, options: Options) -> None:
    from . import batch
    from .diff import compare
    from .runner import fail

    if len(request.paths) != 2:
        fail("--diff compares two versions: give OLD and NEW", 2)
    if request.fmt not in FORMATS or request.output_dir is not None or request.check:
        fail("--diff writes to the terminal, --json or -f markdown (not -o, --check or other formats)", 2)
    documents: list[Document] = []
    for path in request.paths:
        if path != "-" and os.path.isdir(path):
            fail(f"{path}: --diff compares two files, not folders", 2)
        items = list(batch.expand([path], batch.default_globs()))
        try:
            documents.append(batch.load(items[0], options))
        except batch.InputError as exc:
            fail(f"{items[0].name}: {exc}", 1)
    comparison = compare(documents[0], documents[1])
    out = sys.stdout
    if request.fmt == "json":
        indent = None if request.compact else 2
        out.write(json.dumps(comparison.to_dict(request.everything), ensure_ascii=False, indent=indent) + "\n")
    elif request.fmt == "markdown":
        from .render.diff import render_markdown

        out.write(render_markdown(comparison, request.everything))
    else:
        from rich.console import Console

        from .render.diff import render_terminal

        buffer = io.StringIO()
        console = Console(file=buffer, width=options.width, color_system="auto" if options.color else None,
                          force_terminal=options.color, highlight=False, emoji=False, markup=False)
        render_terminal(comparison, console, request.everything)
        out.write(buffer.getvalue())
