"""Benchmark: from starting the process to a window on screen, and on to a usable Home screen, PA Books against a
bare PySide6 window on the same machine (so the answer is a ratio, which holds across machines). Each is started
several times, in turn, as its own process, and timed until it says so: PABOOKS_SHOWN_FILE is written once the
window is painted and the event loop runs, PABOOKS_READY_FILE once the file is open on Home.

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


def started(command: list[str], home: Path) -> tuple[float, float]:
    """Seconds from starting the process to its window shown, and to its file open on Home (the bare window
    writes only the ready file: it is shown and ready at once)."""
    folder = Path(tempfile.mkdtemp(prefix="pabooks-ready-"))
    shown, ready = folder / "shown", folder / "ready"
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "PABOOKS_HOME": str(home), "PABOOKS_SHOWN_FILE": str(shown), "PABOOKS_READY_FILE": str(ready),
           "PYTHONPATH": str(REPO)}
    begun = time.perf_counter()
    shown_after: float | None = None
    process = subprocess.Popen(command, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while not ready.exists():
            if shown_after is None and shown.exists():
                shown_after = time.perf_counter() - begun
            if process.poll() is not None and not ready.exists():
                raise RuntimeError(f"{command} stopped before it was ready")
            if time.perf_counter() - begun > 120:
                raise RuntimeError(f"{command} was not ready in two minutes")
            time.sleep(0.002)
        ready_after = time.perf_counter() - begun
        return (ready_after if shown_after is None else shown_after), ready_after
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
    shown: dict[str, list[float]] = {name: [] for name in cases}
    ready: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(RUNS):
        for name, command in cases.items():
            window_up, home_up = started(command, home)
            shown[name].append(window_up)
            ready[name].append(home_up)
    bare = statistics.median(ready["a bare PySide6 window"])
    print(f"a bare PySide6 window: {bare * 1000:.0f} ms to a window on screen (median of {RUNS})")
    for name in list(cases)[1:]:
        window_up, home_up = statistics.median(shown[name]), statistics.median(ready[name])
        print(f"{name}: window on screen in {window_up * 1000:.0f} ms ({window_up / bare:.1f} x the bare window), "
              f"Home usable in {home_up * 1000:.0f} ms ({home_up / bare:.1f} x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
