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
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportparse import contents

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
    assert contents.strip_dot_leader(text) == _OLD_LEADER.sub("", text)


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


def files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


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

    def fed(data: bytes, *args: str) -> subprocess.CompletedProcess[bytes]:
        writer = threading.Thread(target=feed, args=(data,))
        writer.start()
        proc = cli(str(fifo), "--json", *args, timeout=60)
        # Had the command not opened the pipe, the writer would wait for a reader for ever: be one.
        with contextlib.suppress(OSError):
            os.close(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK))
        writer.join(timeout=60)
        return proc

    proc = fed(SAMPLE.read_bytes())
    assert proc.returncode == 0 and json.loads(proc.stdout)["title"]
    proc = fed(b"x" * 3_000_000, "--max-bytes", "1M")
    assert proc.returncode == 1 and "too large" in errors(proc)[0]


def test_the_library_reads_with_the_bound_too(tmp_path: Path) -> None:
    import resource
    import sys

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2_000_000_000, 2_000_000_000))

    attempt = "try:\n    reportparse.parse_file({})\nexcept OSError as exc:\n    print(exc)\n"
    code = ("import reportparse\n" + attempt.format("'/dev/zero'")
            + attempt.format(f"{str(SAMPLE)!r}, max_bytes=100"))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60, preexec_fn=limited)
    assert proc.stdout.decode().splitlines() == [
        "a character device, not a file",
        f"too large: {SAMPLE.stat().st_size:,} bytes, over the limit of 100 (raise it with --max-bytes)"]


# defect 3: two inputs, one output


