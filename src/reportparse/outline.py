"""Outline: which marker candidates are real, their levels, titles, and the tree.

The stages, in order:

1. :func:`resolve` walks the candidates with a stack of open nodes.  A
   candidate's parent is the nearest open node whose style ranks above its own;
   it becomes a node when its number fits the sequence of its style under that
   parent (previous + 1, or a start at 1), or when the text around it shows
   that a number was skipped or repeated (reported as a diagnostic).
2. :func:`units` groups the lines into node lines, paragraphs and set-aside
   blocks, joining hard-wrapped continuation lines.
3. :func:`decide_titles` splits each node's content into title and text; a
   run of siblings is read as run-in headings only when most of them open
   with a topic sentence.
4. :func:`assemble` builds the tree, attaching each paragraph to the node it
   belongs to, and decides ``section`` or ``item``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import model
from .blocks import TITLE_TRAILING, LineInfo, Wrapping, compact, is_complete
from .markers import ANNEX, ARTICLE, BLOCK, HAN, MARKDOWN, NAMED, Match, Style
from .model import Diagnostic, Node
from .source import rstrip_end

_LIST_STYLES = frozenset({"cn-financial", "cn", "cn-paren", "num", "num-paren", "circled"})
# Styles whose lone heading line may start a sequence late (its first siblings lost upstream).
_HEADING_STYLES = frozenset({"cn-financial", "cn", "cn-paren"})
# Restarting these under the same parent is a numbering problem; lists (1. 2.) restart freely.
_RESTART_MATTERS = frozenset(
    {"annex", "part", "division", "chapter", "section", "article", "cn-financial", "cn", "block"}
)
_HAN = re.compile(HAN)
_YEAR_AFTER = re.compile(r"[12][0-9]{3}\s*年")
_SENTENCE_END = re.compile(r"[。！？!?]")
_LOOKAHEAD = 400


@dataclass(eq=False)
class Pending:
    """A candidate accepted as a node, while the outline is being built."""

    index: int  # line index
    info: LineInfo
    style: Style
    rank: float
    hashes: int
    key: str  # sequence key: the style, and the word for block styles
    number: int | None
    marker: str
    parent: Pending | None
    node: Node
    last: dict[str, tuple[int, str]] = field(default_factory=dict)
    colon: bool = False  # first of a list introduced by a colon (…下列职责：)


@dataclass
class Candidate:
    index: int
    info: LineInfo
    style: Style
    rank: float
    hashes: int
    key: str
    match: Match | None


def _outranks(a: Pending, b: Candidate) -> bool:
    """Can ``a`` be the parent of ``b``?"""
    if a.hashes and b.hashes:
        if a.hashes != b.hashes:
            return a.hashes < b.hashes
        return a.style is not MARKDOWN and b.style is not MARKDOWN and a.rank < b.rank
    if a.hashes:
        # A markdown heading holds every list and article below it; numbered
        # structure (附件, 第X章 …) written without '#' compares by rank.
        if a.style is MARKDOWN or not b.style.structural:
            return True
        return a.rank < b.rank
    if b.hashes:
        if b.style is MARKDOWN:
            return a.style is ANNEX
        return a.rank < b.rank
    return a.rank < b.rank


class _Resolver:
    def __init__(self, text: str, infos: list[LineInfo], wrapping: Wrapping) -> None:
        self.text = text
        self.infos = infos
        self.wrapping = wrapping
        self.diagnostics: list[Diagnostic] = []
        self.block_order: dict[str, int] = {}
        self.candidates = self._candidates()
        self.accepted: list[Pending] = []
        self.seen: set[str] = set()  # sequence keys accepted so far

    def _rank(self, style: Style, word: str) -> float:
        if style is BLOCK:
            order = self.block_order.setdefault(word, len(self.block_order))
            return style.rank + min(order, 99) * 0.01
        return style.rank

    def _candidates(self) -> list[Candidate]:
        out: list[Candidate] = []
        for i, info in enumerate(self.infos):
            if info.line.blank or info.set_aside or info.underline or info.title:
                continue
            m = info.match
            if m is not None:
                key = m.style.name + (":" + m.word if m.word else "")
                out.append(Candidate(i, info, m.style, self._rank(m.style, m.word), info.hashes, key, m))
            elif info.hashes:
                out.append(Candidate(i, info, MARKDOWN, MARKDOWN.rank, info.hashes, "markdown", None))
            elif info.named:
                out.append(Candidate(i, info, NAMED, NAMED.rank, 0, "heading", None))
        return out

    def _next_same(self, ci: int) -> Match | None:
        """The next candidate of the same sequence, unless an outer one comes first."""
        c = self.candidates[ci]
        for j in range(ci + 1, min(len(self.candidates), ci + _LOOKAHEAD)):
            other = self.candidates[j]
            if other.key == c.key and other.match is not None:
                return other.match
            if other.rank < c.rank and not other.hashes:
                return None
        return None

    def _continues(self, ci: int, n: int) -> bool:
        """Does the sequence go on from number ``n`` (n + 1 next, or n之一 for an article)?"""
        nxt = self._next_same(ci)
        return nxt is not None and (nxt.number == n + 1 or (nxt.number == n and nxt.sub > 0))

    def _heading_line(self, c: Candidate, m: Match) -> bool:
        """A short line that is all heading (no sentence): a strong sign of a real marker."""
        rest = self.text[m.end:c.info.line.end].strip()
        return 0 < len(rest) <= 40 and not is_complete(rest) and "。" not in rest

    def run(self) -> list[Pending]:
        stack: list[Pending] = []
        root_last: dict[str, tuple[int, str]] = {}
        wide: dict[int, tuple[int, str]] = {}  # document-wide sequences per annex scope
        attachments = [i for i, info in enumerate(self.infos) if info.set_aside == model.ATTACHMENTS]
        next_attachment = 0
        for ci, c in enumerate(self.candidates):
            if next_attachment < len(attachments) and attachments[next_attachment] < c.index:
                # An attachment list ends the body: nothing after it nests in what came before.
                stack.clear()
                while next_attachment < len(attachments) and attachments[next_attachment] < c.index:
                    next_attachment += 1
            k = self._parent_index(c, stack, root_last)
            parent = stack[k] if k >= 0 else None
            if c.match is None:
                pending = self._accept(c, parent, None, "")
            else:
                m = c.match
                if c.style.document_wide:
                    scope = _annex_scope(parent)
                    prev = wide.get(scope)
                else:
                    prev = (parent.last if parent else root_last).get(c.key)
                if not self._fits(ci, c, m, prev, parent):
                    continue
                pending = self._accept(c, parent, m.number, m.marker)
                if c.style.document_wide:
                    wide[_annex_scope(parent)] = (m.number, m.marker)
                else:
                    (parent.last if parent else root_last)[c.key] = (m.number, m.marker)
            del stack[k + 1:]
            stack.append(pending)
        return self.accepted

    def _parent_index(self, c: Candidate, stack: list[Pending], root_last: dict[str, tuple[int, str]]) -> int:
        """Index in ``stack`` of the candidate's parent (-1 for the root)."""
        k = len(stack) - 1
        while k >= 0 and not _outranks(stack[k], c):
            k -= 1
        m = c.match
        if m is None:
            return k
        # An open node of the same sequence that this number continues is a sibling,
        # whatever the ranks say: it keeps a list that was nested out of rank together.
        for j in range(len(stack) - 1, -1, -1):
            if stack[j].key == c.key:
                number = stack[j].number
                if number is not None and m.number == number + 1 and not m.sub:
                    return j - 1
                break
        if c.style.document_wide:
            if m.number == 1 and c.key not in self.seen and k < len(stack) - 1 and self._after_colon(c):
                return len(stack) - 1
            return k
        # A list restarted right after a colon inside a deeper node belongs to that node,
        # even when its style ranks higher (一、 items listed inside a （一） section); so does
        # a style's first list (第一條… rules set out inside 伍、 after "特訂定下列要點：").
        if m.number == 1 and k < len(stack) - 1:
            owner_last = stack[k].last if k >= 0 else root_last
            fresh = c.key in owner_last or c.key not in self.seen
            if fresh and self._after_colon(c):
                j = len(stack) - 1
                while j > k and stack[j].key == c.key:
                    j -= 1  # not inside an item of its own style
                return j
        return k

    def _after_colon(self, c: Candidate) -> bool:
        i = c.index - 1
        while i >= 0 and self.infos[i].line.blank:
            i -= 1
        if i < 0:
            return False
        line = self.infos[i].line
        return self.text[line.ink:line.end].rstrip().endswith(("：", ":"))

    def _accept(self, c: Candidate, parent: Pending | None, number: int | None, marker: str) -> Pending:
        line = c.info.line
        node = Node(
            kind=model.SECTION,
            line=line.number,
            end_line=line.number,
            span=(line.ink, line.end),
            style=c.style.name,
            marker=marker,
            number=number,
        )
        pending = Pending(c.index, c.info, c.style, c.rank, c.hashes, c.key, number, marker, parent, node)
        self.accepted.append(pending)
        self.seen.add(c.key)
        return pending

    def _warn(self, line: int, code: str, message: str) -> None:
        self.diagnostics.append(Diagnostic("warning", code, line, message))

    def _continues_a_wrapped_line(self, c: Candidate) -> bool:
        """In hard-wrapped text, a line after an unfinished wrapped line goes on with its sentence
        (…违反本办法第十条第 / （三）项规定…): a marker there is part of the text."""
        if not self.wrapping.wrapped or c.hashes:
            return False
        i = c.index - 1
        blanks = 0
        while i >= 0 and self.infos[i].line.blank:
            i -= 1
            blanks += 1
        if i < 0 or blanks > 1:
            return False
        prev = self.infos[i]
        if prev.set_aside or prev.underline or prev.hashes or prev.title:
            return False
        tail = self.text[prev.line.ink:rstrip_end(self.text, prev.line.ink, prev.line.end)]
        return len(tail) >= self.wrapping.min_length and not is_complete(tail)

    def _fits(
        self, ci: int, c: Candidate, m: Match, prev: tuple[int, str] | None, parent: Pending | None
    ) -> bool:
        if self._continues_a_wrapped_line(c):
            return False
        n = m.number
        line = c.info.line.number
        text = self.text
        weak = m.decimal_like
        if weak:
            rest = text[m.end:c.info.line.end]
            if not _HAN.search(rest):
                return False  # "2.5" left alone by a broken "PM2.5"
            # "1.2023年5月…" is an item; "1.5亿元…" may be a figure.
            weak = not _YEAR_AFTER.match(rest)
        heading = c.hashes > 0
        if prev is None and m.sub:
            return False
        if prev is None:
            if n == 1:
                return not weak or self._continues(ci, 1)
            if weak:
                return False
            late = (
                heading
                or self._continues(ci, n)
                or (c.style is ARTICLE and self._next_same(ci) is None)
                or ((c.style.structural or c.style.name in _HEADING_STYLES) and self._heading_line(c, m))
            )
            if late:
                self._warn(line, "numbering-gap", f"{m.marker} starts its sequence (expected {_first(m)})")
                return True
            return False
        p, prev_marker = prev
        if m.sub:
            return n == p  # 第一百二十条之一 stands after 第一百二十条 and leaves the count where it was
        if n == p + 1:
            return True
        if n == 1:
            if weak and not self._continues(ci, 1):
                return False
            if c.style.name in _RESTART_MATTERS:
                self._warn(line, "numbering-restart", f"{m.marker} restarts the sequence after {prev_marker}")
            return True
        if weak:
            return False
        if p < n <= p + 3 or heading:
            if n > p:
                self._warn(line, "numbering-gap", f"{m.marker} follows {prev_marker}: {n - p - 1} missing")
            else:
                self._warn(line, "numbering-order", f"{m.marker} follows {prev_marker}")
            return True
        if n == p:
            self._warn(line, "numbering-repeat", f"{m.marker} repeats the number of {prev_marker}")
            return True
        if self._continues(ci, n):
            self._warn(line, "numbering-gap", f"{m.marker} follows {prev_marker}")
            return True
        return False


