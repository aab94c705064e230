"""Every error path of the command line: exactly one line on stderr, the right exit code, no traceback.

Each case sets up what it needs in a fresh folder and runs the installed command there; the
line must start ``reportparse: `` and say what went wrong (a word of it is checked).  Usage
errors exit 2, inputs that fail 1.  Inputs that fail in a batch also give one line each, and
the others go on (tests/test_hostile.py).
"""

from __future__ import annotations

import os
import socket
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest

from .conftest import SAMPLES
from .test_cli import _command

SAMPLE = str(SAMPLES / "annual_highlights.txt")
GBK = str(SAMPLES / "county_report_gbk.txt")


class Case(NamedTuple):
    args: list[str]
    code: int
    says: str  # a piece of the one line
    setup: Callable[[Path], None] | None = None
    stdin: bytes | None = None


def _write(name: str, data: bytes) -> Callable[[Path], None]:
    def setup(folder: Path) -> None:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return setup


def _loop(folder: Path) -> None:
    (folder / "a.txt").symlink_to(folder / "b.txt")
    (folder / "b.txt").symlink_to(folder / "a.txt")


def _socket(folder: Path) -> None:
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(folder / "s.txt"))


def _future_output(folder: Path) -> None:
    (folder / "out").mkdir()
    (folder / "out" / "annual_highlights.txt.json").write_text("{}", encoding="utf-8")
    later = 4_000_000_000
    os.utime(folder / "out" / "annual_highlights.txt.json", (later, later))


def _escape(folder: Path) -> None:
    for name in ("a", "b"):
        (folder / name).mkdir()
        (folder / name / "x.txt").write_bytes((SAMPLES / "annual_highlights.txt").read_bytes())
    (folder / "elsewhere").mkdir()
    (folder / "out").mkdir()
    (folder / "out" / "a").symlink_to(folder / "elsewhere")


