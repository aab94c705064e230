"""Invariants over generated input: never crash, nothing lost or counted twice, same input same bytes."""

from __future__ import annotations

import json
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import reportparse
from reportparse.source import DecodeError, split_lines

from .conftest import span_problems, structure_problems

# Pieces that make parsing hard: every marker style, their look-alikes, punctuation,
# quotes, markdown, comments, rules, every line break, and odd white space.
PIECES = [
    "一、", "二、", "十一、", "壹、", "貳、", "（一）", "(二)", "㈢", "1.", "2．", "3、", "１．", "2.5", "5.3亿元",
    "1.2023年5月，", "（1）", "2)", "⑶", "①", "⑳", "第一章", "第二节", "第三条", "第一百零五条", "第十条之一",
    "第一编", "第二部分", "附件1", "附件：", "专题一：", "亮点二：", "## ", "# ", "#", "目　　录", "目录",
    "<!--", "-->", "<U+00A0>", "===", "----", "“", "”", "「", "」", "《", "》", "。", "；", "：", "，", "、",
    "！", "？", "——", "各位代表：", "2023年，", "加强组织领导", "推进高质量发展", "实施", "的", "abc", "12",
    "\n", "\n", "\n", "\n\n", "\r\n", "\r", "\r\r\n", " ", "\u3000", "\t", "\u00a0", "\u200b", "\ufeff", "\x0c",
    "\u2028", "\x00", "\ud800",
]

MARKERS = [p for p in PIECES[:40] if p.strip()] + ["", "", ""]
BODIES = ["加强组织领导", "推进高质量发展。全年完成投资1.2亿元。", "2023年5月，举办活动。", "下列职责：", "管制；",
          "“第五条 修改为：", "总　　则", "保障措施", "", "5.3家企业入选。", "各位代表："]
ENDINGS = ["\n", "\n", "\n\n", "\r\n", "\r", ""]

# Whole lines that open with markers, so the outline stage does real work.
lines = st.lists(
    st.tuples(st.sampled_from(["", " ", "\u3000\u3000", "## "]), st.sampled_from(MARKERS),
              st.sampled_from(BODIES) | st.text(max_size=6), st.sampled_from(ENDINGS)).map("".join),
    max_size=60,
).map("".join)
fragments = st.lists(st.sampled_from(PIECES) | st.text(max_size=4), max_size=80).map("".join)
texts = lines | fragments


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_any_text_parses_losslessly(text: str) -> None:
    doc = reportparse.parse(text)
    assert span_problems(doc) == []
    assert structure_problems(doc) == []


@settings(max_examples=200, deadline=None)
@given(texts)
def test_same_input_same_bytes(text: str) -> None:
    assert reportparse.parse(text).to_json() == reportparse.parse(text).to_json()


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300) | texts.map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_any_bytes_give_a_document_or_a_clear_error(data: bytes) -> None:
    try:
        doc = reportparse.parse_bytes(data)
    except DecodeError as exc:
        assert str(exc) and "\n" not in str(exc)
        # Bytes that open with a document's signature (%PDF, PK) and are no such document are refused
        # as what they claim to be, not as undecodable text.
        assert exc.code in ("binary", "undecodable", "unreadable-pdf", "unreadable-docx", "no-text")
        return
    assert doc.source.bytes == len(data)
    assert span_problems(doc) == []


@settings(max_examples=100, deadline=None)
@given(texts)
def test_gb18030_round_trip(text: str) -> None:
    try:
        data = text.encode("gb18030")
    except UnicodeEncodeError:
        return
    if b"\x00" in data:
        return
    doc = reportparse.parse_bytes(data)
    if doc.source.encoding == "gb18030":
        assert doc.text == text


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(json_values, st.sampled_from([None, 0, 1, 2, 4]))
def test_json_writer_matches_the_standard_library(value: object, indent: int | None) -> None:
    from reportparse.render.json import dumps

    separators = (",", ":") if indent is None else (",", ": ")
    assert dumps(value, indent) == json.dumps(value, ensure_ascii=False, indent=indent, separators=separators)


def _line_table(text: str) -> list[tuple[int, int, int, bool]]:
    """The line table by its definition: split at \\r\\n, \\r or \\n; ink at the first non-blank."""
    rows = []
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    ends = [m.start() for m in re.finditer(r"\r\n|\r|\n", text)] + [len(text)]
    if len(starts) > 1 and starts[-1] == len(text):
        starts, ends = starts[:-1], ends[:-1]  # a final line break ends the last line, it opens none
    for start, end in zip(starts, ends, strict=True):
        inked = (i for i in range(start, end) if not (text[i].isspace() or text[i] in "\u200b\u200c\u200d\u2060\ufeff"))
        ink = next(inked, end)
        rows.append((start, end, ink, ink >= end))
    return rows


@settings(max_examples=500, deadline=None)
@given(texts | st.text(alphabet=" \t\u3000\u00a0\u200b\ufeff\x0b\x0c\x85\u2028\r\n一a", max_size=30))
def test_line_table(text: str) -> None:
    assert [tuple(line) for line in split_lines(text)] == _line_table(text)
