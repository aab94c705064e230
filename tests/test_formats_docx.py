"""Word files: the same outline as the text they were made from, and Word's numbering as Word shows it.

The fixture files are made by tests/fixtures/formats/make_docx.py from the samples; the
``.auto`` ones carry no marker in their text at all (Word's automatic numbering).
"""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportparse import parse_bytes, parse_file
from reportparse.formats import detect
from reportparse.formats.wordnum import format_number
from reportparse.model import Node
from reportparse.source import DecodeError

from .conftest import marked, reportparse_cmd

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "tests" / "fixtures" / "formats" / "docx"
FILES = sorted(FOLDER.glob("*.docx"))
ENCODINGS = {"county_report_gbk": "gbk"}
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"




def all_nodes(children: tuple[Node, ...] | list[Node]) -> list[Node]:
    out: list[Node] = []
    for node in children:
        out.append(node)
        out.extend(all_nodes(node.children))
    return out


def sample_of(path: Path) -> Path:
    return ROOT / "samples" / f"{path.name.split('.')[0]}.txt"


def docx(body: str, numbering: str = "", styles: str = "", namespace: str = W) -> bytes:
    """A package around a document body (and numbering and styles parts when given)."""
    parts = {
        "[Content_Types].xml": "<Types/>",
        "word/document.xml": f'<w:document xmlns:w="{namespace}"><w:body>{body}</w:body></w:document>',
    }
    if numbering:
        parts["word/numbering.xml"] = f'<w:numbering xmlns:w="{W}">{numbering}</w:numbering>'
    if styles:
        parts["word/styles.xml"] = f'<w:styles xmlns:w="{W}">{styles}</w:styles>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def para(text: str, num: str = "", ilvl: int | None = 0, style: str = "") -> str:
    ppr = ""
    if num:
        level = f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
        ppr = f'<w:pPr><w:numPr>{level}<w:numId w:val="{num}"/></w:numPr></w:pPr>'
    elif style:
        ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>'
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def level(ilvl: int, fmt: str, text: str, extra: str = "", start: int = 1) -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}'
            f'<w:suff w:val="nothing"/><w:lvlText w:val="{text}"/></w:lvl>')


def lines_of(data: bytes) -> list[str]:
    return parse_bytes(data).text.splitlines()


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_a_word_file_has_the_outline_of_its_text(path: Path) -> None:
    sample = sample_of(path)
    want = marked(parse_file(sample).children)
    doc = parse_file(path)
    assert doc.source.format == "docx"
    assert marked(doc.children) == want
    assert len(want) > 5


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_spans_index_the_extracted_text_and_table_rows_are_no_nodes(path: Path) -> None:
    doc = parse_file(path)
    nodes = all_nodes(doc.children)
    for node in nodes:
        start, end = node.span
        assert 0 <= start <= end <= len(doc.text)
        if node.marker:
            assert doc.text[start:end].startswith(node.marker)
    tables = [n for n in nodes if n.kind == "table"]
    assert len(tables) == 1 and "1.\t核对台账" in tables[0].text
    assert not any(n.title == "核对台账" or n.text == "核对台账" for n in nodes if n.marker)


def test_automatic_numbering_leaves_no_marker_in_the_stored_text() -> None:
    for path in FOLDER.glob("*.auto.docx"):
        with zipfile.ZipFile(path) as archive:
            xml = archive.read("word/document.xml").decode()
        assert "<w:t xml:space=\"preserve\">一、" not in xml and "<w:numPr>" in xml


def test_the_fixtures_are_what_the_script_makes(tmp_path: Path) -> None:
    before = {p.name: p.read_bytes() for p in FILES}
    subprocess.run([sys.executable, str(FOLDER.parent / "make_docx.py")], check=True, capture_output=True)
    assert {p.name: p.read_bytes() for p in sorted(FOLDER.glob("*.docx"))} == before


# Word's numbering, construct by construct