def _first(m: Match) -> str:
    if m.style.name in ("num", "num-paren", "circled"):
        return "1"
    return "一"


def _annex_scope(parent: Pending | None) -> int:
    while parent is not None:
        if parent.style is ANNEX:
            return id(parent)
        parent = parent.parent
    return 0


def resolve(text: str, infos: list[LineInfo], wrapping: Wrapping) -> tuple[list[Pending], list[Diagnostic]]:
    resolver = _Resolver(text, infos, wrapping)
    accepted = resolver.run()
    return accepted, resolver.diagnostics


# --- units ---------------------------------------------------------------------------------------


@dataclass(eq=False)
class Unit:
    """A node's own lines, a paragraph, a set-aside block or the title, with its segments of text."""

    kind: str  # "node", "paragraph", "title" or a set-aside kind
    first: int
    last: int
    start: int
    end: int
    segments: list[tuple[int, int]]
    pending: Pending | None = None
    want_title: bool = False  # an annex marker alone on its line: its title is on the next line
    title_segment: tuple[int, int] | None = None
    closing: bool = False  # the signature block of a 公文: it belongs to the document

    def content(self, text: str) -> str:
        return _join(text, self.segments)


def _join(text: str, segments: list[tuple[int, int]]) -> str:
    out: list[str] = []
    for s, e in segments:
        piece = text[s:e].strip()
        if not piece:
            continue
        if out and out[-1][-1:].isascii() and out[-1][-1:].isalnum() and piece[:1].isascii() and piece[:1].isalnum():
            out.append(" ")
        out.append(piece)
    return "".join(out)


