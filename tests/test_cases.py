"""The outline cases of tests/fixtures/cases.md: input text beside the outline it must give."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import pytest

import reportparse

from .conftest import FIXTURES, norm, outline_rows, owners_of, span_problems

_FENCE = re.compile(r"^```(?P<info>[a-z ]*)\n(?P<body>.*?)^```$", re.MULTILINE | re.DOTALL)


@dataclass
class Case:
    name: str
    text: str
    outline: list[tuple[int, int, str, str, str]]
    title: str | None = None
    diagnostics: list[tuple[str, int]] = field(default_factory=list)
    #: Where lines of body text belong (ANNOTATION.md, "Ownership"): a node's line, 0 or "-".
    owners: dict[int, int | str] = field(default_factory=dict)
    #: Fields the document's ``meta`` must have, with their values.
    meta: dict[str, object] = field(default_factory=dict)


def _cases() -> list[Case]:
    source = (FIXTURES / "cases.md").read_text(encoding="utf-8")
    cases = []
    for chunk in re.split(r"^## (?=[a-z0-9-]+\n)", source, flags=re.MULTILINE)[1:]:
        name = chunk.split("\n", 1)[0].strip()
        case = Case(name, "", [])
        for m in _FENCE.finditer(chunk):
            info, body = m.group("info").split(), m.group("body")
            if info[0] == "text":
                case.text = body.replace("\\r", "\r").replace("\\n", "\n") if "escaped" in info else body
            elif info[0] == "outline":
                for row in body.splitlines():
                    cols = row.split("\t") + [""] * 5
                    case.outline.append((int(cols[0]), int(cols[1]), cols[2], norm(cols[3]), norm(cols[4])))
            elif info[0] == "title":
                case.title = body.strip()
            elif info[0] == "owners":
                for row in body.splitlines():
                    line, owner = row.split("\t")
                    case.owners[int(line)] = owner if owner == "-" else int(owner)
            elif info[0] == "meta":
                case.meta = json.loads(body)
            elif info[0] == "diagnostics":
                for row in body.splitlines():
                    code, line = row.split("\t")
                    case.diagnostics.append((code, int(line)))
        cases.append(case)
    return cases


CASES = _cases()


def test_cases_file_is_well_formed() -> None:
    assert len(CASES) >= 20
    assert len({c.name for c in CASES}) == len(CASES)
    assert all(c.text for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_outline(case: Case) -> None:
    doc = reportparse.parse(case.text)
    assert outline_rows(doc) == case.outline
    if case.title is not None:
        assert (doc.title.text if doc.title else "") == case.title
    assert [(d.code, d.line) for d in doc.diagnostics] == case.diagnostics
    assert span_problems(doc) == []
    if case.owners:
        got = owners_of(doc)
        assert {line: got.get(line) for line in case.owners} == case.owners
    if case.meta:
        assert {key: (doc.meta or {}).get(key) for key in case.meta} == case.meta
