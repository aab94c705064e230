"""The inputs of a run: files, folders walked, standard input, URLs; and the name each output gets.

Folders are walked lazily, one listing in memory at a time, in a stable order.  Under
``-o DIR`` every input's output mirrors its path, so two inputs never share an output:

- one argument: a file's output is named for the file (``a.txt`` → ``DIR/a.txt.json``), a
  folder's files mirror their paths below it (``DIR/2023/a.txt.json``);
- several arguments: every output mirrors the input's path below the folder the arguments
  have in common (``a/x.txt b/x.txt`` → ``DIR/a/x.txt.json`` and ``DIR/b/x.txt.json``);
- standard input is ``stdin``; a URL is its host and path, with ``..`` resolved so that
  nothing lands above ``DIR`` (``s3://b/../../etc/x`` → ``DIR/etc/x.json``).

Arguments that name one file twice, or a folder and something inside it, would give one
output for two inputs: :func:`overlap` finds them so that a run with ``-o`` can refuse.
"""

from __future__ import annotations

import fnmatch
import os
import posixpath
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from .printable import file_name, line

#: The text files found in folders; default_globs() adds the other formats that can be read here.
DEFAULT_GLOBS = ("*.txt", "*.md")


def default_globs() -> tuple[str, ...]:
    """Text files, and the files of every other format whose reader is installed (a folder of
    PDFs is not walked into a column of missing-extra errors)."""
    from importlib.util import find_spec

    from .formats import READERS

    found = [f"*{s}" for r in READERS if r.needs is None or find_spec(r.needs) is not None for s in r.suffixes]
    return (*DEFAULT_GLOBS, *found)


class Input(NamedTuple):
    """One input: where to read it, how to name it, and where its output goes under -o."""

    path: str  # "-" for standard input
    name: str  # the path as given, as valid Unicode ("<stdin>"): source.path of the output
    relative: str  # path of the output under the output folder, without the format's extension

    @property
    def display(self) -> str:
        """The name for a message or a terminal: one line, no control characters."""
        return line(self.name)


def _hidden(name: str) -> bool:
    return name.startswith(".")


def _matches(name: str, globs: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in globs)


