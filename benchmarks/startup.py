"""Benchmark: from starting the process to a window on screen, to a usable Home screen and to the file open, PA Books
against a bare PySide6 window on the same machine (so the answer is a ratio, which holds across machines). Each is
started several times, in turn, as its own process, and timed until it says so: PABOOKS_SHOWN_FILE is written once
the window is painted and the event loop runs, PABOOKS_HOME_FILE once Home shows the file's details (from the glance
the file keeps, app.services.home_glance, or with the file open), PABOOKS_READY_FILE once the file is open.

The app is run as installed: its code compiled to bytecode (the benchmark compiles it first, and lets Python keep
what it compiles even where PYTHONDONTWRITEBYTECODE is set), as pip and the frozen build do.

    .venv/bin/python benchmarks/startup.py      (also run by `make bench`)

Target (issues: newcomer, installers): PA Books within 1.5 times the bare window, on the demo and on a file of
six PAs and ten years of shifts.
"""

from __future__ import annotations

import compileall
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


def started(command: list[str], home: Path) -> tuple[float, float, float]:
    """Seconds from starting the process to its window shown, to Home on screen and to its file open (the bare
    window writes only the ready file: it is shown, and as usable as it will be, at once)."""
    folder = Path(tempfile.mkdtemp(prefix="pabooks-ready-"))
    shown, home_up, ready = folder / "shown", folder / "home", folder / "ready"
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "PABOOKS_SHOWN_FILE": str(shown), "PABOOKS_HOME_FILE": str(home_up), "PABOOKS_READY_FILE": str(ready),
           "PYTHONPATH": str(REPO)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("PABOOKS_HOME", None)
    env["PYTHON_KEYRING_BACKEND"] = "benchmarks.file_keyring.FileKeyring"
    if sys.platform.startswith("linux"):  # the data folder found as on a holder's computer, in a folder of its own
        env["XDG_DATA_HOME"] = str(home)
    else:
        env["PABOOKS_HOME"] = str(home)
    begun = time.perf_counter()
    shown_after: float | None = None
    home_after: float | None = None
    process = subprocess.Popen(command, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while not ready.exists():
            now = time.perf_counter() - begun
            if shown_after is None and shown.exists():
                shown_after = now
            if home_after is None and home_up.exists():
                home_after = now
            if process.poll() is not None and not ready.exists():
                raise RuntimeError(f"{command} stopped before it was ready")
            if time.perf_counter() - begun > 120:
                raise RuntimeError(f"{command} was not ready in two minutes")
            time.sleep(0.002)
        ready_after = time.perf_counter() - begun
        return (ready_after if shown_after is None else shown_after,
                ready_after if home_after is None else home_after, ready_after)
    finally:
        process.kill()
        process.wait()


def ten_year_files(folder: Path) -> tuple[Path, Path]:
    """Six PAs and ten years of shifts (benchmarks/timesheets.py), as a plain file and as an encrypted one whose key
    the keyring keeps (benchmarks/file_keyring.py), as every real file's is on a computer with a keyring."""
    sys.path.insert(0, str(REPO))
    os.environ["PABOOKS_HOME"] = str(folder / "home")
    os.environ["PABOOKS_BENCH_KEYRING"] = str(folder / "keyring.json")
    import keyring

    from benchmarks.file_keyring import FileKeyring
    from benchmarks.timesheets import build, build_plain

    keyring.set_keyring(FileKeyring())
    build(folder / "ten years, encrypted.pabooks").close()
    return build_plain(folder / "ten years.pabooks"), folder / "ten years, encrypted.pabooks"


def main() -> int:
    compileall.compile_dir(REPO / "app", quiet=1)  # as installed: the code is bytecode already
    folder = Path(tempfile.mkdtemp(prefix="pabooks-startup-"))
    big, encrypted = ten_year_files(folder)
    home = folder / "home"
    python = sys.executable
    cases = {"a bare PySide6 window": [python, "-c", BARE],
             "PA Books on the demo": [python, "-m", "app"],
             "PA Books on a 10-year, 6-PA file": [python, "-m", "app", "open", str(big)],
             "PA Books on that file encrypted": [python, "-m", "app", "open", str(encrypted)]}
    for command in cases.values():  # once each first: the demo is made, Home kept, the files in the disk cache
        started(command, home)
    times: dict[str, list[tuple[float, float, float]]] = {name: [] for name in cases}
    for _ in range(RUNS):
        for name, command in cases.items():
            times[name].append(started(command, home))
    bare = statistics.median(t[2] for t in times["a bare PySide6 window"])
    print(f"a bare PySide6 window: {bare * 1000:.0f} ms to a window on screen (median of {RUNS})")
    for name in list(cases)[1:]:
        window_up, home_up, ready = (statistics.median(t[i] for t in times[name]) for i in range(3))
        print(f"{name}: window on screen in {window_up * 1000:.0f} ms ({window_up / bare:.2f} x the bare window), "
              f"Home usable in {home_up * 1000:.0f} ms ({home_up / bare:.2f} x), "
              f"the file open in {ready * 1000:.0f} ms ({ready / bare:.1f} x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