def units(text: str, infos: list[LineInfo], accepted: list[Pending], wrapping: Wrapping) -> list[Unit]:
    by_line = {p.index: p for p in accepted}
    out: list[Unit] = []
    cur: Unit | None = None
    blank_run = 0
    for i, info in enumerate(infos):
        line = info.line
        if line.blank:
            blank_run += 1
            continue
        end = rstrip_end(text, line.ink, line.end)
        if info.underline:
            if out and out[-1].kind in ("node", "title") and out[-1].last == _prev_inked(infos, i):
                out[-1].last = i
                out[-1].end = end
            else:
                out.append(Unit(model.FURNITURE, i, i, line.ink, end, [(line.ink, end)]))
            cur = None
            blank_run = 0
            continue
        if info.set_aside:
            prev_unit = out[-1] if out else None
            if prev_unit is not None and prev_unit.kind == info.set_aside and prev_unit.kind != model.FURNITURE:
                prev_unit.last = i
                prev_unit.end = end
                prev_unit.segments.append((line.ink, end))
            else:
                out.append(Unit(info.set_aside, i, i, line.ink, end, [(line.ink, end)]))
            cur = None
            blank_run = 0
            continue
        if info.title:
            out.append(Unit("title", i, i, line.ink, end, [(info.content, end)]))
            cur = None
            blank_run = 0
            continue
        pending = by_line.get(i)
        if pending is not None:
            start = pending.info.match.end if pending.info.match is not None else info.content
            unit = Unit("node", i, i, line.ink, end, [(start, end)], pending=pending)
            unit.want_title = pending.style is ANNEX and not text[start:end].strip()
            out.append(unit)
            cur = unit
            blank_run = 0
            continue
        if info.closing:
            out.append(Unit("paragraph", i, i, line.ink, end, [(line.ink, end)], closing=True))
            cur = None
            blank_run = 0
            continue
        body = text[info.content:end]
        if cur is not None and cur.want_title:
            cur.want_title = False
            if len(compact(body)) <= 40 and not is_complete(body) and info.hashes == 0:
                cur.title_segment = (line.ink, end)
                cur.last = i
                cur.end = end
                cur = None
                blank_run = 0
                continue
        if (
            cur is not None
            and wrapping.wrapped
            and blank_run <= 1
            and info.hashes == 0
            and _joins(text, cur, infos, wrapping.min_length)
        ):
            cur.segments.append((line.ink, end))
            cur.last = i
            cur.end = end
        else:
            cur = Unit("paragraph", i, i, line.ink, end, [(line.ink, end)])
            out.append(cur)
        blank_run = 0
    return out


