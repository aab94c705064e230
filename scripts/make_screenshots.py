"""Draw the pictures of the terminal view in the documentation from the real output.

    python scripts/make_screenshots.py            # rewrites docs/images/*.svg
    python scripts/make_screenshots.py --check    # exit 1 if a picture is not what the code draws now

The pictures are SVG files drawn by rich from the same renderer the command uses, with its
colours, so they change when the output does (tests/test_docs.py runs --check).
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from rich.console import Console

import reportparse
from reportparse.render.terminal import render

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "images"
#: (picture, sample, the view's options, columns)
PICTURES = (
    ("terminal.svg", "annual_highlights.txt", {}, 100),
    ("outline.svg", "regulation_with_toc.txt", {"outline_only": True}, 80),
)


def draw(sample: str, options: dict[str, object], width: int) -> str:
    doc = reportparse.parse_file(ROOT / "samples" / sample)
    doc.source.path = f"samples/{sample}"
    console = Console(record=True, width=width, file=io.StringIO(), color_system="truecolor", force_terminal=True,
                      highlight=False, emoji=False, markup=False)
    render(doc, console, **options)  # type: ignore[arg-type]
    # A fixed id, so that the same output gives the same bytes.
    return console.export_svg(title=f"reportparse samples/{sample}", unique_id="reportparse")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--check", action="store_true", help="compare, do not write")
    args = ap.parse_args()
    stale = []
    IMAGES.mkdir(parents=True, exist_ok=True)
    for name, sample, options, width in PICTURES:
        svg = draw(sample, options, width)
        path = IMAGES / name
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != svg:
                stale.append(name)
        else:
            path.write_text(svg, encoding="utf-8")
    if stale:
        print(f"out of date: {', '.join(stale)} (python scripts/make_screenshots.py)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
