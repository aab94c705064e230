"""Reading the numbers that markers are written with.

Chinese numerals come in the everyday form (一二三, 十, 百), the financial form
used in 公文 and Taiwan documents (壹貳參, 拾, 佰) in both scripts, and the
counting form with 〇/零 as a place holder (一百零五).  Arabic digits may be
full-width.  Everything here returns ``None`` for a string that is not a
well-formed number, so a caller can treat "not a number" as "not a marker".
"""

from __future__ import annotations

from functools import lru_cache

_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0, "Ｏ": 0,
    "一": 1, "壹": 1, "弌": 1,
    "二": 2, "两": 2, "兩": 2, "贰": 2, "貳": 2, "弍": 2,
    "三": 3, "叁": 3, "參": 3, "叄": 3, "弎": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}
_UNITS: dict[str, int] = {"十": 10, "拾": 10, "什": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}

#: Every character that may appear in a Chinese numeral, for building patterns.
CN_NUMERAL_CHARS = "".join(sorted(set(_DIGITS) | set(_UNITS)))
#: The characters only the financial (大写) form uses.
FINANCIAL_CHARS = "壹贰貳叁參叄肆伍陆陸柒捌玖拾佰仟"

_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


#: The groups of four places: 三千五百万, 十二亿.
_GROUPS: dict[str, int] = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}


def cn_value(text: str, strict: bool = True) -> float | None:
    """Value of a Chinese numeral; ``None`` if it is not one.

    Strict, as a marker is written (``二十三``, ``一百零五``, ``貳拾``): every digit has its
    place, 〇 stands only between two places, the places go down.  Not strict, every form a
    figure is written in running text: see :func:`figure_value`.
    """
    if not strict:
        return figure_value(text)
    if not text:
        return None
    section = 0
    digit: int | None = None  # a digit waiting for its place
    last_unit = 10**9
    zero_seen = False
    for ch in text:
        value = _DIGITS.get(ch)
        if value is not None:
            if value == 0:
                if digit is not None or section == 0 or zero_seen:
                    return None  # a leading or doubled 〇 is no place holder
                zero_seen = True
            elif digit is not None:
                return None  # 一二 is not a numeral, 二十三 is
            else:
                digit = value
            continue
        unit = _UNITS.get(ch)
        if unit is None or unit >= last_unit or (digit is None and section != 0 and not zero_seen):
            return None  # 十百, 百十: the places must go down, each with its digit
        zero_seen = False
        last_unit = unit
        section += (digit if digit is not None else 1) * unit
        digit = None
    if zero_seen and digit is None:
        return None
    return section + (digit or 0)


#: Full-width digits and points, the Chinese decimal point, to what ``float`` reads.
_PLAIN = str.maketrans("０１２３４５６７８９．点點", "0123456789...")
_ARABIC = frozenset("0123456789")
_DIGIT_CHARS = frozenset(_DIGITS)


@lru_cache(maxsize=4096)
def figure_value(text: str) -> float | None:
    """The value of a figure as running text writes it; ``None`` if it is not one.

    Every form people write reads here, so that a date, a quantity and a marker agree on
    what a number is: Arabic (``1,234.5``, full-width too), Chinese with its places and
    groups in either script (``三千五百万``, ``貳拾參``, ``兩萬``), digit by digit (``二〇二三``),
    mixed (``1万6千``, ``1亿3千万``, ``4万亿``), with a decimal point (``二十三点四``,
    ``23.4万``) and shortened (``一百一`` 110, ``一千二`` 1200, ``一万五`` 15000).
    The same few figures recur through a document (years, 十, 三十): their values are kept.
    """
    if not text:
        return None
    if text[0].isdigit() and text[-1].isdigit():
        try:
            return float(text)  # most figures: digits, full-width too
        except ValueError:
            pass
    plain = text.translate(_PLAIN)
    if plain[0] in _ARABIC and plain[-1] in _ARABIC and _is_arabic(plain):
        return float(plain.replace(",", ""))
    if len(plain) > 1 and _DIGIT_CHARS.issuperset(plain):
        return float("".join(str(_DIGITS[ch]) for ch in plain))  # 二〇二三: digit by digit, as years are
    point = plain.find(".")
    if point > 0 and plain[point - 1] not in _ARABIC:
        return _decimal(plain, point)
    return _places(plain)


def _is_arabic(plain: str) -> bool:
    head, _, tail = plain.partition(".")
    groups = head.split(",")
    if not all(g.isascii() and g.isdigit() for g in groups) or any(len(g) != 3 for g in groups[1:]):
        return False
    return not tail or (tail.isascii() and tail.isdigit())


def _decimal(plain: str, point: int) -> float | None:
    """二十三点四万: the whole part, the digits after the point one by one, then the groups."""
    whole = _places(plain[:point]) if point else 0.0
    rest = plain[point + 1:]
    cut = len(rest.rstrip("万萬亿億"))
    fraction = [_DIGITS.get(ch) if ch not in _ARABIC else int(ch) for ch in rest[:cut]]
    if whole is None or not fraction or None in fraction:
        return None
    digits = "".join(str(d) for d in fraction)
    # From the written digits, so that 二十三点四 is 23.4 and not 23.400000000000002.
    value = float(f"{int(whole)}.{digits}") if whole.is_integer() else whole + float("0." + digits)
    for ch in rest[cut:]:
        value *= _GROUPS[ch]
    return value


