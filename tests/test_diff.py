"""Two versions of a document compared node by node: our own pairs beside the changes they must give."""

from __future__ import annotations

import json
import random
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import reportparse
from reportparse.diff import compare

from .conftest import FIXTURES, SAMPLES, reportparse_cmd
from .test_generated_reports import reports

PAIRS = sorted((FIXTURES / "diff").glob("*.expect"))
DOCUMENTS = sorted([*SAMPLES.glob("*.txt"), *(FIXTURES / "documents").glob("*.txt")])


def expected(path: Path) -> list[tuple[str, str, str]]:
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return [(change, old, new) for change, old, new in rows]


def listed(old: Path, new: Path) -> list[tuple[str, str, str]]:
    result = compare(reportparse.parse_file(old), reportparse.parse_file(new))
    return [(c.change, c.old.node.marker if c.old else "-", c.new.node.marker if c.new else "-")
            for c in result.changes if c.change != "unchanged"]


@pytest.mark.parametrize("expect", PAIRS, ids=lambda p: p.stem)
def test_each_pair_gives_its_changes(expect: Path) -> None:
    stem = expect.with_suffix("")
    assert listed(Path(f"{stem}.old.txt"), Path(f"{stem}.new.txt")) == expected(expect)


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_a_document_against_itself_has_no_changes(path: Path) -> None:
    doc = reportparse.parse_file(path)
    result = compare(doc, reportparse.parse_file(path))
    assert all(c.change == "unchanged" for c in result.changes)
    assert len(result.changes) == sum(1 for n in _numbered(doc.children))


def _numbered(nodes):  # type: ignore[no-untyped-def]
    for node in nodes:
        if node.numbered:
            yield node
            yield from _numbered(node.children)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports(), st.integers(0, 2**32 - 1))
def test_every_node_is_listed_once_and_each_change_is_what_it_says(text: str, seed: int) -> None:
    old = reportparse.parse(text)
    lines = text.split("\n")
    rng = random.Random(seed)
    # A second version: a few lines dropped, one reworded.
    drop = set(rng.sample(range(1, len(lines)), min(len(lines) - 1, 2)))
    reworded = max(drop, default=0) + 1
    kept = [line + ("（修订）" if i == reworded else "") for i, line in enumerate(lines) if i not in drop]
    new = reportparse.parse("\n".join(kept))
    result = compare(old, new)
    olds = [c.old.index for c in result.changes if c.old is not None]
    news = [c.new.index for c in result.changes if c.new is not None]
    assert sorted(olds) == list(range(sum(1 for _ in _numbered(old.children))))
    assert sorted(news) == list(range(sum(1 for _ in _numbered(new.children))))
    for c in result.changes:
        if c.old is not None and c.new is not None:
            assert (c.old.key == c.new.key) == (c.change != "changed")
            assert (c.old.node.marker != c.new.node.marker) == (c.change == "renumbered" or c.renumbered)
        else:
            assert c.change == ("added" if c.old is None else "removed")


def test_the_command_in_every_output(tmp_path: Path) -> None:
    old, new = str(FIXTURES / "diff" / "dog_rules.old.txt"), str(FIXTURES / "diff" / "dog_rules.new.txt")
    proc = subprocess.run([*reportparse_cmd(), old, new, "--diff", "--json"], capture_output=True, check=True)
    data = json.loads(proc.stdout)
    assert data["summary"] == {"added": 1, "removed": 1, "changed": 1, "renumbered": 2, "moved": 0, "unchanged": 7}
    changed = next(c for c in data["changes"] if c["change"] == "changed")
    assert changed["renumbered"] and changed["diff"] == [{"op": "insert", "old": "", "new": "在重点管理区内"}]
    assert changed["old"] == {"marker": "第五条", "line": 8, "title": "", "path": ["第二章　登记管理"]}
    terminal = subprocess.run([*reportparse_cmd(), old, new, "--diff"], capture_output=True, check=True)
    assert "个人{+在重点管理区内+}养犬的" in terminal.stdout.decode()
    everything = subprocess.run([*reportparse_cmd(), old, new, "--diff", "--all", "-f", "markdown"],
                                capture_output=True, check=True).stdout.decode()
    assert "**unchanged** 第一条" in everything and "个人**在重点管理区内**养犬的" in everything
    for bad in ([old, "--diff"], [old, new, "--diff", "-f", "csv"], [old, new, "--diff", "-o", str(tmp_path)]):
        proc = subprocess.run([*reportparse_cmd(), *bad], capture_output=True)
        assert proc.returncode == 2 and proc.stderr.decode().count("\n") == 1
    missing = subprocess.run([*reportparse_cmd(), old, str(tmp_path / "nope.txt"), "--diff"], capture_output=True)
    assert missing.returncode == 1 and "no such file" in missing.stderr.decode()
