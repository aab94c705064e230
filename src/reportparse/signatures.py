"""What a file that is not text is, told by its first bytes (its magic number).

Many document and archive formats hold no NUL byte in their first kilobytes (a PDF
starts with ``%PDF-`` and may be all 7-bit), and every byte sequence of length two is a
GB18030 character, so without these checks such a file would be "decoded" as text.
The names go into a one-line error (``a PDF document, not text``), so a user learns
what was given and what to do instead.
"""

from __future__ import annotations

#: Exact prefixes, longest first where one begins another.
_PREFIXES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old-style Office file (.doc, .xls, .ppt or .wps)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"\x28\xb5\x2f\xfd", "a Zstandard archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"LZIP\x01", "an lzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\x7fELF", "an executable program"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"ID3\x02", "an MP3 audio file"),
    (b"ID3\x03", "an MP3 audio file"),
    (b"ID3\x04", "an MP3 audio file"),
    (b"OggS\x00", "an Ogg media file"),
    (b"\x1aE\xdf\xa3", "a Matroska/WebM video"),
)

#: ZIP-based formats, told by the names of the entries they must contain.
_ZIP_KINDS: tuple[tuple[bytes, str], ...] = (
    (b"word/", "a Word document (.docx)"),
    (b"xl/", "an Excel workbook (.xlsx)"),
    (b"ppt/", "a PowerPoint presentation (.pptx)"),
    (b"application/vnd.oasis.opendocument.text", "an OpenDocument text (.odt)"),
    (b"application/vnd.oasis.opendocument.spreadsheet", "an OpenDocument spreadsheet (.ods)"),
    (b"application/vnd.oasis.opendocument.presentation", "an OpenDocument presentation (.odp)"),
    (b"application/epub+zip", "an EPUB e-book"),
    (b"Contents/Section", "a Hangul Word document (.hwpx)"),
    (b"Doc_0/", "an OFD document"),
)

#: OLE2 containers: the stream that names the program (its name is stored in UTF-16).
_OLE_KINDS: tuple[tuple[str, str], ...] = (
    ("WordDocument", "a Word document (.doc or .wps)"),
    ("Workbook", "an Excel workbook (.xls)"),
    ("PowerPoint Document", "a PowerPoint presentation (.ppt)"),
)

#: Where ZIP and OLE2 keep the names looked for: the start and the end of the file.
_LOOK = 65536


def identify(data: bytes) -> str | None:
    """``a PDF document``, ``a Word document (.docx)`` …, or None when ``data`` has no known signature."""
    head = data[:_LOOK]
    ends = head + data[-_LOOK:] if len(data) > _LOOK else head
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        for name, kind in _ZIP_KINDS:
            if name in ends:
                return kind
        return "a ZIP archive"
    for prefix, kind in _PREFIXES:
        if head.startswith(prefix):
            if prefix == b"BZh" and head[3:4] not in (b"1", b"2", b"3", b"4", b"5", b"6", b"7", b"8", b"9"):
                continue
            if prefix.startswith(b"\xd0\xcf"):
                for stream, program in _OLE_KINDS:
                    if stream.encode("utf-16-le") in data:
                        return program
            return kind
    if head[:4] == b"RIFF" and head[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": "a WebP image", b"WAVE": "a WAV audio file", b"AVI ": "an AVI video"}[head[8:12]]
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        return "a HEIF/AVIF image" if brand in (b"heic", b"heix", b"avif", b"mif1") else "an MP4/QuickTime media file"
    if head[:2] == b"BM" and len(head) >= 14 and int.from_bytes(head[2:6], "little") == len(data):
        return "a BMP image"  # the header gives the file's size, which plain text starting with BM would not
    if head[:2] == b"MZ" and len(head) >= 64:
        at = int.from_bytes(head[60:64], "little")
        if head[at:at + 4] == b"PE\x00\x00":
            return "a Windows program"
    if head[257:262] == b"ustar":
        return "a tar archive"
    return None
