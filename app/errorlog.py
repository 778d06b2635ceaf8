"""A local log of unexpected errors, for the PA Books team: where the code failed, never what it was
working on. Exception messages can hold names, pay or bank details, so only the kind of error and the
code locations are written. Nothing is ever sent anywhere."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from types import TracebackType

from app import __version__, paths
from app.core.dates import LONDON

LOG_NAME = "errors.log"
MAX_LOG_BYTES = 1_000_000


def technical_details(kind: type[BaseException], tb: TracebackType | None) -> str:
    """The error's kind and where it happened (file, line, function), without its message."""
    import traceback  # here: this module is loaded before the first window, and used only when something fails

    frames = traceback.extract_tb(tb)
    where = [f"  {Path(frame.filename).name}:{frame.lineno} in {frame.name}" for frame in frames]
    return "\n".join([f"PA Books {__version__}: {kind.__module__}.{kind.__qualname__}", *where])


def write(kind: type[BaseException], tb: TracebackType | None) -> Path:
    log = paths.logs_dir() / LOG_NAME
    if log.exists() and log.stat().st_size > MAX_LOG_BYTES:
        log.replace(log.with_suffix(".old.log"))
    with log.open("a", encoding="utf-8") as handle:
        handle.write(f"{datetime.now(tz=LONDON).isoformat(timespec='seconds')}\n{technical_details(kind, tb)}\n\n")
    return log
