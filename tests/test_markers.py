"""The numbering rule table, row by row, and the numeral readers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportparse import markers
from reportparse.markers import RULES, STYLES, match_marker
from reportparse.numerals import cn_to_int, enclosed_to_int, int_to_cn, tiangan_to_int, to_int

from .conftest import FIXTURES


def _rows() -> list[tuple[str, str, str, str]]:
    rows = []
    for raw in (FIXTURES / "markers.tsv").read_text(encoding="utf-8").splitlines():
        if raw.startswith("#") or not raw.strip():
            continue
        cols = [*raw.split("\t"), "", "", ""]
        rows.append((cols[0], cols[1], cols[2], cols[3]))
    return rows


@pytest.mark.parametrize("text,style,number,marker", _rows(), ids=lambda v: str(v)[:16])
def test_marker_table(text: str, style: str, number: str, marker: str) -> None:
    m = match_marker(text, 0, len(text))
    if style == "-":
        assert m is None
    else:
        assert m is not None
        assert (m.style.name, m.number, m.marker) == (style, int(number), marker)


def test_every_style_has_a_fixture_row() -> None:
    covered = {row[1] for row in _rows()}
    assert {rule.style.name for rule in RULES} <= covered
    assert "markdown" in STYLES


@pytest.mark.parametrize(
    "text,value",
    [("一", 1), ("十", 10), ("十一", 11), ("二十", 20), ("二十三", 23), ("九十九", 99), ("一百", 100),
     ("一百零五", 105), ("一百一十", 110), ("一百一十九", 119), ("两百", 200), ("一千零一", 1001),
     ("壹", 1), ("貳拾", 20), ("叁拾伍", 35), ("參", 3), ("一二", None), ("零", None), ("二〇", None),
     ("百十", None), ("", None), ("abc", None)],
)
def test_cn_to_int(text: str, value: int | None) -> None:
    assert cn_to_int(text) == value


def test_other_numerals() -> None:
    assert to_int("１２") == 12 and to_int("7") == 7 and to_int("七") == 7 and to_int("x") is None
    assert [enclosed_to_int(c) for c in "①⑳⑴⒇⒈㈠㈩"] == [1, 20, 1, 20, 1, 1, 10]
    assert enclosed_to_int("A") is None
    assert [int_to_cn(v) for v in (1, 10, 11, 20, 105, 110)] == ["一", "十", "十一", "二十", "一百零五", "一百一十"]
    for value in range(1, 1000):
        assert cn_to_int(int_to_cn(value)) == value


# Every kind of character a line may open with near a block word: Han, numerals of every style,
# enclosed and circled numbers, kana, full-width and Latin letters, digits, brackets, colons.
_LINE_START = "专题亮点板块第其之附件一二三十壹貳①⑴⒈㈠々ＡａＢⅡかガ가Яab12１２（(：: 　"


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=_LINE_START, max_size=9))
def test_block_words_match_as_with_a_han_class(text: str) -> None:
    """The rule table's cheap letter class plus the Han check in Python accept what a Han class would."""
    han_rules = tuple(
        rule._replace(pattern=rule.pattern.replace(markers._WORD_LETTER, markers.HAN)) if rule.style is markers.BLOCK
        else rule
        for rule in RULES
    )
    assert han_rules != RULES
    cheap = match_marker(text, 0, len(text))
    original = markers._MARKER
    try:
        markers._MARKER = markers._build(han_rules)
        reference = match_marker(text, 0, len(text))
    finally:
        markers._MARKER = original
    assert cheap == reference


@pytest.mark.parametrize(
    "text,value", [("甲", 1), ("乙", 2), ("丙", 3), ("癸", 10), ("子", None), ("甲乙", None), ("", None)]
)
def test_tiangan_to_int(text: str, value: int | None) -> None:
    assert tiangan_to_int(text) == value
