"""Word's automatic numbering, rendered as Word shows it (``numbering.xml`` of a .docx).

A paragraph is numbered by its ``numPr`` (a list instance ``numId`` and a level ``ilvl``),
or by its style's, followed up the ``basedOn`` chain.  The instance points to an abstract
definition whose levels give a start, a number format (``decimal``, ``chineseCounting`` …),
a text (``%1、``, ``（%2）``, ``第%1章``) and when the level restarts.  Instances of one
abstract definition count on together, as Word counts them, unless an instance overrides a
level's start; a level restarts when a level above it (or the one its ``lvlRestart`` names)
is used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.etree import ElementTree

from ..numerals import TIANGAN_CHARS, int_to_cn

_MAIN = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(name: str) -> str:
    return f"{{{_MAIN}}}{name}"


VAL = _w("val")
_PLACE = re.compile(r"%(?P<level>[1-9])")
_FINANCIAL = "零壹贰叁肆伍陆柒捌玖"
_ZODIAC = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def _letters(n: int) -> str:
    # Word repeats the letter past z: a … z, aa … zz, aaa …
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _enclosed(n: int, base: int, count: int) -> str:
    return chr(base + n - 1) if 1 <= n <= count else str(n)


def _financial(n: int) -> str:
    return "".join(_FINANCIAL[int(d)] if d != "0" else "零" for d in str(n)) if n >= 10 else _FINANCIAL[n]


def _cycle(chars: str, n: int) -> str:
    return chars[(n - 1) % len(chars)] if n >= 1 else str(n)


def format_number(n: int, fmt: str) -> str:
    """A counter value in one of Word's number formats (the common ones; others as decimal)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand",
               "japaneseCounting", "ideographLegalTraditional"):
        return int_to_cn(n) if n > 0 else "〇"
    if fmt == "ideographDigital" or fmt == "taiwaneseDigital":
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))
    if fmt in ("chineseLegalSimplified", "japaneseLegal"):
        return _financial(n) if n < 100 else str(n)
    if fmt == "ideographTraditional":
        return _cycle(TIANGAN_CHARS, n)
    if fmt == "ideographZodiac":
        return _cycle(_ZODIAC, n)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _enclosed(n, 0x2460, 20)
    if fmt == "decimalEnclosedParen":
        return _enclosed(n, 0x2474, 20)
    if fmt == "decimalEnclosedFullstop":
        return _enclosed(n, 0x2488, 20)
    if fmt == "ideographEnclosedCircle":
        return _enclosed(n, 0x3280, 10)
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "none":
        return ""
    return str(n)


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    #: Restart after a use of this level or any above (0-based), None: after any level above.
    restart: int | None = None
    legal: bool = False
    suffix: str = "tab"


@dataclass
class _Instance:
    abstract: str
    levels: dict[int, Level]
    #: Levels whose start this instance overrides, not yet applied.
    overrides: dict[int, int] = field(default_factory=dict)


def _int(element: ElementTree.Element | None, default: int) -> int:
    if element is None:
        return default
    try:
        return int(element.get(VAL, default))
    except ValueError:
        return default


def _level(lvl: ElementTree.Element, base: Level | None = None) -> Level:
    level = Level(**vars(base)) if base is not None else Level()
    start, fmt, text = lvl.find(_w("start")), lvl.find(_w("numFmt")), lvl.find(_w("lvlText"))
    restart, legal, suffix = lvl.find(_w("lvlRestart")), lvl.find(_w("isLgl")), lvl.find(_w("suff"))
    if start is not None:
        level.start = _int(start, 1)
    if fmt is not None:
        level.fmt = fmt.get(VAL, "decimal")
    if text is not None:
        level.text = text.get(VAL, "")
    if restart is not None:
        value = _int(restart, 1)
        level.restart = value - 1 if value > 0 else -1  # 0: never restarts
    if legal is not None:
        level.legal = legal.get(VAL, "true") not in ("false", "0", "off")
    if suffix is not None:
        level.suffix = suffix.get(VAL, "tab")
    return level


def _ilvl(element: ElementTree.Element) -> int:
    text = element.get(_w("ilvl"), "0")
    return int(text) if text.isdigit() else 0


def _levels(abstract: ElementTree.Element) -> dict[int, Level]:
    return {_ilvl(lvl): _level(lvl) for lvl in abstract.iter(_w("lvl"))}


