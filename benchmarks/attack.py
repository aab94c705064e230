"""Attack suite: every hostile input and file-system state of issue 13, with bounded time and memory.

Each attack runs the installed ``reportparse`` in a fresh process with a time limit and an
address-space limit (so an attack that still worked would fail here, not take the machine),
and the table gives its exit code, the first line it wrote on stderr, the peak resident
memory of the command (the largest of its processes), its time, and whether the outcome is
the one the issue asks for.

    python benchmarks/attack.py                 # everything, the 200 MB file included (a few minutes)
    python benchmarks/attack.py --quick         # the 200 MB file and the 13 MB one smaller
    python benchmarks/attack.py --only toc      # attacks whose name contains "toc"
    python benchmarks/attack.py --json          # one JSON object per attack

The memory rows also give the peak per byte of input and per node of the document (the
nodes counted from a JSON run of the same input), beside the issue's ceiling: 8 bytes per
byte of input plus 500 bytes per node.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from batch_bench import command  # the installed reportparse, beside this Python

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SAMPLE = SAMPLES / "annual_highlights.txt"
OTHER = SAMPLES / "work_review.txt"
LIMIT_BYTES = 8 * 2**30  # address space of an attacked process
TIMEOUT = 300.0


@dataclass
class Run:
    code: int | None  # None: killed at the time limit
    stdout: bytes
    stderr: bytes
    seconds: float
    peak_kib: int

    @property
    def first_error(self) -> str:
        lines = self.stderr.decode("utf-8", "backslashreplace").splitlines()
        return lines[0] if lines else ""

    @property
    def clean(self) -> bool:
        """Every stderr line one message of ours, no traceback."""
        text = self.stderr.decode("utf-8", "backslashreplace")
        return "Traceback" not in text and all(line.startswith("reportparse: ") for line in text.splitlines())


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT_BYTES, LIMIT_BYTES))


def run(args: list[str], cwd: Path, stdin: Any = None, data: bytes | None = None, timeout: float = TIMEOUT,
        preexec: Callable[[], None] | None = None, signal_after: tuple[Callable[[], bool], int] | None = None,
        wrap: list[str] | None = None) -> Run:
    """``reportparse ARGS`` in ``cwd``; its peak resident set from wait4 (the command and the workers it reaped)."""
    def setup() -> None:
        _limit()
        if preexec is not None:
            preexec()

    start = time.perf_counter()
    source = stdin if data is None else subprocess.PIPE
    proc = subprocess.Popen([*(wrap or []), command(), *args], cwd=cwd, stdin=source,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=setup)
    if signal_after is not None:
        ready, signum = signal_after
        deadline = time.time() + timeout
        while time.time() < deadline and proc.poll() is None and not ready():
            time.sleep(0.01)
        if proc.poll() is None:
            proc.send_signal(signum)
    try:
        out, err = proc.communicate(data, timeout=timeout)
        code: int | None = proc.returncode
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        code = None
    seconds = time.perf_counter() - start
    # The child is reaped by communicate(); its rusage is in RUSAGE_CHILDREN, whose maxrss is the largest of all
    # children so far: each attack runs alone in a fresh process of this script, so it is this one's.
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return Run(code, out, err, seconds, peak)


@dataclass
class Outcome:
    name: str
    run: Run
    ok: bool
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()) if root.is_dir() else []


def nodes_of(path: Path, cwd: Path) -> int:
    proc = subprocess.run([command(), str(path), "--json", "--compact", "--no-annotations"], cwd=cwd,
                          capture_output=True, check=True)
    def count(children: list[dict[str, Any]]) -> int:
        return sum(1 + count(child.get("children", [])) for child in children)
    return count(json.loads(proc.stdout)["children"])


def _write_lines(path: Path, size: int, line: Callable[[int], str]) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        written, i = 0, 1
        while written < size:
            piece = line(i)
            handle.write(piece)
            written += len(piece.encode("utf-8"))
            i += 1


# --- the attacks -----------------------------------------------------------------------------------
# Each takes a fresh working folder and returns its Outcome.

Attack = Callable[[Path, argparse.Namespace], Outcome]
ATTACKS: dict[str, Attack] = {}


def attack(name: str) -> Callable[[Attack], Attack]:
    def register(function: Attack) -> Attack:
        ATTACKS[name] = function
        return function
    return register


#: Texts that took time growing faster than their length: each must parse, at once.
PARSED = {
    "1 toc gap of 2 000 spaces": "目录\n一、x" + " " * 2000 + "y\n",
    "1 toc gap of 200 000 spaces": "目录\n一、x" + " " * 200_000 + "y\n二、z" + "…" * 200_000 + "3\n",
    "12 400 000 trailing ）": "一、x" + "）" * 400_000 + "\n",
}
for _title, _text in PARSED.items():
    def _parsed(w: Path, a: argparse.Namespace, text: str = _text) -> Outcome:
        (w / "t.txt").write_text(text, encoding="utf-8")
        r = run(["t.txt", "--json"], w)
        return Outcome("", r, r.code == 0)
    ATTACKS[_title] = _parsed


@attack("2 /dev/zero named")
def _dev_zero(w: Path, a: argparse.Namespace) -> Outcome:
    r = run(["/dev/zero"], w)
    return Outcome("", r, r.code == 1 and r.clean and "character device" in r.first_error)


@attack("2 - < /dev/zero")
def _stdin_zero(w: Path, a: argparse.Namespace) -> Outcome:
    with open("/dev/zero", "rb") as zero:
        r = run(["-", "--json"], w, stdin=zero)
    return Outcome("", r, r.code == 1 and r.clean and "too large" in r.first_error)


@attack("2 - < /dev/zero --max-bytes 10M")
def _stdin_zero_small(w: Path, a: argparse.Namespace) -> Outcome:
    with open("/dev/zero", "rb") as zero:
        r = run(["-", "--json", "--max-bytes", "10M"], w, stdin=zero)
    return Outcome("", r, r.code == 1 and r.clean and "too large" in r.first_error)


@attack("2 FIFO fed forever")
def _fifo(w: Path, a: argparse.Namespace) -> Outcome:
    os.mkfifo(w / "p.txt")
    feeder = subprocess.Popen(["sh", "-c", "cat /dev/zero > p.txt"], cwd=w, stderr=subprocess.DEVNULL)
    try:
        r = run(["p.txt", "--json", "--max-bytes", "50M"], w)
    finally:
        feeder.kill()
        feeder.wait()
    return Outcome("", r, r.code == 1 and r.clean and "too large" in r.first_error)


@attack("3 a/x.txt b/x.txt -o out")
def _collide(w: Path, a: argparse.Namespace) -> Outcome:
    for folder, source in (("a", SAMPLE), ("b", OTHER)):
        (w / folder).mkdir()
        (w / folder / "x.txt").write_bytes(source.read_bytes())
    r = run(["a/x.txt", "b/x.txt", "-o", "out"], w)
    got = files(w / "out")
    return Outcome("", r, r.code == 0 and got == ["a/x.txt.json", "b/x.txt.json"], ", ".join(got))


@attack("3 two folders of 200 files -o out")
def _collide_folders(w: Path, a: argparse.Namespace) -> Outcome:
    for folder in ("a", "b"):
        (w / folder).mkdir()
        for i in range(200):
            (w / folder / f"r{i:03d}.txt").write_bytes(SAMPLE.read_bytes())
    r = run(["a", "b", "-o", "out"], w)
    return Outcome("", r, r.code == 0 and len(files(w / "out")) == 400, f"{len(files(w / 'out'))} files")


@attack("3 - and a file named stdin -o out")
def _stdin_named(w: Path, a: argparse.Namespace) -> Outcome:
    (w / "stdin").write_bytes(SAMPLE.read_bytes())
    r = run(["stdin", "-", "-o", "out"], w, data=OTHER.read_bytes())
    return Outcome("", r, r.code == 2 and r.clean and files(w / "out") == [], "nothing written")


def _parquet_ok() -> bool:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return False
    return True


@attack("4 parquet rerun with --skip-existing")
def _parquet_rerun(w: Path, a: argparse.Namespace) -> Outcome:
    import pyarrow.parquet as pq

    (w / "in").mkdir()
    for sample in sorted(SAMPLES.glob("*.txt")):
        (w / "in" / sample.name).write_bytes(sample.read_bytes())
    run(["in", "-o", "ds", "-f", "parquet"], w)
    r = run(["in", "-o", "ds", "-f", "parquet", "--skip-existing"], w)
    paths = [d["path"] for d in pq.read_table(w / "ds" / "documents").to_pylist()]
    note = f"{len(paths)} rows, {len(set(paths))} documents"
    return Outcome("", r, r.code == 0 and len(paths) == len(set(paths)), note)


@attack("4 parquet: two runs into one -o")
def _parquet_two(w: Path, a: argparse.Namespace) -> Outcome:
    import pyarrow.parquet as pq

    for folder in ("a", "b"):
        (w / folder).mkdir()
        for i in range(20):
            (w / folder / f"r{i:02d}.txt").write_bytes(SAMPLE.read_bytes())
    first = subprocess.Popen([command(), "a", "-o", "ds", "-f", "parquet"], cwd=w,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    r = run(["b", "-o", "ds", "-f", "parquet"], w)  # at the same time: one waits for the other
    first.wait()
    rows = pq.read_table(w / "ds" / "documents").to_pylist()
    held = r.code == 0 and first.returncode == 0 and len(rows) == 40
    return Outcome("", r, held, f"{len(rows)} documents of 40, both exit 0")


@attack("5 file://../../../../tmp/x.txt -o out")
def _traversal(w: Path, a: argparse.Namespace) -> Outcome:
    deep = w / "a" / "b" / "c" / "d"
    deep.mkdir(parents=True)
    (w / "x.txt").write_bytes(SAMPLE.read_bytes())
    r = run(["file://../../../../x.txt", "-o", "out"], deep)
    outside = sorted(p.name for p in w.iterdir())
    return Outcome("", r, r.code == 0 and files(deep / "out") == ["x.txt.json"] and outside == ["a", "x.txt"],
                   "out/" + ", ".join(files(deep / "out")))


@attack("5 s3://b/../../../../root/.bashrc -o out")
def _traversal_s3(w: Path, a: argparse.Namespace) -> Outcome:
    from reportparse.inputs import expand

    r = run(["s3://b/../../../../root/.bashrc", "-o", "out"], w)
    name = next(iter(expand(["s3://b/../../../../root/.bashrc"]))).relative
    return Outcome("", r, r.clean and name == "root/.bashrc", f"would be out/{name}.json")


@attack("6 foo://x --jsonl")
def _foo(w: Path, a: argparse.Namespace) -> Outcome:
    r = run(["foo://x", str(SAMPLE), "--jsonl"], w)
    records = [json.loads(line) for line in r.stdout.splitlines()]
    return Outcome("", r, r.code == 1 and r.clean and len(records) == 2, f"{len(records)} records")


@attack("6 251-character name -o out")
def _long_name(w: Path, a: argparse.Namespace) -> Outcome:
    (w / "in").mkdir()
    (w / "in" / ("a" * 247 + ".txt")).write_bytes(SAMPLE.read_bytes())
    (w / "in" / "b.txt").write_bytes(SAMPLE.read_bytes())
    r = run(["in", "-o", "out"], w)
    return Outcome("", r, r.code == 1 and r.clean and files(w / "out") == ["b.txt.json"], "the other written")


@attack("6 empty file, non-UTF-8 name, --jsonl")
def _bad_name(w: Path, a: argparse.Namespace) -> Outcome:
    os.mkdir(os.fsencode(w / "in"))
    with open(os.fsencode(w / "in") + b"/\xff\xfe.txt", "wb"):
        pass
    r = run(["in", "--jsonl"], w)
    try:
        r.stdout.decode("utf-8")
        utf8 = True
    except UnicodeDecodeError:
        utf8 = False
    return Outcome("", r, r.code == 1 and r.clean and utf8, "UTF-8 record" if utf8 else "not UTF-8")


@attack("6 -o onto an existing file")
def _onto_file(w: Path, a: argparse.Namespace) -> Outcome:
    (w / "out").write_text("mine", encoding="utf-8")
    r = run([str(SAMPLE), "-o", "out"], w)
    return Outcome("", r, r.code == 2 and r.clean and (w / "out").read_text(encoding="utf-8") == "mine")


def _unshare() -> str | None:
    found = shutil.which("unshare")
    if found and subprocess.run([found, "-rm", "true"], capture_output=True).returncode == 0:
        return found
    return None


def _mounted(w: Path, options: str) -> Run | None:
    unshare = _unshare()
    if unshare is None:
        return None
    (w / "in").mkdir()
    for i in range(40):
        (w / "in" / f"r{i:02d}.txt").write_text("一、总则\n" + "本办法所称报告，是指各单位的年度工作报告。" * 40 + "\n",
                                               encoding="utf-8")
    (w / "mnt").mkdir()
    script = f'mount -t tmpfs -o {options} tmpfs mnt || exit 99; exec "$@"'
    return run(["in", "-o", "mnt/out"], w, wrap=[unshare, "-rm", "sh", "-c", script, "sh"])


@attack("6 full disk (64 KB tmpfs)")
def _full(w: Path, a: argparse.Namespace) -> Outcome:
    r = _mounted(w, "size=64k")
    if r is None:
        return Outcome("", Run(None, b"", b"", 0, 0), True, "skipped: no user namespaces")
    lines = r.stderr.decode().splitlines()
    return Outcome("", r, r.code == 1 and r.clean and 0 < len(lines) < 40, f"{40 - len(lines)} of 40 written")


@attack("6 read-only file system")
def _read_only(w: Path, a: argparse.Namespace) -> Outcome:
    r = _mounted(w, "ro")
    if r is None:
        return Outcome("", Run(None, b"", b"", 0, 0), True, "skipped: no user namespaces")
    return Outcome("", r, r.code == 1 and r.clean and len(r.stderr.splitlines()) == 1)


for _codec in ("zlib", "rot13", "unicode_escape"):
    def _encoding(w: Path, a: argparse.Namespace, codec: str = _codec) -> Outcome:
        r = run([str(SAMPLE), "--json", "--encoding", codec], w)
        return Outcome("", r, r.code == 2 and r.clean and len(r.stderr.splitlines()) == 1)
    ATTACKS[f"6 --encoding {_codec}"] = _encoding


@attack("6 worker out of memory (-j 2, 800 MB)")
def _oom(w: Path, a: argparse.Namespace) -> Outcome:
    (w / "in").mkdir()
    text = SAMPLE.read_text(encoding="utf-8")
    (w / "in" / "a_huge.txt").write_text(text * 10_000, encoding="utf-8")
    for i in range(3):
        (w / "in" / f"b{i}.txt").write_text(text, encoding="utf-8")

    def smaller() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (800_000_000, 800_000_000))

    r = run(["in", "--jsonl", "-j", "2"], w, preexec=smaller)
    records = [json.loads(line) for line in r.stdout.splitlines()]
    held = r.code == 1 and r.clean and len(records) == 4 and "out of memory" in r.first_error
    return Outcome("", r, held, f"{len(records)} records of 4")


@attack("6 --format xml")
def _format(w: Path, a: argparse.Namespace) -> Outcome:
    r = run([str(SAMPLE), "--format", "xml"], w)
    return Outcome("", r, r.code == 2 and r.clean and len(r.stderr.splitlines()) == 1)


@attack("7 SIGTERM during a large write")
def _sigterm(w: Path, a: argparse.Namespace) -> Outcome:
    text = (SAMPLES / "regulation_with_toc.txt").read_text(encoding="utf-8-sig")
    (w / "big.txt").write_text(text * 2000, encoding="utf-8")
    out = w / "out"
    r = run(["big.txt", "-o", "out"], w,
            signal_after=(lambda: any(n.endswith(".tmp") for n in files(out)), signal.SIGTERM))
    return Outcome("", r, r.code == 143 and r.clean and files(out) == [], "nothing left in out")


@attack("7 SIGTERM of a -j 2 batch")
def _sigterm_batch(w: Path, a: argparse.Namespace) -> Outcome:
    text = (SAMPLES / "regulation_with_toc.txt").read_text(encoding="utf-8-sig") * 20
    (w / "in").mkdir()
    for i in range(200):
        (w / "in" / f"r{i:03d}.txt").write_text(text, encoding="utf-8")
    out = w / "out"
    r = run(["in", "-o", "out", "-j", "2"], w, signal_after=(lambda: len(files(out)) > 3, signal.SIGTERM))
    left = [n for n in files(out) if not n.endswith(".txt.json")]
    orphans = subprocess.run(["pgrep", "-f", f"{command()} in -o out -j 2"], capture_output=True).stdout.split()
    return Outcome("", r, r.code == 143 and r.clean and not left and not orphans,
                   f"{len(orphans)} workers left, {len(left)} temporary files")


@attack("8 escape sequences in a document")
def _escapes(w: Path, a: argparse.Namespace) -> Outcome:
    (w / "e.txt").write_text("一、标题\x1b]8;;http://evil.example\x1b\\点我\x1b]8;;\x1b\\\n（一）内容\x1b[2J清屏\n",
                             encoding="utf-8")
    r = run(["e.txt"], w)
    return Outcome("", r, r.code == 0 and b"\x1b" not in r.stdout, "shown as \\x1b")


@attack("8 escape sequences in a file name")
def _escape_name(w: Path, a: argparse.Namespace) -> Outcome:
    (w / "in").mkdir()
    (w / "in" / "x\x1b[2J\n.txt").write_bytes(b"")
    r = run(["in", "--jsonl"], w)
    return Outcome("", r, r.code == 1 and b"\x1b" not in r.stderr and len(r.stderr.splitlines()) == 1)


@attack("9 CSV formulas --excel")
def _formulas(w: Path, a: argparse.Namespace) -> Outcome:
    (w / "f.txt").write_text('一、=HYPERLINK("http://evil.example","点此")\n二、+1+2\n三、@SUM(A1)\n', encoding="utf-8")
    r = run(["f.txt", "-f", "csv", "--excel"], w)
    text = r.stdout.decode("utf-8-sig")
    return Outcome("", r, r.code == 0 and ",\"'=HYPERLINK" in text and ",'+1+2," in text and ",'@SUM" in text)


for _title, _out, _want in (("inside the input folder", "in/out", ["out/x.txt.md", "x.txt"]),
                           ("the input folder itself", "in", ["x.txt", "x.txt.md"])):
    def _read_back(w: Path, a: argparse.Namespace, out: str = _out, want: list[str] = _want) -> Outcome:
        (w / "in").mkdir()
        (w / "in" / "x.txt").write_bytes(SAMPLE.read_bytes())
        for _ in range(3):
            r = run(["in", "-o", out, "-f", "markdown"], w)
        got = files(w / "in")
        return Outcome("", r, got == want, ", ".join(got))
    ATTACKS[f"10 -o {_title}, 3 runs"] = _read_back


def _memory(w: Path, name: str, size: int, line: Callable[[int], str], args: list[str]) -> Outcome:
    path = w / name
    _write_lines(path, size, line)
    nodes = nodes_of(path, w)
    r = run([name, *args], w)
    nbytes = path.stat().st_size
    ceiling = 8 * nbytes + 500 * nodes
    peak = r.peak_kib * 1024
    note = (f"{nodes:,} nodes: {peak / nbytes:.0f} B per input byte, {peak / nodes:,.0f} B per node; "
            f"ceiling {ceiling / 2**20:,.0f} MB")
    return Outcome("", r, r.code == 0 and peak <= ceiling, note, {"bytes": nbytes, "nodes": nodes, "ceiling": ceiling})


@attack("11 5 MB of bare markers --json")
def _bare(w: Path, a: argparse.Namespace) -> Outcome:
    return _memory(w, "bare.txt", 5_000_000, lambda i: ("一、\n", "（一）\n", "1.\n", "（1）\n", "①\n")[i % 5],
                   ["--json"])


@attack("11 13 MB of short lines --json")
def _short(w: Path, a: argparse.Namespace) -> Outcome:
    size = 3_000_000 if a.quick else 13_000_000
    return _memory(w, "short.txt", size, lambda i: "本段落为简短的说明文字。\n", ["--json"])


@attack("11 200 MB file -o out")
def _large(w: Path, a: argparse.Namespace) -> Outcome:
    size = 20_000_000 if a.quick else 200_000_000
    texts = [p.read_bytes().decode("utf-8").removeprefix("\ufeff") for p in sorted(SAMPLES.glob("*.txt"))
             if p.name not in ("county_report_gbk.txt", "taiwan_notice_big5.txt")]
    return _memory(w, "large.txt", size, lambda i: texts[i % len(texts)], ["-o", "out"])


@attack("13 non-UTF-8 names in JSON and CSV")
def _names(w: Path, a: argparse.Namespace) -> Outcome:
    os.mkdir(os.fsencode(w / "in"))
    with open(os.fsencode(w / "in") + b"/\xb1\xa8\xb8\xe6.txt", "wb") as handle:
        handle.write(SAMPLE.read_bytes())
    r = run(["in", "-f", "csv"], w)
    j = run(["in", "--jsonl"], w)
    try:
        r.stdout.decode("utf-8")
        j.stdout.decode("utf-8")
        valid = True
    except UnicodeDecodeError:
        valid = False
    return Outcome("", r, r.code == 0 and valid, "valid UTF-8, in/\\xb1\\xa8\\xb8\\xe6.txt")


@attack("14 a PDF without NUL bytes")
def _pdf(w: Path, a: argparse.Namespace) -> Outcome:
    (w / "r.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" * 500)
    r = run(["r.pdf", "--json"], w)
    # Since PDFs are read (issue 16), one the reader cannot open is refused as a PDF, not read as text.
    return Outcome("", r, r.code == 1 and r.clean and "a PDF" in r.first_error)


for _name, _fixture, _codec in (("Shift-JIS", "ja_town_plan.txt", "shift_jis"),
                                ("EUC-KR", "ko_economy_plan.txt", "euc_kr")):
    def _foreign(w: Path, a: argparse.Namespace, fixture: str = _fixture, codec: str = _codec) -> Outcome:
        text = (ROOT / "tests" / "fixtures" / "foreign" / fixture).read_text(encoding="utf-8")
        (w / "f.txt").write_bytes(text.encode(codec))
        r = run(["f.txt", "--json"], w)
        return Outcome("", r, r.code == 1 and r.clean and "not Chinese text" in r.first_error)
    ATTACKS[f"15 {_name} notice"] = _foreign


@attack("16 spans of a file with a BOM")
def _bom(w: Path, a: argparse.Namespace) -> Outcome:
    data = b"\xef\xbb\xbf" + "第一条　本办法自发布之日起施行。\n".encode()
    (w / "b.txt").write_bytes(data)
    r = run(["b.txt", "--json"], w)
    doc = json.loads(r.stdout)
    s, e = doc["children"][0]["span"]
    sliced = data.decode(doc["source"]["encoding"])[s:e]
    return Outcome("", r, r.code == 0 and sliced.startswith("第一条"), f"{doc['source']['encoding']}: {sliced[:6]}…")


@attack("dask with port 8787 taken")
def _dask(w: Path, a: argparse.Namespace) -> Outcome:
    import socket

    (w / "in").mkdir()
    for i in range(4):
        (w / "in" / f"r{i}.txt").write_bytes(SAMPLE.read_bytes())
    with socket.socket() as taken:
        try:
            taken.bind(("", 8787))
            taken.listen()
        except OSError:
            pass
        r = run(["in", "--jsonl", "--engine", "dask", "-j", "2"], w)
    return Outcome("", r, r.code == 0 and r.stderr == b"", "quiet" if not r.stderr else "warnings")


# --- the table -------------------------------------------------------------------------------------


def _one(name: str, args: argparse.Namespace) -> dict[str, Any]:
    """One attack in a process of its own, so that RUSAGE_CHILDREN is that attack's alone."""
    proc = subprocess.run([sys.executable, __file__, "--child", name, *(["--quick"] if args.quick else [])],
                          capture_output=True, text=True, timeout=TIMEOUT * 4)
    if proc.returncode != 0:
        return {"attack": name, "code": "?", "message": proc.stderr.strip().splitlines()[-1:] or [""], "peak_mb": 0,
                "seconds": 0, "ok": False, "note": "the attack itself failed"}
    result: dict[str, Any] = json.loads(proc.stdout)
    return result


