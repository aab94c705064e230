"""First-character gates: a stage runs a pattern only on a line whose first character can open it.

A gate may let through a line its pattern then rejects, never the other way round: each test
draws lines from the pattern's own vocabulary (and any text) and checks that every line the
pattern accepts passes the gate.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import reportparse
from reportparse import closing, furniture, marker_faults
from reportparse.source import split_lines

from .conftest import FIXTURES, SAMPLES


def _junk_gate(line: str) -> bool:
    (only,) = split_lines(line)
    first = line[only.ink]
    return first in furniture._JUNK_FIRST or furniture._FOOTER_SEARCH.search(
        line, only.ink, only.ink + 41 + furniture._LONGEST_FOOTER) is not None


def _one_line(text: str) -> bool:
    return bool(text.strip()) and not any(ch in text for ch in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


_FILLER = st.text(alphabet="文字1 ：:》|【】[]［］↑^\u3000", max_size=6)
#: Lines made the way each alternative of the junk pattern reads: its words, then what may follow.
_JUNK_LINES = st.one_of(
    st.tuples(_FILLER, st.sampled_from(furniture._WHERE + furniture._PAGE_META + furniture._FOOTER + furniture._LINKS
                                       + furniture._BYLINE + furniture._TOOLBAR), _FILLER).map("".join),
    st.lists(st.sampled_from(furniture._TOOLBAR), min_size=1, max_size=4).map(" ".join),
    _FILLER,
)


@settings(max_examples=3000, deadline=None)
@given(_JUNK_LINES.filter(_one_line))
def test_every_junk_line_passes_the_gate(line: str) -> None:
    (only,) = split_lines(line)
    if furniture._scrape_junk().fullmatch(line, only.ink, len(line.rstrip())):
        assert _junk_gate(line), line


_BLANK = st.text(alphabet=" \u3000\t", max_size=2)
_YEAR = st.text(alphabet="0123456789１２０〇○零一二三四五六七八九", min_size=4, max_size=4)
_SMALL = st.text(alphabet="0123456789一二三四五六七八九十〇○", min_size=1, max_size=3)
_DATE_LINES = st.tuples(_BLANK, _YEAR, _BLANK, st.just("年"), _SMALL, st.just("月"), _SMALL, st.just("日"), _BLANK)


_SHAPE_LINES = st.tuples(
    st.text(alphabet="（(第一二十百0123456789０１２OolIｌ○", min_size=1, max_size=4),
    st.text(alphabet="）)、.．，,条", min_size=1, max_size=2),
    st.sampled_from(["", "加强领导", "1"]),
).map("".join)


@settings(max_examples=3000, deadline=None)
@given(_SHAPE_LINES)
def test_every_marker_shape_passes_the_gate(line: str) -> None:
    if any(pattern.match(line) for pattern, _ in marker_faults._SHAPES):
        assert line[0] in marker_faults.SHAPE_FIRST, line


@settings(max_examples=3000, deadline=None)
@given(_DATE_LINES.map("".join))
def test_every_date_line_passes_the_gate(line: str) -> None:
    (only,) = split_lines(line)
    if closing._DATE_LINE.fullmatch(line):
        assert line[only.ink] in closing._DATE_FIRST, line


def _lines() -> list[str]:
    return [
        line
        for path in sorted(SAMPLES.glob("*.txt")) + sorted((FIXTURES / "documents").glob("*.txt"))
        for line in reportparse.parse_file(path).text.splitlines()
        if line.strip()
    ]


def test_every_closing_line_of_the_samples_passes_the_gates() -> None:
    lines = _lines()
    dates = formulas = spread = 0
    for line in lines:
        (only,) = split_lines(line)
        first = line[only.ink]
        if closing._DATE_LINE.fullmatch(line):
            dates += 1
            assert first in closing._DATE_FIRST, line
        if closing._formula().fullmatch(line, only.ink, len(line.rstrip())):
            formulas += 1
            assert first in closing._FORMULA_FIRST, line
        if closing._distribution().match(line, only.ink):
            spread += 1
            assert first in closing._DISTRIBUTION_FIRST, line
        if furniture._scrape_junk().fullmatch(line, only.ink, len(line.rstrip())):
            assert _junk_gate(line), line
        if any(pattern.match(line, only.ink) for pattern, _ in marker_faults._SHAPES):
            assert first in marker_faults.SHAPE_FIRST, line
    assert dates > 10 and formulas > 3 and spread > 3, (dates, formulas, spread)
