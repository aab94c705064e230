"""Normalisation stage: bytes to text, and text to a table of lines.

Decoding never guesses silently: a byte string that is not text in any of the
encodings Chinese reports are published in is an error that names the byte
offset.  The line table keeps every offset pointing into the decoded text as
it was, so the rest of the pipeline can match on lines and still report
exact spans.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from functools import cache
from typing import NamedTuple

from .compiled import on_first_use
from .signatures import identify

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)



class DecodeError(ValueError):
    """The input is not text in a supported encoding, or is binary."""

    def __init__(self, message: str, code: str = "undecodable", offset: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.offset = offset


_PLAUSIBLE = (
    "[\t\n\r\x20-\x7e\xa0-\xff\u2000-\u206f\u2460-\u24ff\u3000-\u303f\u3200-\u32ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]"
)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM, told by its NUL bytes and by which byte order reads as text.

    Text in UTF-8 or a double-byte encoding has no NUL byte; UTF-16 has one in
    every ASCII character and line break.  Read in the wrong byte order, Chinese
    text turns into characters from all over the code space, so the order whose
    characters are nearly all plausible in a report is the one.
    """
    if len(data) < 2 or len(data) % 2 or b"\x00" not in data[:65536]:
        return None
    best: tuple[float, str] | None = None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            sample = data[:65536].decode(codec, "replace")
        except UnicodeDecodeError:  # pragma: no cover - "replace" does not raise
            continue
        if not sample:
            continue
        share = len(re.findall(_PLAUSIBLE, sample)) / len(sample)  # compiled only when a NUL is seen
        if best is None or share > best[0]:
            best = (share, codec)
    if best is None or best[0] < 0.95:
        return None
    return best[1]


#: Double-byte Chinese encodings, tried after UTF-8; which one wins is decided by the text.
_DOUBLE_BYTE = ("gb18030", "big5", "cp950", "big5hkscs")
_SCORE_SAMPLE = 65536


def _chineseness(text: str) -> tuple[float, int]:
    """Share of frequent characters among the Han characters of ``text`` (its first 64 KiB), and their count.

    Private-use code points and kana count as rare characters too: GB18030 turns the byte pairs
    of Big5 it has no character for into private-use code points, so a Big5 snippet read as
    GB18030 may hold a single, common Han character among a run of them.
    """
    from .hanzi import COMMON

    sample = text[:_SCORE_SAMPLE]
    letters = [ch for ch in sample if "\u3040" <= ch <= "\u30ff" or "\u3400" <= ch <= "\u9fff"
               or "\ue000" <= ch <= "\ufaff"]
    if not letters:
        return 0.0, 0
    return sum(ch in COMMON for ch in letters) / len(letters), len(letters)


#: Japanese and Korean text in their double-byte encodings decodes as GB18030 or Big5 too, into
#: characters rare in Chinese: a share of frequent characters under 0.3 (0.01 for Shift-JIS, 0.1
#: for EUC-JP, 0.2 for EUC-KR, measured on whole notices) where real Chinese text has over 0.7.
#: Below 100 letters a stretch of names can score under 0.5 in a real report, so short text is not judged.
_FOREIGN_SHARE = 0.4
_FOREIGN_LETTERS = 100


def _refuse_foreign(text: str, codec: str) -> None:
    share, letters = _chineseness(text)
    if letters >= _FOREIGN_LETTERS and share < _FOREIGN_SHARE:
        raise DecodeError(
            f"not Chinese text: read as {codec.upper()} it is made of rare characters (Japanese or Korean text "
            f"in Shift-JIS, EUC-JP or EUC-KR?); give --encoding to read it in another encoding"
        )


#: Codecs Python can decode with that are no character set a text file is written in.
_NOT_CHARSETS = frozenset({"unicode-escape", "raw-unicode-escape", "punycode", "idna"})


def text_codec(encoding: str) -> str:
    """The codec name of ``encoding``, when it decodes bytes into text (``zlib`` and ``rot13`` do not)."""
    try:
        info = codecs.lookup(encoding)
    except LookupError as exc:
        raise DecodeError(f"unknown encoding {encoding!r}", code="usage") from exc
    codec = info.name
    # bytes.decode refuses the bytes-to-bytes and text-to-text codecs by this mark of the codec registry.
    if not getattr(info, "_is_text_encoding", True):
        raise DecodeError(f"not a text encoding: {encoding!r} (zlib, rot13, base64 … transform data)", code="usage")
    if codec in _NOT_CHARSETS:
        raise DecodeError(f"not a character encoding of text files: {encoding!r}", code="usage")
    # utf-8-sig would drop a BOM that the spans count as character 0 (see decode).
    return "utf-8" if codec == "utf-8-sig" else codec