def test_same_names_in_two_folders_get_two_outputs(tmp_path: Path) -> None:
    for folder, source in (("a", SAMPLE), ("b", OTHER)):
        (tmp_path / folder / "sub").mkdir(parents=True)
        (tmp_path / folder / "x.txt").write_bytes(source.read_bytes())
        (tmp_path / folder / "sub" / "y.txt").write_bytes(source.read_bytes())
    proc = cli("a/x.txt", "b/x.txt", "-o", "out", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert files(tmp_path / "out") == ["a/x.txt.json", "b/x.txt.json"]
    titles = {json.loads((tmp_path / "out" / name).read_text(encoding="utf-8"))["source"]["path"]
              for name in files(tmp_path / "out")}
    assert titles == {"a/x.txt", "b/x.txt"}
    proc = cli("a", "b", "-o", "folders", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert files(tmp_path / "folders") == ["a/sub/y.txt.json", "a/x.txt.json", "b/sub/y.txt.json", "b/x.txt.json"]
    # One folder alone keeps its files' paths below it, as before.
    assert cli("a", "-o", "one", cwd=tmp_path).returncode == 0
    assert files(tmp_path / "one") == ["sub/y.txt.json", "x.txt.json"]


def test_inputs_that_would_share_an_output_are_refused_before_anything_is_written(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_bytes(SAMPLE.read_bytes())
    (tmp_path / "stdin").write_bytes(SAMPLE.read_bytes())
    for args in (["stdin", "-"], ["a", "a/x.txt"], ["a/x.txt", "./a/x.txt"]):
        proc = cli(*args, "-o", "out", cwd=tmp_path, stdin=OTHER.read_bytes())
        assert proc.returncode == 2, args
        assert len(errors(proc)) == 1 and "with -o each input must be named once" in proc.stderr.decode()
        assert files(tmp_path / "out") == []


# defect 4: Parquet datasets


def _dataset(root: Path) -> tuple[list[dict[str, Any]], int]:
    pq = pytest.importorskip("pyarrow.parquet")
    return pq.read_table(root / "documents").to_pylist(), pq.read_table(root / "nodes").num_rows


def test_runs_into_one_dataset_add_to_it_and_a_rerun_duplicates_nothing(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    for folder, source in (("a", SAMPLE), ("b", OTHER)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_bytes(source.read_bytes())
    assert cli("a", "-o", "ds", "-f", "parquet", cwd=tmp_path).returncode == 0
    nodes_one = _dataset(tmp_path / "ds")[1]
    assert cli("b", "-o", "ds", "-f", "parquet", cwd=tmp_path).returncode == 0
    both, nodes_both = _dataset(tmp_path / "ds")
    assert sorted(d["path"] for d in both) == ["a/x.txt", "b/x.txt"] and nodes_both > nodes_one
    assert len(set(files(tmp_path / "ds"))) == 7  # two parts in each of the three tables, and the lock file
    for again in (["--skip-existing"], []):
        proc = cli("a", "b", "-o", "ds", "-f", "parquet", *again, cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
        assert _dataset(tmp_path / "ds") == (both, nodes_both)
    (tmp_path / "a" / "x.txt").write_bytes(OTHER.read_bytes())  # changed: its new version is added
    assert cli("a", "-o", "ds", "-f", "parquet", "--skip-existing", cwd=tmp_path).returncode == 0
    assert len(_dataset(tmp_path / "ds")[0]) == 3


def test_a_second_run_into_a_dataset_waits_for_the_first(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    import fcntl
    import time

    (tmp_path / "ds").mkdir()
    with open(tmp_path / "ds" / ".reportparse.lock", "w", encoding="utf-8") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)  # as a first run holds it
        second = subprocess.Popen([_command(), str(SAMPLE), "-o", str(tmp_path / "ds"), "-f", "parquet"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(2)
        assert second.poll() is None and files(tmp_path / "ds" / "documents") == []
    _, err = second.communicate(timeout=120)
    assert second.returncode == 0, err
    assert len(_dataset(tmp_path / "ds")[0]) == 1


# defect 5: path traversal


def test_no_output_lands_outside_the_output_folder(tmp_path: Path) -> None:
    deep = tmp_path / "a" / "b" / "c" / "d"
    deep.mkdir(parents=True)
    (tmp_path / "x.txt").write_bytes(SAMPLE.read_bytes())
    proc = cli("file://../../../../x.txt", "-o", "out", cwd=deep)
    assert proc.returncode == 0, proc.stderr
    assert files(deep / "out") == ["x.txt.json"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "x.txt"]


def test_urls_are_named_inside_the_output_folder() -> None:
    from reportparse.inputs import expand

    names = [item.relative for item in expand(["s3://b/../../../../root/.bashrc", "file:///tmp/x.txt",
                                                "gs://bucket/a/./b/../c.txt", "s3://"])]
    assert names == ["root/.bashrc", "tmp/x.txt", "bucket/a/c.txt", "url"]


def test_a_symbolic_link_in_the_output_folder_does_not_lead_outside(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_bytes(SAMPLE.read_bytes())
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "a").symlink_to(tmp_path / "elsewhere")
    proc = cli("a", "b", "-o", "out", cwd=tmp_path)
    assert proc.returncode == 1
    assert [line.split(": ", 2)[1] for line in errors(proc)] == ["a/x.txt"]
    assert "outside out" in proc.stderr.decode()
    assert list((tmp_path / "elsewhere").iterdir()) == []
    assert (tmp_path / "out" / "b" / "x.txt.json").is_file()


# defect 6: one bad input, one line, and the batch goes on


def test_an_unknown_url_scheme_is_an_error_record(tmp_path: Path) -> None:
    proc = cli("foo://x", str(SAMPLE), "--jsonl")
    assert proc.returncode == 1 and len(errors(proc)) == 1
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert records[0]["error"]["code"] == "unreadable" and "Protocol not known" in records[0]["error"]["message"]
    assert records[1]["title"]


def test_an_output_name_too_long_fails_that_input_only(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / ("长" * 82 + ".txt")).write_bytes(SAMPLE.read_bytes())  # 250 bytes: .json makes 255
    (tmp_path / "in" / ("a" * 251 + ".txt")).write_bytes(SAMPLE.read_bytes())  # 255 bytes: .json is too long
    (tmp_path / "in" / "z.txt").write_bytes(OTHER.read_bytes())
    proc = cli("in", "-o", "out", cwd=tmp_path)
    assert proc.returncode == 1
    assert len(errors(proc)) == 1 and "File name too long" in proc.stderr.decode()
    assert files(tmp_path / "out") == sorted(["长" * 82 + ".txt.json", "z.txt.json"])


def test_a_name_that_is_not_utf8_gives_utf8_records(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path / "in")
    os.mkdir(folder)
    with open(folder + b"/\xff\xfe.txt", "wb"):
        pass
    with open(folder + b"/\xb1\xa8\xb8\xe6.txt", "wb") as handle:  # 报告 in GBK, as a Windows archive names it
        handle.write(SAMPLE.read_bytes())
    proc = cli("in", "--jsonl", cwd=tmp_path)
    assert proc.returncode == 1
    records = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    assert [r["source"]["path"] for r in records] == ["in/\\xb1\\xa8\\xb8\\xe6.txt", "in/\\xff\\xfe.txt"]
    assert records[1]["error"]["code"] == "empty"
    assert errors(proc) == ["reportparse: in/\\xff\\xfe.txt: empty file"]
    table = cli("in", "-f", "csv", cwd=tmp_path).stdout.decode("utf-8")  # the CSV too is UTF-8
    assert "in/\\xb1\\xa8\\xb8\\xe6.txt," in table
    assert cli("in", "-o", "out", cwd=tmp_path).returncode == 1  # outputs mirror the names as they are
    assert os.listdir(os.fsencode(tmp_path / "out")) == [b"\xb1\xa8\xb8\xe6.txt.json"]


def test_output_onto_a_file_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "out").write_text("mine", encoding="utf-8")
    proc = cli(str(SAMPLE), "-o", str(tmp_path / "out"))
    assert proc.returncode == 2 and len(errors(proc)) == 1
    assert (tmp_path / "out").read_text(encoding="utf-8") == "mine"


def _no_bigger_files() -> None:
    import resource
    import signal

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG, as on a full disk
    resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))


def test_a_write_that_fails_fails_that_input_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "big.txt").write_bytes(SAMPLE.read_bytes())  # its JSON is over 20 000 bytes
    (tmp_path / "in" / "small.txt").write_text("一、总则\n二、附则\n", encoding="utf-8")
    proc = cli("in", "-o", "out", cwd=tmp_path, preexec=_no_bigger_files)
    assert proc.returncode == 1
    assert errors(proc) == ["reportparse: in/big.txt: cannot write out/big.txt.json (File too large)"]
    assert files(tmp_path / "out") == ["small.txt.json"]  # and no temporary file left behind


def _unshare() -> str | None:
    found = shutil.which("unshare")
    if found is None:
        return None
    probe = subprocess.run([found, "-rm", "true"], capture_output=True)
    return found if probe.returncode == 0 else None


@pytest.mark.parametrize("mount,message", [("ro", "Read-only file system"), ("size=64k", "No space left on device")])
def test_a_read_only_or_full_file_system(tmp_path: Path, mount: str, message: str) -> None:
    import io
    import tarfile

    unshare = _unshare()
    if unshare is None:
        pytest.skip("no user namespaces here to mount a file system in")
    (tmp_path / "in").mkdir()
    body = "本办法所称报告，是指各单位的年度工作报告。" * 40
    for i in range(40):  # 40 outputs of 3 to 4 KB: about half fit in 64 KB
        (tmp_path / "in" / f"r{i:02d}.txt").write_text(f"一、总则\n{body}\n", encoding="utf-8")
    (tmp_path / "mnt").mkdir()
    # The run in a mount namespace of its own, on a small tmpfs; then what it left there, as a tar on stdout.
    script = f'mount -t tmpfs -o {mount} tmpfs mnt || exit 99; "$@" >/dev/null; rc=$?; tar -C mnt -cf - .; exit $rc'
    proc = subprocess.run([unshare, "-rm", "sh", "-c", script, "sh", _command(), "in", "-o", "mnt/out"],
                          capture_output=True, cwd=tmp_path, timeout=120)
    assert proc.returncode == 1
    lines = errors(proc)
    assert lines and all(message in line for line in lines), lines
    with tarfile.open(fileobj=io.BytesIO(proc.stdout)) as archive:
        left = {m.name: archive.extractfile(m).read() for m in archive.getmembers() if m.isfile()}  # type: ignore
    if mount == "ro":
        assert lines == [f"reportparse: -o mnt/out: cannot make the folder ({message})"] and left == {}
        return
    # What fits is written whole; what does not is one line each; no partial or temporary file stays.
    assert 5 < len(left) < 40 and len(left) + len(lines) == 40
    assert all(name.endswith(".txt.json") and json.loads(data)["title"] is not None for name, data in left.items())


def test_a_worker_out_of_memory_fails_its_input_only(tmp_path: Path) -> None:
    import resource

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (800_000_000, 800_000_000))

    (tmp_path / "in").mkdir()
    text = SAMPLE.read_text(encoding="utf-8")
    (tmp_path / "in" / "a_huge.txt").write_text(text * 10_000, encoding="utf-8")  # 60 MB: 1 GB to parse
    for i in range(3):
        (tmp_path / "in" / f"b{i}.txt").write_text(text, encoding="utf-8")
    proc = cli("in", "--jsonl", "-j", "2", cwd=tmp_path, preexec=limited, timeout=300)
    assert proc.returncode == 1
    size = (tmp_path / "in" / "a_huge.txt").stat().st_size
    assert errors(proc) == [f"reportparse: in/a_huge.txt: out of memory while parsing its {size:,} bytes"]
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r.get("error", {}).get("code") for r in records] == ["out-of-memory", None, None, None]


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError), open(f"/proc/{entry}/stat", encoding="utf-8") as handle:
                if int(handle.read().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry))
    return found


