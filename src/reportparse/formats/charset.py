"""The charset of a web page: ``--encoding``, a BOM, the page's own declaration, or detection.

Browsers decode a page labelled gb2312 or gbk as GB18030 (pages so labelled hold GBK
characters), try Big5's extensions for a Big5 label, and take a ``<meta>`` that says UTF-16 to
mean UTF-8; a page whose bytes do not fit its label is read by detection, with a warning.
"""

from __future__ import annotations

import codecs
import re

from ..source import DecodeError, decode, text_codec

#: Where a page names its charset: <meta charset=…> or <meta http-equiv … content="…; charset=…">.
#: Bounded so that a head of many unclosed <meta is not scanned again from each one.
_META_CHARSET = re.compile(
    rb"<meta\b[^>]{0,1024}?\bcharset\s*=\s*[\"']?\s*(?P<label>[A-Za-z0-9._:\-]{1,40})", re.IGNORECASE
)
_XML_ENCODING = re.compile(
    rb"\A\s*<\?xml\b[^>]{0,200}?\bencoding\s*=\s*[\"'](?P<label>[A-Za-z0-9._:\-]{1,40})", re.IGNORECASE
)
#: Browsers look for the declaration in the first 1024 bytes; Chinese pages often put scripts and
#: long comments before it, so more is read, but not the whole page.
_PRESCAN = 16384
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)

#: Labels of the Chinese charsets as pages write them, and the decoders tried for each.  Pages
#: that say gb2312 hold GBK characters, so the GB family is read with GB18030, which decodes
#: all of them (as browsers do); Big5 pages hold Microsoft or HKSCS additions.
_GB = ("gb18030",)
_BIG5 = ("big5", "cp950", "big5hkscs")
_LATIN = ("cp1252",)
_LABELS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("gb2312", "gbk", "x-gbk", "gb_2312", "gb_2312-80", "chinese", "csgb2312", "csiso58gb231280",
                     "iso-ir-58", "cp936", "ms936", "windows-936", "euc-cn", "gb18030", "hz-gb-2312"), _GB),
    **dict.fromkeys(("big5", "big5-hkscs", "big5hkscs", "cn-big5", "csbig5", "x-x-big5", "cp950", "x-big5"), _BIG5),
    # A page can only declare UTF-16 in bytes an ASCII scan reads, so that declaration is false:
    # browsers read such a page as UTF-8.
    **dict.fromkeys(("utf-16", "utf-16le", "utf-16be", "unicode", "ucs-2"), ("utf-8",)),
    **dict.fromkeys(("iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "windows-1252",
                     "cp1252"), _LATIN),
}

Warning = tuple[int, str, str]


def _declared(data: bytes) -> str | None:
    head = data[:_PRESCAN]
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return m.group("label").decode("ascii").lower() if m else None


def _decoders(label: str) -> tuple[str, ...] | None:
    if label in _LABELS:
        return _LABELS[label]
    try:
        return (text_codec(label),)
    except DecodeError:
        return None


def decode_page(data: bytes, encoding: str | None) -> tuple[str, str, list[Warning]]:
    """The page's text, the codec that read it, and what the user should know about that."""
    if encoding or data.startswith(_BOMS):
        # A named encoding is the user's word; a BOM is the file's, and outranks its <meta>.
        found = decode(data, encoding)
        return found.text.removeprefix("\ufeff"), found.encoding, []
    label = _declared(data)
    if label is None:
        found = decode(data)
        return found.text, found.encoding, []
    candidates = _decoders(label)
    if candidates is None:
        found = decode(data)
        return found.text, found.encoding, [(1, "unknown-charset",
                                             f"the page declares charset {label!r}, unknown here: read as "
                                             f"{found.encoding}")]
    for codec in candidates:
        try:
            return data.decode(codec), codec, []
        except UnicodeDecodeError:
            continue
    return _misdeclared(data, label, candidates[0])


def _misdeclared(data: bytes, label: str, codec: str) -> tuple[str, str, list[Warning]]:
    """A page whose bytes are not in the charset it declares: a saved copy re-encoded, most often."""
    try:
        found = decode(data)
    except DecodeError:
        text = data.decode(codec, "replace")
        count = text.count("\ufffd")
        return text, codec, [(1, "decode-replaced", f"the page declares charset {label} but {count} byte "
                                                    f"sequence(s) are not {label}: replaced with U+FFFD")]
    return found.text, found.encoding, [(1, "charset-mismatch", f"the page declares charset {label} but its "
                                                                 f"bytes are {found.encoding}: read as such")]
