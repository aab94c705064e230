"""Every encoding a report arrives in, detected and decoded; the choice recorded in source.encoding."""

from __future__ import annotations

import codecs

import opencc
import pytest

import reportparse
from reportparse.source import DecodeError, decode

from .conftest import CORPUS, FIXTURES, SAMPLES, needs_corpus, outline_rows

TEXTS = sorted([*SAMPLES.glob("*.txt"), *SAMPLES.glob("*.md"), *(FIXTURES / "documents").glob("*.txt")])
TEXTS = [p for p in TEXTS if p.name != "README.md"]

# (codec written, how the bytes are made, the encoding reportparse reports)
ENCODINGS = [
    ("utf-8", lambda t: t.encode("utf-8"), "utf-8"),
    ("utf-8 with BOM", lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), "utf-8"),
    ("utf-16 with BOM", lambda t: t.encode("utf-16"), "utf-16"),
    ("utf-16-be with BOM", lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), "utf-16"),
    ("utf-16-le without BOM", lambda t: t.encode("utf-16-le"), "utf-16-le"),
    ("utf-16-be without BOM", lambda t: t.encode("utf-16-be"), "utf-16-be"),
    ("utf-32 with BOM", lambda t: t.encode("utf-32"), "utf-32"),
    ("gb18030", lambda t: t.encode("gb18030"), "gb18030"),
    ("gbk", lambda t: t.encode("gbk"), "gb18030"),
    ("gb2312", lambda t: t.encode("gb2312"), "gb18030"),
    ("big5", lambda t: t.encode("big5"), "big5"),
]
_S2TW = opencc.OpenCC("s2tw")


def _text(path) -> str:
    text = decode(path.read_bytes()).text
    return text[1:] if text.startswith("\ufeff") else text


@pytest.mark.parametrize("name,make,expected", ENCODINGS, ids=[e[0] for e in ENCODINGS])
@pytest.mark.parametrize("path", TEXTS, ids=[p.name for p in TEXTS])
def test_every_encoding_round_trips(path, name: str, make, expected: str) -> None:
    text = _text(path)
    if name == "big5":
        text = _S2TW.convert(text)
    try:
        data = make(text)
    except UnicodeEncodeError:
        pytest.skip(f"{path.name} has characters {name} cannot encode")
    decoded = decode(data)
    assert decoded.encoding == expected
    assert decoded.text.lstrip("\ufeff") == text
    # Spans index the text: it must be what the bytes decode to in the encoding named (a BOM included).
    assert data.decode(decoded.encoding) == decoded.text
    if name != "big5":
        assert outline_rows(reportparse.parse_bytes(data)) == outline_rows(reportparse.parse(text))


@pytest.mark.parametrize("size", [20, 40, 100])
def test_short_gbk_and_big5_are_told_apart(size: int) -> None:
    """Snippets of every sample, encoded both ways: at 20 characters and more, never mistaken."""
    checked = 0
    for path in TEXTS:
        text = _text(path)
        for start in range(0, max(1, len(text) - size), 97):
            snippet = text[start:start + size]
            if sum("\u4e00" <= ch <= "\u9fff" for ch in snippet) < size // 2:
                continue
            for codec, source, want in (("gbk", snippet, "gb18030"), ("big5", _S2TW.convert(snippet), "big5")):
                try:
                    data = source.encode(codec)
                except UnicodeEncodeError:
                    continue
                assert decode(data).encoding in (want, "cp950"), (codec, source)
                checked += 1
    assert checked > 200


def test_forced_encoding_and_replacement() -> None:
    data = "一、总体要求\n".encode("gb18030") + b"\xff\xfe" + "坚持稳中求进。\n".encode("gb18030")
    with pytest.raises(DecodeError) as failure:
        decode(data)
    assert "offset 13" in str(failure.value) and failure.value.offset == 13
    replaced = reportparse.parse_bytes(data, errors="replace")
    assert replaced.source.encoding == "gb18030"
    assert [d.code for d in replaced.diagnostics] == ["decode-replaced"]
    assert replaced.diagnostics[0].line == 2
    forced = decode("第一條".encode("big5"), "cp950")
    assert forced.text == "第一條" and forced.encoding == "cp950"
    with pytest.raises(DecodeError):
        decode(b"abc", "no-such-codec")


@needs_corpus
def test_corpus_encodings_are_detected() -> None:
    for folder in ("docs", "wild"):
        for path in sorted((CORPUS / folder).iterdir()):
            data = path.read_bytes()
            got = decode(data).encoding
            if "gbk" in path.name:
                assert got == "gb18030", path.name
            else:
                assert got == "utf-8", path.name  # with or without a BOM: the BOM is character 0


