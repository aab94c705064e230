"""Hostile inputs (issue 13): each defect found by trying reportparse as an attacker would.

A hang is tested at a size where the old code took minutes and the fixed code takes a fraction
of a second, under a generous subprocess timeout: no test here measures time.  Memory and
timing figures are the business of benchmarks/attack.py.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportparse import blocks

from .conftest import SAMPLES
from .test_cli import _command

#: Far beyond what any of these inputs needs once the work is linear in it.
HANG_TIMEOUT = 120


def _parses_in_time(path: Path) -> subprocess.CompletedProcess[bytes]:
    proc = subprocess.run([_command(), str(path), "--json", "--compact"], capture_output=True,
                          timeout=HANG_TIMEOUT)
    assert proc.returncode == 0, proc.stderr
    return proc


# --- defect 1: the dot-leader substitution ----------------------------------------------------------

#: The pattern the table of contents used to strip its leaders with: the meaning to keep.
_OLD_LEADER = re.compile(r"[.．·…\s]{3,}\s*\d+\s*$")


@settings(max_examples=3000)
@given(st.text(alphabet=".．·… \u3000\t\n1２٣a目", max_size=14))
def test_the_leader_scan_strips_what_the_pattern_stripped(text: str) -> None:
    assert blocks._strip_dot_leader(text) == _OLD_LEADER.sub("", text)


def test_a_long_gap_after_a_table_of_contents_does_not_hang(tmp_path: Path) -> None:
    # 2 000 spaces took 30 s and the cost grew with the cube of the gap; 20 000 take milliseconds now.
    path = tmp_path / "toc.txt"
    path.write_text("目录\n一、x" + " " * 20_000 + "y\n二、z" + "…" * 20_000 + "3\n", encoding="utf-8")
    _parses_in_time(path)


# --- defect 12: closers rescanned -----------------------------------------------------------------


def test_a_line_ending_in_closers_is_parsed_in_one_pass(tmp_path: Path) -> None:
    # 400 000 closers took 10 s, growing with the square of their number: 3 000 000 would take minutes.
    path = tmp_path / "closers.txt"
    path.write_text("一、x" + "）" * 3_000_000 + "\n（一）问？" + "”" * 1_000_000 + "\n", encoding="utf-8")
    _parses_in_time(path)


# --- the command line against hostile inputs and file systems ---------------------------------------

SAMPLE = SAMPLES / "annual_highlights.txt"
OTHER = SAMPLES / "work_review.txt"


def cli(*args: str, cwd: Path | None = None, stdin: bytes | None = None, stdin_file: Any = None,
        timeout: float = 120, preexec: Any = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([_command(), *args], input=stdin, stdin=stdin_file, capture_output=True, cwd=cwd,
                          timeout=timeout, preexec_fn=preexec)


def errors(proc: subprocess.CompletedProcess[bytes]) -> list[str]:
    """The lines on stderr: each one line starting reportparse:, and never a traceback."""
    text = proc.stderr.decode("utf-8")
    assert "Traceback" not in text, text
    lines = text.splitlines()
    assert all(line.startswith("reportparse: ") for line in lines), text
    return lines


# defect 2: unbounded reads


def test_a_device_is_refused_before_it_is_read() -> None:
    proc = cli("/dev/zero", "--json", timeout=60)
    assert proc.returncode == 1 and errors(proc) == ["reportparse: /dev/zero: a character device, not a file"]


def test_standard_input_is_read_up_to_the_bound() -> None:
    with open("/dev/zero", "rb") as endless:
        proc = cli("-", "--json", "--max-bytes", "2M", stdin_file=endless, timeout=60)
    assert proc.returncode == 1
    assert errors(proc) == ["reportparse: <stdin>: too large: more than 2,000,000 bytes, over the limit of "
                            "2,000,000 (raise it with --max-bytes)"]


def test_a_file_over_the_bound_is_refused_by_its_size(tmp_path: Path) -> None:
    proc = cli(str(SAMPLE), str(OTHER), "--jsonl", "--max-bytes", "6k")
    assert proc.returncode == 1
    size = SAMPLE.stat().st_size
    assert errors(proc) == [f"reportparse: {SAMPLE}: too large: {size:,} bytes, over the limit of 6,000 "
                            "(raise it with --max-bytes)"]
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert records[0]["error"]["code"] == "too-large" and records[1]["source"]["path"] == str(OTHER)


def test_a_named_pipe_is_read_with_the_bound(tmp_path: Path) -> None:
    import threading

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)

    def feed(data: bytes) -> None:
        with contextlib.suppress(BrokenPipeError), open(fifo, "wb") as handle:
            handle.write(data)

    writer = threading.Thread(target=feed, args=(SAMPLE.read_bytes(),))
    writer.start()
    proc = cli(str(fifo), "--json", timeout=60)
    writer.join()
    assert proc.returncode == 0 and json.loads(proc.stdout)["title"]
    writer = threading.Thread(target=feed, args=(b"x" * 3_000_000,))
    writer.start()
    proc = cli(str(fifo), "--json", "--max-bytes", "1M", timeout=60)
    writer.join()
    assert proc.returncode == 1 and "too large" in errors(proc)[0]


# defect 8: terminal injection

HOSTILE = "一、总体要求\x1b]8;;http://evil.example\x1b\\点这里\x1b]8;;\x1b\\\n（一）加强领导\x1b[2J\x07内容。\n"


@pytest.mark.parametrize("args", [[], ["--outline"], ["-f", "outline"], ["-f", "markdown"], ["--check"]])
def test_escape_sequences_in_a_document_are_shown_not_obeyed(tmp_path: Path, args: list[str]) -> None:
    path = tmp_path / "hostile.txt"
    path.write_text(HOSTILE, encoding="utf-8")
    proc = cli(str(path), *args)
    assert proc.returncode == 0
    out = proc.stdout.decode("utf-8")
    assert "\x1b" not in out and "\x07" not in out
    if args != ["--check"]:  # shown as \x1b (Markdown escapes the bracket after it too)
        assert re.search(r"\\x1b\\?\]8;;http://evil\.example", out), out
