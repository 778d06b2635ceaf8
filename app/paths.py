"""Where PA Books keeps its own files: the demo, backups, logs and settings.

Set PABOOKS_HOME to keep everything in one folder (tests do, so each gets its own).
Employer files themselves live wherever the user saves them.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

APP_NAME = "PA Books"
FILE_SUFFIX = ".pabooks"


def user_data_dir(platform: str = sys.platform, environ: Mapping[str, str] | None = None) -> Path:
    """The user's own folder for PA Books' files, as `platformdirs.user_data_dir("PA Books", appauthor=False)` gives
    it (tests/test_paths.py checks they agree). On Linux it is worked out here, by the XDG base directory rule
    ($XDG_DATA_HOME when it is an absolute path, else ~/.local/share): loading platformdirs takes about 7 ms, a
    fifteenth of the time a bare window takes to start, and this is on the way to the first window. Elsewhere
    platformdirs says (macOS and Windows have rules of their own, and Windows asks the system)."""
    environ = os.environ if environ is None else environ
    if platform.startswith("linux"):
        xdg = environ.get("XDG_DATA_HOME", "")
        return (Path(xdg) if os.path.isabs(xdg) else Path.home() / ".local" / "share") / APP_NAME
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    override = os.environ.get("PABOOKS_HOME")
    base = Path(override) if override else user_data_dir()
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
