"""Output files under ``-o DIR``: named inside DIR, written whole or not at all, never overwriting this run's own.

Each file is written under a temporary name in its folder (``.NAME.PID.tmp``) and renamed
into place, so an interrupted run leaves no half-written file; the temporary files of a
process that was killed outright are swept away by the next run that writes into their
folder.  No output lands outside DIR, whatever the input's name or a symbolic link inside
DIR says.  And no output of this run is overwritten by another input of the same run: a
file already there is replaced only if it was there before the run began (its time stamp
is older than the run's start, read from the file system's own clock).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from .compiled import on_first_use
from .inputs import EXTENSIONS, OUTPUT_EXTENSIONS, Input, is_url
from .printable import line

_CLOCK = "reportparse-clock"
#: Temporary files of ours: ``.NAME.PID.tmp`` where NAME ends as an output of ours does.
_temporary = on_first_use(r"\.(?P<name>.+)\.(?P<pid>\d+)\.tmp")
_OURS = (*OUTPUT_EXTENSIONS, ".parquet", _CLOCK)
_NAME_MAX = 255


class OutputError(OSError):
    """An output that cannot be written where it should go (code ``unwritable`` or ``output-collision``)."""

    def __init__(self, message: str, code: str = "unwritable") -> None:
        super().__init__(message)
        self.code = code


def output_path(out_dir: Path, item: Input, fmt: str) -> Path:
    """Where the output of ``item`` goes: its mirrored path (see :mod:`reportparse.inputs`) plus the extension."""
    relative = item.relative + EXTENSIONS[fmt]
    parts = Path(relative).parts
    # The names of inputs.expand are relative and hold no "..": a last check, since a slip here writes anywhere.
    if not parts or Path(relative).is_absolute() or ".." in parts:
        raise OutputError(f"no output name inside {line(str(out_dir))} for {item.display}")
    return out_dir / relative


def temporary_name(name: str) -> str:
    """``.NAME.PID.tmp``, or for a name too long for that, ``.HASH.EXT.PID.tmp`` (still swept as ours)."""
    candidate = f".{name}.{os.getpid()}.tmp"
    if len(os.fsencode(candidate)) <= _NAME_MAX:
        return candidate
    ext = next((e for e in _OURS if name.endswith(e)), "")
    return f".{hashlib.sha256(os.fsencode(name)).hexdigest()[:16]}{ext}.{os.getpid()}.tmp"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process: alive
    return True


def sweep(folder: Path) -> int:
    """Remove the temporary files of ours that processes no longer running left in ``folder``."""
    removed = 0
    try:
        with os.scandir(folder) as scan:
            entries = [entry.name for entry in scan if entry.name.startswith(".") and entry.name.endswith(".tmp")]
    except OSError:
        return 0
    for name in entries:
        m = _temporary().fullmatch(name)
        if m is None or not m["name"].endswith(_OURS):
            continue
        pid = int(m["pid"])
        if pid == os.getpid() or _alive(pid):
            continue
        with contextlib.suppress(OSError):
            os.unlink(folder / name)
            removed += 1
    return removed


class Writer:
    """Writes the outputs of one run under ``out_dir`` (see the module's description)."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.root = os.path.realpath(out_dir)
        self.temporary: set[str] = set()
        self.swept: set[str] = set()
        self.started = self._clock()
        #: Files this run wrote within the clock's first tick, when an older file may bear the same time.
        self.first_tick: set[tuple[int, int]] = set()

    def _clock(self) -> int:
        """The file system's time now, at its own granularity: a file written later is not older."""
        marker = self.out_dir / f".{_CLOCK}.{os.getpid()}.tmp"
        fd = os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, b"\n")
            return os.fstat(fd).st_mtime_ns
        finally:
            os.close(fd)
            with contextlib.suppress(OSError):
                os.unlink(marker)

    def _folder(self, target: Path) -> None:
        folder = target.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot make the folder {line(str(folder))} ({exc.strerror or exc})") from exc
        real = os.path.realpath(folder)
        if real != self.root and not real.startswith(self.root.rstrip(os.sep) + os.sep):
            raise OutputError(f"{line(str(folder))} leads outside {line(str(self.out_dir))} (a symbolic link): "
                              "not written")
        if real not in self.swept:
            self.swept.add(real)
            sweep(folder)

    def _check(self, target: Path) -> None:
        try:
            info = os.lstat(target)
        except FileNotFoundError:
            return
        except OSError as exc:
            raise OutputError(f"cannot write {line(str(target))} ({exc.strerror or exc})") from exc
        if stat.S_ISDIR(info.st_mode):
            raise OutputError(f"cannot write {line(str(target))}: a folder is in the way")
        mtime = info.st_mtime_ns
        if mtime > self.started or (mtime == self.started and (info.st_dev, info.st_ino) in self.first_tick):
            raise OutputError(
                f"{line(str(target))} is newer than the start of this run (another input of it, or another run, "
                "wrote it): not overwritten", code="output-collision",
            )

    @contextlib.contextmanager
    def open(self, target: Path) -> Iterator[BinaryIO]:
        """A binary file to write an output to; it takes ``target``'s place when the block ends well."""
        self._folder(target)
        self._check(target)
        temporary = str(target.with_name(temporary_name(target.name)))
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)  # ours, from an earlier write of this process that was cut short
            fd = os.open(temporary, flags, 0o666)
        except OSError as exc:
            raise OutputError(f"cannot write {line(str(target))} ({exc.strerror or exc})") from exc
        self.temporary.add(temporary)
        try:
            with os.fdopen(fd, "wb") as handle:
                yield handle
            os.replace(temporary, target)
            info = os.lstat(target)
            if info.st_mtime_ns == self.started:
                self.first_tick.add((info.st_dev, info.st_ino))
        except OutputError:
            raise
        except OSError as exc:
            raise OutputError(f"cannot write {line(str(target))} ({exc.strerror or exc})") from exc
        finally:
            self.temporary.discard(temporary)
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)

    def write(self, target: Path, data: bytes) -> None:
        with self.open(target) as handle:
            handle.write(data)

    def cleanup(self) -> None:
        """Remove the temporary files of writes still open (on an interrupt)."""
        for name in list(self.temporary):
            with contextlib.suppress(OSError):
                os.unlink(name)
        self.temporary.clear()


def up_to_date(source: str, target: Path) -> bool:
    """Is ``target`` there and not older than ``source``?"""
    try:
        target_info = target.stat()
        source_info = os.stat(source)
    except OSError:
        return False
    return stat.S_ISREG(target_info.st_mode) and target_info.st_mtime >= source_info.st_mtime


def filter_existing(
    items: Iterable[Input], out_dir: Path, fmt: str, on_skip: Callable[[Input], None]
) -> Iterator[Input]:
    for item in items:
        if item.path != "-" and item.relative and not is_url(item.path):
            try:
                target = output_path(out_dir, item, fmt)
            except OutputError:
                target = None
            if target is not None and up_to_date(item.path, target):
                on_skip(item)
                continue
        yield item