_surrogate = on_first_use("[\ud800-\udfff]")


def _replaced(data: bytes, codec: str) -> tuple[str, int, int]:
    """``data`` decoded as ``errors="replace"`` decodes it (one U+FFFD per undecodable sequence), with
    the count and the first offset of those sequences."""
    decode = codecs.getdecoder(codec)
    view = memoryview(data)
    pieces: list[str] = []
    bad: list[int] = []
    at = 0
    while True:
        try:
            pieces.append(decode(view[at:], "strict")[0])
            break
        except UnicodeDecodeError as exc:
            # The good bytes before the bad ones, decoded again on their own (a view: no copying).
            pieces.append(decode(view[at:at + exc.start], "strict")[0])
            pieces.append("\ufffd")
            bad.append(at + exc.start)
            at += exc.end
    return "".join(pieces), len(bad), (bad[0] if bad else -1)


class Decoded(NamedTuple):
    text: str
    encoding: str
    #: Bad bytes replaced with U+FFFD (only with errors="replace"), and the offset of the first.
    replaced: int = 0
    first_bad: int = -1


def _decode_as(data: bytes, codec: str, errors: str) -> Decoded:
    """``data`` in the encoding the user named; a lone surrogate (from utf-7 …) is no text either."""
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        if errors != "replace":
            raise DecodeError(
                f"cannot decode as {codec}: invalid bytes at offset {exc.start}", offset=exc.start
            ) from exc
        text, count, first = _replaced(data, codec)
        return Decoded(text, codec, count, first)
    bad = _surrogate().search(text)
    if bad is not None:  # not undecodable bytes that --errors replace could stand in for: refused either way
        raise DecodeError(f"cannot decode as {codec}: it gives a lone surrogate "
                          f"(U+{ord(bad.group()):04X}) at character {bad.start()}, which is not text")
    return Decoded(text, codec)


def decode(data: bytes, encoding: str | None = None, errors: str = "strict") -> Decoded:
    """Decode a report's bytes.

    With ``encoding`` the bytes must decode in it.  Without, a file format that is not
    text (PDF, Word, images, archives …) is refused by name; then a BOM decides;
    otherwise UTF-16 without BOM, UTF-8, then GB18030 and Big5: when both of
    these decode, the one whose text is made of frequent characters wins (see
    :mod:`reportparse.hanzi`), and text that is made of rare characters either way
    (Japanese or Korean in their double-byte encodings) is refused rather than
    guessed.  Bad bytes are an error naming their offset, unless
    ``errors="replace"``, which replaces them with U+FFFD and counts them.

    ``data.decode(result.encoding) == result.text`` always holds (with
    ``errors="replace"`` where bytes were replaced), so spans into the text are
    spans into the file as any decoder reads it: a UTF-8 BOM is character 0.
    """
    if errors not in ("strict", "replace"):
        raise DecodeError(f"unknown error handling {errors!r} (strict or replace)", code="usage")
    if encoding:
        return _decode_as(data, text_codec(encoding), errors)
    kind = identify(data)
    if kind is not None:
        if "(.doc" in kind:
            advice = "save it as .docx first (soffice --headless --convert-to docx FILE does it in a batch)"
        else:
            advice = "reportparse reads text, .docx, web pages and PDF: export or extract the text first"
        raise DecodeError(f"{kind}, not text ({advice})", code="binary")

    with_bom = _decode_by_bom(data, errors)
    if with_bom is not None:
        return with_bom
    wide = _utf16_without_bom(data)
    if wide:
        try:
            return Decoded(data.decode(wide), wide)
        except UnicodeDecodeError:
            pass
    # NUL bytes do not occur in text of any 8-bit or multi-byte encoding we read, anywhere in it;
    # UTF-16/32 without a BOM is recognised before this is asked.
    offset = data.find(b"\x00")
    if offset >= 0:
        raise DecodeError(f"binary input (NUL byte at offset {offset})", code="binary", offset=offset)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        return _decode_double_byte(data, errors, exc.start)


