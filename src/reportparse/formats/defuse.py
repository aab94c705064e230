"""Markup made safe for :class:`html.parser.HTMLParser`, in one linear pass.

On input that ends in an unterminated tag, comment or declaration the standard library's
tokeniser rescans from each one (``<!--`` repeated 40 000 times takes 23 s on Python 3.11), and
``<![`` before a non-name raises; comments, declarations, processing instructions and raw-text
elements (scripts, styles) are taken out before it sees the page.
"""

from __future__ import annotations

import re

#: The constructs taken out before tokenising: comments, declarations and processing instructions
#: (no text), and the elements whose content is raw text no browser shows.
_SPECIAL = re.compile(
    r"<(?:(?P<comment>!--)|(?P<bogus>[!?]|/(?![A-Za-z]))"
    r"|(?P<raw>script|style|title|noscript|iframe|noembed|noframes)(?=[\s/>]))",
    re.IGNORECASE,
)
_RAW_END = {name: re.compile(f"</{name}(?=[\\s/>])", re.IGNORECASE)
            for name in ("script", "style", "title", "noscript", "iframe", "noembed", "noframes")}
_TAG_OPEN = re.compile(r"<[A-Za-z/]")
ANY_TAG = re.compile(r"<[A-Za-z/][^>]*>")


def defuse(text: str) -> str:
    """``text`` without comments, declarations and raw-text elements, and cut where a browser's
    tokeniser would run to the end of the input (an unclosed comment, script or tag).

    Then every ``<`` html.parser sees as markup has a ``>`` after it, which keeps its
    end-of-input path (a scan to the end from each unterminated construct) from running.
    Each character is looked at a bounded number of times: finds start where the last ended.
    """
    pieces: list[str] = []
    pos = 0
    cut = len(text)
    for m in _SPECIAL.finditer(text):
        start = m.start()
        if start < pos:
            continue  # inside a construct already taken out
        end = _special_end(text, m)
        pieces.append(text[pos:start])
        if end == start:
            pieces.append("&lt;/")
            pos = len(text)
            break
        if end < 0:
            cut = start
            pos = len(text)
            break
        pos = end
    pieces.append(text[pos:cut])
    out = "".join(pieces)
    last = out.rfind(">")
    dangling = _TAG_OPEN.search(out, last + 1)
    return out[:dangling.start()] if dangling else out


def _special_end(text: str, m: re.Match[str]) -> int:
    """Where the construct ``m`` opens ends, or -1 when it runs to the end of the input."""
    start = m.start()
    if m.group("comment"):
        # <!--> and <!---> are empty comments to a browser.
        if text.startswith(">", start + 4):
            return start + 5
        if text.startswith("->", start + 4):
            return start + 6
        close = text.find("-->", start + 4)
        return close + 3 if close >= 0 else -1
    if m.group("bogus"):
        if m.group() == "</" and start + 2 == len(text):
            return start  # "</" that ends the input is text to a browser
        close = text.find(">", start + 2)
        return close + 1 if close >= 0 else -1
    name = m.group("raw").lower()
    open_end = text.find(">", m.end())
    if open_end < 0:
        return -1
    closing = _RAW_END[name].search(text, open_end + 1)
    if closing is None:
        return -1
    close = text.find(">", closing.end())
    return close + 1 if close >= 0 else -1
