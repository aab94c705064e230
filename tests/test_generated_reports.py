"""Invariants over whole generated reports: every numbering scheme, nesting, blank lines, indents,
hard wraps, page furniture and encodings, drawn by Hypothesis.

Where ``test_properties`` throws fragments at the parser, these inputs look like the documents
it is for, so the outline stage does its real work on them: the invariants are that nothing
crashes, spans stay lossless and disjoint, levels follow parents, the output is the same bytes
every time, the bytes in any supported encoding give the same outline as the text, and the
Markdown rendering reads back as the same outline.
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import reportparse
from reportparse.model import Document
from reportparse.render.markdown import render_markdown

from .conftest import span_problems, structure_problems

_DIGITS = "零一二三四五六七八九"


def cn(n: int) -> str:
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n - 10] if n > 10 else "")
    return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")


_FINANCIAL = "零壹貳參肆伍陸柒捌玖拾"

#: One numbering style per level, as report writers nest them (outer first).
_MARKERS = {
    "part": lambda n: f"第{cn(n)}编",
    "chapter": lambda n: f"第{cn(n)}章",
    "section": lambda n: f"第{cn(n)}节",
    "article": lambda n: f"第{cn(n)}条",
    "topic": lambda n: f"专题{cn(n)}：",
    "highlight": lambda n: f"亮点{cn(n)}：",
    "financial": lambda n: f"{_FINANCIAL[n]}、",
    "cn": lambda n: f"{cn(n)}、",
    "cn-paren": lambda n: f"（{cn(n)}）",
    "num": lambda n: f"{n}.",
    "num-fullwidth": lambda n: f"{n}．",
    "num-paren": lambda n: f"（{n}）",
    "circled": lambda n: chr(0x2460 + n - 1),
}
SCHEMES = [
    ["cn", "cn-paren", "num", "num-paren", "circled"],
    ["cn", "cn-paren", "num-fullwidth"],
    ["chapter", "article", "cn-paren", "num"],
    ["part", "chapter", "section", "article"],
    ["topic", "highlight", "num"],
    ["financial", "cn", "cn-paren"],
    ["cn", "num"],
    ["cn-paren", "num-paren"],
]
TITLES = ["加强组织领导", "总体要求", "主要任务", "保障措施", "深化改革创新", "推进城乡融合发展", "持续改善民生",
          "优化营商环境", "强化安全生产", "扎实推进生态环境保护", "附则", "总则", "监督检查"]
SENTENCES = ["全年完成固定资产投资120亿元，同比增长6.5%。", "各有关单位要高度重视，认真抓好落实。",
             "2023年5月，召开专题会议研究部署相关工作。", "新建改造农村公路85公里，惠及群众3万余人。",
             "坚持问题导向，补齐短板弱项，切实提高工作实效。", "有关部门应当按照职责分工做好相关工作。",
             "建立健全长效机制，确保各项措施落地见效。", "落实主体责任，加强督促检查，及时通报进展情况。"]


@dataclass
class Layout:
    blank: bool  # a blank line between blocks
    indent: str  # before paragraphs (two full-width spaces in most reports)
    wrap: int  # hard-wrap paragraphs at this many characters (0: no wrapping)
    pages: bool  # page numbers between blocks, as a PDF's text layer leaves them


@st.composite
def reports(draw: st.DrawFn) -> str:
    scheme = draw(st.sampled_from(SCHEMES))
    depth = draw(st.integers(1, len(scheme)))
    layout = Layout(draw(st.booleans()), draw(st.sampled_from(["", "\u3000\u3000"])),
                    draw(st.sampled_from([0, 0, 24, 31])), draw(st.booleans()))
    counters = {"article": 0}
    heads = ["某某市人民政府工作报告", "关于做好2024年防汛工作的通知", "青岚市河道管理条例"]
    out: list[str] = [draw(st.sampled_from(heads))]

    def block(lines: list[str]) -> None:
        if layout.blank:
            out.append("")
        out.extend(lines)
        if layout.pages and draw(st.integers(0, 9)) == 0:
            out.append(f"— {len(out)} —")

    def paragraph(first: str = "") -> list[str]:
        text = first + "".join(draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4)))
        if not layout.wrap or first:
            return [layout.indent + text]
        text = layout.indent + text
        return [text[i:i + layout.wrap] for i in range(0, len(text), layout.wrap)]

    def level(index: int) -> None:
        style = scheme[index]
        for n in range(1, draw(st.integers(1, 4)) + 1):
            number = n
            if style == "article":  # articles run on through the whole law
                counters["article"] += 1
                number = counters["article"]
            marker = _MARKERS[style](number)
            shape = draw(st.sampled_from(["heading", "run-in", "item"]))
            if shape == "heading":
                gap = "\u3000" if marker[-1] in "章节编条" else ""
                block([layout.indent + marker + gap + draw(st.sampled_from(TITLES))])
                for _ in range(draw(st.integers(0, 2))):
                    block(paragraph())
            elif shape == "run-in":
                block(paragraph(marker + draw(st.sampled_from(TITLES)) + "。"))
            else:
                block(paragraph(marker))
            if index + 1 < depth and draw(st.booleans()):
                level(index + 1)

    if draw(st.booleans()):
        block(paragraph())
    level(0)
    ending = draw(st.sampled_from(["\n", "\r\n"]))
    return ending.join(out) + ending


def shape(doc: Document) -> list[tuple[int, str, int | None, str]]:
    """The outline without the markers' spelling: depth, kind, number and title of every point."""
    rows: list[tuple[int, str, int | None, str]] = []

    def visit(nodes: list[reportparse.Node], depth: int) -> None:
        for node in nodes:
            if node.numbered:
                rows.append((depth, node.kind, node.number, node.title))
            visit(node.children, depth + 1)

    visit(doc.children, 0)
    return rows


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(reports())
def test_generated_reports_keep_the_invariants(text: str) -> None:
    doc = reportparse.parse(text)
    assert span_problems(doc) == []
    assert structure_problems(doc) == []
    assert any(node.numbered for node in doc.walk())
    assert doc.to_json() == reportparse.parse(text).to_json()