NUMBERS = [
    ("decimal", 12, "12"), ("chineseCounting", 1, "一"), ("chineseCounting", 10, "十"),
    ("chineseCounting", 21, "二十一"), ("chineseCountingThousand", 105, "一百零五"),
    ("chineseLegalSimplified", 3, "叁"), ("ideographTraditional", 2, "乙"), ("ideographZodiac", 1, "子"),
    ("decimalEnclosedCircle", 3, "③"), ("decimalEnclosedCircleChinese", 20, "⑳"),
    ("decimalEnclosedCircle", 21, "21"), ("decimalEnclosedParen", 1, "⑴"), ("decimalEnclosedFullstop", 2, "⒉"),
    ("decimalFullWidth", 7, "７"), ("lowerLetter", 27, "aa"), ("upperLetter", 2, "B"),
    ("lowerRoman", 14, "xiv"), ("upperRoman", 4, "IV"), ("decimalZero", 3, "03"), ("none", 5, ""),
    ("ideographDigital", 20, "二〇"), ("somethingNew", 4, "4"),
]


@pytest.mark.parametrize(("fmt", "n", "want"), NUMBERS)
def test_number_formats(fmt: str, n: int, want: str) -> None:
    assert format_number(n, fmt) == want


def test_levels_restart_under_their_parent_and_articles_count_on() -> None:
    never = '<w:lvlRestart w:val="0"/>'
    numbering = ('<w:abstractNum w:abstractNumId="0">' + level(0, "chineseCounting", "第%1章")
                 + level(1, "chineseCounting", "第%2条", never) + level(2, "chineseCounting", "（%3）")
                 + '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')
    body = "".join([para("总则", "1", 0), para("目的", "1", 1), para("甲", "1", 2), para("乙", "1", 2),
                    para("适用", "1", 1), para("丙", "1", 2), para("附则", "1", 0), para("施行", "1", 1)])
    assert lines_of(docx(body, numbering)) == [
        "第一章总则", "第一条目的", "（一）甲", "（二）乙", "第二条适用", "（一）丙", "第二章附则", "第三条施行"]


def test_instances_of_one_list_count_on_unless_they_override_the_start() -> None:
    numbering = ('<w:abstractNum w:abstractNumId="0">' + level(0, "decimal", "%1.") + "</w:abstractNum>"
                 '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
                 '<w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>'
                 '<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0">'
                 '<w:startOverride w:val="1"/></w:lvlOverride></w:num>')
    body = para("a", "1") + para("b", "1") + para("c", "2") + para("d", "3") + para("e", "3")
    assert lines_of(docx(body, numbering)) == ["1.a", "2.b", "3.c", "1.d", "2.e"]


def test_legal_numbering_hidden_levels_and_removed_numbering() -> None:
    numbering = ('<w:abstractNum w:abstractNumId="0">' + level(0, "chineseCounting", "%1、")
                 + level(1, "decimal", "%1.%2", "<w:isLgl/>") + level(2, "none", "") + "</w:abstractNum>"
                 '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')
    body = para("总体要求", "1", 0) + para("目标", "1", 1) + para("不编号", "1", 2) + para("编号已去掉", "0", 0)
    assert lines_of(docx(body, numbering)) == ["一、总体要求", "1.1目标", "不编号", "编号已去掉"]


def test_numbering_from_a_style_and_the_style_it_is_based_on() -> None:
    numbering = ('<w:abstractNum w:abstractNumId="0">' + level(0, "chineseCounting", "%1、")
                 + level(1, "chineseCounting", "（%2）") + "</w:abstractNum>"
                 '<w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num>')
    styles = ('<w:style w:styleId="H1"><w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style>'
              '<w:style w:styleId="H2"><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="5"/></w:numPr></w:pPr>'
              '</w:style><w:style w:styleId="H2x"><w:basedOn w:val="H2"/></w:style>'
              '<w:style w:styleId="Loop"><w:basedOn w:val="Loop"/></w:style>')
    body = "".join(para(text, style=style) for text, style in
                   (("总体要求", "H1"), ("目标", "H2x"), ("任务", "H2"), ("正文", "Loop")))
    assert lines_of(docx(body, numbering, styles)) == ["一、总体要求", "（一）目标", "（二）任务", "正文"]


