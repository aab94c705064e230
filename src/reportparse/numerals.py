"""Reading the numbers that markers are written with.

Chinese numerals come in the everyday form (一二三, 十, 百), the financial form
used in 公文 and Taiwan documents (壹貳參, 拾, 佰) in both scripts, and the
counting form with 〇/零 as a place holder (一百零五).  Arabic digits may be
full-width.  Everything here returns ``None`` for a string that is not a
well-formed number, so a caller can treat "not a number" as "not a marker".
"""

from __future__ import annotations

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
    place, 〇 stands only between two places, the places go down.  Not strict, as figures and
    years are written in running text: digits may follow one another (``二〇二三``), and
    ``万``/``亿`` group the places (``三千五百万``, ``十二亿``).
    """
    if not text:
        return None
    total = 0.0  # the groups closed by 万 or 亿 (not strict)
    section = 0  # the current group: thousands, hundreds, tens
    digit: int | None = None  # a digit waiting for its place
    last_unit = 10**9
    zero_seen = False
    for ch in text:
        value = _DIGITS.get(ch)
        if value is not None:
            if not strict:
                digit = value if digit is None else digit * 10 + value
            elif value == 0:
                if digit is not None or section == 0 or zero_seen:
                    return None  # a leading or doubled 〇 is no place holder
                zero_seen = True
            elif digit is not None:
                return None  # 一二 is not a numeral, 二十三 is
            else:
                digit = value
            continue
        unit = _UNITS.get(ch)
        if unit is not None:
            if strict:
                if unit >= last_unit or (digit is None and section != 0 and not zero_seen):
                    return None  # 十百, 百十: the places must go down, each with its digit
                zero_seen = False
                last_unit = unit
            section += (digit if digit is not None else 1) * unit
            digit = None
            continue
        group = _GROUPS.get(ch)
        if group is None or strict:
            return None
        section += digit or 0
        total = (total + section) * group if group > 10_000 else total + section * group
        section, digit = 0, None
    if strict and zero_seen and digit is None:
        return None
    return total + section + (digit or 0)


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
