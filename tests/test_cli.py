"""End-to-end tests of the installed `reportparse` command."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

import reportparse
from reportparse.schema import schema

from .conftest import SAMPLES

SCHEMA = schema()
SAMPLE = SAMPLES / "annual_highlights.txt"


def _command() -> str:
    beside = Path(sys.executable).with_name("reportparse")
    found = str(beside) if beside.exists() else shutil.which("reportparse")
    if not found:
        pytest.fail("the reportparse command is not installed (pip install .)")
    return found


def run(
    *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([_command(), *args], input=stdin, capture_output=True, env=full_env, timeout=60)


def _one_line_error(proc: subprocess.CompletedProcess[bytes]) -> str:
    err = proc.stderr.decode("utf-8")
    assert err.startswith("reportparse: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    assert proc.stdout == b""
    return err


def test_json_of_a_sample_validates_and_is_deterministic() -> None:
    first = run(str(SAMPLE), "--json")
    second = run(str(SAMPLE), "--json")
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    text = first.stdout.decode("utf-8")
    assert "专题一" in text  # Chinese is written as is, not \\u-escaped
    doc = json.loads(text)
    jsonschema.validate(doc, SCHEMA)
    assert doc["source"]["path"] == str(SAMPLE)
    assert doc["title"] == "2024年青川市商务工作成果及亮点"


@pytest.mark.parametrize("sample", sorted(p.name for p in SAMPLES.iterdir() if p.suffix in (".txt", ".md")
                                          and p.name != "README.md"))
def test_every_sample_validates_against_the_schema(sample: str) -> None:
    proc = run(str(SAMPLES / sample), "--json", "--compact")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count(b"\n") == 1
    jsonschema.validate(json.loads(proc.stdout), SCHEMA)


def test_stdin_gives_the_same_document() -> None:
    from_file = json.loads(run(str(SAMPLE), "--json").stdout)
    from_stdin = json.loads(run("-", "--json", stdin=SAMPLE.read_bytes()).stdout)
    assert from_stdin["source"]["path"] is None
    assert from_stdin["children"] == from_file["children"]


def test_gbk_input_and_forced_encoding() -> None:
    path = SAMPLES / "county_report_gbk.txt"
    doc = json.loads(run(str(path), "--json").stdout)
    assert doc["source"]["encoding"] == "gb18030"
    forced = run(str(path), "--json", "--encoding", "utf-8")
    assert forced.returncode == 1
    assert "offset" in _one_line_error(forced)


def test_output_is_utf8_whatever_the_locale() -> None:
    proc = run(str(SAMPLE), "--json", env={"LANG": "C", "LC_ALL": "C", "PYTHONIOENCODING": "ascii"})
    assert proc.returncode == 0, proc.stderr
    assert "专题一" in proc.stdout.decode("utf-8")


def test_default_output_is_a_readable_outline() -> None:
    proc = run(str(SAMPLE))
    assert proc.returncode == 0
    out = proc.stdout.decode("utf-8")
    assert "专题三" in out and "亮点一" in out and "\x1b[" not in out


def test_missing_file(tmp_path: Path) -> None:
    proc = run(str(tmp_path / "nope.txt"), "--json")
    assert proc.returncode == 1
    assert "no such file" in _one_line_error(proc)


def test_a_folder_needs_a_format_for_several_documents(tmp_path: Path) -> None:
    proc = run(str(tmp_path), "--json")
    assert proc.returncode == 2
    assert "--jsonl" in _one_line_error(proc)
    empty = run(str(tmp_path), "--jsonl")
    assert empty.returncode == 1
    assert "no files to read in this folder" in empty.stderr.decode()


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("一、总则\n", encoding="utf-8")
    path.chmod(0)
    proc = run(str(path), "--json")
    assert proc.returncode == 1
    assert "permission" in _one_line_error(proc)


def test_binary_input(tmp_path: Path) -> None:
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    proc = run(str(path), "--json")
    assert proc.returncode == 1
    assert "binary" in _one_line_error(proc)


def test_undecodable_input(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_bytes("一、总则\n".encode() + b"\xff\xfe\xfa\x81" * 3)
    proc = run(str(path), "--json")
    assert proc.returncode == 1
    assert "offset" in _one_line_error(proc)


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run(str(SAMPLE), "--json", "--encoding", "no-such-codec").returncode == 2
    assert run(str(SAMPLE), "--no-such-option").returncode == 2
    assert run().returncode == 2


def test_version() -> None:
    proc = run("--version")
    assert proc.returncode == 0
    lines = proc.stdout.decode().splitlines()
    assert lines[0] == f"reportparse {reportparse.__version__}"
    assert lines[1].startswith("python ") and "regex " in lines[1]
    assert lines[2].startswith("readers: text (built in), ") and "docx (built in)" in lines[2]
    assert lines[3].startswith("optional: ") and "orjson " in lines[3]


def test_python_dash_m_and_the_examples_of_help() -> None:
    proc = subprocess.run([sys.executable, "-m", "reportparse", "--help"], capture_output=True, check=True)
    text = proc.stdout.decode()
    assert "Examples:" in text and "reportparse 2023.txt 2024.txt --diff" in text
    same = subprocess.run([sys.executable, "-m", "reportparse", str(SAMPLE), "--json"], capture_output=True, check=True)
    assert same.stdout == run(str(SAMPLE), "--json").stdout


def test_empty_input_is_a_failure(tmp_path: Path) -> None:
    assert "empty input" in _one_line_error(run("-", "--json", stdin=b""))
    (tmp_path / "empty.txt").write_bytes(b"")
    proc = run(str(tmp_path / "empty.txt"), "--json")
    assert proc.returncode == 1 and "empty file" in _one_line_error(proc)
    blank = run("-", "--json", stdin=b"\n\n")
    assert blank.returncode == 0 and json.loads(blank.stdout)["children"] == []


def test_unreadable_path(tmp_path: Path) -> None:
    # A symlink loop cannot be read even by root, so this runs everywhere.
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    proc = run(str(tmp_path / "a.txt"), "--json")
    assert proc.returncode == 1
    assert "cannot read" in _one_line_error(proc)


@pytest.mark.parametrize("fmt", ["json", "jsonl", "markdown", "csv", "outline", "terminal"])
def test_every_format_from_the_command_line(fmt: str) -> None:
    proc = run(str(SAMPLE), "--format", fmt)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode("utf-8")
    assert "亮点一" in out and "\x1b[" not in out
    if fmt == "jsonl":
        assert out.count("\n") == 1
        jsonschema.validate(json.loads(out), SCHEMA)


def test_shorthands_and_conflicts() -> None:
    assert run(str(SAMPLE), "--jsonl").stdout == run(str(SAMPLE), "-f", "jsonl").stdout
    assert run(str(SAMPLE), "--json", "--format", "csv").returncode == 2
    assert run(str(SAMPLE), "--json", "--jsonl").returncode == 2
    assert run(str(SAMPLE), "--format", "yaml").returncode == 2


def test_terminal_view_in_a_pipe_has_no_escape_codes() -> None:
    for extra, env in (([], {}), (["--no-color"], {}), ([], {"NO_COLOR": "1"})):
        proc = run(str(SAMPLE), *extra, env=env)
        assert proc.returncode == 0 and b"\x1b[" not in proc.stdout
    outline = run(str(SAMPLE), "--outline", "--depth", "1").stdout.decode("utf-8")
    assert "专题三" in outline and "亮点一" not in outline and "No." not in outline


def test_csv_excel_bom() -> None:
    plain = run(str(SAMPLE), "--format", "csv").stdout
    excel = run(str(SAMPLE), "--format", "csv", "--excel").stdout
    assert not plain.startswith(b"\xef\xbb\xbf") and excel == b"\xef\xbb\xbf" + plain


def test_convert_option() -> None:
    doc = json.loads(run(str(SAMPLE), "--json", "--convert", "s2t").stdout)
    original = json.loads(run(str(SAMPLE), "--json").stdout)
    assert doc["children"][1]["title"] != original["children"][1]["title"]
    assert doc["children"][1]["span"] == original["children"][1]["span"]
    assert run(str(SAMPLE), "--json", "--convert", "x2y").returncode == 2


def test_schema_option() -> None:
    proc = run("--schema")
    assert proc.returncode == 0
    assert json.loads(proc.stdout) == SCHEMA


def test_check(tmp_path: Path) -> None:
    clean = run(str(SAMPLE), "--check")
    assert clean.returncode == 0 and clean.stdout == b""
    path = tmp_path / "draft.txt"
    draft = ["一、总体要求", "（一）加强领导", "（二）强化保障", "（四）严格考核", "二、工作安排", "二、保障措施"]
    path.write_text("\n".join(draft) + "\n", encoding="utf-8")
    proc = run(str(path), "--check")
    assert proc.returncode == 1
    lines = proc.stdout.decode("utf-8").splitlines()
    assert lines == [
        f"{path}:4: （三） expected here, found （四） (（三） missing) [numbering-gap]",
        f"{path}:6: 三、 expected here, found 二、 (already used on line 5) [numbering-repeat]",
    ]
    assert run("-", "--check", stdin=path.read_bytes()).stdout.decode().startswith("<stdin>:4: ")
