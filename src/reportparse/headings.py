"""Headings: the title and the text of every node.

Structural headings (章, 节, 附件, 专题 …) always carry a title.  List points
are decided as a run of siblings, because whether ``（一）加强领导。各单位要……``
is a run-in heading or an item's body shows across the run, not in one line.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .blocks import NODE, PARAGRAPH, Units
from .compiled import on_first_use
from .markers import ARTICLE, BLOCK
from .model import SET_ASIDE
from .outline import Outline
from .text import ends_with, is_complete, strip_title

_SENTENCE_END = re.compile(r"[。！？!?]")
#: A bracketed note standing after the last sentence (（牵头单位：…；责任单位：…）).
_note = on_first_use(r"[（(][^（）()]*[）)][。；;]?")
#: An article's caption on its marker line (生效, 標的, 適用範圍): a few characters, no punctuation.
_article_heading = on_first_use(r"\s*[^\s，,。；;：:、！？!?（）()“”]{1,10}\s*")
#: A first sentence that states something of a subject rather than naming a topic.  A run-in title
#: names an action or a topic (加强政府自身建设, 没收官僚资本) and asserts nothing; a statement opens
#: with a time (一九四五年…以后，, 今年，), puts a predicate after its subject and a comma (…，是…,
#: …，应当…), judges (是…的), or reports what happened (已经, the aspect particle 了).
_statement = on_first_use(
    r"^(?=.*，)(?:(?:[一二三四五六七八九〇零0-9]{2,4}年|今年|去年|过去|目前|现在)|.*，\s*(?:是|均应|应当|成为)"
    r"|.*(?<![实凡但还就于或特别])是[^，]*的|.*已经|.*(?<![为除不])了(?![解结]))"
    r"|(?<![实凡但还就于或特别])是一[项个种条次]"
)
#: A label is at most this long; past the shorter length it must read as a noun phrase, with no verb
#: of a lead-in.
_LABEL_CHARS = 30
_SHORT_LABEL = 11
_list_words = on_first_use(r"下列|以下|如下")
_lead_in = on_first_use(
    r"包括|包含|是指|系指|分为|分為|规定|規定|其中|应当|應當|必须|必須|可以|具有|[是为為有][：:]$"
)
#: The label of a question in a Q&A (问：, 問：, 问题：, Q：).
_QUESTION = re.compile(r"^(?:问|問|问题|問題|提问|提問|Q|Ｑ)\s*[：:．.]\s*")
#: A request addressed to the reader (请…, …，请…; not 申请 or 提请).
_request = on_first_use(r"(?:^|[，,；;])\s*(?:敬请|请)")


class Head(NamedTuple):
    """A node's title (empty when it has none) and the text of its marker line after the title."""

    title: str
    text: str


#: The head of a node with neither title nor text (a marker alone on its line): one for all of them.
_BARE = Head("", "")


def _topic_sentence(content: str) -> tuple[str, str] | None:
    """``(first sentence, rest)`` when the content opens with a short topic sentence."""
    m = _SENTENCE_END.search(content)
    if m is None:
        return None
    first = content[: m.start()].strip()
    rest = content[m.end():].strip()
    if not first or not rest or len(first) > 50:
        return None
    if rest.rstrip().endswith(("；", ";")):
        return None  # an entry of an enumeration (…；…；…。), not a heading
    if _note().fullmatch(rest):
        return None  # …平台。（牵头单位：市数据局）: a note in brackets is no body for a title to head
    if m.group() in "？?" and ends_with(rest, "？?") and "。" not in rest:
        return None  # question after question (…多长？…怎么计算？): the whole line asks, none of it answers
    if first[0].isdigit() or "：" in first or ":" in first:
        return None
    if _request().search(first):
        return None  # 管制期间，请广大市民…: a request to the reader is body text, not a topic
    if first.count("“") != first.count("”") or first.count("《") != first.count("》"):
        return None
    if _statement().search(first):
        return None  # 农村中的封建的土地所有权制度，是不合理的: a statement opens the body
    return first, rest


