"""Copies of an employer file taken with SQLite's online backup (never a plain copy of a file in use)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.core.dates import now_london


def backup_to(path: Path, folder: Path, reason: str) -> Path:
    """Copy `path` into `folder` as "<name> <when> <reason>.pabooks", check the copy, and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = now_london().strftime("%Y-%m-%d %H%M%S")
    target = folder / f"{path.stem} {stamp} {reason}{path.suffix}"
    number = 1
    while target.exists():
        number += 1
        target = folder / f"{path.stem} {stamp} {reason} ({number}){path.suffix}"
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    destination = sqlite3.connect(target)
    try:
        source.backup(destination)
        if destination.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise OSError(f"the backup of {path.name} did not pass its integrity check")
    finally:
        destination.close()
        source.close()
    return target
