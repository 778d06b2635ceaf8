"""Smoke test of a frozen build (installers/pabooks.spec): the built program itself is run, never the source.

    python installers/smoke_test.py build/dist/pabooks/pabooks

It checks, each step as its own process of the frozen app, in a throwaway home folder:
  1. it says its version;
  2. `selftest`: starts the GUI off-screen on a fresh demo, renders every screen and dialog, checks names, focus
     and fit (so the screens, the rates, the templates and the migrations all made it into the bundle);
  3. the window starts as `make run` does and says it is ready on the demo;
  4. a household's first pay run, start to finish: an encrypted file (SQLCipher is in the bundle), a PA, a rota,
     an approved timesheet, the run drafted and finalised, payslips as PDF (reportlab's fonts are in);
  5. the demo's council return as PDF and spreadsheet (openpyxl), and its payslips;
then prints the bundle's size. Exits 0 only if every step passed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PASSPHRASE = "smoke test lantern orchard"  # noqa: S105 - a throwaway file in a temporary folder


class SmokeFailure(Exception):
    pass


def run(program: Path, env: dict[str, str], *args: str, timeout: int = 300) -> str:
    result = subprocess.run([str(program), *args], capture_output=True, text=True, env=env, timeout=timeout,
                            check=False)
    if result.returncode != 0:
        raise SmokeFailure(f"`pabooks {' '.join(args)}` exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
    if "Traceback" in result.stderr:
        raise SmokeFailure(f"`pabooks {' '.join(args)}` printed a traceback:\n{result.stderr}")
    return result.stdout


def starts_and_says_ready(program: Path, env: dict[str, str], work: Path) -> None:
    ready = work / "ready"
    process = subprocess.Popen([str(program)], env={**env, "PABOOKS_READY_FILE": str(ready)},
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 180
        while not ready.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        if not ready.exists():
            raise SmokeFailure(f"the window did not say it was ready (exit code {process.poll()})")
        if not ready.read_text(encoding="utf-8").endswith(".pabooks"):
            raise SmokeFailure("the window started but opened no demo")
    finally:
        process.terminate()
        try:
            _, err = process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            _, err = process.communicate()
    if "Traceback" in (err or ""):
        raise SmokeFailure(f"the window printed a traceback:\n{err}")


def a_pay_run(program: Path, env: dict[str, str], work: Path) -> None:
    book = str(work / "Household.pabooks")
    out = work / "payslips"
    steps = [
        ["new", book, "--name", "Smoke Test"],
        ["employer", book, "--accounts-office-ref", "123PA00045678"],
        ["pa", "add", book, "--first", "Ann", "--last", "Lee", "--started", "05/01/2026", "--dob", "01/02/1990",
         "--hours", "20", "--starter", "A", "--rate", "day=14.00", "--rate", "bank_holiday=21.00"],
        ["rota", "add", book, "--pa", "Ann Lee", "--days", "mon,tue,wed", "--start", "09:00", "--end", "15:00",
         "--from", "01/11/2026"],
        ["rota", "apply", book, "--from", "01/11/2026", "--to", "30/11/2026"],
        ["timesheet", book, "--pa", "Ann Lee", "--from", "01/11/2026", "--to", "30/11/2026", "--signed",
         "30/11/2026", "--approve", "--confirm-planned"],
        ["payrun", "new", book, "--period", "01/11/2026", "--pay-date", "30/11/2026"],
        ["payrun", "finalise", book, "1"],
        ["payslips", book, "1", "--out", str(out)],
    ]
    made = run(program, env, *steps[0])
    if "(encrypted)" not in made:
        raise SmokeFailure(f"the new file is not encrypted: SQLCipher is missing from the bundle?\n{made}")
    for step in steps[1:]:
        run(program, env, *step)
    shown = json.loads(run(program, env, "payrun", "show", book, "1"))
    if not shown["finalised"] or shown["payslips"][0]["gross_pay_pence"] <= 0:
        raise SmokeFailure(f"the pay run was not finalised with pay: {shown}")
    if not (out / "Payslip Ann Lee 2026-11-30.pdf").read_bytes().startswith(b"%PDF"):
        raise SmokeFailure("no payslip PDF")


def the_demo_return(program: Path, env: dict[str, str], work: Path) -> None:
    demo = str(work / "Demo.pabooks")
    run(program, env, "demo", demo)
    periods = json.loads(run(program, env, "return", "list", demo))["periods"]
    over = next(p for p in periods if "not over" not in p["words"])
    for kind, suffix in (("pdf", b"%PDF"), ("xlsx", b"PK")):
        target = work / f"return.{kind}"
        run(program, env, "return", "make", demo, "--from", over["starts_on"], "--to", over["ends_on"],
            "--format", kind, "--out", str(target))
        if not target.read_bytes().startswith(suffix):
            raise SmokeFailure(f"the return as {kind} is not a {kind} file")
    runs = json.loads(run(program, env, "payrun", "show", demo))
    final = next(r for r in runs if r["finalised"])
    run(program, env, "payslips", demo, str(final["pay_run_id"]), "--out", str(work / "demo payslips"))
    if not list((work / "demo payslips").glob("Payslip *.pdf")):
        raise SmokeFailure("the demo's payslips were not made")


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink())


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    program = Path(argv[0]).resolve()
    work = Path(tempfile.mkdtemp(prefix="pabooks-smoke-"))
    (work / "passphrase").write_text(PASSPHRASE, encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update({"PABOOKS_HOME": str(work / "home"), "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                "PABOOKS_PASSPHRASE_FILE": str(work / "passphrase"),
                "PABOOKS_NEW_PASSPHRASE_FILE": str(work / "passphrase"),
                "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"})  # as on a machine with no keyring
    steps = [("says its version", lambda: run(program, env, "--version")),
             ("renders every screen and dialog (selftest)",
              lambda: run(program, env, "selftest", "--out", str(work / "shots"))),
             ("starts the window on the demo", lambda: starts_and_says_ready(program, env, work)),
             ("a pay run from rota to payslips, in an encrypted file", lambda: a_pay_run(program, env, work)),
             ("the demo's council return (PDF, spreadsheet) and payslips", lambda: the_demo_return(program, env, work))]
    failed = 0
    for words, step in steps:
        begun = time.monotonic()
        try:
            step()
        except (SmokeFailure, subprocess.TimeoutExpired, OSError, ValueError, KeyError, StopIteration) as exc:
            failed += 1
            print(f"FAILED  {words}: {exc}")
        else:
            print(f"ok      {words} ({time.monotonic() - begun:.1f} s)")
    bundle = program.parent
    print(f"bundle: {bundle} is {folder_size(bundle) / 1e6:.0f} MB")
    print("smoke test passed" if not failed else f"smoke test FAILED: {failed} of {len(steps)} steps")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