def test_a_bom_is_character_0_of_the_text_in_the_encoding_named() -> None:
    """Spans count a UTF-8 BOM as character 0, so the encoding named must keep it (utf-8-sig drops it)."""
    data = codecs.BOM_UTF8 + "第一条　本办法自发布之日起施行。\n".encode()
    for forced in (None, "utf-8", "utf-8-sig", "UTF8"):
        doc = reportparse.parse_bytes(data, encoding=forced)
        text = data.decode(doc.source.encoding)
        node = next(doc.walk())
        assert text[node.span[0]:node.span[1]].startswith("第一条"), forced
        assert text == doc.text, forced


FOREIGN = FIXTURES / "foreign"


@pytest.mark.parametrize("name,codec", [
    ("ja_town_plan.txt", "shift_jis"), ("ja_town_plan.txt", "cp932"), ("ja_town_plan.txt", "euc_jp"),
    ("ko_economy_plan.txt", "euc_kr"), ("ko_economy_plan.txt", "cp949"),
])
def test_japanese_and_korean_are_refused_not_read_as_mojibake(name: str, codec: str) -> None:
    data = (FOREIGN / name).read_text(encoding="utf-8").encode(codec)
    with pytest.raises(DecodeError, match=r"not Chinese text.*--encoding"):
        decode(data)
    assert decode(data, codec).text == (FOREIGN / name).read_text(encoding="utf-8")  # named, it is read
    assert decode((FOREIGN / name).read_bytes()).encoding == "utf-8"  # in UTF-8 nothing is guessed


@pytest.mark.slow
def test_every_chinese_document_we_have_is_read_in_gbk_and_big5() -> None:
    """Whole documents and stretches of 300 characters: the refusal of rare characters takes none of them."""
    folders = [SAMPLES, FIXTURES / "documents", CORPUS / "docs", CORPUS / "wild"]
    checked = 0
    for path in sorted(p for folder in folders if folder.is_dir() for p in folder.iterdir() if p.is_file()):
        text = decode(path.read_bytes()).text.lstrip("\ufeff")
        for codec, version in (("gbk", text), ("big5", _S2TW.convert(text))):
            for piece in [version, *(version[i:i + 300] for i in range(0, len(version), 300))]:
                data = piece.encode(codec, "ignore")
                if data.strip():
                    decode(data)
                    checked += 1
    assert checked > 1000


@pytest.mark.parametrize("name", ["zlib", "rot13", "unicode_escape", "raw_unicode_escape", "base64", "no-such"])
def test_encodings_that_do_not_read_text_files_are_refused(name: str) -> None:
    with pytest.raises(DecodeError) as failure:
        decode("一、总则\n".encode(), name)
    assert failure.value.code == "usage"


def test_a_lone_surrogate_from_a_named_encoding_is_refused() -> None:
    with pytest.raises(DecodeError, match="lone surrogate"):
        decode(b"+2AA-\n", "utf-7")


def _docx() -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SIGNED = {
    # A PDF whose first 64 KiB hold no NUL byte: it used to be read as GB18030.
    "a PDF document": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" * 2000,
    "a Word document (.docx)": _docx(),
    "an old-style Office file": OLE2 + b"\xff" * 600,
    "a Word document (.doc or .wps)": OLE2 + b"\xff" * 600 + "WordDocument".encode("utf-16-le"),
    "a PNG image": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "a JPEG image": b"\xff\xd8\xff\xe0" + b"\xa1\xa2" * 100,
    "a gzip archive": b"\x1f\x8b\x08\x08" + b"\xb0\xa1" * 100,
    "a ZIP archive": b"PK\x03\x04" + b"\xb0\xa1" * 100,
    "an RTF document": b"{\\rtf1\\ansi\\ansicpg936 {\\fonttbl}}",
    "a tar archive": b"report.txt".ljust(257, b"\x20") + b"ustar  " + b"\x20" * 300,
}


@pytest.mark.parametrize("kind", sorted(SIGNED))
def test_files_that_are_not_text_are_refused_by_name(kind: str) -> None:
    with pytest.raises(DecodeError) as failure:
        decode(SIGNED[kind])
    assert failure.value.code == "binary"
    assert str(failure.value).startswith(kind)


def test_a_nul_byte_anywhere_makes_a_file_binary() -> None:
    data = "一、总则\n".encode() * 20_000 + b"\x00\x01\x02"
    with pytest.raises(DecodeError, match=f"NUL byte at offset {len(data) - 3}"):
        decode(data)
