"""Inputs that once broke something, and adversarial shapes: each must parse, losslessly.

Timing is the benchmarks' business (benchmarks/scaling.py measures these shapes at two
sizes); here they are checked for correctness at a size that keeps the suite quick.
"""

from __future__ import annotations

import pytest

import reportparse

from .conftest import span_problems

FOUND = [
    "2023年，勞動節",  # a festival written in traditional characters (KeyError before)
    "一是二是三是四是五是" * 50,  # enumeration runs back to back (quadratic before)
    "附件三所列全国性法律的决定\n",  # 附件 as a phrase, not an annex
    "（三）项规定，擅自设置摊点\n",  # a wrapped continuation that looks like a marker
]

ADVERSARIAL = {
    "one long line": "这是一个很长的句子，没有换行。" * 20_000,
    "many markers": "".join(f"{i}.条目\n" for i in range(1, 3001)),
    "alternating levels": "\n".join(["一、甲", "（一）乙", "1.丙", "（1）丁", "①戊"] * 400),
    "open brackets": "（" * 50_000,
    "ideographic spaces": "\u3000" * 50_000,
    "NUL characters": "a\x00b\n" * 2000,
    "lone surrogates": "\ud800一、\udfff\n" * 2000,
    "open quotations": "“" * 20_000 + "\n第一条　内容。\n",
    "date soup": "2023年5月至7月，" * 5000,
    "number soup": "1.2.3.4.5.6.7.8.9." * 5000,
    "title soup": "《" * 10_000 + "》" * 10_000,
    "block words": "\n".join(f"专题{i}：标题" for i in range(1, 1000)),
    "digits": "1" * 100_000,
    "spaces after a table of contents": "目录\n第一章 总则\n第二章 附则\n" + "\u3000" * 50_000 + "\n",
    "a quotation never closed": "一、将第五条修改为：\n“第五条 内容。\n" + "第六条 内容。\n" * 2000,
}


@pytest.mark.parametrize("text", FOUND, ids=range(len(FOUND)))
def test_found_inputs(text: str) -> None:
    doc = reportparse.parse(text)
    assert span_problems(doc) == []
    assert doc.to_json() == reportparse.parse(text).to_json()


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_shapes(name: str) -> None:
    doc = reportparse.parse(ADVERSARIAL[name])
    assert span_problems(doc) == []
    doc.to_json()


def test_the_continuation_marker_is_not_a_node() -> None:
    """In hard-wrapped text, a line that goes on with the sentence above is not a marker."""
    wrapped = (
        "第十一条　在绿道内擅自设置摊点、摆卖商品的，由县城市管理部门责令改正，\n\n"
        "可以处五十元以上五百元以下的罚款；给他人造成损失的，依法赔偿。\n\n"
        "第十二条　违反本办法第十条第（二）项规定，损毁、涂改绿道标识的，由县\n\n"
        "住房和城乡建设局责令改正，可以处二百元以上二千元以下的罚款。违反本办法第十条第\n\n"
        "（三）项规定，擅自设置摊点、摆卖商品的，由县城市管理部门责令改正，\n\n"
        "可以处五十元以上五百元以下的罚款；给他人造成损失的，依法赔偿。\n\n"
        "第十三条　本办法自公布之日起施行，有关部门应当遵照执行，不得拖延，\n\n"
        "认真组织实施。\n"
    )
    doc = reportparse.parse(wrapped)
    assert [n.marker for n in doc.walk() if n.numbered] == ["第十一条", "第十二条", "第十三条"]
    assert [n.kind for n in doc.walk() if n.numbered] == ["item", "item", "item"]


def _every_document() -> list[str]:
    from pathlib import Path

    here = Path(__file__).parent
    paths = [*sorted((here / "fixtures" / "documents").glob("*.txt")), *sorted((here.parent / "samples").glob("*.txt"))]
    return [reportparse.parse_bytes(p.read_bytes()).text for p in paths]


@pytest.mark.parametrize("settle_at", [1, 2, 3])
def test_units_frozen_early_change_nothing(settle_at: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The blocks stage freezes settled units in batches (blocks._SETTLE_AT); freezing them after every line,
    through wrapped paragraphs with page furniture inside and titles on the line below their marker, gives
    the same document."""
    from reportparse import blocks

    texts = [*_every_document(), *ADVERSARIAL.values()]
    expected = [reportparse.parse(text).to_json() for text in texts]
    monkeypatch.setattr(blocks, "_SETTLE_AT", settle_at)
    assert [reportparse.parse(text).to_json() for text in texts] == expected


@pytest.mark.parametrize("cut_every", [0, 1, 3])
def test_columns_cut_early_in_the_tree_change_nothing(cut_every: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The tree stage lets the units' and the outline's columns go in steps (tree._CUT_EVERY, a mask); cutting
    them after every unit, or every second or fourth, never takes a value a later node is made from."""
    from reportparse import tree

    texts = [*_every_document(), *ADVERSARIAL.values()]
    expected = [reportparse.parse(text).to_json() for text in texts]
    monkeypatch.setattr(tree, "_CUT_EVERY", cut_every)
    assert [reportparse.parse(text).to_json() for text in texts] == expected
