"""Every test gets its own PA Books data folder; GUI tests run off-screen."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


class NetworkUsed(AssertionError):
    """PA Books never uses the network: no update checks, no telemetry, nothing."""


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test fails if any code path tries to reach another machine (local socket pairs are allowed)."""
    import socket

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise NetworkUsed("PA Books tried to use the network")

    for name in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(socket.socket, name, refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.fixture(autouse=True)
def own_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "pabooks-home"
    monkeypatch.setenv("PABOOKS_HOME", str(home))
    return home


def _memory_backend() -> object:
    from keyring.backend import KeyringBackend

    class Backend(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def __init__(self) -> None:
            super().__init__()
            self.entries: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.entries.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.entries[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.entries.pop((service, username), None)

    return Backend()


@pytest.fixture(autouse=True)
def memory_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """Every test has an empty in-memory keyring; a test of "no keyring" swaps in keyring's fail backend.
    Child processes (the CLI and crash tests) have no keyring at all, as on a bare Linux machine."""
    import keyring

    backend = _memory_backend()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)  # type: ignore[arg-type]
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal dialog would wait for a click that never comes: fail at once and say which dialog, so the test
    replaces the window's ask_* method (or calls the dialog's pieces directly) instead of hanging CI."""
    from PySide6.QtWidgets import QDialog, QMessageBox

    def refuse(self: QDialog) -> int:
        raise AssertionError(f"a modal dialog opened in a test: {type(self).__name__} {self.windowTitle()!r}")

    monkeypatch.setattr(QDialog, "exec", refuse)
    monkeypatch.setattr(QMessageBox, "exec", refuse)


@pytest.fixture
def no_keyring(memory_keyring: object) -> None:
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())


@pytest.fixture
def shared() -> Path:
    if not SHARED.exists():
        pytest.fail(f"shared/ is missing beside the repository ({SHARED}); CI and developers both have it there")
    return SHARED
