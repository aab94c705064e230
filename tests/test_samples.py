"""Every sample in samples/ against its hand-written expected outline."""

from __future__ import annotations

import pytest

import reportparse

from .conftest import FIXTURES, SAMPLES, outline_rows, read_outline, span_problems

SAMPLE_FILES = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".md") and p.name != "README.md")
ENCODINGS = {
    "county_report_gbk.txt": "gb18030",
    "taiwan_notice_big5.txt": "big5",
}


def test_every_sample_has_an_expected_outline() -> None:
    assert len(SAMPLE_FILES) >= 6
    for path in SAMPLE_FILES:
        assert (FIXTURES / "expected" / f"{path.name}.tsv").is_file(), path.name


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=[p.name for p in SAMPLE_FILES])
def test_sample_outline(path) -> None:
    doc = reportparse.parse_file(path)
    assert outline_rows(doc) == read_outline(FIXTURES / "expected" / f"{path.name}.tsv")
    assert doc.source.encoding == ENCODINGS.get(path.name, "utf-8")
    assert span_problems(doc) == []
    assert doc.title is not None and doc.title.text
