"""The code layout keeps its promises: layers import downwards only, modules stay short.

``transforms/`` (pure functions on text) and ``warehouse/`` (schemas, Parquet, DuckDB) are the
bottom layers: they must load without the stages' I/O (``newsetl/``) or the flow (``flows/``).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BOTTOM = ("transforms", "warehouse")
"""Packages that must not import from the layers above them."""
ABOVE = ("newsetl", "flows")
"""The layers above: the stages' I/O, the command line and the Prefect flow."""
PACKAGES = ("transforms", "warehouse", "newsetl", "flows")
MAX_MODULE_LINES = 450
"""A module longer than this is a package in hiding (the layout issue's limit)."""


def _modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def _dotted(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(path: Path) -> set[str]:
    """Every module an ``import`` statement of ``path`` names, at any depth of the code."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def test_the_bottom_layers_name_nothing_above_them():
    offenders = [f"{path.relative_to(ROOT)} imports {name}"
                 for package in BOTTOM for path in _modules(package)
                 for name in sorted(_imported(path)) if name.split(".")[0] in ABOVE]
    assert offenders == []


def test_every_bottom_module_loads_without_newsetl_or_flows():
    modules = [_dotted(p) for package in BOTTOM for p in _modules(package)]
    code = ("import importlib, sys\n"
            f"for name in {modules!r}: importlib.import_module(name)\n"
            f"print(sorted(m for m in sys.modules if m.split('.')[0] in {ABOVE!r}))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True)
    assert len(modules) > 20  # the walk found the packages, not an empty folder
    assert out.stdout.strip() == "[]"


def test_no_module_is_over_the_line_limit():
    lengths = {p.relative_to(ROOT): len(p.read_text().splitlines())
               for package in PACKAGES for p in _modules(package)}
    assert len(lengths) > 40
    assert {p: n for p, n in lengths.items() if n > MAX_MODULE_LINES} == {}
