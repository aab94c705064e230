"""Headings: the title and the text of every node.

Structural headings (章, 节, 附件, 专题 …) always carry a title.  List points
are decided as a run of siblings, because whether ``（一）加强领导。各单位要……``
is a run-in heading or an item's body shows across the run, not in one line.
"""

from __future__ import annotations

import re

from . import model
from .blocks import TITLE_TRAILING, compact, is_complete
from .markers import ARTICLE, BLOCK
from .outline import HEADING_STYLES, LIST_STYLES, Pending
from .paragraphs import Unit

_SENTENCE_END = re.compile(r"[。！？!?]")
#: A bracketed note standing after the last sentence (（牵头单位：…；责任单位：…）).
_NOTE = re.compile(r"[（(][^（）()]*[）)][。；;]?")
#: An article's caption on its marker line (生效, 標的, 適用範圍): a few characters, no punctuation.
_ARTICLE_HEADING = re.compile(r"\s*[^\s，,。；;：:、！？!?（）()“”]{1,10}\s*")
#: A request addressed to the reader (请…, …，请…; not 申请 or 提请).
_REQUEST = re.compile(r"(?:^|[，,；;])\s*(?:敬请|请)")


def strip_title(title: str) -> str:
    return title.strip().rstrip(TITLE_TRAILING).strip()


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
    if _NOTE.fullmatch(rest):
        return None  # …平台。（牵头单位：市数据局）: a note in brackets is no body for a title to head
    if m.group() in "？?" and _ends(rest, "？?") and "。" not in rest:
        return None  # question after question (…多长？…怎么计算？): the whole line asks, none of it answers
    if first[0].isdigit() or "：" in first or ":" in first:
        return None
    if _REQUEST.search(first):
        return None  # 管制期间，请广大市民…: a request to the reader is body text, not a topic
    if first.count("“") != first.count("”") or first.count("《") != first.count("》"):
        return None
    return first, rest


def _terse(sentence: str) -> bool:
    """A first sentence that only names a topic (粮食播种面积和产量“双稳”。): short and unbroken by
    a comma, it is a run-in heading even among points of plain text."""
    return len(sentence) <= 16 and not any(mark in sentence for mark in "，,；;：:")


def _ends(content: str, marks: str) -> bool:
    end = len(content)  # walked back by index, as in is_complete: one pass however many closers
    while end and (content[end - 1] in "”’」』）)】〕》" or content[end - 1].isspace()):
        end -= 1
    return bool(end) and content[end - 1] in marks


def _one_sentence(content: str) -> bool:
    """A short sentence or question standing alone (``重点任务。`` ``为什么要出台《措施》？``):
    a heading when it owns what follows."""
    first = content.rstrip()
    if not first.endswith(("。", "！", "？", "?")) or len(_SENTENCE_END.findall(first)) != 1:
        return False
    first = first[:-1]
    return 0 < len(first) <= 40 and not first[0].isdigit() and "：" not in first and ":" not in first


def _label(content: str) -> bool:
    """A short label ending with a colon (``关怀访视：``): a heading when items follow."""
    stripped = content.rstrip()
    if not stripped.endswith(("：", ":")) or not 0 < len(stripped) <= 11 or "，" in stripped:
        return False
    # "按照下列方式分类推进：" leads in to an enumeration; a label names a topic.
    return not any(word in stripped for word in ("下列", "以下", "如下"))


def _standalone(content: str) -> bool:
    """A line that is all heading: no sentence, no final punctuation."""
    return bool(content) and not is_complete(content) and "。" not in content and len(compact(content)) <= 60


