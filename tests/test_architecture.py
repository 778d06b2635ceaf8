"""The layers stay honest: pure packages import no Qt, SQLAlchemy or clock; the screens and the command line
import services and reports only; services never import screens; every write goes through the runner."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parent.parent / "app"
PURE = ("core", "payroll", "timesheets", "rti", "money", "returns")
FORBIDDEN_IN_PURE = ("PySide6", "sqlalchemy", "alembic", "app.models", "app.storage", "app.services", "app.ui",
                     "app.clock", "app.paths")
# What the shells (screens, command line) may use of PA Books: its services and reports, and the app's own
# housekeeping (its version, where its files live, the local error log).
COMMAND_LINE = sorted(APP.glob("cli*.py"))  # cli.py and its parts: cli_pay.py, cli_rti.py...
SHELL_MAY_IMPORT = ("app.services", "app.reports", "app.ui", "app.paths", "app.errorlog",
                    *(f"app.{path.stem}" for path in COMMAND_LINE))
SHELLS = [APP / "ui", *COMMAND_LINE]


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def python_files(where: Path) -> list[Path]:
    return sorted(where.rglob("*.py")) if where.is_dir() else [where]


def offenders(folder: Path, forbidden: tuple[str, ...]) -> list[str]:
    bad = []
    for path in python_files(folder):
        for name in imports_of(path):
            if any(name == f or name.startswith(f + ".") for f in forbidden):
                bad.append(f"{path.name} imports {name}")
    return bad


@pytest.mark.parametrize("package", PURE)
def test_pure_packages_import_no_qt_or_storage(package: str) -> None:
    assert offenders(APP / package, FORBIDDEN_IN_PURE) == []


CLOCK_CALLS = {("datetime", "now"), ("datetime", "today"), ("datetime", "utcnow"), ("date", "today"),
               ("time", "time"), ("time", "monotonic"), ("time", "localtime")}


@pytest.mark.parametrize("package", PURE)
def test_pure_packages_never_read_the_clock(package: str) -> None:
    """No datetime.now(), date.today() or time.time() in the rules: the time is given to them."""
    bad = []
    for path in python_files(APP / package):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and (node.func.value.id, node.func.attr) in CLOCK_CALLS):
                bad.append(f"{path.name}:{node.lineno}")
    assert bad == []


@pytest.mark.parametrize("shell", SHELLS, ids=lambda p: p.name)
def test_screens_and_the_command_line_import_services_and_reports_only(shell: Path) -> None:
    bad = []
    for path in python_files(shell):
        for name in imports_of(path):
            if name.startswith("app.") and not any(name == ok or name.startswith(ok + ".") for ok in SHELL_MAY_IMPORT):
                bad.append(f"{path.name} imports {name}")
            if name == "sqlalchemy" or name.startswith("sqlalchemy."):
                bad.append(f"{path.name} imports {name}")
    assert bad == []


def test_services_never_import_screens() -> None:
    assert offenders(APP / "services", ("PySide6", "app.ui", "app.cli", "app.cli_files", "app.cli_records",
                                        "app.cli_pay", "app.cli_money", "app.cli_returns")) == []


def calls_named(path: Path, names: set[str]) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in names:
            found.append(f"{path.name}:{node.lineno} .{node.func.attr}()")
    return found


def test_only_the_runner_opens_transactions_and_writes_history() -> None:
    """An operation that wrote on its own (its own transaction or history record) would fail here; one that
    wrote through an ORM session outside the runner fails every test (conftest: only_the_runner_writes)."""
    allowed = {"operations.py", "store.py"}
    bad = [hit for path in python_files(APP / "services") if path.name not in allowed
           for hit in calls_named(path, {"transaction", "rekeyed", "record"})]
    assert bad == []


def test_services_read_as_a_list_of_use_cases() -> None:
    """No module in app/services grows past 400 lines: a use case is found by its module's name."""
    sizes = {path.name: len(path.read_text(encoding="utf-8").splitlines()) for path in python_files(APP / "services")}
    assert {name: size for name, size in sizes.items() if size >= 400} == {}


def test_models_hold_no_qt() -> None:
    assert offenders(APP / "models", ("PySide6", "app.ui", "app.services")) == []


@pytest.mark.parametrize("library, homes", [("keyring", ["keystore.py"]), ("sqlite3", ["cipher.py", "glance.py"]),
                                            ("sqlcipher3", ["cipher.py"])])
def test_keys_and_raw_database_connections_live_in_one_module_each(library: str, homes: list[str]) -> None:
    """The keyring is used in one module; every raw connection (and so every key) goes through cipher.py, but for
    the glance at a plain file before the first window (app/storage/glance.py: read-only, no key, and SQLCipher not
    yet loaded)."""
    users = sorted(path.name for path in APP.rglob("*.py") if any(
        name == library or name.startswith(library + ".") for name in imports_of(path)))
    assert users == homes


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


NETWORK_MODULES = ("socket", "http.client", "http.server", "urllib.request", "ssl", "requests", "httpx", "aiohttp",
                   "ftplib", "smtplib", "xmlrpc")
THE_ONE_THAT_CONNECTS = APP / "net" / "transaction_engine.py"


def test_only_the_hmrc_client_can_open_a_connection() -> None:
    """Offline first: one module (sending a prepared submission to HMRC, when the holder presses Send) opens
    connections; nothing else in the app even imports the means to."""
    bad = []
    for path in python_files(APP):
        if path == THE_ONE_THAT_CONNECTS:
            continue
        for name in imports_of(path):
            if any(name == m or name.startswith(m + ".") for m in NETWORK_MODULES):
                bad.append(f"{path.relative_to(APP)} imports {name}")
    assert bad == []
    assert "http.client" in imports_of(THE_ONE_THAT_CONNECTS)
