"""Where PA Books keeps its own files: the demo, backups, logs and settings.

Set PABOOKS_HOME to keep everything in one folder (tests do, so each gets its own).
Employer files themselves live wherever the user saves them.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "PA Books"
FILE_SUFFIX = ".pabooks"


def data_dir() -> Path:
    override = os.environ.get("PABOOKS_HOME")
    base = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    base.mkdir(parents=True, exist_ok=True)
    return base


def config_file() -> Path:
    return data_dir() / "settings.json"


def demo_file() -> Path:
    folder = data_dir() / "demo"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"Demo employer{FILE_SUFFIX}"


def backups_dir() -> Path:
    folder = data_dir() / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def snapshots_dir() -> Path:
    """Where read-only copies of files in use elsewhere are kept while they are looked at (owner-only)."""
    folder = data_dir() / "read-only"
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o700)
    return folder


def logs_dir() -> Path:
    folder = data_dir() / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def resources_dir() -> Path:
    """The project's resources/ folder (icons, demo data): beside the app package, or in a frozen build
    (installers/pabooks.spec) inside the bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"