def _joins(text: str, cur: Unit, infos: list[LineInfo], min_length: int) -> bool:
    """May the next text line continue ``cur`` (in a hard-wrapped document)?"""
    if cur.pending is not None and (cur.pending.style.structural or cur.pending.hashes):
        return False
    if cur.title_segment is not None:
        return False
    line = infos[cur.last].line
    tail = text[line.ink:rstrip_end(text, line.ink, line.end)]
    return not is_complete(tail) and len(tail) >= min_length


def _prev_inked(infos: list[LineInfo], i: int) -> int:
    j = i - 1
    while j >= 0 and infos[j].line.blank:
        j -= 1
    return j


# --- titles --------------------------------------------------------------------------------------


def _strip_title(title: str) -> str:
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
    if first[0].isdigit() or "：" in first or ":" in first:
        return None
    if first.count("“") != first.count("”") or first.count("《") != first.count("》"):
        return None
    return first, rest


def _ends(content: str, marks: str) -> bool:
    stripped = content.rstrip()
    while stripped and stripped[-1] in "”’」』）)】〕》":
        stripped = stripped[:-1].rstrip()
    return stripped.endswith(tuple(marks))


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
    return stripped.endswith(("：", ":")) and 0 < len(stripped) <= 20 and "，" not in stripped


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
    groups: dict[tuple[int, str], list[tuple[Pending, str]]] = {}
    for unit in unit_list:
        p = unit.pending
        if p is None:
            continue
        content = unit.content(text)
        node = p.node
        if p.hashes or p.style.structural:
            if unit.title_segment is not None:
                node.title = _strip_title(text[unit.title_segment[0]:unit.title_segment[1]])
                node.text = content
            elif p.style is BLOCK:
                split = _topic_sentence(content)
                if split:
                    node.title, node.text = _strip_title(split[0]), split[1]
                else:
                    node.title = _strip_title(content)
            else:
                node.title = _strip_title(content)
            continue
        node.text = content
        if p.style.name in _LIST_STYLES:
            groups.setdefault((id(p.parent), p.key), []).append((p, content))
    for members in groups.values():
        splits = [_topic_sentence(content) for _, content in members]
        standalone = [_standalone(content) for _, content in members]
        owned = [owns.get(id(p), False) for p, _ in members]
        # A label owns a sub-list; "将第五条修改为：" followed by quoted paragraphs is a sentence.
        short = [
            _one_sentence(content) or (_label(content) and id(p) in parents) for p, content in members
        ]
        enumeration = 2 * sum(_ends(content, "；;") for _, content in members) >= len(members)
        evidence = sum(1 for sp, sh, ow in zip(splits, short, owned, strict=True) if sp or (sh and ow))
        headed = not enumeration and (
            any(st and ow for st, ow in zip(standalone, owned, strict=True))
            or (evidence > 0 and 2 * evidence >= len(members))
        )
        for (p, content), split, st, sh, ow in zip(members, splits, standalone, short, owned, strict=True):
            node = p.node
            if headed and split:
                node.title, node.text = _strip_title(split[0]), split[1]
            elif st and (headed or ow or p.style.name in _HEADING_STYLES):
                # 一、 and （一） are heading levels in GB/T 9704; 1. and （1） entries are headings
                # only where their run shows it.
                node.title, node.text = _strip_title(content), ""
            elif (headed and sh and ow) or (_label(content) and id(p) in parents):
                node.title, node.text = _strip_title(content), ""


