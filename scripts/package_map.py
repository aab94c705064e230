#!/usr/bin/env python3
"""The package as a map: each module's length, its longest function, and the imports between modules.

    python scripts/package_map.py          # modules, longest functions, import graph, cycles
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "reportparse"


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, name: str) -> set[str]:
    """The package's modules this module imports (at run time: not under TYPE_CHECKING)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]

    def visit(node: ast.AST, typing_only: bool) -> None:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                visit(child, True)
            for child in node.orelse:
                visit(child, typing_only)
            return
        if not typing_only and isinstance(node, ast.ImportFrom) and node.level:
            base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
            target = f"{base}.{node.module}" if node.module else base
            for alias in node.names:
                candidate = f"{target}.{alias.name}"
                found.add(candidate if (PACKAGE.parent / candidate.replace(".", "/")).with_suffix(".py").exists()
                          else target)
        for child in ast.iter_child_nodes(node):
            visit(child, typing_only)

    visit(tree, False)
    found.discard(name)
    return found


def main() -> int:
    if sys.argv[1:] in (["-h"], ["--help"]):
        print(__doc__)
        return 0
    modules = {_module(p): p for p in sorted(PACKAGE.rglob("*.py"))}
    graph = {name: _imports(path, name) & modules.keys() for name, path in modules.items()}
    print(f"{'module':32} {'lines':>5}  longest function")
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        functions = [(n.end_lineno - n.lineno + 1, n.name) for n in ast.walk(tree)
                     if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.end_lineno]
        longest = max(functions, default=(0, "-"))
        lines = len(path.read_text(encoding="utf-8").splitlines())
        print(f"{name:32} {lines:5}  {longest[1]} ({longest[0]})")
    print("\nimports (at run time):")
    for name, targets in graph.items():
        if targets:
            print(f"  {name} -> {', '.join(sorted(t.removeprefix('reportparse.') for t in targets))}")
    cycles: list[list[str]] = []

    def dfs(node: str, path: list[str]) -> None:
        for nxt in graph[node]:
            if nxt in path:
                cycle = [*path[path.index(nxt):], nxt]
                if min(cycle[:-1]) == cycle[0]:
                    cycles.append(cycle)
            elif len(path) < 30:
                dfs(nxt, [*path, nxt])

    for name in graph:
        dfs(name, [name])
    print("\ncycles:", "none" if not cycles else "")
    for cycle in cycles:
        print("  " + " -> ".join(cycle))
    return 1 if cycles else 0


if __name__ == "__main__":
    sys.exit(main())
