"""The lines stage's value is columns: every field of every line's record reads back from them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportparse import lines
from reportparse.lineinfo import LineInfo, Lines
from reportparse.markers import match_marker
from reportparse.source import Line, split_lines
from reportparse.wrapping import NOT_WRAPPED

_FLAGS = st.booleans()


@st.composite
def _records(draw: st.DrawFn) -> list[LineInfo]:
    """Records with every field varied, over a text of numbered and plain lines."""
    text = "一、总则\n\n（二）x\n 第三条 y\n正文。\n"
    table = split_lines(text)
    out = []
    for line in draw(st.lists(st.sampled_from(table), max_size=12)):
        match = draw(st.sampled_from([None, match_marker(text, line.ink, line.end)]))
        out.append(LineInfo(
            line, draw(st.sampled_from(["", "toc", "comment", "furniture"])), draw(_FLAGS),
            draw(st.integers(0, 6)), draw(st.integers(line.ink, max(line.ink, line.end))), match, draw(_FLAGS),
            draw(_FLAGS), draw(_FLAGS), draw(_FLAGS), draw(_FLAGS),
        ))
    return out


def _read_back(value: Lines, i: int) -> tuple[object, ...]:
    return (
        value.end[i], value.ink[i], value.blank(i), value.set_aside[i], bool(value.underline[i]), value.hashes[i],
        value.content[i], value.match[i], bool(value.marked[i]), bool(value.in_title[i]), bool(value.quoted[i]),
        bool(value.named[i]), bool(value.closing[i]), bool(value.segment[i]),
    )


def _expected(info: LineInfo) -> tuple[object, ...]:
    line: Line = info.line
    return (
        line.end, line.ink, line.blank, info.set_aside, info.underline, info.hashes, info.content, info.match,
        info.match is not None, info.title, info.quoted, info.named, info.closing, info.segment,
    )


@settings(max_examples=200, deadline=None)
@given(_records())
def test_every_field_reads_back_from_the_columns(records: list[LineInfo]) -> None:
    value = Lines(records, None, NOT_WRAPPED)
    assert len(value) == len(records)
    assert [_read_back(value, i) for i in range(len(records))] == [_expected(info) for info in records]


def test_an_empty_text_has_one_blank_line() -> None:
    text = ""
    value = lines.classify(text, split_lines(text))
    assert len(value) == 1 and value.blank(0)


def test_once_the_matches_are_dropped_a_line_still_says_it_had_one_and_a_read_of_them_fails() -> None:
    text = "一、总则\n正文。\n（二）x\n"
    value = lines.classify(text, split_lines(text))
    marked = [value.match[i] is not None for i in range(len(value))]
    assert marked == [True, False, True]
    value.drop_matches()
    assert [bool(value.marked[i]) for i in range(len(value))] == marked
    with pytest.raises(IndexError):
        value.match[0]