def _key(path: str | Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _walk(
    root: Path, globs: tuple[str, ...], seen: set[tuple[int, int]], skip: tuple[int, int] | None = None
) -> Iterator[Path]:
    """Files under ``root`` matching ``globs``, sorted, hidden ones skipped, symlink loops cut.

    ``skip`` is a folder not to enter below ``root`` (the output folder of the run).
    """
    key = _key(root)
    if key is None or key in seen:
        return  # a symlink back into a folder already being walked
    seen.add(key)
    try:
        with os.scandir(root) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if _hidden(entry.name):
            continue
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False  # a looping link: it is reported as unreadable below
        if is_dir:
            if skip is None or _key(entry.path) != skip:
                yield from _walk(Path(entry.path), globs, seen, skip)
        elif _matches(entry.name, globs):
            try:
                regular = stat.S_ISREG(os.stat(entry.path).st_mode)
            except OSError:
                regular = True  # a broken or looping link: reported as unreadable, not skipped
            if regular:
                yield Path(entry.path)  # FIFOs, sockets and devices would block or mean nothing


#: Extension of the output file per format, appended to the input's name (a.txt → a.txt.json).
EXTENSIONS = {
    "json": ".json",
    "jsonl": ".jsonl",
    "markdown": ".md",
    "csv": ".csv",
    "outline": ".outline.txt",
    "text": ".text.txt",
    "chunks": ".chunks.jsonl",
    "terminal": ".view.txt",
    "parquet": "",
}
#: The same, longest first (x.txt.outline.txt is an outline, not x.txt.outline's .txt).
OUTPUT_EXTENSIONS = tuple(sorted((ext for ext in EXTENSIONS.values() if ext), key=len, reverse=True))


class _Outputs(NamedTuple):
    """Tells outputs of reportparse among the files of an input folder that is, or holds, the output folder."""

    folder: str  # the output folder, absolute
    inputs: str  # the folder whose files' outputs mirror their paths below it
    globs: tuple[str, ...]

    def made(self, file: str) -> bool:
        """Is ``file`` (absolute) in the output folder, the output of an input there (x.txt.md of x.txt)?"""
        if not file.startswith(self.folder.rstrip(os.sep) + os.sep):
            return False
        relative = os.path.relpath(file, self.folder)
        for ext in OUTPUT_EXTENSIONS:
            if relative.endswith(ext):
                source = os.path.join(self.inputs, relative[: -len(ext)])
                if _matches(os.path.basename(source), self.globs) and os.path.isfile(source):
                    return True
        return False


def is_url(given: str) -> bool:
    return "://" in given


def _url_relative(url: str) -> str:
    """``s3://bucket/a/b.txt`` → ``bucket/a/b.txt``; ``..`` resolved, never above the top."""
    rest = url.split("://", 1)[1]
    return posixpath.normpath("/" + rest).lstrip("/") or "url"


def _base(paths: list[str]) -> str | None:
    """The folder several local arguments have in common (a file counts by its folder)."""
    local = [p for p in paths if p != "-" and not is_url(p)]
    if len(local) < 2:
        return None
    folders = [os.path.abspath(p) if os.path.isdir(p) else os.path.dirname(os.path.abspath(p)) for p in local]
    return os.path.commonpath(folders)


def expand(
    paths: Iterable[str], globs: tuple[str, ...] = DEFAULT_GLOBS, exclude: Path | None = None
) -> Iterator[Input]:
    """Every input named by ``paths``: files as given, folders walked, ``-`` for standard input.

    ``exclude`` is the output folder: inside an input folder it is not walked, and where it is
    an input folder itself (outputs beside their inputs), the files there that are outputs of
    the run's inputs in any format (``x.txt.md`` beside ``x.txt``) are left out, so that the
    outputs of one run are never inputs of the next (``x.txt.md.md``).
    """
    paths = list(paths)
    base = _base(paths)
    skip = _key(exclude) if exclude is not None else None
    for given in paths:
        if given == "-":
            yield Input("-", "<stdin>", "stdin")
            continue
        if is_url(given):
            yield Input(given, file_name(given), _url_relative(given))
            continue
        p = Path(given)
        if p.is_dir():
            found = False
            top = os.path.abspath(given)
            made = _Outputs(os.path.abspath(exclude), base or top, globs) if exclude is not None else None
            for file in _walk(p, globs, set(), skip):
                absolute = os.path.join(top, file.relative_to(p))
                if made is not None and made.made(absolute):
                    continue
                found = True
                rel = os.path.relpath(absolute, base or top)
                yield Input(str(file), file_name(str(file)), Path(rel).as_posix())
            if not found:
                yield Input(given, file_name(given), "")  # reported as "no matching files"
        else:
            yield Input(given, file_name(given), _file_relative(given, base))


def _file_relative(given: str, base: str | None) -> str:
    return Path(os.path.relpath(os.path.abspath(given), base) if base else Path(given).name).as_posix()


def overlap(paths: list[str]) -> str | None:
    """Why two arguments would have one output: one file named twice, a folder and a path in it, or
    standard input beside a file named ``stdin``; None when they would not."""
    if "-" in paths:
        base = _base(paths)
        files = [given for given in paths if given != "-" and not is_url(given) and not os.path.isdir(given)]
        for given in files:
            if _file_relative(given, base) == "stdin":
                return f"- and {line(given)} would both be written as stdin"
    named: list[tuple[tuple[str, ...], str, bool]] = []
    for given in paths:
        if given == "-" or is_url(given) or not os.path.exists(given):
            continue
        real = os.path.realpath(given)
        named.append((Path(real).parts, given, os.path.isdir(real)))
    # Sorted by their parts, a folder's contents come right after it.
    named.sort()
    folder: tuple[tuple[str, ...], str] | None = None
    previous: tuple[tuple[str, ...], str] | None = None
    for parts, given, is_dir in named:
        if previous is not None and previous[0] == parts:
            return f"{line(given)} and {line(previous[1])} are the same input"
        if folder is not None and parts[:len(folder[0])] == folder[0]:
            return f"{line(given)} is inside {line(folder[1])}, also given"
        if is_dir:
            folder = (parts, given)
        previous = (parts, given)
    return None
