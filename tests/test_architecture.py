"""The layers stay honest: pure packages import no Qt or SQLAlchemy; screens never touch storage."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parent.parent / "app"
PURE = ("core", "payroll", "timesheets")
FORBIDDEN_IN_PURE = ("PySide6", "sqlalchemy", "alembic", "app.models", "app.storage", "app.services", "app.ui")
FORBIDDEN_IN_UI = ("app.models", "app.storage.database", "sqlalchemy")


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def offenders(folder: Path, forbidden: tuple[str, ...]) -> list[str]:
    bad = []
    for path in sorted(folder.rglob("*.py")):
        for name in imports_of(path):
            if any(name == f or name.startswith(f + ".") for f in forbidden):
                bad.append(f"{path.name} imports {name}")
    return bad


@pytest.mark.parametrize("package", PURE)
def test_pure_packages_import_no_qt_or_storage(package: str) -> None:
    assert offenders(APP / package, FORBIDDEN_IN_PURE) == []


def test_ui_never_imports_storage_models() -> None:
    assert offenders(APP / "ui", FORBIDDEN_IN_UI) == []


def test_models_hold_no_qt() -> None:
    assert offenders(APP / "models", ("PySide6", "app.ui", "app.services")) == []


@pytest.mark.parametrize("library, home", [("keyring", "keystore.py"), ("sqlite3", "cipher.py"),
                                           ("sqlcipher3", "cipher.py")])
def test_keys_and_raw_database_connections_live_in_one_module_each(library: str, home: str) -> None:
    """The keyring is used in one module; every raw connection (and so every key) goes through cipher.py."""
    users = sorted(path.name for path in APP.rglob("*.py") if any(
        name == library or name.startswith(library + ".") for name in imports_of(path)))
    assert users == [home]


def test_the_checker_catches_a_forbidden_import(tmp_path: Path) -> None:
    (tmp_path / "bad.py").write_text("from PySide6.QtWidgets import QWidget\nimport sqlalchemy.orm\n")
    assert len(offenders(tmp_path, FORBIDDEN_IN_PURE)) == 2


def test_no_float_in_money_code() -> None:
    """Money and hours are never float: no float() calls or float annotations in the pure core."""
    bad = []
    for package in PURE:
        for path in (APP / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Name) and node.id == "float":
                    bad.append(f"{path.name}:{node.lineno}")
    assert bad == []