def _terse(sentence: str) -> bool:
    """A first sentence that only names a topic (粮食播种面积和产量“双稳”。): short and unbroken by
    a comma, it is a run-in heading even among points of plain text."""
    return len(sentence) <= 16 and not any(mark in sentence for mark in "，,；;：:")


def _one_sentence(content: str) -> bool:
    """A short sentence or question standing alone (``重点任务。`` ``为什么要出台《措施》？``):
    a heading when it owns what follows."""
    first = content.rstrip()
    if not first.endswith(("。", "！", "？", "?")) or len(_SENTENCE_END.findall(first)) != 1:
        return False
    first = first[:-1]
    return 0 < len(first) <= 40 and not first[0].isdigit() and "：" not in first and ":" not in first


def _label(content: str) -> bool:
    """A label ending with a colon (``关怀访视：``, ``電信系統及有線廣播電視系統：``): a heading when
    items follow.  It is a noun phrase naming their topic; a clause that leads in to them
    (``按照下列方式分类推进：``, ``本法所称主管机关包括：``) is no label."""
    stripped = content.rstrip()
    if not stripped.endswith(("：", ":")) or not 0 < len(stripped) <= _LABEL_CHARS:
        return False
    if len(stripped) > _SHORT_LABEL and _lead_in().search(stripped):
        return False
    return not any(mark in stripped[:-1] for mark in "，,。；;：:") and not _list_words().search(stripped)


def _standalone(content: str) -> bool:
    """A line that is all heading: no sentence, no final punctuation."""
    return bool(content) and not is_complete(content) and "。" not in content and len("".join(content.split())) <= 60


def decide(text: str, units: Units, outline: Outline) -> list[Head]:
    """The title and text of every node of the outline, in its order.

    Structural headings always carry their title.  List points are decided as a
    run of siblings: the run reads as headings when one of its standalone lines
    owns what follows, or when most of its points open with a topic sentence (or
    are a short sentence or label that owns what follows); entries of an
    enumeration (``……；``) are never headings.
    """
    count = len(outline)
    style, parent, key, number = outline.style, outline.parent, outline.key, outline.number
    parents = set(parent)
    parents.discard(-1)
    # Lists by outline position, not dicts: a document of bare markers has a node on every line.
    paragraph_next = _paragraph_next(units, count)
    owns = [following is not None and (at in parents or following) for at, following in enumerate(paragraph_next)]
    heads = [_BARE] * count
    # Runs of siblings: the points of one style under one parent, a restart at 1 opening a new run
    # (a list of shortcomings, then "下一步…：" and a list of plans, are two runs of 1. 2. …).
    # A run holds its points' positions, and the contents stand in a list by position: a pair per
    # point in every run cost more than the heads themselves in a document of bare markers.
    runs: list[list[int]] = []  # in the order of their first points
    current: dict[tuple[int, str], list[int]] = {}  # the run each parent's sequence is in now
    contents = [""] * count
    for ui, kind in enumerate(units.kind):
        if kind != NODE:
            continue
        at = units.node[ui]
        # 一、问：异地就医如何备案？: the question is the title; 问： labels it, as 答： labels the answer.
        content = _QUESTION.sub("", units.content(text, ui), count=1)
        heads[at] = _own_head(text, units.title_segment.get(ui), outline, at, content, owns[at])
        if style[at].listed:
            contents[at] = content
            run_key = (parent[at], key[at])
            run = current.get(run_key)
            if run is None or number[at] == 1:
                run = current[run_key] = []
                runs.append(run)
            run.append(at)
    del current
    for run in runs:
        members = [(at, contents[at]) for at in run]
        for at, head in _decide_run(outline, members, parents, owns, paragraph_next):
            heads[at] = head
    return heads


