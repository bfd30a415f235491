"""The sandbox imports only the standard library, Werkzeug, jsonschema, Pillow and itself (DESIGN.md §3)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

SANDBOX = Path(__file__).resolve().parents[2] / "aliexpress_magento" / "sandbox"
ALLOWED = {"werkzeug", "jsonschema", "PIL", "_typeshed"}


def imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            roots |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module)
    return roots


def test_the_sandbox_imports_nothing_from_django_the_apps_or_the_clients() -> None:
    offenders = []
    for path in SANDBOX.rglob("*.py"):
        for module in imported_roots(path):
            top = module.split(".")[0]
            inside = module.startswith("aliexpress_magento.sandbox")
            if not (inside or top in ALLOWED or top in sys.stdlib_module_names or top == "__future__"):
                offenders.append(f"{path.relative_to(SANDBOX)}: {module}")
    assert offenders == []


def test_the_checker_sees_a_forbidden_import(tmp_path: Path) -> None:
    sample = tmp_path / "bad.py"
    sample.write_text("from aliexpress_magento.clients.aliexpress import x\nimport django\n")
    assert imported_roots(sample) == {"aliexpress_magento.clients.aliexpress", "django"}
