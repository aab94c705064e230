"""Web pages: the same outline as the same report in plain text, the page's frame and tables set
aside as blocks, the charset found the way a browser finds it, and no input that hangs or crashes."""

from __future__ import annotations

import codecs
import importlib.util
import json
import shutil
import time
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import reportparse
from reportparse.formats import detect
from reportparse.formats.html import read
from reportparse.model import FURNITURE, TABLE
from reportparse.schema import schema

from .conftest import FIXTURES, SAMPLES, norm, span_problems, structure_problems
from .test_cli import run

PAGES = FIXTURES / "formats" / "html"
# page, the sample it carries, the charset it is read in
CASES = [
    ("county_report_gbk.html", "county_report_gbk.txt", "gb18030"),
    ("regulation_with_toc.html", "regulation_with_toc.txt", "utf-8"),
    ("notice_gbt9704.html", "notice_gbt9704.txt", "utf-8"),
    ("work_review.html", "work_review.txt", "utf-8"),
]
IDS = [c[0] for c in CASES]
# Text of each page's frame and tables that must come out as blocks of that kind, never as nodes.
SET_ASIDE = {
    "county_report_gbk.html": {FURNITURE: ["当前位置：", "打印本页", "版权所有", "政策文件"],
                               TABLE: ["1.\t新能源电池配套产业园二期\t12.6", "（三）\t县人民医院新院区 二期工程\t3.2"]},
    "regulation_with_toc.html": {FURNITURE: ["立法工作", "分享到", "ICP备", "搜索"]},
    "notice_gbt9704.html": {FURNITURE: ["您现在的位置", "【打印本页】", "微信微博"]},
    "work_review.html": {FURNITURE: ["上一篇", "版权所有", "长者模式"], TABLE: ["三、\t重点项目投资\t9.6亿元"]},
}
# Lines no markup marks (<div class="print">) that the text parser sets aside by their words.
BY_THE_PARSER = {"【打印本页】"}


def outline(doc: reportparse.Document) -> list[tuple[int, str, str, str]]:
    return [(n.level, n.kind, norm(n.marker), norm(n.title)) for n in doc.walk() if n.kind in ("section", "item")]


def blocks(doc: reportparse.Document, kind: str) -> list[str]:
    return [doc.text[n.span[0]:n.span[1]] for n in doc.walk() if n.kind == kind]


@pytest.mark.parametrize("page,sample,charset", CASES, ids=IDS)
def test_a_page_gives_the_outline_of_its_text(page: str, sample: str, charset: str) -> None:
    doc = reportparse.parse_file(PAGES / page)
    assert doc.source.format == "html"
    assert doc.source.encoding == charset
    want = outline(reportparse.parse_file(SAMPLES / sample))
    assert len(want) >= 5
    assert outline(doc) == want


@pytest.mark.parametrize("page", IDS)
def test_spans_index_the_extracted_text(page: str) -> None:
    doc = reportparse.parse_file(PAGES / page)
    assert span_problems(doc) == []
    assert structure_problems(doc) == []
    for node in doc.walk():
        own = doc.text[node.span[0]:node.span[1]]
        if node.numbered:
            assert own.startswith(node.marker) and node.title.strip() in own, (node.marker, node.title)
        elif node.kind == "paragraph":
            assert own.startswith(node.text.strip()[:10]), node.text


@pytest.mark.parametrize("page", IDS)
def test_the_frame_and_tables_are_blocks_and_never_nodes(page: str) -> None:
    doc = reportparse.parse_file(PAGES / page)
    extracted = read((PAGES / page).read_bytes(), None)
    assert extracted.text == doc.text
    lines = doc.text.split("\n")
    for kind, pieces in SET_ASIDE[page].items():
        found = "\n".join(blocks(doc, kind))
        for piece in pieces:
            assert piece in found, (kind, piece)
            if piece not in BY_THE_PARSER:
                assert any(piece in lines[i] for i, k in extracted.aside.items() if k == kind), piece
    aside_lines = {i + 1 for i in extracted.aside}
    assert not [n.line for n in doc.walk() if n.numbered and n.line in aside_lines]
    # The text a page hides is no text at all: scripts, styles, comments, <noscript>, <template>.
    for hidden in ("这不是正文", "font-size", "头部", "您的浏览器不支持脚本", "模板里的文字", "_hits"):
        assert hidden not in doc.text


