"""One run of numbered siblings, read as a writer numbered it: where it goes wrong, and what fixes it.

The run is judged against what the writer should have written next (``expected``), not against the
previous number only, so a problem is reported once, on the line to change: ``1. 2. 4. 3.`` is an
order problem at ``3.`` (``4.`` was not a gap, the ``3.`` after it shows it was moved), ``1. 2. 2. 4.``
is a repeat at the second ``2.`` (it should read ``3.``), and the ``4.`` after it is then in place.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .compiled import on_first_use
from .markers import Style
from .model import Diagnostic
from .numerals import CN_NUMERAL_CHARS, TIANGAN_CHARS, int_to_cn

#: How far ahead a skipped number is looked for before the skip is called a gap: a point moved
#: further than this is rare, and a long look would call a real gap an order problem.
_ORDER_REACH = 3

PAIRS = {"（": "）", "(": ")", "〔": "〕", "［": "］", "[": "]"}
CLOSERS = frozenset(PAIRS.values())

#: Placeholder kinds: a line that takes a place in the run without a readable number of its style.
MIXED = "mixed"
UNREADABLE = "unreadable"


@dataclass(slots=True)
class Entry:
    """A numbered line as the check sees it: accepted into the outline, or left as text."""

    line: int  # 1-based line number
    style: Style
    key: str  # the sequence key of the outline (the style, and the word of a block style)
    number: int  # 0 when the marker cannot be read
    marker: str
    group: tuple[object, ...]  # the run it belongs to: its parent (or scope) and its key
    accepted: bool
    sub: int = 0
    #: A line of another style, or an unreadable marker, standing in the run: it takes a place.
    placeholder: str = ""
    #: What the run's own marker looks like (2. for a （三） among 1. 2. 4.), for the message.
    model: str = ""


_arabic_run = on_first_use("[0-9]+")
_wide_run = on_first_use("[０-９]+")
_TO_WIDE = str.maketrans("0123456789", "０１２３４５６７８９")
_cn_run = on_first_use(f"[{CN_NUMERAL_CHARS}]+")


def written_as(model: str, style: Style, number: int) -> str:
    """``number`` written the way ``model`` (a marker of ``style``) writes its number."""
    if style.name in ("circled",) and 0 < number <= 20:
        return chr(0x2460 + number - 1)
    if style.name == "tiangan" and 0 < number <= len(TIANGAN_CHARS):
        return TIANGAN_CHARS[number - 1] + model[1:]
    arabic = _arabic_run().search(model)
    if arabic:
        return model[:arabic.start()] + str(number) + model[arabic.end():]
    wide = _wide_run().search(model)
    if wide:
        digits = str(number).translate(_TO_WIDE)
        return model[:wide.start()] + digits + model[wide.end():]
    cn = _cn_run().search(model)
    if cn:
        return model[:cn.start()] + int_to_cn(number) + model[cn.end():]
    return style.example.replace("1", str(number)).replace("一", int_to_cn(number)) or str(number)


def brackets(marker: str) -> tuple[str, str] | None:
    """The opening and closing bracket of a bracketed marker (（3) gives （ and )), else None."""
    if not marker or marker[0] not in PAIRS:
        return None
    close = next((ch for ch in reversed(marker) if ch in CLOSERS), "")
    return (marker[0], close) if close else None


def well_formed(marker: str) -> bool:
    pair = brackets(marker)
    return pair is None or PAIRS[pair[0]] == pair[1]


def _diagnostic(code: str, entry: Entry, message: str, fix: tuple[tuple[int, str, str], ...] = ()) -> Diagnostic:
    return Diagnostic("warning", code, entry.line, message, fix)


class Run:
    """The walk over one run; ``lead_in(entry)`` says whether text before a restart opens a new list."""

    def __init__(self, entries: Sequence[Entry], start: int, lead_in: Callable[[Entry], bool]) -> None:
        self.entries = entries
        self.expected = start
        self.lead_in = lead_in
        self.seen: dict[int, Entry] = {}
        #: Numbers of points written ahead of their place (reported there): the run skips them later.
        self.ahead: set[int] = set()
        self.highest: Entry | None = None  # the point with the highest number taken so far
        self.previous: Entry | None = None
        self.model = next((e.marker for e in entries if not e.placeholder and well_formed(e.marker)), "")
        self.found: list[Diagnostic] = []

    def want(self, number: int | None = None) -> str:
        return written_as(self.model, self.entries[0].style, self.expected if number is None else number)

    def check(self) -> list[Diagnostic]:
        for i, entry in enumerate(self.entries):
            if entry.sub:
                continue
            if entry.placeholder:
                self._placeholder(entry)
            else:
                self._numbered(i, entry)
            if not entry.placeholder and well_formed(entry.marker):
                self.model = entry.marker
        return self.found

    def _take(self, entry: Entry, number: int) -> None:
        self.seen.setdefault(number, entry)
        if self.highest is None or number > self.highest.number:
            self.highest = entry
        self.previous = entry
        self.expected = max(self.expected, number + 1)
        while self.expected in self.ahead:
            self.expected += 1

    def _placeholder(self, entry: Entry) -> None:
        code = "style-mixed" if entry.placeholder == MIXED else "marker-unreadable"
        what = "another numbering style" if entry.placeholder == MIXED else "a marker that cannot be read"
        want = self.want()
        fix = ((entry.line, entry.marker, want),)
        self.found.append(_diagnostic(code, entry, f"{want} expected here, found {entry.marker} ({what})", fix))
        self._take(entry, self.expected)

    def _numbered(self, i: int, entry: Entry) -> None:
        n = entry.number
        if n == self.expected:
            self._take(entry, n)
        elif n == 1 and self.seen and (1 in self.seen or self._next_number(i) == 2):
            self._restart(i, entry)
        elif n > self.expected:
            skipped = range(self.expected, n)
            if not self._moved_later(i, skipped):
                self.found.append(_diagnostic(
                    "numbering-gap", entry, f"{self.want()} expected here, found {entry.marker} "
                    f"({self._missing(n)} missing)"))
            elif len(skipped) > 1:
                # 1. 2. 5. 3. 4.: one point moved up past several, and it is the one to move back.
                self.found.append(_diagnostic(
                    "numbering-order", entry, f"{entry.marker} out of order: move it after {self.want(n - 1)}"))
                self.ahead.add(n)
                return
            self._take(entry, n)
        elif n in self.seen:
            self._repeat(i, entry)
        else:
            after = self.highest
            where = f" after {after.marker} (line {after.line})" if after else ""
            self.found.append(_diagnostic(
                "numbering-order", entry, f"{entry.marker} out of order{where}: move it before {self.want(n + 1)}"))
            self._take(entry, n)

    def _renumbered(self, at: int) -> tuple[tuple[int, str, str], ...]:
        """The restarted list numbered on from the run before it (1. 2. after 3. become 4. 5.)."""
        fixes = []
        entries = self.entries
        # By index, not by islice: islice steps over the entries before ``at`` one by one, and a
        # long run that restarts again and again made that quadratic.
        for offset in range(len(entries) - at):
            e = entries[at + offset]
            if e.placeholder or e.sub or e.number != offset + 1:
                break
            fixes.append((e.line, e.marker, written_as(e.marker, e.style, self.expected + offset)))
        return tuple(fixes)

    def _next_number(self, i: int) -> int:
        following = self._following(i)
        return following.number if following is not None else 0

    def _following(self, i: int) -> Entry | None:
        """The next numbered point of the run after entry ``i``."""
        entries = self.entries
        for j in range(i + 1, len(entries)):
            if not entries[j].placeholder and not entries[j].sub:
                return entries[j]
        return None

    def _missing(self, n: int) -> str:
        first, last = self.want(), self.want(n - 1)
        return first if first == last else f"{first} to {last}"

    def _moved_later(self, i: int, numbers: range) -> bool:
        """Do the skipped numbers all turn up a little later in the run (points moved, not missing)?"""
        ahead = {e.number for e in self.entries[i + 1:i + 1 + len(numbers) + _ORDER_REACH] if not e.placeholder}
        return all(n in ahead for n in numbers)

    def _repeat(self, i: int, entry: Entry) -> None:
        earlier = self.seen[entry.number]
        self.found.append(_diagnostic(
            "numbering-repeat", entry,
            f"{self.want()} expected here, found {entry.marker} (already used on line {earlier.line})"))
        following = self._following(i)
        # 1. 2. 2. 4.: the second 2. stands for 3.; 1. 2. 2. 3.: it is one too many, and 3. is in place.
        if following is not None and following.number == self.expected + 1:
            self.expected += 1
        self.previous = entry

    def _restart(self, i: int, entry: Entry) -> None:
        if not self.lead_in(entry):
            last = self.previous.marker if self.previous else ""
            self.found.append(_diagnostic(
                "numbering-restart", entry,
                f"{self.want()} expected here, found {entry.marker} (the list restarts after {last})",
                self._renumbered(i)))
        # Reported once: the points after the restart follow it (1. 2. 3. 1. 2.), one change each.
        self.seen = {}
        self.expected = 1
        self._take(entry, 1)