def _child(name: str, args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="attack-") as tmp:
        if name.startswith("4 ") and not _parquet_ok():
            outcome = Outcome(name, Run(None, b"", b"", 0, 0), True, "skipped: no pyarrow")
        else:
            outcome = ATTACKS[name](Path(tmp), args)
    r = outcome.run
    print(json.dumps({
        "attack": name, "code": "timeout" if r.code is None and r.seconds else r.code,
        "message": r.first_error, "peak_mb": r.peak_kib / 1024, "seconds": r.seconds,
        "ok": outcome.ok, "note": outcome.note, **outcome.extra,
    }, ensure_ascii=False))
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--quick", action="store_true", help="the 200 MB and 13 MB inputs smaller")
    ap.add_argument("--only", help="attacks whose name contains this")
    ap.add_argument("--json", action="store_true", help="one JSON object per attack")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return _child(args.child, args)
    names = [n for n in ATTACKS if not args.only or args.only in n]
    # By the defect number (a stable sort keeps the order of one defect's attacks).
    names.sort(key=lambda n: int(n.split()[0]) if n.split()[0].isdigit() else 99)
    rows = []
    for name in names:
        print(f"… {name}", file=sys.stderr, flush=True)
        row = _one(name, args)
        rows.append(row)
        if args.json:
            print(json.dumps(row, ensure_ascii=False), flush=True)
    if args.json:
        return 0 if all(r["ok"] for r in rows) else 1
    width = max(len(r["attack"]) for r in rows)
    print(f"{'attack':{width}}  {'exit':>7}  {'peak MB':>8}  {'time s':>7}  {'ok':4}  message / note")
    for r in rows:
        message = r["message"] if isinstance(r["message"], str) else " ".join(r["message"])
        shown = message.removeprefix("reportparse: ")
        text = "; ".join(part for part in (shown[:110], r.get("note", "")) if part)
        print(f"{r['attack']:{width}}  {r['code']!s:>7}  {r['peak_mb']:8.0f}  {r['seconds']:7.2f}  "
              f"{'yes' if r['ok'] else 'NO':4}  {text}")
    failed = [r["attack"] for r in rows if not r["ok"]]
    print(f"{len(rows) - len(failed)} of {len(rows)} attacks held" + (f"; not: {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
