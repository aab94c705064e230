"""The lines stage's value is columns: made from the line table, filled in by the stage, read by the rest."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportparse import lines, model
from reportparse.lineinfo import NOT_WRAPPED, Lines
from reportparse.source import split_lines

_LINES = st.sampled_from([
    "一、总则", "", "  （二）x", "第三条 y", "正文。", "# 标题", "===", "目录", "附件：1.申请表", "2024年5月1日",
    "<!-- 注 -->", "  \u3000", "“第五条 引文", "”", "特此通知。", "**三、加粗**",
])


def test_a_table_makes_plain_lines_with_its_offsets() -> None:
    text = "一、总则\n\n  正文。\n"
    table = split_lines(text)
    value = Lines(table)
    assert len(value) == len(table)
    assert [(value.ink[i], value.end[i], value.content[i], value.blank(i)) for i in range(len(value))] == [
        (line.ink, line.end, line.ink, line.blank) for line in table
    ]
    assert set(value.set_aside) == {""} and set(value.match) == {None} and value.wrapping == NOT_WRAPPED
    for flags in (value.marked, value.hashes, value.underline, value.in_title, value.quoted, value.named,
                  value.closing, value.segment):
        assert not any(flags)


def test_a_line_set_aside_keeps_its_first_kind_unless_told_and_loses_its_marker() -> None:
    text = "一、总则\n二、附则\n"
    value = lines.classify(text, split_lines(text))
    assert value.match[0] is not None
    value.set_aside_as(0, model.TOC)
    value.set_aside_as(0, model.NOTES)
    value.set_aside_as(1, model.TOC)
    value.set_aside_as(1, model.ATTACHMENTS, keep=False)
    assert value.set_aside[:2] == [model.TOC, model.ATTACHMENTS] and value.match[:2] == [None, None]


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINES, max_size=12))
def test_what_the_stage_fills_in_agrees_with_itself(rows: list[str]) -> None:
    text = "\n".join(rows)
    table = split_lines(text)
    value = lines.classify(text, table)
    assert len(value) == len(table)
    for i, line in enumerate(table):
        assert (value.ink[i], value.end[i]) == (line.ink, line.end)
        assert line.ink <= value.content[i] <= max(line.ink, line.end)
        assert bool(value.marked[i]) == (value.match[i] is not None)
        if line.blank or value.set_aside[i] or value.in_title[i]:
            assert value.match[i] is None
        assert value.hashes[i] <= 6
    assert value.title is None or value.in_title[value.title]


def test_once_the_matches_are_dropped_a_line_still_says_it_had_one_and_a_read_of_them_fails() -> None:
    text = "一、总则\n正文。\n（二）x\n"
    value = lines.classify(text, split_lines(text))
    marked = [value.match[i] is not None for i in range(len(value))]
    assert marked == [True, False, True]
    value.drop_matches()
    assert [bool(value.marked[i]) for i in range(len(value))] == marked
    with pytest.raises(IndexError):
        value.match[0]


def test_an_empty_text_has_one_blank_line() -> None:
    text = ""
    value = lines.classify(text, split_lines(text))
    assert len(value) == 1 and value.blank(0)
