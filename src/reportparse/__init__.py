"""reportparse: the numbered structure of Chinese reports, notices, regulations and laws.

The names below are imported on first use, so that ``reportparse --version`` and
the start-up of the command line pay only for what they use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "DecodeError",
    "Diagnostic",
    "Document",
    "Node",
    "Source",
    "Title",
    "__version__",
    "parse",
    "parse_bytes",
    "parse_file",
]

if TYPE_CHECKING:
    from .model import Diagnostic, Document, Node, Source, Title
    from .parser import parse, parse_bytes, parse_file
    from .source import DecodeError

_WHERE = {
    "DecodeError": "source",
    "Diagnostic": "model",
    "Document": "model",
    "Node": "model",
    "Source": "model",
    "Title": "model",
    "parse": "parser",
    "parse_bytes": "parser",
    "parse_file": "parser",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'reportparse' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
