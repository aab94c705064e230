"""End-to-end batch runs of the installed command over a generated tree of a few hundred files."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import jsonschema
import pytest

from .conftest import SAMPLES
from .test_cli import SCHEMA, _command, run

GOOD = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".md") and p.name != "README.md")


def make_tree(root: Path, count: int = 300) -> dict[str, str]:
    """A nested tree of reports plus one file of every kind of failure; returns path → expected error code."""
    texts = [p.read_bytes() for p in GOOD]
    for i in range(count):
        folder = root / f"region{i % 4}" / f"county{i % 7}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"report{i:04d}.txt").write_bytes(texts[i % len(texts)])
    (root / "notes.odt").write_bytes(b"not taken: wrong extension")
    (root / ".cache").mkdir()
    (root / ".cache" / "hidden.txt").write_text("一、隐藏\n", encoding="utf-8")
    (root / "region0" / "loop").symlink_to(root)  # a symlink loop must not be walked twice
    failures = {
        "region1/binary.txt": "binary",
        "region1/empty.txt": "empty",
        "region2/broken.txt": "undecodable",
        "region3/unreadable.txt": "unreadable",
    }
    (root / "region1" / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01")
    (root / "region1" / "empty.txt").write_bytes(b"")
    (root / "region2" / "broken.txt").write_bytes("一、总则\n".encode() + b"\x81\x30\xff\xfe" * 4)
    (root / "region3" / "unreadable.txt").symlink_to(root / "region3" / "unreadable.txt")  # ELOOP
    (root / "region3" / "gbk.txt").write_bytes((SAMPLES / "county_report_gbk.txt").read_bytes())
    return failures


def expected_order(root: Path) -> list[str]:
    """Depth-first, entries sorted by name, hidden ones skipped: the order the batch promises."""
    out: list[str] = []

    def walk(folder: Path) -> None:
        for entry in sorted(folder.iterdir(), key=lambda p: p.name):
            if entry.name.startswith(".") or entry.name == "loop":
                continue
            if entry.is_dir():
                walk(entry)
            elif entry.suffix in (".txt", ".md"):
                out.append(str(entry))

    walk(root)
    return out


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("reports")
    return root, make_tree(root)


def test_jsonl_streams_every_input_in_order(tree: tuple[Path, dict[str, str]]) -> None:
    root, failures = tree
    proc = run(str(root), "--jsonl", "-j", "2")
    assert proc.returncode == 1
    records = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    for record in records:
        jsonschema.validate(record, SCHEMA)
    assert [r["source"]["path"] for r in records] == expected_order(root)
    errors = {r["source"]["path"]: r["error"]["code"] for r in records if "error" in r}
    assert errors == {str(root / k): v for k, v in failures.items()}
    stderr = proc.stderr.decode("utf-8").splitlines()
    assert len(stderr) == len(failures) and all(line.startswith("reportparse: ") for line in stderr)
    gbk = next(r for r in records if r["source"]["path"].endswith("gbk.txt"))
    assert gbk["source"]["encoding"] == "gb18030"
    assert proc.stdout == run(str(root), "--jsonl", "-j", "1").stdout


def test_output_folder_resume_and_atomicity(tmp_path: Path, tree: tuple[Path, dict[str, str]]) -> None:
    root, failures = tree
    out = tmp_path / "out"
    proc = run(str(root), "-o", str(out), "-j", "2")
    assert proc.returncode == 1 and proc.stdout == b""
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    good = [str(Path(p).relative_to(root)) + ".json" for p in expected_order(root)
            if str(Path(p).relative_to(root)) not in failures]
    assert written == sorted(good)
    assert not list(out.rglob("*.tmp"))
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*.json")}
    again = run(str(root), "-o", str(out), "-j", "2", "--skip-existing")
    assert again.returncode == 1  # the failing inputs still fail
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.json")} == stamps  # nothing parsed again
    sample = json.loads((out / "region0" / "county0" / "report0000.txt.json").read_text(encoding="utf-8"))
    assert sample["schema_version"] == "1"


def test_fail_fast_stops_at_the_first_failure(tree: tuple[Path, dict[str, str]]) -> None:
    root, _ = tree
    proc = run(str(root), "--jsonl", "-j", "1", "--fail-fast")
    assert proc.returncode == 1
    assert len(proc.stderr.decode().splitlines()) == 1


def test_files_folders_and_stdin_mixed(tmp_path: Path) -> None:
    folder = tmp_path / "f"
    folder.mkdir()
    (folder / "a.txt").write_bytes(GOOD[0].read_bytes())
    proc = run(str(GOOD[1]), str(folder), "-", "--jsonl", stdin=GOOD[2].read_bytes())
    assert proc.returncode == 0, proc.stderr
    paths = [json.loads(line)["source"]["path"] for line in proc.stdout.splitlines()]
    assert paths == [str(GOOD[1]), str(folder / "a.txt"), None]
    csv_out = run(str(folder), str(GOOD[0]), "--format", "csv").stdout.decode("utf-8").splitlines()
    assert csv_out[0].startswith("file,line") and sum(line.startswith("file,") for line in csv_out) == 1


def test_glob_option(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(GOOD[0].read_bytes())
    (tmp_path / "b.report").write_bytes(GOOD[1].read_bytes())
    proc = run(str(tmp_path), "--jsonl", "--glob", "*.report")
    paths = [json.loads(line)["source"]["path"] for line in proc.stdout.splitlines()]
    assert paths == [str(tmp_path / "b.report")]


def test_check_over_a_folder(tmp_path: Path) -> None:
    (tmp_path / "clean.txt").write_text("一、总体要求\n二、主要任务\n", encoding="utf-8")
    (tmp_path / "gap.txt").write_text("一、总体要求\n三、主要任务\n四、保障措施\n", encoding="utf-8")
    proc = run(str(tmp_path), "--check")
    assert proc.returncode == 1
    expected = f"{tmp_path / 'gap.txt'}:2: 二、 expected here, found 三、 (二、 missing) [numbering-gap]"
    assert proc.stdout.decode().splitlines() == [expected]


def test_interrupt_leaves_no_partial_file(tmp_path: Path) -> None:
    root = tmp_path / "in"
    big = (SAMPLES / "regulation_with_toc.txt").read_bytes() * 40
    for i in range(400):
        folder = root / f"d{i % 5}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"r{i:04d}.txt").write_bytes(big)
    out = tmp_path / "out"
    # A shell that starts a job in the background (CI scripts do) has it ignore SIGINT, and the
    # command inherits that: Ctrl-C is put back as it is at a terminal, where a user presses it.
    proc = subprocess.Popen([_command(), str(root), "-o", str(out), "-j", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.time() + 30
    while time.time() < deadline and not (out.exists() and any(out.rglob("*.json"))):
        time.sleep(0.02)
    time.sleep(0.2)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert b"interrupted" in err
    leftovers = [p for p in out.rglob("*") if p.is_file() and not p.name.endswith(".json")]
    assert leftovers == []
    done = list(out.rglob("*.json"))
    assert 0 < len(done) < 400
    for path in done:
        assert json.loads(path.read_text(encoding="utf-8"))["schema_version"] == "1"
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".tmp")]
