"""Traditional/simplified conversion of the output with OpenCC.

Only the text fields change (title, text, the document title); markers, line
numbers and spans still describe the source as written, so a consumer can go
back to it.  All fields of a document are converted in one OpenCC call, joined
by a private-use character that no dictionary phrase contains.
"""

from __future__ import annotations

import copy
from typing import Any

from .model import Document

CONFIGS = ("t2s", "s2t", "s2tw", "tw2s", "s2hk", "hk2s", "s2twp", "tw2sp")
_SEP = "\ue000"


def convert(doc: Document, config: str) -> Document:
    """A copy of ``doc`` whose text fields are converted with the OpenCC ``config``."""
    if config not in CONFIGS:
        raise ValueError(f"unknown conversion {config!r} (one of {', '.join(CONFIGS)})")
    import opencc

    out = copy.deepcopy(doc)
    fields: list[tuple[Any, str]] = []
    if out.title is not None:
        fields.append((out.title, "text"))
    for node in out.walk():
        fields.append((node, "text"))
        if node.title:
            fields.append((node, "title"))
    if not fields:
        return out
    joined = _SEP.join(getattr(obj, name).replace(_SEP, " ") for obj, name in fields)
    converted = opencc.OpenCC(config).convert(joined).split(_SEP)
    if len(converted) != len(fields):  # pragma: no cover - a dictionary phrase never spans the separator
        converted = [opencc.OpenCC(config).convert(getattr(obj, name)) for obj, name in fields]
    for (obj, name), value in zip(fields, converted, strict=True):
        setattr(obj, name, value)
    return out