@SETTINGS
@given(reports(), st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]))
def test_every_encoding_gives_the_same_outline(text: str, encoding: str) -> None:
    from_bytes = reportparse.parse_bytes(text.encode(encoding))
    # A byte-order mark stays in the text (so spans index the decoded bytes); nothing else differs.
    assert from_bytes.text.removeprefix("\ufeff") == text

    def outline(doc: Document) -> list[tuple[str, int, str, str, str]]:
        return [(n.kind, n.level, n.marker, n.title, n.text) for n in doc.walk()]

    assert outline(from_bytes) == outline(reportparse.parse(text))


@SETTINGS
@given(reports())
# Found by Hypothesis: a terse run-in title among plain points, whose heading's body made the run
# look like headings; and titled headings without a body beside a plain run-in point.
@example("某某市人民政府工作报告\n一、加强组织领导\n— 2 —\n二、加强组织领导\n— 4 —\n三、加强组织领导\n— 6 —\n"
         "1.加强组织领导\n— 8 —\n2.加强组织领导。全年完成固定资产投资120亿元，同比增长6.5%。\n— 10 —\n"
         "3.加强组织领导\n— 12 —\n")
@example("某某市人民政府工作报告\n一、全年完成固定资产投资120亿元，同比增长6.5%。全年完成固定资产投资120亿元，"
         "同比增长6.5%。\n二、加强组织领导\n三、加强组织领导\n")
def test_the_markdown_rendering_reads_back_as_the_same_outline(text: str) -> None:
    doc = reportparse.parse(text)
    again = reportparse.parse(render_markdown(doc))
    assert shape(again) == shape(doc)
    assert (again.title.text if again.title else "") == (doc.title.text if doc.title else "")