# --- assembly ------------------------------------------------------------------------------------


def assemble(text: str, unit_list: list[Unit]) -> tuple[model.Title | None, list[Node]]:
    root: list[Node] = []
    title: model.Title | None = None
    stack: list[Pending] = []
    pending_of: dict[int, Pending] = {}
    # The last point of each run of siblings, and the runs one of whose points owns a paragraph.
    last_of_run: dict[tuple[int, str], Pending] = {}
    for unit in unit_list:
        if unit.pending is not None:
            last_of_run[(id(unit.pending.parent), unit.pending.key)] = unit.pending
    owning_runs: set[tuple[int, str]] = set()

    def closes(p: Pending) -> bool:
        """Does a paragraph here belong to ``p``'s owner rather than to ``p``?"""
        if p.node.title or p.style.name not in _LIST_STYLES or p.hashes:
            return False
        if p.colon:
            return True  # after the last entry of a list introduced by a colon (下列职责：)
        run = (id(p.parent), p.key)
        # After the last point of a run none of whose points owns a paragraph: the run was a
        # list of one-paragraph entries, and what follows sums up for their owner.
        return last_of_run.get(run) is p and run not in owning_runs

    def owner_children() -> list[Node]:
        return stack[-1].node.children if stack else root

    for unit in unit_list:
        if unit.kind == "title":
            title = model.Title(
                _strip_title(unit.content(text)) or unit.content(text),
                unit.first + 1,
                unit.last + 1,
                (unit.start, unit.end),
            )
            continue
        if unit.pending is not None:
            p = unit.pending
            node = p.node
            node.span = (unit.start, unit.end)
            node.end_line = unit.last + 1
            path: list[Pending] = []
            anc = p.parent
            while anc is not None:
                path.append(anc)
                anc = anc.parent
            path.reverse()
            stack[:] = path
            siblings = owner_children()
            previous = next((pending_of[id(s)] for s in reversed(siblings) if id(s) in pending_of), None)
            if previous is not None and previous.key == p.key:
                p.colon = previous.colon
            else:
                p.colon = _introduced_by_colon(p, siblings)
            pending_of[id(node)] = p
            siblings.append(node)
            stack.append(p)
            continue
        if unit.kind == "paragraph":
            if unit.closing:
                stack.clear()
            while stack and closes(stack[-1]):
                stack.pop()
            if stack:
                owning_runs.add((id(stack[-1].parent), stack[-1].key))
            node = Node(
                kind=model.PARAGRAPH,
                line=unit.first + 1,
                end_line=unit.last + 1,
                span=(unit.start, unit.end),
                text=unit.content(text),
            )
            owner_children().append(node)
            continue
        block = Node(
            kind=unit.kind,
            line=unit.first + 1,
            end_line=unit.last + 1,
            span=(unit.start, unit.end),
            text=text[unit.start:unit.end],
        )
        if unit.kind == model.ATTACHMENTS:
            stack.clear()
        owner_children().append(block)
    _finish(root, 1)
    return title, root


def _introduced_by_colon(p: Pending, siblings: list[Node]) -> bool:
    if p.parent is None:
        return False  # the points of a notice (通知如下：一、…二、…) own their paragraphs
    if siblings:
        before = siblings[-1]
        content = before.text if before.kind == model.PARAGRAPH else (before.text or before.title)
    elif p.parent is not None:
        content = p.parent.node.text or p.parent.node.title
    else:
        return False
    return content.rstrip().endswith(("：", ":"))


def _finish(nodes: list[Node], level: int) -> int:
    """Set levels, kinds and end lines; return the last line of the list."""
    last = 0
    for node in nodes:
        if node.numbered:
            node.level = level
            if node.children:
                node.end_line = max(node.end_line, _finish(node.children, level + 1))
            owns = any(child.kind in (model.SECTION, model.ITEM, model.PARAGRAPH) for child in node.children)
            node.kind = model.SECTION if node.title or owns else model.ITEM
        last = max(last, node.end_line)
    return last
