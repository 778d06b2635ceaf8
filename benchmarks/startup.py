"""Benchmark: from starting the process to a usable window, PA Books against a bare PySide6 window on the same
machine (so the answer is a ratio, which holds across machines). Each is started several times, in turn, as
its own process, and timed until it says it is ready (PABOOKS_READY_FILE: written once the window is shown and
the event loop runs).

    .venv/bin/python benchmarks/startup.py      (also run by `make bench`)

Target (issues: newcomer, installers): PA Books within 1.5 times the bare window, on the demo and on a file of
six PAs and ten years of shifts.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RUNS = int(os.environ.get("PABOOKS_STARTUP_RUNS", "7"))
BARE = """
import os, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QLabel("A bare window"))
window.show()
QTimer.singleShot(0, lambda: (Path(os.environ["PABOOKS_READY_FILE"]).write_text("ready"), app.quit()))
app.exec()
"""


def started(command: list[str], home: Path) -> float:
    """Seconds from starting the process to its ready file."""
    ready = Path(tempfile.mkdtemp(prefix="pabooks-ready-")) / "ready"
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "PABOOKS_HOME": str(home), "PABOOKS_READY_FILE": str(ready), "PYTHONPATH": str(REPO)}
    begun = time.perf_counter()
    process = subprocess.Popen(command, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while not ready.exists():
            if process.poll() is not None and not ready.exists():
                raise RuntimeError(f"{command} stopped before it was ready")
            if time.perf_counter() - begun > 120:
                raise RuntimeError(f"{command} was not ready in two minutes")
            time.sleep(0.002)
        return time.perf_counter() - begun
    finally:
        process.kill()
        process.wait()


def ten_year_file(folder: Path) -> Path:
    """Six PAs and ten years of shifts (benchmarks/timesheets.py), as a plain file: the GUI is started without
    anyone to type a passphrase (an encrypted file opens with the key the keyring keeps, about as fast)."""
    sys.path.insert(0, str(REPO))
    os.environ["PABOOKS_HOME"] = str(folder / "home")
    from benchmarks.timesheets import build_plain

    return build_plain(folder / "ten years.pabooks")


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="pabooks-startup-"))
    big = ten_year_file(folder)
    home = folder / "home"
    python = sys.executable
    cases = {"a bare PySide6 window": [python, "-c", BARE],
             "PA Books on the demo": [python, "-m", "app"],
             "PA Books on a 10-year, 6-PA file": [python, "-m", "app", "open", str(big)]}
    for command in cases.values():  # once each first: the demo is made, and the files are in the disk cache
        started(command, home)
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(RUNS):
        for name, command in cases.items():
            times[name].append(started(command, home))
    bare = statistics.median(times["a bare PySide6 window"])
    for name, seconds in times.items():
        middle = statistics.median(seconds)
        print(f"{name}: {middle * 1000:.0f} ms to a usable window (median of {RUNS}), {middle / bare:.1f} x the bare "
              "window")
    return 0


if __name__ == "__main__":
    sys.exit(main())
