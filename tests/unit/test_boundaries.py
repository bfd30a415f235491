"""DESIGN.md §3 rules that import-linter cannot see."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "aliexpress_magento"


def _python_files() -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts]


def _reads_environment(node: ast.AST) -> bool:
    """os.environ[...], os.environ.get(...), os.getenv(...); setdefault of the settings module is fine."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        target = node.func
        if target.attr == "getenv":
            return True
        if isinstance(target.value, ast.Attribute) and target.value.attr == "environ":
            return target.attr != "setdefault"
    return (
        isinstance(node, ast.Subscript)
        and isinstance(node.value, ast.Attribute)
        and (node.value.attr == "environ")
    )


def test_only_settings_reads_the_environment() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)}:{node.lineno}"
        for path in _python_files()
        if path.name != "settings.py"
        for node in ast.walk(ast.parse(path.read_text()))
        if _reads_environment(node)
    ]
    assert offenders == []


def test_settings_does_read_the_environment() -> None:
    # Guards the check above: the detector must see settings.py's own reads.
    tree = ast.parse((PACKAGE / "settings.py").read_text())
    assert any(_reads_environment(node) for node in ast.walk(tree))


def test_no_django_signals() -> None:
    forbidden = ("django.dispatch", "django.db.models.signals")
    offenders = []
    for path in _python_files():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(forbidden):
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert offenders == []