class Numbering:
    """The numbering definitions and styles of one document, and the counters as it is read."""

    def __init__(self, numbering: ElementTree.Element | None, styles: ElementTree.Element | None) -> None:
        self._instances: dict[str, _Instance] = {}
        self._counters: dict[str, dict[int, int]] = {}
        self._styles: dict[str, tuple[str | None, str | None, int | None]] = {}
        if numbering is not None:
            self._read_numbering(numbering)
        if styles is not None:
            self._read_styles(styles)

    def _read_numbering(self, numbering: ElementTree.Element) -> None:
        abstracts = {a.get(_w("abstractNumId"), ""): _levels(a) for a in numbering.iter(_w("abstractNum"))}
        for num in numbering.iter(_w("num")):
            ref = num.find(_w("abstractNumId"))
            abstract = ref.get(VAL, "") if ref is not None else ""
            levels = dict(abstracts.get(abstract, {}))
            instance = _Instance(abstract, levels)
            for override in num.iter(_w("lvlOverride")):
                ilvl = _ilvl(override)
                start = override.find(_w("startOverride"))
                lvl = override.find(_w("lvl"))
                if lvl is not None:
                    levels[ilvl] = _level(lvl, levels.get(ilvl))
                if start is not None:
                    instance.overrides[ilvl] = _int(start, 1)
            self._instances[num.get(_w("numId"), "")] = instance

    def _read_styles(self, styles: ElementTree.Element) -> None:
        for style in styles.iter(_w("style")):
            based = style.find(_w("basedOn"))
            num_id, ilvl = _num_pr(style.find(_w("pPr")))
            self._styles[style.get(_w("styleId"), "")] = (
                based.get(VAL) if based is not None else None, num_id, ilvl,
            )

    def _style_numbering(self, style: str | None) -> tuple[str | None, int | None]:
        seen: set[str] = set()
        while style is not None and style not in seen and style in self._styles:
            seen.add(style)
            based, num_id, ilvl = self._styles[style]
            if num_id is not None:
                return num_id, ilvl
            style = based
        return None, None

    def label(self, paragraph: ElementTree.Element) -> str:
        """The number Word shows before this paragraph, with what follows it ('' for none);
        counting it, so paragraphs must be asked in document order."""
        ppr = paragraph.find(_w("pPr"))
        num_id, ilvl = _num_pr(ppr)
        if num_id is None:
            style = ppr.find(_w("pStyle")) if ppr is not None else None
            num_id, style_ilvl = self._style_numbering(style.get(VAL) if style is not None else None)
            ilvl = ilvl if ilvl is not None else style_ilvl
        instance = self._instances.get(num_id or "")
        if instance is None:  # numId 0 (numbering removed) or a dangling reference
            return ""
        level = instance.levels.get(ilvl or 0)
        if level is None:
            return ""
        return self._render(instance, ilvl or 0, level)

    def _render(self, instance: _Instance, ilvl: int, level: Level) -> str:
        counters = self._counters.setdefault(instance.abstract, {})
        if ilvl in instance.overrides:
            counters[ilvl] = instance.overrides.pop(ilvl) - 1
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else level.start
        for deeper in [k for k in counters if k > ilvl]:
            restart = instance.levels[deeper].restart if deeper in instance.levels else None
            if restart is None or (restart >= 0 and ilvl <= restart):
                del counters[deeper]

        def value(match: re.Match[str]) -> str:
            at = int(match["level"]) - 1
            shown = instance.levels.get(at, Level())
            n = counters.get(at, shown.start)
            return format_number(n, "decimal" if level.legal and shown.fmt != "none" else shown.fmt)

        text = _PLACE.sub(value, level.text)
        if not text:
            return ""
        # What separates the number from the text: Word's tab stop looks like white space, and
        # the parser reads a marker followed by white space as one.
        return text + {"tab": "\t", "space": " "}.get(level.suffix, "")


def _num_pr(ppr: ElementTree.Element | None) -> tuple[str | None, int | None]:
    if ppr is None:
        return None, None
    num_pr = ppr.find(_w("numPr"))
    if num_pr is None:
        return None, None
    num_id, ilvl = num_pr.find(_w("numId")), num_pr.find(_w("ilvl"))
    return (num_id.get(VAL) if num_id is not None else None), (_int(ilvl, 0) if ilvl is not None else None)
