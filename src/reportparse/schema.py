"""The JSON Schema of the output: schema.json, with what the code defines filled in from the code.

The style enum comes from the style table of :mod:`.markers`, so a new numbering style is in the
schema as soon as it is a row of the table; the kinds of set-aside blocks come from the model and
the input formats from the readers of :mod:`.formats`.
"""

from __future__ import annotations

import json
from typing import Any


def schema() -> dict[str, Any]:
    """The JSON Schema of a document (and of an error record of a batch)."""
    from importlib.resources import files

    from .formats import NAMES
    from .markers import STYLES
    from .model import PARAGRAPH, SET_ASIDE

    data: dict[str, Any] = json.loads(files("reportparse").joinpath("schema.json").read_text(encoding="utf-8"))
    data["$defs"]["numbered"]["properties"]["style"]["enum"] = list(STYLES)
    kinds = data["$defs"]["block"]["properties"]["kind"]
    kinds["enum"] = [PARAGRAPH, *(k for k in kinds["enum"] if k in SET_ASIDE), *sorted(SET_ASIDE - set(kinds["enum"]))]
    data["$defs"]["document"]["properties"]["source"]["properties"]["format"]["enum"] = list(NAMES)
    return data


def schema_text() -> str:
    return json.dumps(schema(), ensure_ascii=False, indent=2) + "\n"
