"""Start-up stays lean: what a JSON run of a text file imports, and what importing the pipeline compiles.

These check what is loaded, never how long it takes: a timing would fail on a busy machine and pass a
slow change on a fast one (``benchmarks/bench.py --startup-only`` measures the time).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .conftest import SAMPLES

#: Loaded only on the path that needs them: other output formats, other input formats, many inputs,
#: --convert, --diff, --check --fix, --schema; and the libraries of those paths.
_NOT_FOR_JSON_OF_TEXT = (
    "reportparse.render.terminal", "reportparse.render.markdown", "reportparse.render.csv",
    "reportparse.render.outline", "reportparse.render.chunks", "reportparse.render.parquet",
    "reportparse.render.diff", "reportparse.formats.docx", "reportparse.formats.html", "reportparse.formats.pdf",
    "reportparse.formats.wordnum", "reportparse.formats.defuse", "reportparse.formats.charset",
    "reportparse.cluster", "reportparse.workers", "reportparse.convert", "reportparse.hanzi", "reportparse.diff",
    "reportparse.versions", "reportparse.fixes", "reportparse.schema",
    "rich", "opencc", "regex", "pyarrow", "dask", "distributed", "fsspec", "pypdfium2",
    "multiprocessing", "concurrent.futures", "xml.etree.ElementTree", "html.parser",
)

_RUN_AND_LIST_MODULES = """
import json, sys
listing = sys.argv[2]
sys.argv = ["reportparse", sys.argv[1], "--json"]
from reportparse.cli import main
try:
    main()
except SystemExit as exc:
    code = exc.code
with open(listing, "w", encoding="utf-8") as out:
    json.dump({"code": code, "modules": sorted(sys.modules)}, out)
"""

_IMPORT_AND_LIST_COMPILED = """
import importlib, json, pkgutil, sys
import reportparse
from reportparse import cli, parser  # what a run imports before its first parse
compiled, lazy = [], 0
for name, module in list(sys.modules.items()):
    if not name.startswith("reportparse"):
        continue
    for attr, value in vars(module).items():
        wrapped = getattr(value, "__wrapped__", None)
        if getattr(wrapped, "__qualname__", "") == "on_first_use.<locals>.pattern":
            lazy += 1
            if value.cache_info().currsize:
                compiled.append(f"{name}.{attr}")
print(json.dumps({"lazy": lazy, "compiled": compiled}))
"""


def _smallest_text() -> Path:
    """The file the start-up benchmark times: the smallest text of the samples in UTF-8 (one in
    another encoding takes the detection of encodings too)."""

    def utf8(path: Path) -> bool:
        try:
            path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            return False
        return True

    return min(filter(utf8, SAMPLES.glob("*.txt")), key=lambda p: p.stat().st_size)


def test_json_of_a_text_file_imports_no_renderer_reader_or_batch_machinery(tmp_path: Path) -> None:
    listing = tmp_path / "modules.json"
    subprocess.run([sys.executable, "-c", _RUN_AND_LIST_MODULES, str(_smallest_text()), str(listing)],
                   check=True, capture_output=True, timeout=120)
    run = json.loads(listing.read_text(encoding="utf-8"))
    assert run["code"] in (0, None)
    loaded = set(run["modules"])
    assert "reportparse.parser" in loaded and "reportparse.render.json" in loaded  # it did parse and write
    assert sorted(loaded.intersection(_NOT_FOR_JSON_OF_TEXT)) == []


def test_importing_the_pipeline_compiles_none_of_the_patterns_made_on_first_use() -> None:
    proc = subprocess.run([sys.executable, "-c", _IMPORT_AND_LIST_COMPILED], check=True, capture_output=True,
                          text=True, timeout=120)
    found = json.loads(proc.stdout)
    assert found["lazy"] >= 20  # the test looks where they are
    assert found["compiled"] == []
