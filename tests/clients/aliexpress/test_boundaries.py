"""DESIGN.md §3: the client could ship alone (import-linter enforces it too, once its contract exists)."""

from __future__ import annotations

import ast
from pathlib import Path

import aliexpress_magento.clients as clients_package

CLIENTS = Path(clients_package.__file__).resolve().parent
FORBIDDEN = ("django", "celery", "aliexpress_magento.")


def _imports(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return names


def _forbidden(name: str) -> bool:
    # Clients may import each other's modules (aliexpress_magento.clients.*), nothing else of ours.
    if name.startswith("aliexpress_magento.clients.") or name == "aliexpress_magento.clients":
        return False
    return name.startswith(FORBIDDEN) or name in ("django", "celery")


def test_clients_import_nothing_from_django_the_apps_or_the_sandbox() -> None:
    offenders = [
        f"{path.relative_to(CLIENTS)}: {name}"
        for path in sorted(CLIENTS.rglob("*.py"))
        for name in _imports(path)
        if _forbidden(name)
    ]
    assert offenders == []


def test_the_detector_sees_absolute_imports() -> None:
    # Guards the check above: a file importing Django must be reported.
    tree = ast.parse("import django.db\nfrom aliexpress_magento.sandbox import x\nfrom . import envelope\n")
    found = [
        n.module if isinstance(n, ast.ImportFrom) else n.names[0].name
        for n in ast.walk(tree)
        if isinstance(n, ast.Import) or (isinstance(n, ast.ImportFrom) and n.level == 0)
    ]
    assert found == ["django.db", "aliexpress_magento.sandbox"]
    assert [_forbidden(name) for name in (*found, "aliexpress_magento.clients.aliexpress.envelope")] == [
        True,
        True,
        False,
    ]