def _decode_by_bom(data: bytes, errors: str) -> Decoded | None:
    """The text of bytes that open with a byte-order mark, or None when they do not."""
    for bom_bytes, codec in _BOMS:
        if data.startswith(bom_bytes):
            # UTF-8 keeps its BOM in the text as character 0, so that offsets match the file as
            # data.decode("utf-8") reads it; for UTF-16/32 the codec named drops it, as it does here.
            name = "utf-8" if codec == "utf-8-sig" else codec.replace("-le", "").replace("-be", "")
            body = data if codec == "utf-8-sig" else data[len(bom_bytes):]
            plain = "utf-8" if codec == "utf-8-sig" else codec
            try:
                return Decoded(body.decode(plain), name)
            except UnicodeDecodeError as exc:
                offset = exc.start + (0 if codec == "utf-8-sig" else len(bom_bytes))
                if errors == "replace":
                    text, count, first = _replaced(body, plain)
                    return Decoded(text, name, count, first)
                raise DecodeError(
                    f"cannot decode as {name} (it starts with a {name} BOM): invalid bytes at offset {offset}",
                    offset=offset,
                ) from exc
    return None


def _decode_double_byte(data: bytes, errors: str, utf8_error: int) -> Decoded:
    """Bytes that are not UTF-8: GB18030 or Big5, whichever reads as Chinese (see :func:`decode`)."""
    decoded: list[tuple[str, str]] = []
    farthest: tuple[int, str] = (utf8_error, "utf-8")
    for codec in _DOUBLE_BYTE:
        if codec != "gb18030" and any(c != "gb18030" for c, _ in decoded):
            break  # one of the Big5 family is enough
        try:
            decoded.append((codec, data.decode(codec)))
        except UnicodeDecodeError as exc:
            # The encoding that reads furthest is the file's; its error is the one to report.
            farthest = max(farthest, (exc.start, codec))
            continue
    if decoded:
        # max() keeps the first of equals, so GB18030 wins a tie.
        codec, text = max(decoded, key=lambda pair: _chineseness(pair[1])[0]) if len(decoded) > 1 else decoded[0]
        _refuse_foreign(text, codec)
        return Decoded(text, codec)
    if errors == "replace":
        options = [(*_replaced(data, codec), codec) for codec in ("utf-8", "gb18030")]
        text, count, first, codec = min(options, key=lambda option: option[1])
        return Decoded(text, codec, count, first)
    offset, codec = farthest
    raise DecodeError(
        f"not UTF-8, GB18030 or Big5 text: invalid {codec} bytes at offset {offset} "
        f"(use --encoding to name the encoding, or --errors replace)",
        offset=offset,
    )


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Line(NamedTuple):
    """One physical line: ``start``..``end`` is its content, ``ink`` the first non-space offset.

    A named tuple: a document has one per line, and tuples are the cheapest objects to make and read.
    Its number is its index + 1, not a field: an int each cost a tenth of the table.
    """

    start: int
    end: int
    ink: int  # == end for a blank line
    blank: bool


#: What comes before a line's first inked character: the white space of ``str.isspace`` (and of
#: ``\s``) other than line breaks, then zero-width spaces and the BOM.
_BLANKS = (
    "\t\x0b\x0c\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u2028\u2029\u202f\u205f\u3000\u200b\u200c\u200d\u2060\ufeff"
)


@cache
def _line_pattern() -> re.Pattern[str]:
    """One line: its leading blanks, its content, its break (for text with \\r in it)."""
    # Greedy, not possessive (``*+`` needs Python 3.11): every part is optional, so the match never
    # fails and never backtracks into them.
    return re.compile(f"([{re.escape(_BLANKS)}]*)([^\\r\\n]*)(\\r\\n|\\r|\\n)?")


def split_lines(text: str) -> list[Line]:
    """The line table of ``text``: universal newlines, offsets into ``text`` (line ``i`` is number ``i + 1``)."""
    lines: list[Line] = []
    append = lines.append
    if "\r" not in text:
        # Most files break lines with \n alone: str.split and lstrip run in C, about twice as fast.
        start = 0
        for content in text.split("\n"):
            end = start + len(content)
            inked = content.lstrip(_BLANKS)
            # A line that opens with its text shares its start: one int fewer a line.
            ink = start if len(inked) == len(content) else end - len(inked)
            append(Line(start, end, ink, ink >= end))
            start = end + 1
        if len(lines) > 1 and lines[-1].start == len(text):
            lines.pop()  # the text ends with a line break: no line follows it
        return lines
    for m in _line_pattern().finditer(text):
        (start, stop), (_, ink), (_, end), _ = m.regs
        if start == stop:  # the empty match at the end of the text
            if not lines:
                append(Line(start, start, start, True))
            break
        append(Line(start, end, ink, ink >= end))
    return lines