def _paragraph_next(units: Units, count: int) -> list[bool | None]:
    """Which of the ``count`` nodes have a paragraph of body text right after them (set-aside blocks
    between aside); None for a node with no line of its own."""
    owns: list[bool | None] = [None] * count
    kinds, closing = units.kind, units.closing
    for ui, kind in enumerate(kinds):
        if kind != NODE:
            continue
        j = ui + 1
        while j < len(kinds) and kinds[j] in SET_ASIDE:
            j += 1
        owns[units.node[ui]] = j < len(kinds) and kinds[j] == PARAGRAPH and not closing[j]
    return owns


def _own_head(
    text: str, title_segment: tuple[int, int] | None, outline: Outline, at: int, content: str, owns: bool
) -> Head:
    """What node ``at``'s own line says of its title, before its run of siblings is looked at."""
    style, hashes = outline.style[at], outline.hashes[at]
    if hashes or style.structural:
        if title_segment is not None:
            return Head(strip_title(text[title_segment[0]:title_segment[1]]), content)
        if style is BLOCK and not hashes:  # a markdown heading line is all heading
            split = _topic_sentence(content)
            if split:
                return Head(strip_title(split[0]), split[1])
        return Head(strip_title(content), "")
    if style is ARTICLE and owns and _article_heading().fullmatch(content):
        # 第二十一條　生效 / 本行政法規自…: a short caption of the article, its text below.
        return Head(content.strip(), "")
    return Head("", content) if content else _BARE


def _decide_run(
    outline: Outline,
    members: list[tuple[int, str]],
    parents: set[int],
    owns: list[bool],
    paragraph_next: list[bool | None],
) -> list[tuple[int, Head]]:
    """The heads of a run of sibling points, decided together."""
    splits = [_topic_sentence(content) for _, content in members]
    standalone = [_standalone(content) for _, content in members]
    owned = [owns[at] for at, _ in members]
    hashed = [outline.hashes[at] > 0 for at, _ in members]
    # The paragraph after the last of a run of points none of which has a paragraph of its own sums
    # up for their owner (the owners stage hands it back): no sign that the last point is a heading.
    # Sub-lists of the earlier points do not change that (一、…九、 with their （一） lists, then 十、
    # and a paragraph on the whole article).  A markdown heading's body always stands below it, so its
    # paragraphs say nothing about the run.
    if len(members) > 1 and owned[-1] and members[-1][0] not in parents and not any(
        paragraph_next[at] for (at, _), h in zip(members[:-1], hashed[:-1], strict=True) if not h
    ):
        owned[-1] = False
    # A label owns a sub-list; "将第五条修改为：" followed by quoted paragraphs is a sentence.
    short = [_one_sentence(content) or (_label(content) and at in parents) for at, content in members]
    enumeration = 2 * sum(ends_with(content, "；;") for _, content in members) >= len(members)
    # A markdown-headed point with a body counts as one topic sentence would, and no more: the
    # body stands below it whether the report ran it in or not.
    evidence = sum(
        1 for sp, sh, ow, h in zip(splits, short, owned, hashed, strict=True) if (h and ow) or sp or (sh and ow)
    )
    headed = not enumeration and (
        any(st and ow and not h for st, ow, h in zip(standalone, owned, hashed, strict=True))
        or (evidence > 0 and 2 * evidence >= len(members))
    )
    out: list[tuple[int, Head]] = []
    for (at, content), split, st, sh, ow, h in zip(members, splits, standalone, short, owned, hashed, strict=True):
        if h:
            continue  # ``## 二、…`` is a heading whatever its run says; it was judged with the run
        if split and (headed or _terse(split[0])):
            out.append((at, Head(strip_title(split[0]), split[1])))
        elif st and (headed or ow or outline.style[at].heading_level):
            # 一、 and （一） are heading levels in GB/T 9704; 1. and （1） entries are headings
            # only where their run shows it.
            out.append((at, Head(strip_title(content), "")))
        elif (headed and sh and ow) or (_label(content) and at in parents):
            out.append((at, Head(strip_title(content), "")))
    return out