def _many(root: Path, count: int, copies: int = 20) -> None:
    text = (SAMPLES / "regulation_with_toc.txt").read_text(encoding="utf-8-sig") * copies
    root.mkdir(parents=True)
    for i in range(count):
        (root / f"r{i:03d}.txt").write_text(text, encoding="utf-8")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the workers in /proc")
def test_a_killed_worker_loses_no_input(tmp_path: Path) -> None:
    import signal
    import time

    _many(tmp_path / "in", 120)
    proc = subprocess.Popen([_command(), "in", "-o", "out", "-j", "2"], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 60
    killed = 0
    while time.time() < deadline and not killed:
        if (tmp_path / "out").is_dir() and len(os.listdir(tmp_path / "out")) > 5:
            for child in _children(proc.pid)[:1]:
                os.kill(child, signal.SIGKILL)  # as the kernel's out-of-memory killer would
                killed += 1
        time.sleep(0.05)
    _, err = proc.communicate(timeout=300)
    assert killed and proc.returncode == 0, err
    assert len(files(tmp_path / "out")) == 120


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the workers in /proc")
def test_an_input_whose_worker_dies_each_time_gets_an_error_record(tmp_path: Path) -> None:
    import threading
    import time

    _many(tmp_path / "in", 3, copies=400)
    proc = subprocess.Popen([_command(), "in", "--jsonl", "-j", "2"], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    stop = threading.Event()

    def kill_every_worker() -> None:
        while not stop.is_set():
            for child in _children(proc.pid):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(child, 9)
            time.sleep(0.01)

    killer = threading.Thread(target=kill_every_worker)
    killer.start()
    try:
        out, err = proc.communicate(timeout=300)
    finally:
        stop.set()
        killer.join()
    assert proc.returncode == 1, err
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["error"]["code"] for r in records] == ["worker-died"] * 3
    assert len(errors(subprocess.CompletedProcess([], 1, out, err))) == 3


# defect 7: SIGTERM


def test_sigterm_ends_the_run_as_ctrl_c_does(tmp_path: Path) -> None:
    import signal
    import time

    _many(tmp_path / "in", 200)
    proc = subprocess.Popen([_command(), "in", "-o", "out", "-j", "2"], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 60
    while time.time() < deadline and not ((tmp_path / "out").is_dir() and len(os.listdir(tmp_path / "out")) > 3):
        time.sleep(0.02)
    workers = _children(proc.pid)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143
    assert err.decode() == "reportparse: terminated\n"
    assert workers and not [pid for pid in workers if Path(f"/proc/{pid}").exists()]  # no orphaned worker
    assert all(name.endswith(".txt.json") for name in files(tmp_path / "out"))  # no temporary file


def test_sigterm_during_a_large_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    import signal
    import time

    big = tmp_path / "big.txt"
    big.write_text((SAMPLES / "regulation_with_toc.txt").read_text(encoding="utf-8-sig") * 2000, encoding="utf-8")
    proc = subprocess.Popen([_command(), str(big), "-o", str(tmp_path / "out")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 120
    while time.time() < deadline and not any(n.endswith(".tmp") for n in files(tmp_path / "out")
                                              if (tmp_path / "out").is_dir()):
        time.sleep(0.01)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143 and err.decode() == "reportparse: terminated\n"
    assert files(tmp_path / "out") == []


def test_temporary_files_of_dead_processes_are_swept(tmp_path: Path) -> None:
    dead = subprocess.Popen(["true"])
    dead.wait()
    out = tmp_path / "out"
    out.mkdir()
    stale = [f".x.txt.json.{dead.pid}.tmp", f".y.md.outline.txt.{dead.pid}.tmp"]
    kept = [f".notes.{dead.pid}.tmp", f".z.txt.json.{os.getppid()}.tmp", "keep.txt"]  # not ours, or alive
    for name in stale + kept:
        (out / name).write_text("partial", encoding="utf-8")
    assert cli(str(SAMPLE), "-o", str(out)).returncode == 0
    assert sorted(os.listdir(out)) == sorted([*kept, "annual_highlights.txt.json"])


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


def test_escape_sequences_in_file_names_are_shown_not_obeyed(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a\x1b[2J\nb.txt").write_bytes(b"")
    (tmp_path / "in" / "draft\x1b]0;x\x07.txt").write_text("一、总体要求\n三、主要任务\n", encoding="utf-8")
    for args in (["--jsonl"], ["--check"], ["-f", "outline"], []):
        proc = cli("in", *args, cwd=tmp_path)
        for stream in (proc.stdout, proc.stderr):
            assert b"\x1b" not in stream and b"\x07" not in stream, args
        assert errors(proc) == ["reportparse: in/a\\x1b[2J\\nb.txt: empty file"]


# defect 9: CSV formula injection

FORMULAS = "一、=HYPERLINK(\"http://evil.example\",\"点此\")\n二、+1+2\n三、-5\n四、@SUM(A1:A9)\n五、-2+3\n"


def test_excel_csv_neutralises_formulas(tmp_path: Path) -> None:
    import csv
    import io

    path = tmp_path / "f.txt"
    path.write_text(FORMULAS, encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(cli(str(path), "-f", "csv", "--excel").stdout.decode("utf-8-sig"))))
    assert [r["title"] or r["text"] for r in rows] == [
        "'=HYPERLINK(\"http://evil.example\",\"点此\")", "'+1+2", "-5", "'@SUM(A1:A9)", "'-2+3"]
    plain = list(csv.DictReader(io.StringIO(cli(str(path), "-f", "csv").stdout.decode("utf-8"))))
    assert (plain[0]["title"] or plain[0]["text"]).startswith("=HYPERLINK")  # data for programs stays as written
    assert cli(str(path), "-f", "csv", "--excel", "-o", str(tmp_path / "out")).returncode == 0
    written = (tmp_path / "out" / "f.txt.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in written and written.startswith("file,line")


# defect 10: outputs read back as inputs


@pytest.mark.parametrize("out", ["in/out", "in", "."])
def test_outputs_are_not_read_back_as_inputs(tmp_path: Path, out: str) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "x.txt").write_bytes(SAMPLE.read_bytes())
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "y.md").write_bytes(OTHER.read_bytes())
    args = ["in", "other"] if out == "." else ["in"]
    for fmt in ("markdown", "outline", "markdown"):
        for _ in range(3):
            proc = cli(*args, "-o", out, "-f", fmt, cwd=tmp_path)
            assert proc.returncode == 0, proc.stderr
    made = [name for name in files(tmp_path) if name not in ("in/x.txt", "other/y.md")]
    prefix = "" if out == "." else out + "/"
    want = {f"{prefix}x.txt.md", f"{prefix}x.txt.outline.txt"} if out != "." else {
        "in/x.txt.md", "in/x.txt.outline.txt", "other/y.md.md", "other/y.md.outline.txt"}
    assert set(made) == want


# defect 14: what a file is, in one line


def test_a_file_of_another_kind_is_named(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(b"{\\rtf1\\ansi\\ansicpg936 " + "一、总则".encode("gbk") * 100)
    proc = cli(str(path), "--json")
    assert proc.returncode == 1
    assert errors(proc) == [f"reportparse: {path}: an RTF document, not text (reportparse reads text, .docx, "
                            "web pages and PDF: export or extract the text first)"]


# the Dask engine: no dashboard port, a quiet shutdown


def test_dask_does_not_mind_a_taken_port_8787(tmp_path: Path) -> None:
    import socket

    pytest.importorskip("distributed")
    (tmp_path / "in").mkdir()
    for i in range(4):
        (tmp_path / "in" / f"r{i}.txt").write_bytes(SAMPLE.read_bytes())
    with socket.socket() as taken:
        try:
            taken.bind(("", 8787))
        except OSError:
            pass  # taken already: as good
        else:
            taken.listen()
        proc = cli("in", "--jsonl", "--engine", "dask", "-j", "2", cwd=tmp_path)
    assert proc.returncode == 0 and proc.stderr == b""
    assert len(proc.stdout.splitlines()) == 4