def test_the_fixtures_are_what_the_script_makes() -> None:
    spec = importlib.util.spec_from_file_location("make_html", FIXTURES / "formats" / "make_html.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert sorted(module.PAGES) == sorted(IDS)
    for name, (sample, make) in module.PAGES.items():
        assert make() == (PAGES / name).read_bytes(), f"{name}: run tests/fixtures/formats/make_html.py"
        assert (name, sample) in [(c[0], c[1]) for c in CASES]


@pytest.mark.parametrize("page", IDS)
def test_a_page_saved_as_txt_is_still_read_as_a_page(page: str, tmp_path: Path) -> None:
    copy = tmp_path / "saved.txt"
    shutil.copyfile(PAGES / page, copy)
    assert outline(reportparse.parse_file(copy)) == outline(reportparse.parse_file(PAGES / page))
    assert reportparse.parse_file(copy).source.format == "html"
    # And with no name at all (standard input).
    assert reportparse.parse_bytes((PAGES / page).read_bytes()).source.format == "html"


def test_a_fragment_is_a_page_by_its_name_only() -> None:
    fragment = "<p>一、总体要求</p><p>（一）加强领导。</p>".encode()
    assert detect(fragment, "a.html") is not None and detect(fragment, "a.htm") is not None
    assert detect(fragment, "a.txt") is None and detect(fragment) is None
    doc = reportparse.parse_bytes(fragment, path="a.html")
    assert outline(doc) == outline(reportparse.parse("一、总体要求\n（一）加强领导。\n"))
    assert len(outline(doc)) == 2


# -- what a page's markup becomes: (markup, lines of text, their set-aside kinds) ----------------

MARKUP = [
    # white space as a browser shows it
    ("<p>  一、总体\n   要求  </p>", ["一、总体要求"], {}),
    ("<p>a  b\tc\nd</p>", ["a b c d"], {}),
    ("<p>目　　录</p><p>　　第一条　内容</p>", ["目　　录", "　　第一条　内容"], {}),
    ("<p>&nbsp;&nbsp;正文&nbsp;内容</p>", ["\xa0\xa0正文\xa0内容"], {}),
    ("<p>&nbsp;</p><p>　</p><div></div><p> </p><p>正文</p>", ["正文"], {}),
    ("<p>A&amp;B &lt;tag&gt; &#x4e00;&#20108;&quot;</p>", ['A&B <tag> 一二"'], {}),
    ("<pre>\n第一条  甲\n\n  （一）乙  \n</pre>", ["第一条  甲", "  （一）乙"], {}),
    # lines
    ("<p>第一行<br>第二行<br/>第三行</br>第四行</p>", ["第一行", "第二行", "第三行", "第四行"], {}),
    ("<p><strong>一、总体要求。</strong>坚持<b>稳中</b>求进。</p>", ["一、总体要求。坚持稳中求进。"], {}),
    ("<h1>标题</h1><div class=title>副标题</div><span>甲</span><span>乙</span>", ["标题", "副标题", "甲乙"], {}),
    ("<ul><li>一、甲<li>二、乙</ul>", ["一、甲", "二、乙"], {}),
    ("<p>甲<p>乙</p></p>丙<div>丁", ["甲", "乙", "丙", "丁"], {}),
    ("<div/>甲<div/>乙", ["甲", "乙"], {}),
    # no text at all
    ("<script>var a = '<p>一、</p>';</script><style>p{}</style><!-- 一、 --><p>正文</p>", ["正文"], {}),
    ("<noscript><p>请启用脚本</p></noscript><template><p>模板</p></template><title>标题</title>甲",
     ["甲"], {}),
    ("<p>甲</p><!-- 未闭合的注释 <p>乙</p>", ["甲"], {}),
    ("<p>甲</p><script>document.write('<p>乙</p>')", ["甲"], {}),
    ("<p>甲</p><p class=", ["甲"], {}),
    ("<![if !IE]><p>甲</p><![endif]><?php echo 1 ?><!doctype html>", ["甲"], {}),
    # the page's frame
    ("<nav>首页</nav><header>网站名</header><p>正文</p><footer>版权所有</footer>",
     ["首页", "网站名", "正文", "版权所有"], {0: FURNITURE, 1: FURNITURE, 3: FURNITURE}),
    ("<article><header><h1>标题</h1></header><p>正文</p></article>", ["标题", "正文"], {}),
    ("<div class='main-nav'>甲</div><div id=breadcrumb>乙</div><div class='bdsharebuttonbox'>丙</div>"
     "<div class=pageTools>丁</div><div role=navigation>戊</div><div class='article-header'>己</div>",
     ["甲", "乙", "丙", "丁", "戊", "己"], {0: FURNITURE, 1: FURNITURE, 2: FURNITURE, 3: FURNITURE, 4: FURNITURE}),
    ("<p>正文<span class=share>分享</span>续</p>", ["正文", "分享", "续"], {1: FURNITURE}),
    ("<div class=TRS_Editor><p>甲</p></div><div id=zoom>乙</div><div class=content>丙</div>",
     ["甲", "乙", "丙"], {}),
    ("<body class='nav-open'><div id=printContent><p>甲</p></div><main class=menu-shown>乙</main></body>",
     ["甲", "乙"], {}),
    # tables
    ("<table><tr><th>序号</th><th>名称</th></tr><tr><td>1.</td><td>甲<br>乙</td></tr></table>",
     ["序号\t名称", "1.\t甲 乙"], {0: TABLE, 1: TABLE}),
    ("<table><tr><td>1.<td>甲<tr><td>2.<td>乙</table>", ["1.\t甲", "2.\t乙"], {0: TABLE, 1: TABLE}),
    ("<table><tr><td></td><td>甲</td><td></td></tr></table>", ["\t甲"], {0: TABLE}),
    ("<table><tr><td class=menu><p>导航</p></td><td><p>一、甲</p><p>（一）乙</p>"
     "<table><tr><td>1.</td><td>丙</td></tr></table></td></tr></table>",
     ["导航", "一、甲", "（一）乙", "1.\t丙"], {0: FURNITURE, 3: TABLE}),
    ("<table><tr><td>一、甲<br>（一）乙<br>（二）丙<br>（三）丁</td></tr></table>",
     ["一、甲", "（一）乙", "（二）丙", "（三）丁"], {}),
    ("<footer><table><tr><td>版权所有</td><td>ICP备</td></tr></table></footer>", ["版权所有\tICP备"],
     {0: FURNITURE}),
    ("<table><caption>表1</caption><tr><td>1</td></tr></table>甲", ["表1", "1", "甲"], {0: TABLE, 1: TABLE}),
    # malformed
    ("</p></div></td></tr>甲</table></span>乙", ["甲", "乙"], {}),
    ("<div><table><tr><td>甲</div>乙", ["甲", "乙"], {0: TABLE}),
    ("<p>甲<td>乙</td>丙", ["甲", "乙", "丙"], {}),
    ("<table><tr><td>1.</td><td>甲</td>乙<td>丙</td></tr></table>", ["1.\t甲", "乙", "丙"],
     {0: TABLE, 1: TABLE, 2: TABLE}),
    ("<table><tr><td>甲</td><table><tr><td>乙</td></tr></table><td>丙</table>", ["甲", "乙", "丙"],
     {0: TABLE, 1: TABLE, 2: TABLE}),
    ("<a title='x>y'>甲</a>", ["甲"], {}),
    ("甲<", ["甲<"], {}),
    ("甲</", ["甲</"], {}),
    ("甲 < 乙 <3", ["甲 < 乙 <3"], {}),
]


@pytest.mark.parametrize("markup,lines,aside", MARKUP, ids=[m[0][:40] for m in MARKUP])
def test_markup_becomes_lines(markup: str, lines: list[str], aside: dict[int, str]) -> None:
    extracted = read(markup.encode("utf-8"), None)
    assert extracted.text == "".join(f"{line}\n" for line in lines)
    assert dict(extracted.aside) == aside
    assert extracted.format == "html"


def test_a_page_without_text_is_an_empty_document() -> None:
    page = b"<!DOCTYPE html><html><head><title>x</title><script>1</script></head><body><p>&nbsp;</p></body></html>"
    doc = reportparse.parse_bytes(page)
    empty = reportparse.parse("")
    assert doc.text == "" and doc.source.format == "html"
    assert doc.children == empty.children and doc.title == empty.title and doc.diagnostics == []


# -- the charset -----------------------------------------------------------------------------

BODY = "<p>一、总体要求</p><p>（一）坚持稳中求进，镕铸新局。</p>"


def _page(head: str, body: str = BODY) -> str:
    return f"<html><head>{head}<title>t</title></head><body>{body}</body></html>"


CHARSETS = [
    # name, bytes, encoding argument, the charset reported, warning code
    ("meta http-equiv gbk", _page('<meta http-equiv="Content-Type" content="text/html; charset=gbk">').encode("gbk"),
     None, "gb18030", None),
    ("gb2312 label, GBK characters", _page("<meta charset=gb2312>").encode("gbk"), None, "gb18030", None),
    ("meta charset big5", _page("<meta charset='big5'>", "<p>一、總體要求</p>").encode("big5"), None, "big5", None),
    ("no declaration, utf-8", _page("").encode("utf-8"), None, "utf-8", None),
    ("no declaration, gbk", _page("").encode("gbk"), None, "gb18030", None),
    ("xml declaration", ('<?xml version="1.0" encoding="gbk"?>' + _page("")).encode("gbk"), None, "gb18030", None),
    ("utf-8 BOM over a gbk meta", codecs.BOM_UTF8 + _page("<meta charset=gbk>").encode("utf-8"), None, "utf-8", None),
    ("utf-16 BOM", _page("").encode("utf-16"), None, "utf-16", None),
    ("--encoding over the meta", _page("<meta charset=utf-8>").encode("gbk"), "gbk", "gbk", None),
    ("declared utf-8, bytes gbk", _page("<meta charset=utf-8>").encode("gbk"), None, "gb18030", "charset-mismatch"),
    ("unknown label", _page("<meta charset=x-no-such>").encode("utf-8"), None, "utf-8", "unknown-charset"),
    ("declared utf-16 read as utf-8", _page("<meta charset=utf-16>").encode("utf-8"), None, "utf-8", None),
]


@pytest.mark.parametrize("name,data,encoding,charset,warning", CHARSETS, ids=[c[0] for c in CHARSETS])
def test_the_charset_of_a_page(name: str, data: bytes, encoding: str | None, charset: str,
                               warning: str | None) -> None:
    doc = reportparse.parse_bytes(data, encoding=encoding)
    assert doc.source.format == "html"
    assert doc.source.encoding == charset
    assert [d.code for d in doc.diagnostics] == ([warning] if warning else [])
    assert outline(doc)[0][2:] == ("一", "总体要求") or outline(doc)[0][2:] == ("一", "總體要求")


def test_bytes_that_are_not_the_named_encoding_are_an_error() -> None:
    with pytest.raises(reportparse.DecodeError, match="cannot decode as utf-8"):
        reportparse.parse_bytes(_page("<meta charset=gbk>").encode("gbk"), encoding="utf-8")


# -- never hang, never crash --------------------------------------------------------------------

ATTACKS = {
    "unclosed comments": "<!--" * 100_000,
    "unclosed tags": "<a" * 100_000,
    "end tags without >": "</x" * 100_000,
    "marked sections": "<![" * 100_000,
    "an attribute quote that never closes": "<a title='>'" * 50_000,
    "unclosed script": "<script>" + "</" * 100_000,
    "100 000 nested divs": "<div>" * 100_000 + "正文" + "</div>" * 100_000,
    "100 000 unclosed cells": "<table><tr><td>" * 30_000 + "正文",
    "stray end tags under deep nesting": "<div>" * 50_000 + "</span>" * 50_000 + "正文",
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_hostile_markup_is_read_in_linear_time(name: str) -> None:
    data = ("<html><body>" + ATTACKS[name]).encode("utf-8")
    started = time.perf_counter()
    extracted = read(data, None)
    # Quadratic handling of any of these takes minutes; linear takes well under a second.
    assert time.perf_counter() - started < 20
    if "正文" in ATTACKS[name]:
        assert "正文" in extracted.text


@pytest.mark.slow
def test_a_large_page_reads_in_time_proportional_to_its_size() -> None:
    paragraph = "<p style=\"text-indent:2em\">（一）加强组织领导。各地要高度重视，&nbsp;抓好落实。</p>\n"
    times = []
    for count in (20_000, 80_000):
        data = ("<html><body>" + paragraph * count).encode("utf-8")
        started = time.perf_counter()
        read(data, None)
        times.append(time.perf_counter() - started)
    assert times[1] < 4 * times[0] * 3  # four times the page, well under sixteen times the time


# Visible text in pieces a page is made of: characters that stay as they are, and references.
_VISIBLE = st.sampled_from(["一、", "（一）", "1.", "第一条", "总体要求", "abc", "。", "，", "甲", "乙", "5.3", "——"])
_REFS = st.sampled_from([("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&#x4e00;", "一"), ("&#20108;", "二"),
                         ("&quot;", '"')])
_MARKUP = st.sampled_from([
    "<p>", "</p>", "<div>", "</div>", "<br>", "<br/>", "</br>", "<strong>", "</strong>", "<span class=x>", "</span>",
    "<h1>", "</h1>", "<li>", "<ul>", "</ul>", "<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<th>",
    "<nav>", "</nav>", "<footer>", "</footer>", "<div class=share>", "<pre>", "</pre>", "<td/>", "<a href='x>y'>",
    "</a>", "<p\nclass=\"a\">", "<article>", "<header>", "</header>", "<caption>", "&nbsp;", " ", "\n", "\u3000",
    "<img src=a alt=甲>", "<hr>", "<option>", "<select>", "</select>",
    # tables come often enough that rows of several cells, nested and broken ones, are drawn
    "<table><tr><td>", "<tr><td>", "</td><td>", "<td>", "<th>", "</table>", "<td><p>",
])
_HIDDEN = st.sampled_from([
    "<script>var s='甲<p>乙</p>';</script>", "<style>p{font:甲}</style>", "<!-- 甲 <p>乙</p> -->", "<!---->",
    "<noscript><p>甲</p></noscript>", "<template><p>甲</p></template>", "<title>甲</title>", "<!doctype html>",
    "<?xml version='1.0'?>", "<![CDATA[甲]]>",
])
# What a page may end with that a browser reads to the end of the input, hiding nothing generated before it.
_ENDS = st.sampled_from(["", "<!-- 甲", "<script>甲", "<p class='甲", "<a", "</a", "<![", "<!"])


@st.composite
def pages(draw: st.DrawFn) -> tuple[str, str]:
    """A page and its visible text, the characters a browser shows, in order."""
    markup: list[str] = ["<html><body>"]
    visible: list[str] = []
    for _ in range(draw(st.integers(0, 40))):
        choice = draw(st.integers(0, 3))
        if choice == 0:
            text = draw(_VISIBLE)
            markup.append(text)
            visible.append(text)
        elif choice == 1:
            ref, char = draw(_REFS)
            markup.append(ref)
            visible.append(char)
        elif choice == 2:
            markup.append(draw(_MARKUP))
        else:
            markup.append(draw(_HIDDEN))
    markup.append(draw(_ENDS))
    return "".join(markup), "".join(visible)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages())
def test_every_visible_character_is_in_the_text_in_order(page: tuple[str, str]) -> None:
    markup, visible = page
    extracted = read(markup.encode("utf-8"), None)
    shown = "".join(extracted.text.split())
    # Nothing visible is lost, nothing hidden comes in, nothing moves: the same characters, in order.
    assert shown == visible.replace(" ", ""), markup


_SCRAPS = st.sampled_from([
    "<", ">", "</", "<!--", "-->", "<![", "]]>", "<!", "<?", "&", "&#", "&#x", ";", "'", '"', "=", "/", "<p", "<a ",
    "<td", "<tr", "<table", "<script", "</script", "<pre", "br", "div", "一、", "（一）", "1.", "第一条", "甲", " ",
    "\n", "\r", "\t", "\u3000", "\xa0", "\x0c", "\u2028",
])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_SCRAPS | st.text(max_size=3), max_size=80).map("".join))
def test_any_markup_reads_and_parses_without_a_crash(scraps: str) -> None:
    data = ("<html>" + scraps.replace("\x00", "")).encode("utf-8", "replace")
    extracted = read(data, None)
    assert extracted.text == "" or extracted.text.endswith("\n")
    assert "\r" not in extracted.text
    count = extracted.text.count("\n")
    assert all(0 <= i < count for i in extracted.aside)
    doc = reportparse.parse_bytes(data)
    assert doc.text == extracted.text
    assert span_problems(doc) == []


