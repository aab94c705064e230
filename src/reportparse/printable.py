"""Text made safe to show: control characters escaped, file names made valid Unicode.

A document or a file name may hold escape sequences (``ESC ] 8`` hidden links, ``ESC [ 2J``
to clear the screen) that a terminal would obey; everything meant for a person to read
(the terminal view, the outline, ``--check`` lines, messages on stderr) shows them as
``\\x1b`` instead.  A file name may also hold bytes that are not UTF-8; Python carries them
as lone surrogates, which no UTF-8 output can hold, so they are written as ``\\xff``.
"""

from __future__ import annotations

import re

#: C0 controls, DEL and C1 controls: what a terminal may take as a command.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
#: The same, less the line breaks (\n, \r: lines are split at both) and the tab of text of several lines.
_CONTROL_IN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(m: re.Match[str]) -> str:
    ch = m.group()
    return _NAMED.get(ch) or f"\\x{ord(ch):02x}"


def file_name(name: str) -> str:
    """``name`` as valid Unicode: bytes that were not UTF-8 (carried as surrogates) become ``\\xNN``."""
    if name.isascii():
        return name
    try:
        raw = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate no file system gave: shown as \udXXX
        return name.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


def line(text: str) -> str:
    """``text`` for one line of a message: every control character escaped, line breaks too."""
    if text.isascii() and text.isprintable():
        return text
    return _CONTROL.sub(_escape, file_name(text))


def text(value: str) -> str:
    """``value`` for a terminal: control characters escaped, line breaks and tabs kept."""
    if value.isprintable():
        return value
    return _CONTROL_IN_TEXT.sub(_escape, value)
