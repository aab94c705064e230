"""PDF input against the same report as text, in one run: parse_file MB/s and the import of pypdfium2.

    python benchmarks/pdf_speed.py            # ~1 MB of text, ~900 pages, best of 3
    python benchmarks/pdf_speed.py --copies 40 --repeat 5

The PDF is made by tests/fixtures/formats/make_pdf.py from copies of samples/regulation_with_toc.txt
(28 characters a line, 22 lines a page, a running head and page numbers).  Three files are timed,
alternating: the PDF, the sample text the PDF was made from as .txt, and the text the PDF reader
extracts as .txt (so the PDF's own cost, pdfium's reading, shows apart from the parse of a text that
is hard-wrapped and carries page furniture).  MB/s is UTF-8 megabytes (1e6 bytes) of the sample
text a second, the same numerator for all three, so the figures compare.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import fixture_maker
from reportparse import parse_file

ROOT = Path(__file__).resolve().parent.parent


def import_cost(runs: int) -> tuple[float, float]:
    """Best wall time of ``import pypdfium2`` in a fresh interpreter, and of the import of the reader,
    in milliseconds (from -X importtime's cumulative column)."""
    best = {"pypdfium2": float("inf"), "reportparse.formats.pdf": float("inf")}
    for _ in range(runs):
        for module in best:
            proc = subprocess.run([sys.executable, "-X", "importtime", "-c", f"import {module}"],
                                  capture_output=True, text=True, check=True)
            for line in proc.stderr.splitlines():
                parts = [p.strip() for p in line.split("|")]
                if len(parts) == 3 and parts[2] == module:
                    best[module] = min(best[module], int(parts[1]) / 1000)
    return best["pypdfium2"], best["reportparse.formats.pdf"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=140, help="copies of the sample in the report")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs of each file (best is kept)")
    args = ap.parse_args()
    make_pdf = fixture_maker("pdf")
    sample = (ROOT / "samples" / "regulation_with_toc.txt").read_text("utf-8-sig")
    text = "\n".join([sample] * args.copies)
    streams = make_pdf.text_pages(text, "青川市人民代表大会常务委员会公报")
    mb = len(text.encode("utf-8")) / 1e6
    with tempfile.TemporaryDirectory() as tmp:
        files = {"pdf": Path(tmp) / "report.pdf", "text": Path(tmp) / "report.txt",
                 "extracted text": Path(tmp) / "extracted.txt"}
        files["pdf"].write_bytes(make_pdf.Writer().document(streams))
        files["text"].write_text(text, encoding="utf-8")
        files["extracted text"].write_text(parse_file(files["pdf"]).text, encoding="utf-8")
        best = dict.fromkeys(files, float("inf"))
        nodes = {}
        for _ in range(args.repeat):
            for name, path in files.items():
                start = time.perf_counter()
                doc = parse_file(path)
                best[name] = min(best[name], time.perf_counter() - start)
                nodes[name] = sum(1 for n in doc.walk() if n.numbered)
        sizes = {name: path.stat().st_size / 1e6 for name, path in files.items()}
    pdfium_ms, reader_ms = import_cost(5)
    print(f"report: {mb:.2f} MB of text, {len(streams)} pages")
    for name in files:
        print(f"  parse_file {name:15} {sizes[name]:6.2f} MB file  {best[name]:6.3f} s  "
              f"{mb / best[name]:6.2f} MB/s  ({nodes[name]} numbered nodes)")
    print(f"  pdf / text time: {best['pdf'] / best['text']:.2f}x; pdfium's share of the PDF's time: "
          f"{(best['pdf'] - best['extracted text']) / best['pdf']:.0%}")
    print(f"import pypdfium2: {pdfium_ms:.1f} ms; import reportparse.formats.pdf (with it): {reader_ms:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