CASES: dict[str, Case] = {
    # usage: exit 2
    "no input": Case([], 2, "missing FILE"),
    "an unknown option": Case([SAMPLE, "--nope"], 2, "No such option"),
    "an unknown format": Case([SAMPLE, "--format", "xml"], 2, "'xml' is not one of"),
    "two formats": Case([SAMPLE, "--json", "--jsonl"], 2, "choose one output format"),
    "a format and --json": Case([SAMPLE, "--json", "-f", "csv"], 2, "choose one output format"),
    "--skip-existing without -o": Case([SAMPLE, "--skip-existing"], 2, "needs --output-dir"),
    "parquet without -o": Case([SAMPLE, "-f", "parquet"], 2, "give -o DIR"),
    "--scheduler without dask": Case([SAMPLE, "--scheduler", "tcp://x:1"], 2, "goes with --engine dask"),
    "an unknown encoding": Case([SAMPLE, "--encoding", "no-such"], 2, "unknown encoding"),
    "a transform as encoding": Case([SAMPLE, "--encoding", "zlib"], 2, "not a text encoding"),
    "a Python literal codec": Case([SAMPLE, "--encoding", "unicode_escape"], 2, "not a character encoding"),
    "an unknown --errors": Case([SAMPLE, "--errors", "ignore"], 2, "'ignore' is not one of"),
    "an unknown --engine": Case([SAMPLE, "--engine", "spark"], 2, "'spark' is not one of"),
    "an unknown --convert": Case([SAMPLE, "--convert", "x2y"], 2, "'x2y' is not one of"),
    "-j 0": Case([SAMPLE, "-j", "0"], 2, "--jobs"),
    "--depth 0": Case([SAMPLE, "--depth", "0"], 2, "--depth"),
    "a bad --max-bytes": Case([SAMPLE, "--max-bytes", "lots"], 2, "not a size"),
    "standard input twice": Case(["-", "-"], 2, "only once"),
    "several inputs with --json": Case([".", "--json"], 2, "use --jsonl"),
    "-o onto a file": Case([SAMPLE, "-o", "out"], 2, "not a folder", _write("out", b"mine")),
    "an input named twice with -o": Case(["a.txt", "./a.txt", "-o", "out"], 2, "the same input",
                                         _write("a.txt", b"x")),
    "a folder and a file in it with -o": Case(["d", "d/a.txt", "-o", "out"], 2, "is inside d",
                                              _write("d/a.txt", b"x")),
    "- beside a file named stdin with -o": Case(["stdin", "-", "-o", "out"], 2, "both be written as stdin",
                                                _write("stdin", b"x"), b"x"),
    # an input that fails: exit 1
    "a missing file": Case(["nope.txt", "--json"], 1, "no such file"),
    "a folder without reports": Case(["empty", "--jsonl"], 1, "no files to read in this folder",
                                     _write("empty/a.odt", b"")),
    "a symlink loop": Case(["a.txt", "--json"], 1, "cannot read", _loop),
    "a device": Case(["/dev/null", "--json"], 1, "a character device, not a file"),
    "a socket": Case(["s.txt", "--json"], 1, "a socket, not a file", _socket),
    "a file over --max-bytes": Case([SAMPLE, "--max-bytes", "1k"], 1, "too large"),
    "standard input over --max-bytes": Case(["-", "--max-bytes", "10"], 1, "too large", None, b"x" * 100),
    "an empty file": Case(["e.txt"], 1, "empty file", _write("e.txt", b"")),
    "empty standard input": Case(["-"], 1, "empty input", None, b""),
    "a binary file": Case(["b.txt"], 1, "NUL byte at offset 3", _write("b.txt", b"abc\x00def")),
    "a PDF": Case(["r.txt"], 1, "a PDF document", _write("r.txt", b"%PDF-1.4\n1 0 obj\n")),
    "a Word document": Case(["r.txt"], 1, "a Word document (.docx)", _write("r.txt", b"PK\x03\x04word/document.xml")),
    "undecodable bytes": Case(["u.txt"], 1, "invalid", _write("u.txt", b"\xe4\xb8\x80\n" + b"\xff\xfe\xfa\x81" * 3)),
    "Japanese in Shift-JIS": Case(["j.txt"], 1, "not Chinese text", _write(
        "j.txt", (Path(__file__).parent / "fixtures" / "foreign" / "ja_town_plan.txt").read_text(encoding="utf-8")
        .encode("shift_jis"))),
    "the wrong --encoding": Case([GBK, "--encoding", "utf-8"], 1, "invalid bytes at offset"),
    "a lone surrogate": Case(["s.txt", "--encoding", "utf-7"], 1, "lone surrogate", _write("s.txt", b"+2AA-\n")),
    "an unknown URL scheme": Case(["foo://x", "--jsonl"], 1, "Protocol not known"),
    "an output name too long": Case([f"{'a' * 250}.txt", "-o", "out"], 1, "File name too long",
                                    _write(f"{'a' * 250}.txt", (SAMPLES / "annual_highlights.txt").read_bytes())),
    "an output newer than the run": Case([SAMPLE, "-o", "out"], 1, "newer than the start of this run",
                                         _future_output),
    "a symbolic link out of -o": Case(["a", "b", "-o", "out"], 1, "leads outside out", _escape),
    "-o that cannot be made": Case([SAMPLE, "-o", "f/out"], 1, "cannot make the folder", _write("f", b"")),
    "an unreachable scheduler": Case([SAMPLE, "--engine", "dask", "--scheduler", "tcp://127.0.0.1:1"], 1,
                                     "cannot reach the Dask scheduler"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_an_error_is_one_line(tmp_path: Path, name: str) -> None:
    case = CASES[name]
    if name == "an unreachable scheduler":
        pytest.importorskip("distributed")
    if case.setup is not None:
        case.setup(tmp_path)
    env = {**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"}
    proc = subprocess.run([_command(), *case.args], input=case.stdin if case.stdin is not None else b"",
                          capture_output=True, cwd=tmp_path, env=env, timeout=120)
    err = proc.stderr.decode("utf-8")
    assert "Traceback" not in err, err
    assert err.count("\n") == 1 and err.startswith("reportparse: ") and err.endswith("\n"), err
    assert case.says in err, err
    assert proc.returncode == case.code, err


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_permission_denied_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("一、总则\n", encoding="utf-8")
    path.chmod(0)
    proc = subprocess.run([_command(), str(path)], capture_output=True, timeout=60)
    assert proc.returncode == 1 and proc.stderr.decode() == f"reportparse: {path}: permission denied\n"
