"""Patterns compiled the first time they are used, not when their module is imported.

``re`` compiles a pattern in Python, and a pattern of Chinese character classes takes a good part
of a millisecond: the command's start-up is mostly such compiling.  A pattern that only some
documents need (a line of web-page junk, a front matter block, a closing formula) is made with
:func:`on_first_use`, so that a document without such lines does not pay for it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache


def on_first_use(source: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A function that gives ``re.compile(source, flags)``, compiled at its first call."""

    @cache
    def pattern() -> re.Pattern[str]:
        return re.compile(source, flags)

    return pattern