def decide_titles(text: str, unit_list: list[Unit], accepted: list[Pending]) -> None:
    """Fill ``title`` and ``text`` of every node.

    Structural headings always carry their title.  List points are decided as a
    run of siblings: the run reads as headings when one of its standalone lines
    owns what follows, or when most of its points open with a topic sentence (or
    are a short sentence or label that owns what follows); entries of an
    enumeration (``……；``) are never headings.
    """
    parents = {id(p.parent) for p in accepted if p.parent is not None}
    owns: dict[int, bool] = {}  # owns child nodes or the paragraph after it
    for ui, unit in enumerate(unit_list):
        if unit.pending is None:
            continue
        j = ui + 1
        while j < len(unit_list) and unit_list[j].kind in model.SET_ASIDE:
            j += 1
        following = unit_list[j] if j < len(unit_list) else None
        paragraph_next = following is not None and following.kind == "paragraph" and not following.closing
        owns[id(unit.pending)] = id(unit.pending) in parents or paragraph_next
    # Runs of siblings: the points of one style under one parent, a restart at 1 opening a new run
    # (a list of shortcomings, then "下一步…：" and a list of plans, are two runs of 1. 2. …).
    groups: dict[tuple[int, str, int], list[tuple[Pending, str]]] = {}
    restarts: dict[tuple[int, str], int] = {}

    def run_of(p: Pending) -> list[tuple[Pending, str]]:
        key = (id(p.parent), p.key)
        if p.number == 1 and key in restarts:
            restarts[key] += 1
        return groups.setdefault((*key, restarts.setdefault(key, 0)), [])
    for unit in unit_list:
        p = unit.pending
        if p is None:
            continue
        content = unit.content(text)
        node = p.node
        if p.hashes or p.style.structural:
            if unit.title_segment is not None:
                node.title = strip_title(text[unit.title_segment[0]:unit.title_segment[1]])
                node.text = content
            elif p.style is BLOCK and not p.hashes:  # a markdown heading line is all heading
                split = _topic_sentence(content)
                if split:
                    node.title, node.text = strip_title(split[0]), split[1]
                else:
                    node.title = strip_title(content)
            else:
                node.title = strip_title(content)
            if p.hashes and p.style.name in LIST_STYLES:
                # ``## 二、…`` is a heading whatever its run says, but it is still one of the run:
                # its siblings are judged with it, as they would be without the markup.
                run_of(p).append((p, content))
            continue
        node.text = content
        if p.style is ARTICLE and owns.get(id(p)) and _ARTICLE_HEADING.fullmatch(content):
            # 第二十一條　生效 / 本行政法規自…: a short caption of the article, its text below.
            node.title, node.text = content.strip(), ""
        if p.style.name in LIST_STYLES:
            run_of(p).append((p, content))
    for members in groups.values():
        splits = [_topic_sentence(content) for _, content in members]
        standalone = [_standalone(content) for _, content in members]
        owned = [owns.get(id(p), False) for p, _ in members]
        # The paragraph after the last of a run of points that own nothing sums up for their owner
        # (the tree hands it back): no sign that the last point is a heading.  A markdown heading's
        # body always stands below it, so its paragraphs say nothing about the run.
        if len(members) > 1 and owned[-1] and id(members[-1][0]) not in parents and not any(
            ow for (p, _), ow in zip(members[:-1], owned[:-1], strict=True) if not p.hashes
        ):
            owned[-1] = False
        # A label owns a sub-list; "将第五条修改为：" followed by quoted paragraphs is a sentence.
        short = [
            _one_sentence(content) or (_label(content) and id(p) in parents) for p, content in members
        ]
        enumeration = 2 * sum(_ends(content, "；;") for _, content in members) >= len(members)
        # A markdown-headed point with a body counts as one topic sentence would, and no more: the
        # body stands below it whether the report ran it in or not.
        hashed = [bool(p.hashes) for p, _ in members]
        evidence = sum(
            1 for sp, sh, ow, h in zip(splits, short, owned, hashed, strict=True) if (h and ow) or sp or (sh and ow)
        )
        headed = not enumeration and (
            any(st and ow and not h for st, ow, h in zip(standalone, owned, hashed, strict=True))
            or (evidence > 0 and 2 * evidence >= len(members))
        )
        for (p, content), split, st, sh, ow in zip(members, splits, standalone, short, owned, strict=True):
            if p.hashes:
                continue
            node = p.node
            if split and (headed or _terse(split[0])):
                node.title, node.text = strip_title(split[0]), split[1]
            elif st and (headed or ow or p.style.name in HEADING_STYLES):
                # 一、 and （一） are heading levels in GB/T 9704; 1. and （1） entries are headings
                # only where their run shows it.
                node.title, node.text = strip_title(content), ""
            elif (headed and sh and ow) or (_label(content) and id(p) in parents):
                node.title, node.text = strip_title(content), ""
