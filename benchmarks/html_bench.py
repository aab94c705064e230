"""How much a web page costs beside the same report as text: parse_file on both, in one run.

The page is the samples' work report in the markup of tests/fixtures/formats/make_html.py (a
table layout with a menu, toolbar, footer and a data table), its article repeated until the
page has the size asked for; the text file is the same article lines, one per line.  Both are
parsed with parse_file, alternately, best of ``--repeat``; the page's reading alone (bytes to
the lines the parser is given) is timed apart.

    python benchmarks/html_bench.py            # ~20 MB page
    python benchmarks/html_bench.py --size 5   # ~5 MB
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import reportparse
from bench import fixture_maker
from reportparse.formats.html import read

ROOT = Path(__file__).resolve().parent.parent


def build(size_mb: float, folder: Path) -> tuple[Path, Path]:
    """A large page and the same report as text, in ``folder``."""
    make = fixture_maker("html")
    page = make.county_report().decode("gbk")  # type: ignore[attr-defined]
    start = page.index('<div class="TRS_Editor">') + len('<div class="TRS_Editor">')
    end = page.index("  </div>\n</td>", start)
    article = page[start:end]
    lines = make.lines("county_report_gbk.txt")  # type: ignore[attr-defined]
    copies = max(1, int(size_mb * 1e6 / len(article.encode("utf-8"))))
    html_path, text_path = folder / "large.html", folder / "large.txt"
    html_path.write_text(page[:start] + article * copies + page[end:], encoding="utf-8")
    # The page's lines are the sample's minus its title: the text gets the title once, then the same copies.
    text_path.write_text("\n".join([lines[0]] + lines[1:] * copies) + "\n", encoding="utf-8")
    return html_path, text_path


def best(action: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=float, default=20.0, help="page size in MB (default 20)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        html_path, text_path = build(args.size, Path(folder))
        html_mb, text_mb = html_path.stat().st_size / 1e6, text_path.stat().st_size / 1e6
        data = html_path.read_bytes()
        read_s = best(lambda: read(data, None), args.repeat)
        html_s = best(lambda: reportparse.parse_file(html_path), args.repeat)
        text_s = best(lambda: reportparse.parse_file(text_path), args.repeat)
        doc = reportparse.parse_file(html_path)
        same = doc.text.count("\n") and sum(1 for n in doc.walk() if n.numbered) == sum(
            1 for n in reportparse.parse_file(text_path).walk() if n.numbered)
    print(f"page  {html_mb:7.1f} MB  parse_file {html_s:6.2f} s  {html_mb / html_s:6.2f} MB/s of page "
          f"(reading it into lines: {read_s:5.2f} s, {html_mb / read_s:6.2f} MB/s)")
    print(f"text  {text_mb:7.1f} MB  parse_file {text_s:6.2f} s  {text_mb / text_s:6.2f} MB/s of text")
    print(f"the page costs {html_s / text_s:.2f}x the time of its text; same numbered nodes: {bool(same)}")


if __name__ == "__main__":
    main()
