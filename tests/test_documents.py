"""Invented documents of every shape with hand-made outlines (tests/fixtures/documents/), scored like the corpus.

Each NAME.txt has its outline in NAME.txt.tsv (rows of kind ``?`` are not scored either way) and the
decisions taken on its hard cases in notes/. They were written as a held-out set before the parser was
run on them.
"""

from __future__ import annotations

import pytest

import reportparse

from .conftest import FIXTURES, read_outline, score, span_problems

DOCUMENTS = sorted((FIXTURES / "documents").glob("*.txt"))


@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.name for p in DOCUMENTS])
def test_document_outline(path) -> None:
    doc = reportparse.parse_file(path)
    result = score(doc, read_outline(path.with_name(path.name + ".tsv")))
    assert result["hits"] == result["gold"] == result["found"], result
    assert result["kind"] == result["hits"] and result["title"] == result["titled"], result
    assert result["marker"] == result["numbered"], result
    assert span_problems(doc) == []
