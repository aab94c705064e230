"""reportparse: the numbered structure of Chinese reports, notices, regulations and laws."""

from __future__ import annotations

from .model import Diagnostic, Document, Node, Source, Title
from .parser import parse, parse_bytes, parse_file
from .source import DecodeError

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
