"""One numeral reader: every form a figure is written in, read back to its value.

The table (``fixtures/numerals.tsv``) holds phrases in the forms people write, with the
value, unit and qualifier each must read as by the convention (ANNOTATION.md, last
section); the properties render a number into each written form and read it back.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import reportparse
from reportparse.annotate import annotate_text
from reportparse.dates import DateReader
from reportparse.numerals import cn_value, figure_value

from .conftest import FIXTURES

Row = tuple[str, int | None, str, str, object, str, str]


def _rows() -> list[Row]:
    rows: list[Row] = []
    lines = (FIXTURES / "numerals.tsv").read_text(encoding="utf-8").splitlines()
    for raw in lines[1:]:
        if raw.startswith("#") or raw.startswith("kind\t") or not raw.strip():
            continue
        kind, year, phrase, text, value, unit, qualifier = raw.split("\t")
        rows.append((kind, int(year) if year else None, phrase, text, json.loads(value), unit, qualifier))
    return rows


ROWS = _rows()


def test_the_table_covers_every_class() -> None:
    assert len(ROWS) >= 300
    texts = " ".join(r[3] for r in ROWS)
    forms = ("点", "點", "百分之", "万", "亿", "貳", "兩", "以上", "以内", "突破", "超", "年", "人次", "家次", "架次")
    for form in forms:
        assert form in texts, form
    assert sum(r[0] == "no-quantity" for r in ROWS) >= 20
    assert sum(r[0] == "date" for r in ROWS) >= 15


@pytest.mark.parametrize("row", ROWS, ids=[f"{r[0]}:{r[2][:12]}" for r in ROWS])
def test_phrase(row: Row) -> None:
    kind, year, phrase, text, value, unit, qualifier = row
    found = annotate_text(phrase, year=year)
    if kind == "no-quantity":
        assert not [a.text for a in found if a.kind == "quantity" and text in a.text]
        return
    match = [a for a in found if a.kind == kind and a.text == text]
    assert match, f"no {kind} {text!r} in {[(a.kind, a.text) for a in found]}"
    a = match[0]
    if isinstance(value, float):
        assert a.value == pytest.approx(value, rel=1e-9)
    else:
        assert a.value == value
    if kind == "quantity":
        assert (a.extra["unit"], a.extra["qualifier"]) == (unit, qualifier)


def test_a_report_counts_its_years_before_its_own() -> None:
    # 过去五年 in a 政府工作报告 given in 2018 is 2013–2017; in a summary of 2018, 2014–2018.
    text = "过去五年，成绩显著。"
    report = DateReader(2018, reports_on_year=False).read(text, 0, len(text))
    assert report[0].value == {"from": "2013", "to": "2017"}
    doc = reportparse.parse("2018年政府工作报告\n\n过去五年，我们砥砺奋进。\n")
    dates = [a.value for n in doc.walk() for a in n.annotations or () if a.kind == "date"]
    assert {"from": "2013", "to": "2017"} in dates


def test_an_item_marker_is_not_part_of_a_figure() -> None:
    text = "一、总体情况\n1.全市新增企业。\n2.其中规上企业。\n3.新增项目。\n4.完成投资。\n5.3家企业获奖。\n"
    doc = reportparse.parse(text)
    figures = [a.text for n in doc.walk() for a in n.annotations or () if a.kind == "quantity"]
    assert figures == ["3家"]


def test_meta_reads_full_width_dates_and_a_taiwan_addressee() -> None:
    notice = ("关于做好安全工作的通知\n\n各乡镇人民政府：\n\n    现通知如下。\n    一、加强领导。\n    各单位要重视。\n"
              "    二、落实责任。\n    各单位要落实。\n\n临澜县人民政府办公室\n２０２４年１月１０日\n")
    meta = reportparse.parse(notice).meta or {}
    assert meta["date"] == "2024-01-10" and meta["issuer"] == "临澜县人民政府办公室"
    letter = ("臨瀾縣政府 函\n\n受文者：臨瀾縣各機關\n\n主旨：修正本縣辦法，請查照。\n說明：\n一、依據辦法辦理。\n"
              "二、檢送修正條文一份。\n\n辦法：\n一、自即日起施行。\n")
    assert (reportparse.parse(letter).meta or {})["addressee"] == "臨瀾縣各機關"


# ---- properties: a number rendered into each written form reads back as itself

_DIGITS = "零一二三四五六七八九"
_FINANCIAL = "零壹貳參肆伍陸柒捌玖"


def _four(n: int, digits: str, places: str) -> str:
    out, zero = "", False
    for place, name in ((1000, places[2]), (100, places[1]), (10, places[0]), (1, "")):
        digit, n = divmod(n, place)
        if digit:
            out += (digits[0] if zero and out else "") + digits[digit] + name
            zero = False
        elif out:
            zero = True
    return out


def render(n: int, digits: str = _DIGITS, places: str = "十百千", groups: str = "万亿") -> str:
    """The everyday (or financial) Chinese numeral of ``n`` (0 < n < 10**12)."""
    parts = []
    for size, name in ((10**8, groups[1]), (10**4, groups[0]), (1, "")):
        chunk, n = divmod(n, size)
        if chunk:
            if parts and chunk < 1000:
                parts.append(digits[0])
            parts.append(_four(chunk, digits, places) + name)
        elif parts and n and parts[-1] != digits[0]:
            parts.append(digits[0])
    text = "".join(parts)
    if text.startswith(digits[1] + places[0]) and len(text) <= 3:
        text = text[1:]  # 十二, not 一十二
    return text


numbers = st.integers(min_value=1, max_value=10**12 - 1)


@settings(max_examples=300, deadline=None)
@given(numbers)
def test_everyday_and_financial_numerals_read_back(n: int) -> None:
    assert figure_value(render(n)) == n
    assert figure_value(render(n, _FINANCIAL, "拾佰仟", "萬億")) == n
    if n < 10**4:
        assert cn_value(render(n)) == n  # the strict reading of markers agrees


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=99_999), st.integers(min_value=1, max_value=999))
def test_decimals_read_back(whole: int, fraction: int) -> None:
    digits = f"{fraction:03d}".rstrip("0")
    written = (render(whole) if whole else "零") + "点" + "".join(_DIGITS[int(d)] for d in digits)
    assert figure_value(written) == float(f"{whole}.{digits}")
    assert figure_value(f"{whole}.{digits}") == float(f"{whole}.{digits}")


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=9999), st.integers(min_value=1, max_value=9))
def test_mixed_numerals_read_back(wan: int, qian: int) -> None:
    assert figure_value(f"{wan}万{qian}千") == wan * 10_000 + qian * 1000
    assert figure_value(f"{wan}亿{qian}千万") == wan * 10**8 + qian * 10**7
    assert figure_value(f"{wan}万") == wan * 10_000


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=2, max_value=9), st.integers(min_value=1, max_value=9))
def test_shortened_and_liang_forms_read_back(lead: int, digit: int) -> None:
    lead_cn = "兩" if lead == 2 else _DIGITS[lead]
    assert figure_value(f"{lead_cn}千") == lead * 1000
    assert figure_value(f"{_DIGITS[lead]}百{_DIGITS[digit]}") == lead * 100 + digit * 10  # 一百一 is 110
    assert figure_value(f"{_DIGITS[lead]}千{_DIGITS[digit]}") == lead * 1000 + digit * 100
    assert figure_value(f"{_DIGITS[lead]}百零{_DIGITS[digit]}") == lead * 100 + digit


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=11, max_value=10**12 - 1), st.sampled_from(["人", "元", "家", "吨", "公里", "人次"]))
def test_a_rendered_figure_is_read_as_a_quantity(n: int, unit: str) -> None:
    for written in (render(n), f"{n:,}", str(n)):
        found = [a for a in annotate_text(f"共有{written}{unit}。") if a.kind == "quantity"]
        assert [(a.text, a.value, a.extra["unit"]) for a in found] == [(written + unit, n, unit)]
