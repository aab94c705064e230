"""PDF input: the same outline as the same report as text, scans told, broken files refused in a line.

The fixtures in tests/fixtures/formats/pdf are made from samples/ by
tests/fixtures/formats/make_pdf.py (GB/T 9704 pages: 28 characters a line, 22 lines a page,
``— 3 —`` at the foot, a running head on the regulation's pages).
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
import threading
from pathlib import Path
from types import ModuleType
from typing import Any

import jsonschema
import pytest

from reportparse import formats, parse, parse_bytes, parse_file
from reportparse.inputs import default_globs
from reportparse.model import Document
from reportparse.schema import schema
from reportparse.source import DecodeError

from .conftest import FIXTURES, SAMPLES, span_problems, structure_problems
from .test_cli import run

PDFS = FIXTURES / "formats" / "pdf"
#: Each fixture made from a sample: the sample's file name.
MADE_FROM = {
    "county_report_gbk.pdf": "county_report_gbk.txt",
    "notice_gbt9704.pdf": "notice_gbt9704.txt",
    "regulation_with_toc.pdf": "regulation_with_toc.txt",
}
HEAD = "青川市人民代表大会常务委员会公报"
FOLIO = re.compile(r"— \d+ —")


def _maker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_pdf", FIXTURES / "formats" / "make_pdf.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_pdf = _maker()


def outline(doc: Document) -> list[tuple[int, str, str, str]]:
    return [(n.level, n.kind, n.marker, n.title) for n in doc.walk() if n.numbered]


def test_the_fixtures_are_what_the_script_makes() -> None:
    made = make_pdf.build()
    assert sorted(made) == sorted(p.name for p in PDFS.glob("*.pdf"))
    for name, data in made.items():
        assert (PDFS / name).read_bytes() == data, f"{name}: run tests/fixtures/formats/make_pdf.py"


# the same outline as the text


@pytest.mark.parametrize("name", sorted(MADE_FROM))
def test_a_pdf_gives_the_outline_of_its_text(name: str) -> None:
    doc = parse_file(PDFS / name)
    assert doc.source.format == "pdf" and doc.source.encoding is None
    assert outline(doc) == outline(parse_file(SAMPLES / MADE_FROM[name]))
    assert doc.title is not None
    assert doc.title.text == parse_file(SAMPLES / MADE_FROM[name]).title.text  # type: ignore[union-attr]
    assert not [d for d in doc.diagnostics if d.severity != "info"]


@pytest.mark.parametrize("name", sorted(MADE_FROM))
def test_spans_index_the_extracted_text(name: str) -> None:
    doc = parse_file(PDFS / name)
    assert "\r" not in doc.text and "\f" not in doc.text
    assert span_problems(doc) == []
    assert structure_problems(doc) == []
    for node in doc.walk():
        assert node.line <= doc.source.lines
        assert node.span[1] <= len(doc.text)


@pytest.mark.parametrize("name", sorted(MADE_FROM))
def test_page_numbers_and_running_heads_are_furniture(name: str) -> None:
    doc = parse_file(PDFS / name)
    # Lines as shown: a centred number or head stands in from the margin, written with full-width spaces.
    lines = [line.strip() for line in doc.text.split("\n")]
    folios = [i + 1 for i, line in enumerate(lines) if FOLIO.fullmatch(line)]
    assert len(folios) >= 2
    furniture = {n.line for n in doc.walk() if n.kind == "furniture"}
    assert set(folios) <= furniture
    heads = [i + 1 for i, line in enumerate(lines) if line == HEAD]
    assert set(heads) <= furniture
    for node in doc.walk():
        if node.kind != "furniture":
            assert not FOLIO.search(node.text) and HEAD not in node.text and HEAD not in node.title, node


def test_the_reader_sets_aside_what_the_pages_show() -> None:
    from reportparse.formats import pdf

    got = pdf.read((PDFS / "regulation_with_toc.pdf").read_bytes(), "gbk")
    lines = [line.strip() for line in got.text.split("\n")]
    assert got.format == "pdf" and got.encoding is None and got.warnings == ()
    assert {i for i, line in enumerate(lines) if line == HEAD or FOLIO.fullmatch(line)} == set(got.aside)
    assert set(got.aside.values()) == {"furniture"}


def test_a_running_head_with_the_page_number_in_it_is_furniture() -> None:
    from reportparse.formats import pdf

    source = (SAMPLES / "notice_gbt9704.txt").read_text("utf-8")
    pages = make_pdf.paginate(make_pdf.layout(source))
    streams = [make_pdf.page_stream(n, page, f"临澜县人民政府公报　第{n}期") for n, page in enumerate(pages, 1)]
    got = pdf.read(make_pdf.Writer().document(streams), None)
    lines = got.text.split("\n")
    heads = {i for i, line in enumerate(lines) if line.strip().startswith("临澜县人民政府公报")}
    assert len(heads) == len(pages) and heads <= set(got.aside)


def test_numbered_lines_at_the_edges_of_pages_are_no_running_heads() -> None:
    from reportparse.formats import pdf

    # Three pages opening with articles whose numbers alone differ: structure, not a head.
    streams = [make_pdf.page_stream(n, [(0, f"第{n}条　本条例自公布之日起施行"), (0, "正文")], None) for n in (1, 2, 3)]
    got = pdf.read(make_pdf.Writer().document(streams), None)
    lines = got.text.split("\n")
    assert not [i for i in got.aside if lines[i].strip().startswith("第")]


# where the text has to come from


def test_a_pdf_named_txt_is_read_as_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes((PDFS / "notice_gbt9704.pdf").read_bytes())
    doc = parse_file(path)
    assert doc.source.format == "pdf"
    assert outline(doc) == outline(parse_file(PDFS / "notice_gbt9704.pdf"))


def test_parse_bytes_reads_a_pdf() -> None:
    data = (PDFS / "notice_gbt9704.pdf").read_bytes()
    doc = parse_bytes(data)
    assert doc.source.format == "pdf" and doc.source.bytes == len(data)
    # Its text, given as text, gives the same outline.
    assert outline(parse(doc.text)) == outline(doc)


def test_threads_read_pdfs_at_once() -> None:
    want = {name: outline(parse_file(PDFS / name)) for name in MADE_FROM}
    got: dict[tuple[int, str], Any] = {}

    def work(k: int) -> None:
        for name in MADE_FROM:
            got[k, name] = outline(parse_file(PDFS / name))

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == {(k, name): want[name] for k in range(4) for name in MADE_FROM}


def test_a_thousand_pages_are_read() -> None:
    source = (SAMPLES / "notice_gbt9704.txt").read_text("utf-8")
    streams = make_pdf.text_pages("\n".join([source] * 270))
    assert len(streams) >= 1000
    doc = parse_bytes(make_pdf.Writer().document(streams))
    assert doc.source.format == "pdf"
    assert len(outline(doc)) == 270 * len(outline(parse_file(SAMPLES / "notice_gbt9704.txt")))


def test_characters_beyond_the_basic_plane_are_read() -> None:
    doc = parse_file(PDFS / "rare_characters.pdf")
    assert "𠀾𠁅村村民𪚥某、䶮某申请宅基地，符合规定。" in doc.text
    assert outline(doc) == outline(parse(make_pdf.RARE))
    assert span_problems(doc) == []


# scans, blank pages and broken files


def test_a_scanned_page_is_told_where_its_text_would_be() -> None:
    doc = parse_file(PDFS / "scan_page_2.pdf")
    told = [(d.severity, d.code, d.message) for d in doc.diagnostics if d.code == "no-text-layer"]
    assert told == [("warning", "no-text-layer", "page 2 has no text layer (a scan?): its text is not in the outline")]
    line = next(d.line for d in doc.diagnostics if d.code == "no-text-layer")
    lines = doc.text.split("\n")
    # A blank line stands for the page, after page 1's number.
    assert lines[line - 1] == "" and lines[line - 2].strip() == "— 1 —"


def test_a_blank_page_is_no_scan() -> None:
    doc = parse_file(PDFS / "blank_page_2.pdf")
    assert not [d for d in doc.diagnostics if d.code == "no-text-layer"]
    assert outline(doc) == outline(parse_file(PDFS / "scan_page_2.pdf"))


@pytest.mark.parametrize(("name", "code", "message"), [
    ("scan_only.pdf", "no-text", "a scanned PDF: no page has a text layer (run OCR first)"),
    ("encrypted.pdf", "unreadable-pdf", "an encrypted PDF: it cannot be opened without its password"),
])
def test_a_pdf_without_text_is_refused_in_a_line(name: str, code: str, message: str) -> None:
    with pytest.raises(DecodeError) as caught:
        parse_file(PDFS / name)
    assert caught.value.code == code
    assert str(caught.value) == message


BROKEN = {
    "a header alone": b"%PDF-1.7\n",
    "a header and junk": b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog" + bytes(range(256)) * 40,
    "junk before the header": b"\x00" * 100 + b"%PDF-1.4\ngarbage",
    "the first half of a PDF": (PDFS / "notice_gbt9704.pdf").read_bytes()[:2000],
    "a PDF without its cross-reference table": (PDFS / "notice_gbt9704.pdf").read_bytes().split(b"xref")[0],
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_pdf_is_refused_or_read_never_a_traceback(name: str) -> None:
    try:
        doc = parse_bytes(BROKEN[name])
    except DecodeError as error:
        assert error.code in ("unreadable-pdf", "no-text")
        assert "\n" not in str(error)
    else:
        assert doc.source.format == "pdf"  # pdfium mends what it can


def test_without_pypdfium2_a_pdf_asks_for_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    # A module set to None in sys.modules cannot be imported: as if it were not installed.
    monkeypatch.setitem(sys.modules, "pypdfium2", None)
    monkeypatch.delitem(sys.modules, "reportparse.formats.pdf", raising=False)
    with pytest.raises(formats.MissingExtra) as caught:
        parse_file(PDFS / "notice_gbt9704.pdf")
    assert caught.value.code == "missing-extra"
    assert str(caught.value) == "a PDF document needs the pdf reader: pip install 'reportparse[pdf]'"
    # Nor are folders walked for PDFs then.
    assert "*.pdf" not in default_globs()


def test_with_pypdfium2_folders_take_pdfs() -> None:
    assert "*.pdf" in default_globs()


# the wrapped text alone (no PDF): what the reflow makes of 28 characters a line


@pytest.mark.parametrize("name", sorted(MADE_FROM))
def test_the_same_text_wrapped_at_28_characters_gives_the_same_outline(name: str) -> None:
    source = (SAMPLES / MADE_FROM[name]).read_bytes().decode(make_pdf.SAMPLES[name[:-4]].encoding)
    wrapped = "\n".join(text for _, text in make_pdf.layout(source) if text)
    assert outline(parse(wrapped)) == outline(parse(source))


# the command


def test_the_command_reads_a_pdf_as_json() -> None:
    proc = run(str(PDFS / "regulation_with_toc.pdf"), "--json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    jsonschema.validate(doc, schema())
    assert doc["source"]["format"] == "pdf" and doc["source"]["encoding"] is None
    assert doc["title"] == "青川市城市公园管理条例"


def test_the_command_prints_the_text_of_a_pdf() -> None:
    proc = run(str(PDFS / "county_report_gbk.pdf"), "-f", "text")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode("utf-8").endswith(parse_file(PDFS / "county_report_gbk.pdf").text)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_command_finds_pdfs_in_a_folder(tmp_path: Path, jobs: str) -> None:
    for name in MADE_FROM:
        (tmp_path / name).write_bytes((PDFS / name).read_bytes())
    (tmp_path / "notes.txt").write_text("一、总则\n", encoding="utf-8")
    proc = run(str(tmp_path), "--jsonl", "-j", jobs)
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    formats_by_name = {Path(r["source"]["path"]).name: r["source"]["format"] for r in records}
    assert formats_by_name == {**dict.fromkeys(MADE_FROM, "pdf"), "notes.txt": "text"}


def test_the_command_tells_a_scan_in_one_line() -> None:
    proc = run(str(PDFS / "scan_only.pdf"), "--json")
    assert proc.returncode == 1
    assert proc.stderr.decode("utf-8") == (
        f"reportparse: {PDFS / 'scan_only.pdf'}: a scanned PDF: no page has a text layer (run OCR first)\n"
    )


def test_a_line_set_in_from_the_margin_is_indented_as_the_page_shows_it() -> None:
    # The text layer has no spaces for a first-line indent; the reader writes the indent back, so a
    # paragraph's first line is told from the wrapped line before it.
    lines = parse_file(PDFS / "notice_gbt9704.pdf").text.split("\n")
    assert "\u3000\u3000一、总体要求" in lines
    assert any(line.startswith("\u3000\u3000为深入贯彻") for line in lines)
    assert any(line.startswith("求，进一步畅通") for line in lines)  # a wrapped line stays at the margin