def test_what_word_does_not_show_is_not_read() -> None:
    body = ('<w:p><w:r><w:t>保留</w:t></w:r><w:del><w:r><w:delText>删去</w:delText></w:r></w:del>'
            '<w:ins><w:r><w:t>插入</w:t></w:r></w:ins><w:r><w:instrText> PAGE </w:instrText></w:r>'
            '<w:r><w:t>3</w:t></w:r><w:r><w:tab/><w:t>尾</w:t></w:r></w:p>'
            '<w:p xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:r><mc:AlternateContent>'
            '<mc:Choice><w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent></mc:Choice>'
            '<mc:Fallback><w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent></mc:Fallback>'
            '</mc:AlternateContent></w:r><w:r><w:t>正文</w:t></w:r></w:p>')
    assert lines_of(docx(body)) == ["保留插入3\t尾", "正文", "框内"]


def test_a_document_without_a_body_part_or_broken_is_one_error() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document")
    with pytest.raises(DecodeError, match="not well-formed XML"):
        parse_bytes(buffer.getvalue())
    with pytest.raises(DecodeError, match="cannot be opened"):
        parse_bytes(b"PK\x03\x04word/document.xml" + b"\x00" * 10)


@pytest.mark.slow
def test_a_zip_bomb_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive, archive.open("word/document.xml", "w") as part:
        part.write(f'<w:document xmlns:w="{W}"><w:body>'.encode())
        chunk = b"<w:p/>" * 1_000_000
        for _ in range(50):  # 300 MB of XML
            part.write(chunk)
    data = buffer.getvalue()
    assert len(data) < 1_000_000
    with pytest.raises(DecodeError, match="zip bomb"):
        parse_bytes(data)


def test_a_damaged_part_is_one_error() -> None:
    data = bytearray(docx(para("一、总体要求" * 50)))
    at = data.find(b"word/document.xml") + 40  # inside the compressed part
    data[at:at + 20] = b"\xff" * 20
    with pytest.raises(DecodeError, match="cannot be read"):
        parse_bytes(bytes(data))


def test_strict_ooxml_is_read() -> None:
    strict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    assert lines_of(docx(para("一、总体要求"), namespace=strict)) == ["一、总体要求"]


def test_the_bytes_decide_not_the_name(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(FILES[0].read_bytes())
    assert parse_file(path).source.format == "docx"
    assert detect(b"PK\x03\x04 no word part here", "x.docx") is None


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30), min_size=1, max_size=12))
def test_every_paragraph_is_a_line_as_written(paragraphs: list[str]) -> None:
    from xml.sax.saxutils import escape

    body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{escape(p)}</w:t></w:r></w:p>' for p in paragraphs)
    text = parse_bytes(docx(body)).text
    assert text == "".join(p + "\n" for p in paragraphs)


def test_the_command_reads_a_word_file_and_a_folder_of_them(tmp_path: Path) -> None:
    auto = FOLDER / "notice_gbt9704.auto.docx"
    proc = subprocess.run([*reportparse_cmd(), str(auto), "-f", "text"], capture_output=True, check=True)
    assert proc.stdout.decode() == parse_file(auto).text
    assert "一、" in proc.stdout.decode()
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.docx").write_bytes(auto.read_bytes())
    (tmp_path / "in" / "b.txt").write_bytes(sample_of(auto).read_bytes())
    proc = subprocess.run([*reportparse_cmd(), str(tmp_path / "in"), "--jsonl"], capture_output=True, check=True)
    import json

    records = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert [r["source"]["format"] for r in records] == ["docx", "text"]
