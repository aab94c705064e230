"""Reading an input's bytes, never more than a bound: files, named pipes, standard input, URLs.

``reportparse /dev/zero`` would otherwise read until memory runs out, and so would a pipe
that never ends.  A named path must be a regular file or a named pipe (a FIFO is read up
to the bound); a device, a socket or a folder is refused before anything is read.  A
regular file larger than the bound is refused from its size, without reading it.
"""

from __future__ import annotations

import os
import re
import stat
from typing import Protocol

#: The default bound: far beyond any report, well within the memory of a laptop (--max-bytes).
DEFAULT_MAX_BYTES = 1_000_000_000
_CHUNK = 1 << 20

_SIZE = {"": 1, "k": 10**3, "m": 10**6, "g": 10**9, "t": 10**12, "kb": 10**3, "mb": 10**6, "gb": 10**9,
         "tb": 10**12, "kib": 2**10, "mib": 2**20, "gib": 2**30, "tib": 2**40}


_SIZE_TEXT = re.compile(r"(?P<number>\d+(?:\.\d*)?|\.\d+)(?P<unit>[a-z]*)")


class _Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes | None: ...


class ReadError(OSError):
    """An input that is there but cannot be taken: too large, or not a file."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


def parse_size(text: str) -> int:
    """``1G``, ``500MB``, ``64KiB``, ``123`` → bytes (decimal units, binary with ``i``); ValueError otherwise."""
    m = _SIZE_TEXT.fullmatch(text.strip().lower().replace("_", "").replace(" ", ""))
    if m is None or m["unit"] not in _SIZE:
        raise ValueError(f"not a size: {text!r} (a number of bytes, or with k, M, G, KiB, MiB, GiB)")
    value = float(m["number"]) * _SIZE[m["unit"]]
    if value < 1:
        raise ValueError(f"not a size: {text!r} (at least 1 byte)")
    return int(value)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _too_large(size: int | None, limit: int) -> ReadError:
    what = f"{size:,} bytes" if size is not None else f"more than {limit:,} bytes"
    return ReadError(f"too large: {what}, over the limit of {limit:,} (raise it with --max-bytes)", "too-large")


def read_stream(handle: _Readable, limit: int, size_hint: int = 0) -> bytes:
    """Everything ``handle`` gives, up to ``limit`` bytes; ReadError past it (nothing more is read)."""
    chunks: list[bytes] = []
    total = 0
    # A regular file comes in one read of its size (plus one byte, to see it did not grow).
    want = size_hint + 1 if size_hint else _CHUNK
    while True:
        chunk = handle.read(min(want, limit + 1 - total))
        if not chunk:  # b"" at the end (None would be a non-blocking read with nothing yet: not opened so)
            break
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise _too_large(None, limit)
        want = _CHUNK
    # join hands back the one chunk of a regular file as it is, without a copy.
    return b"".join(chunks)


def read_path(path: str, limit: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of the file at ``path``: a regular file or a named pipe, at most ``limit`` bytes.

    FileNotFoundError, PermissionError, IsADirectoryError and other OSErrors come as the
    system raises them; ReadError says why a file was not taken (code ``too-large`` or
    ``not-a-file``).
    """
    mode = os.stat(path).st_mode  # before opening: opening a device may block or act
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(path)
    if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):
        raise ReadError(f"{_kind(mode)}, not a file", "not-a-file")
    with open(path, "rb", buffering=0) as handle:
        info = os.fstat(handle.fileno())  # what was opened, should the path have changed since
        if not (stat.S_ISREG(info.st_mode) or stat.S_ISFIFO(info.st_mode)):
            raise ReadError(f"{_kind(info.st_mode)}, not a file", "not-a-file")
        if info.st_size > limit:
            raise _too_large(info.st_size, limit)
        return read_stream(handle, limit, info.st_size if stat.S_ISREG(info.st_mode) else 0)


def read_url(url: str, limit: int = DEFAULT_MAX_BYTES) -> bytes:
    """``s3://…``, ``gs://…`` through fsspec, at most ``limit`` bytes; any failure is an OSError with a reason."""
    scheme = url.split("://", 1)[0]
    try:
        import fsspec
    except ImportError as exc:
        raise OSError(f"reading {scheme}:// paths needs fsspec (pip install fsspec)") from exc
    try:
        with fsspec.open(url, "rb") as handle:
            data: bytes = read_stream(handle, limit)
            return data
    except ReadError:
        raise
    except ImportError as exc:  # the file system's own package (s3fs, gcsfs …) is missing
        raise OSError(f"reading {scheme}:// paths needs another package: {exc}") from exc
    except FileNotFoundError:
        raise
    except Exception as exc:  # fsspec raises ValueError for an unknown protocol, and anything its backends do
        raise OSError(f"{type(exc).__name__}: {exc}") from exc
