"""The numbering rule table, row by row, and the numeral readers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import reportparse
from reportparse import markers
from reportparse.markers import RULES, STYLES, match_marker
from reportparse.numerals import cn_to_int, enclosed_to_int, int_to_cn, tiangan_to_int, to_int

from .conftest import FIXTURES, SAMPLES

FIXTURE_DOCUMENTS = FIXTURES / "documents"


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


def _whole_table(text: str, rules: tuple[markers.Rule, ...] = RULES) -> markers.Match | None:
    """What the whole table tried as one alternation finds at the start of ``text``."""
    table = markers._table(rules)
    m = table.pattern.match(text, 0, len(text))
    return None if m is None else markers._read_match(text, m, table.rows[m.lastindex or 0], len(text))


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
    assert match_marker(text, 0, len(text)) == _whole_table(text, han_rules)


#: Characters lines open with, and the characters of every numbering style after them.
_ANY_START = (
    _LINE_START + "〔［[）)〕］]、．.章节条編篇部分之-－‑⑳⒛⑽❶➀㈩々〇零两兩百千万甲乙癸＃#*•◆🌟\ufe0f\u20e3\\\t\n"
)


@settings(max_examples=5000, deadline=None)
@given(st.text(alphabet=_ANY_START, max_size=12) | st.text(max_size=6))
def test_rows_tried_by_first_character_find_what_the_whole_table_finds(text: str) -> None:
    """A line is tried only against the rows its first character can open: each row's ``starts``
    must hold every character its pattern opens with, or a marker would be missed."""
    assert match_marker(text, 0, len(text)) == _whole_table(text)


def test_rows_tried_by_first_character_on_every_sample_line() -> None:
    lines = [
        line.lstrip(" \t\u3000")
        for path in sorted(SAMPLES.glob("*.txt")) + sorted(FIXTURE_DOCUMENTS.glob("*.txt"))
        for line in reportparse.parse_file(path).text.splitlines()
    ]
    assert len(lines) > 1000
    assert sum(match_marker(line, 0, len(line)) is not None for line in lines) > 300
    for line in lines:
        assert match_marker(line, 0, len(line)) == _whole_table(line), line


@pytest.mark.parametrize(
    "text,value", [("甲", 1), ("乙", 2), ("丙", 3), ("癸", 10), ("子", None), ("甲乙", None), ("", None)]
)
def test_tiangan_to_int(text: str, value: int | None) -> None:
    assert tiangan_to_int(text) == value


def test_the_tables_kept_by_first_character_stay_bounded() -> None:
    """Lines opening with thousands of distinct characters (hostile or not) keep at most a bounded
    number of first characters, and every such line is still read as the whole table reads it."""
    lines = [chr(0x4E00 + i) + chr(0x4E01 + i) + "一：正文" for i in range(markers._REMEMBERED + 500)]
    for line in lines:
        assert match_marker(line, 0, len(line)) == _whole_table(line), line
    assert len(markers._by_first) <= markers._REMEMBERED
