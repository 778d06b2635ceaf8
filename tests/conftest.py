"""Every test gets its own PA Books data folder; GUI tests run off-screen."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


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
