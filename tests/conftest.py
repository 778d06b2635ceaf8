"""Every test gets its own PA Books data folder; GUI tests run off-screen."""

from __future__ import annotations

import os
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


@pytest.fixture
def shared() -> Path:
    if not SHARED.exists():
        pytest.fail(f"shared/ is missing beside the repository ({SHARED}); CI and developers both have it there")
    return SHARED
