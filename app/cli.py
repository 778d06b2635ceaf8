"""The command line: the same services as the GUI, so everything can be scripted and tested headless.

    pabooks                      open the app on a fresh demo employer file
    pabooks open PATH            open the app on an employer file
    pabooks new PATH --name NAME create an employer file
    pabooks demo PATH            create a demo employer file at PATH
    pabooks info PATH            a JSON summary of an employer file
    pabooks calc                 payroll calculations, JSON lines in and out (docs/calc.md)
    pabooks selftest             open every screen off-screen and save each as a PNG
    pabooks pa add|list PATH     PAs (see `pabooks pa add --help`)
    pabooks shifts add|import    shifts, one at a time or from CSV (docs/shifts-csv.md)
    pabooks rota add|apply       repeating patterns, and planned shifts from them
    pabooks hours PATH           hours, pay and checks for a period, as JSON
    pabooks timesheet PATH       one PA's timesheet for a period: JSON, PDF, or approve it
    pabooks encrypt|passphrase   encrypt a file made before encryption; give a file a new passphrase
    pabooks recovery-key PATH    print an encrypted file's recovery key
    pabooks backups PATH         a file's backups; `pabooks restore PATH --to NEW` restores one into a new file
    pabooks payrun ...           pay runs: new, add, show, finalise, correct, delete (app/cli_pay.py)
    pabooks payslips PATH RUN    a run's payslips as PDFs and who to pay as CSV
    pabooks hmrc-due PATH        what is owed HMRC, by when, with the payment reference
    pabooks pension-schedule PATH --month 2026-11   each member's pension contributions that month
    pabooks fps|eps ...          an FPS or EPS for HMRC: show, save or send (app/cli_pay.py)
    pabooks rti status|paper     what HMRC has been told; a paper filer's RT2s, RT5 and RT11s (app/cli_rti.py)
    pabooks money ...            the account: balance, register, in, spend, import, reconcile, forecast, fund
    pabooks return ...           council returns: make (PDF, CSV, XLSX, zip), submit, list, templates

Encrypted files open with the key this computer keeps; otherwise the passphrase is read from the file
named by PABOOKS_PASSPHRASE_FILE, or asked for at the terminal (never given as an argument).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from app.paths import FILE_SUFFIX


def _file_to_open(given: list[str]) -> Path | None:
    """`pabooks open FILE`, or the file alone as a desktop passes it when a .pabooks file is double-clicked."""
    if len(given) == 2 and given[0] == "open" and not given[1].startswith("-"):
        return Path(given[1])
    if len(given) == 1 and given[0].lower().endswith(FILE_SUFFIX):
        return Path(given[0])
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """The window when started with no command or on a file; any other command runs headless (app.cli_commands).
    Nothing but the window's own code is imported on the way to the window."""
    given = list(sys.argv[1:] if argv is None else argv)
    file_to_open = _file_to_open(given)
    if not given or file_to_open is not None:
        from app.ui.application import run_gui  # the window, at once: no need to build every command's help

        return run_gui(file_to_open)
    from app.cli_commands import run_command

    return run_command(given)


if __name__ == "__main__":
    sys.exit(main())