def _places(plain: str) -> float | None:
    """A numeral with places and groups (``1亿3千万``, ``一百零五``, ``一万五``), Arabic parts allowed."""
    total = 0.0  # the groups closed by 万 or 亿
    section = 0.0  # the current group: thousands, hundreds, tens
    pending: float | None = None  # a number waiting for its place
    last_place = 0  # the place or group written last, for the shortened forms (一百一 is 110)
    zero_after = False  # 一百零一 is 101, not 110
    i, n = 0, len(plain)
    while i < n:
        ch = plain[i]
        if ch in _ARABIC:
            j = i
            while j < n and (plain[j] in _ARABIC or plain[j] in ".,"):
                j += 1
            if pending is not None or not _is_arabic(plain[i:j]):
                return None
            pending, i = float(plain[i:j].replace(",", "")), j
            continue
        i += 1
        digit = _DIGITS.get(ch)
        if digit is not None:
            if digit == 0:
                if pending is not None:
                    return None
                zero_after = True
                continue
            if pending is not None:
                return None  # 二三 inside a numeral with places: a range (二三十), not a figure
            pending = float(digit)
            continue
        place = _UNITS.get(ch) or _GROUPS.get(ch)
        if place is None:
            return None
        if place < 10_000:
            section += (1.0 if pending is None else pending) * place
        elif pending is None and section == 0:
            if total == 0:
                return None  # 万一, 亿万: a group with nothing to multiply
            total *= place  # 4万亿, 六万万: a group right after a group multiplies it
        elif place > 10_000:
            total = (total + section + (pending or 0)) * place  # 3万5千亿: all written before counts in 亿
            section = 0
        else:
            total, section = total + (section + (pending or 0)) * place, 0
        pending, last_place, zero_after = None, place, False
    if pending is not None and pending < 10 and pending.is_integer() and last_place >= 100 and not zero_after:
        pending *= last_place / 10  # 一千二, 一万五: the digit takes the place below the last one
    return total + section + (pending or 0)


def cn_to_int(text: str) -> int | None:
    """Value of a Chinese numeral as a marker writes it (``二十三``, ``一百零五``); ``None`` if malformed."""
    value = cn_value(text)
    return None if value is None else int(value)


def digit_value(ch: str) -> int | None:
    """The value of one numeral character (一 1, 貳 2, 〇 0); ``None`` for a place (十) or anything else."""
    return _DIGITS.get(ch)


def arabic_to_int(text: str) -> int | None:
    """Value of ASCII or full-width digits; ``None`` if not all digits."""
    plain = text.translate(_FULLWIDTH_DIGITS)
    if not plain.isascii() or not plain.isdigit():
        return None
    return int(plain)


def to_int(text: str) -> int | None:
    """Value of a marker's number in either script."""
    if not text:
        return None
    if text[0].isdigit():
        return arabic_to_int(text)
    return cn_to_int(text)


_CIRCLED_BASES = (
    (0x2460, 20),  # ① … ⑳
    (0x2474, 20),  # ⑴ … ⒇
    (0x2488, 20),  # ⒈ … ⒛
    (0x3220, 10),  # ㈠ … ㈩
    (0x2776, 10),  # ❶ … ❿
    (0x2780, 10),  # ➀ … ➉
    (0x278A, 10),  # ➊ … ➓
)


def enclosed_to_int(ch: str) -> int | None:
    """Value of a single enclosed numeral character (①, ⑴, ㈠ …)."""
    code = ord(ch)
    for base, count in _CIRCLED_BASES:
        if base <= code < base + count:
            return code - base + 1
    return None


#: The ten heavenly stems (天干), numbering the parts of older 公文 and of minutes: 甲 1 … 癸 10.
TIANGAN_CHARS = "甲乙丙丁戊己庚辛壬癸"


def tiangan_to_int(text: str) -> int | None:
    """Value of a heavenly stem used as a numeral (甲 1, 乙 2 … 癸 10); ``None`` for anything else."""
    at = TIANGAN_CHARS.find(text) if len(text) == 1 else -1
    return at + 1 if at >= 0 else None


def int_to_cn(value: int) -> str:
    """Everyday Chinese numeral for 0 < value < 10000, as used in messages."""
    if value <= 0 or value >= 10000:
        return str(value)
    digits = "零一二三四五六七八九"
    parts: list[str] = []
    units = ((1000, "千"), (100, "百"), (10, "十"), (1, ""))
    zero_pending = False
    for unit, name in units:
        d, value = divmod(value, unit)
        if d:
            if zero_pending and parts:
                parts.append("零")
            parts.append(digits[d] + name)
            zero_pending = False
        elif parts:
            zero_pending = True
    text = "".join(parts)
    return text[1:] if text.startswith("一十") else text
