"""Every command and output shown in README.md and docs/ is run here, so the documentation cannot drift.

Two kinds of fenced block are examples:

- ```` ```console ````: lines opening with ``$ `` are commands; the lines after one, up to the next
  command or the end, are its output, compared exactly (a line ``…`` alone stands for any lines).
- ```` ```sh ````: every line is a command (what follows `` # `` is a comment); each must run
  without a usage error or a traceback. A ``python SCRIPT …`` line (a benchmark, the scorer) is
  run as ``python SCRIPT --help`` from the repository, which proves the script and its options are
  there without its minutes of work; installing (``pip``) and the test suite are what CI runs.

They run with bash in a scratch folder that holds the files the documentation names (``report.txt``,
``reports/``, ``old.txt`` …, made from the samples and fixtures), a report on their standard input,
with the columns at 80 and no colour.
Blocks of other languages (``json``, ``python``, ``text``, ``sql``) are not run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import FIXTURES, ROOT, SAMPLES, reportparse_cmd

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_FENCE = re.compile(r"^```(?P<lang>[a-z]*)\n(?P<body>.*?)^```$", re.M | re.S)
#: Commands of the install and the test suite: run by CI itself, not here.
_NOT_HERE = ("pip ", "pytest", "python3 -m venv", "python -m venv", ". .venv", "source ", "cd ", "git ")


def blocks() -> list[tuple[str, int, str, str]]:
    out = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for m in _FENCE.finditer(text):
            if m["lang"] in ("console", "sh"):
                out.append((page.name, text.count("\n", 0, m.start()) + 1, m["lang"], m["body"]))
    return out


BLOCKS = blocks()


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The files the documentation's commands name."""
    root = tmp_path_factory.mktemp("docs")
    shutil.copytree(SAMPLES, root / "samples")
    shutil.copytree(SAMPLES, root / "reports", ignore=shutil.ignore_patterns("README.md"))
    (root / "reports" / "2023").mkdir()
    shutil.copy(SAMPLES / "work_review.txt", root / "reports" / "2023" / "a.txt")
    shutil.copy(SAMPLES / "notice_gbt9704.txt", root / "reports" / "notice.report")
    for name, source in {"report.txt": SAMPLES / "annual_highlights.txt", "a.txt": SAMPLES / "work_review.txt",
                         "b.md": SAMPLES / "case_study.md", "big.txt": SAMPLES / "regulation_with_toc.txt",
                         "2023.txt": FIXTURES / "diff" / "plan.old.txt", "2024.txt": FIXTURES / "diff" / "plan.new.txt",
                         "old.txt": FIXTURES / "diff" / "dog_rules.old.txt",
                         "new.txt": FIXTURES / "diff" / "dog_rules.new.txt",
                         "report.docx": FIXTURES / "formats" / "docx" / "notice_gbt9704.auto.docx"}.items():
        shutil.copy(source, root / name)
    return root


def _run(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    bin_dir = str(Path(reportparse_cmd()[0]).parent)
    env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1", "PATH": f"{bin_dir}:{os.environ.get('PATH', '')}"}
    env.pop("FORCE_COLOR", None)
    # Standard input holds a report, for the commands that read one from it (``-``).
    return subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=cwd, capture_output=True, text=True,
                          env=env, timeout=300, input=(SAMPLES / "work_review.txt").read_text(encoding="utf-8"))


def _matches(want: list[str], got: list[str]) -> bool:
    """``want`` against ``got``, where a line ``…`` alone matches any run of lines."""
    if not want:
        return not got
    if want[0] == "…":
        return any(_matches(want[1:], got[k:]) for k in range(len(got) + 1))
    # Trailing blanks are not compared: an editor strips them from a page.
    return bool(got) and want[0].rstrip() == got[0].rstrip() and _matches(want[1:], got[1:])


def _console(body: str) -> list[tuple[str, list[str]]]:
    steps: list[tuple[str, list[str]]] = []
    for line in body.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], []))
        elif steps:
            steps[-1][1].append(line)
    return steps


@pytest.mark.parametrize(("page", "line", "lang", "body"), BLOCKS, ids=[f"{b[0]}:{b[1]}" for b in BLOCKS])
def test_documented_commands(page: str, line: int, lang: str, body: str, scratch: Path) -> None:
    if lang == "console":
        for command, want in _console(body):
            proc = _run(command, scratch)
            got = proc.stdout.splitlines()
            assert _matches(want, got), f"{page}:{line}: $ {command}\n--- documented\n" + "\n".join(want) + \
                "\n--- printed\n" + "\n".join(got) + f"\n--- stderr\n{proc.stderr}"
        return
    for command in body.splitlines():
        command = re.sub(r"\s+# .*$", "", command).strip()
        if not command or command.startswith(_NOT_HERE):
            continue
        if command.startswith("python "):
            script = ROOT / command.split()[1]
            if not script.exists():
                pytest.skip(f"{script} is not here (../shared?)")
            proc = _run(f"python {script} --help", ROOT)
            assert proc.returncode == 0, f"{page}:{line}: {command}\n{proc.stderr}"
            continue
        proc = _run(command, scratch)
        assert proc.returncode in (0, 1), f"{page}:{line}: {command}: exit {proc.returncode}\n{proc.stderr}"
        assert "Traceback" not in proc.stderr, f"{page}:{line}: {command}\n{proc.stderr}"
        if "--check" not in command:
            assert proc.returncode == 0, f"{page}:{line}: {command}: exit 1\n{proc.stderr}"


def test_the_pictures_are_what_the_code_draws() -> None:
    script = ROOT / "scripts" / "make_screenshots.py"
    proc = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_every_page_has_examples_and_the_readme_links_every_page() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for page in PAGES[1:]:
        assert f"docs/{page.name}" in readme, f"README.md does not link docs/{page.name}"
    assert any(b[0] == "README.md" and b[2] == "console" for b in BLOCKS)
