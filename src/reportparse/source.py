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
from dataclasses import dataclass

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# The order matters: UTF-8 is tried before GB18030 because valid UTF-8 of any
# length is almost never valid-and-meaningful GB18030, while the reverse is common.
_FALLBACKS = ("utf-8", "gb18030")

#: Line breaks of Python's universal newlines, and nothing else (no U+2028, no form feed).
LINE_BREAK = re.compile(r"\r\n|\r|\n")

#: White space that may stand before a marker: ASCII, ideographic, no-break and zero-width spaces, BOM.
LEADING_SPACE = " \t\u3000\u00a0\u2002\u2003\u2009\u200b\u200c\u200d\u2060\ufeff"


class DecodeError(ValueError):
    """The input is not text in a supported encoding, or is binary."""

    def __init__(self, message: str, code: str = "undecodable", offset: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.offset = offset


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    bom: bool


def _looks_binary(data: bytes) -> bool:
    # NUL bytes do not occur in text of any 8-bit or multi-byte encoding we read;
    # UTF-16/32 without a BOM is recognised before this is asked.
    return b"\x00" in data[:65536]


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM shows NULs in every other byte for ASCII and many CJK-free lines."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > half * 0.3 and even_nuls < half * 0.05:
        return "utf-16-le"
    if even_nuls > half * 0.3 and odd_nuls < half * 0.05:
        return "utf-16-be"
    return None


def decode(data: bytes, encoding: str | None = None) -> Decoded:
    """Decode a report's bytes.

    With ``encoding`` the bytes must decode strictly in it.  Without, a BOM
    decides; otherwise UTF-16 without BOM, UTF-8 and GB18030 are tried in that
    order.  Raises :class:`DecodeError` for binary or undecodable input.
    """
    if encoding:
        try:
            codec = codecs.lookup(encoding).name
        except LookupError as exc:
            raise DecodeError(f"unknown encoding {encoding!r}", code="usage") from exc
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            raise DecodeError(
                f"cannot decode as {codec}: invalid bytes at offset {exc.start}", offset=exc.start
            ) from exc
        if codec in ("utf-8", "utf-8-sig") and text.startswith("\ufeff"):
            return Decoded(text, "utf-8-sig", True)
        return Decoded(text, codec, False)

    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                # Keep the BOM in the text for UTF-8 so that offsets match the file
                # as other tools read it; for UTF-16/32 it is not a character of the text.
                if codec == "utf-8-sig":
                    return Decoded(data.decode("utf-8"), codec, True)
                return Decoded(data[len(bom):].decode(codec), codec.replace("-le", "").replace("-be", ""), True)
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    f"cannot decode as {codec} (it starts with a {codec} BOM): invalid bytes at offset "
                    f"{exc.start + len(bom)}",
                    offset=exc.start + len(bom),
                ) from exc

    wide = _utf16_without_bom(data)
    if wide:
        try:
            return Decoded(data.decode(wide), wide, False)
        except UnicodeDecodeError:
            pass
    if _looks_binary(data):
        offset = data.index(b"\x00")
        raise DecodeError(f"binary input (NUL byte at offset {offset})", code="binary", offset=offset)

    first_error: UnicodeDecodeError | None = None
    for codec in _FALLBACKS:
        try:
            return Decoded(data.decode(codec), codec, False)
        except UnicodeDecodeError as exc:
            first_error = first_error or exc
    assert first_error is not None
    raise DecodeError(
        f"not UTF-8 or GB18030 text: invalid bytes at offset {first_error.start} "
        f"(use --encoding to name the encoding)",
        offset=first_error.start,
    )


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Line:
    """One physical line: ``start``..``end`` is its content, ``ink`` the first non-space offset."""

    number: int
    start: int
    end: int
    ink: int  # == end for a blank line

    @property
    def blank(self) -> bool:
        return self.ink >= self.end


def split_lines(text: str) -> list[Line]:
    """The line table of ``text``: universal newlines, 1-based numbers, offsets into ``text``."""
    lines: list[Line] = []
    start = 0
    number = 1
    append = lines.append
    for m in LINE_BREAK.finditer(text):
        end = m.start()
        append(Line(number, start, end, _ink(text, start, end)))
        start = m.end()
        number += 1
    if start < len(text) or not lines:
        append(Line(number, start, len(text), _ink(text, start, len(text))))
    return lines


_NOT_SPACE = re.compile(r"[^\s\u200b\u200c\u200d\u2060\ufeff]")


def _ink(text: str, start: int, end: int) -> int:
    m = _NOT_SPACE.search(text, start, end)
    return m.start() if m else end


def rstrip_end(text: str, start: int, end: int) -> int:
    """End offset of ``text[start:end]`` without trailing white space."""
    while end > start and (text[end - 1].isspace() or text[end - 1] in "\u200b\u200c\u200d\u2060\ufeff"):
        end -= 1
    return end