# -- the command -------------------------------------------------------------------------------


def test_the_command_reads_a_page() -> None:
    page = PAGES / "county_report_gbk.html"
    proc = run(str(page), "--json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    jsonschema.validate(doc, schema())
    assert doc["source"]["format"] == "html" and doc["source"]["encoding"] == "gb18030"
    assert doc["source"]["bytes"] == page.stat().st_size
    text = run(str(page), "-f", "text")
    assert text.returncode == 0, text.stderr
    printed = text.stdout.decode("utf-8")
    assert printed.endswith(reportparse.parse_file(page).text)
    assert "三、2024年重点工作" in printed and "<p" not in printed
    whole = reportparse.parse_file(page).text
    numbered = [node for node in doc["children"] if node["kind"] in ("section", "item")]
    assert numbered
    for node in numbered:
        assert whole[node["span"][0]:node["span"][1]].startswith(node["marker"])


def test_a_folder_gives_its_pages(tmp_path: Path) -> None:
    for name in ("a.html", "b.htm"):
        shutil.copyfile(PAGES / "notice_gbt9704.html", tmp_path / name)
    proc = run(str(tmp_path), "--jsonl")
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert sorted(Path(r["source"]["path"]).name for r in records) == ["a.html", "b.htm"]
    assert {r["source"]["format"] for r in records} == {"html"}
