"""The commands of the command line (see app.cli for the list): parsed with argparse and run on the same services
as the window."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from app import __version__
from app.cli_records import guard, opened_book
from app.services.roles import ROLES as EMPLOYER_ROLES

EXIT_OK, EXIT_FAILED = 0, 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pabooks", description="PA Books: books for people who employ their own personal assistants.")
    parser.add_argument("--version", action="version", version=f"PA Books {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    open_cmd = commands.add_parser("open", help="open the app on an employer file")
    open_cmd.add_argument("path", type=Path, help="the .pabooks file")

    new = commands.add_parser("new", help="create an employer file")
    new.add_argument("path", type=Path, help="where to save it (.pabooks is added if missing)")
    new.add_argument("--name", required=True, help="the person the direct payment is for")
    new.add_argument("--employer", default="", help="who acts as employer, if not the person themselves")
    new.add_argument("--role", default="holder", choices=[str(role) for role in EMPLOYER_ROLES],
                     help="the role of whoever acts as employer (default: holder)")
    new.add_argument("--pdf", type=Path, help="also save the recovery key as a page to print")

    demo = commands.add_parser("demo", help="create a demo employer file (fictional, not real data)")
    demo.add_argument("path", type=Path)

    info = commands.add_parser("info", help="print a JSON summary of an employer file")
    info.add_argument("path", type=Path)
    info.add_argument("--read-only", action="store_true", help="look at a file another copy of PA Books has open")

    commands.add_parser("calc", help="payroll calculations: JSON lines on stdin, results on stdout")

    selftest = commands.add_parser("selftest", help="open every screen off-screen and save each as a PNG")
    selftest.add_argument("--out", type=Path, default=None, help="folder for the PNGs (default: a new temporary one)")
    selftest.add_argument("--scale", type=int, default=100, choices=[100, 125, 150, 200],
                          help="text size in percent (default 100)")
    from app.cli_records import add_record_commands

    add_record_commands(commands)
    from app.cli_files import add_security_commands

    add_security_commands(commands)
    from app.cli_pay import add_pay_commands

    add_pay_commands(commands)
    from app.cli_rti import add_rti_commands

    add_rti_commands(commands)
    from app.cli_money import add_budget_commands, add_money_commands, with_budget_option

    add_money_commands(commands)
    add_budget_commands(commands)
    from app.cli_returns import add_return_commands, add_review_commands

    add_return_commands(commands)
    add_review_commands(commands)
    for name in ("money", "return"):
        with_budget_option(commands.choices[name])
    return parser


@guard
def _new(args: argparse.Namespace) -> int:
    from app.cli_files import new_passphrase, print_recovery_key
    from app.services import security
    from app.services.book import EmployerBook, NewEmployer

    passphrase, again = new_passphrase(required=not security.keyring_available())
    book = EmployerBook.create(args.path, NewEmployer(args.name, args.employer, args.role, passphrase, again))
    try:
        print(f"Created {book.path} (encrypted)")
        print_recovery_key(book, args.pdf)
    finally:
        book.close()
    return EXIT_OK


@guard
def _demo(args: argparse.Namespace) -> int:
    from app.services.demo import create_demo

    book = create_demo(args.path if args.path.suffix else args.path.with_suffix(".pabooks"))
    print(f"Created a demo employer file (not real data) at {book.path}")
    book.close()
    return EXIT_OK


@guard
def _info(args: argparse.Namespace) -> int:
    from app.services.about_file import file_info

    with opened_book(args.path, args.read_only) as book:
        print(json.dumps(asdict(file_info(book)), indent=2))
    return EXIT_OK


def _calc() -> int:
    from app.services import payroll_calc as calc

    results, all_ok = calc.run(sys.stdin.buffer)  # raw: a line that is not UTF-8 gets its own error
    out = sys.stdout
    for result in results:
        out.write(json.dumps(result) + "\n")
    out.flush()
    return EXIT_OK if all_ok else EXIT_FAILED


def run_command(given: list[str]) -> int:
    args = _parser().parse_args(given)  # unknown arguments: usage on stderr, exit 2 (argparse)
    book_module = sys.modules.get("app.services.book")
    if book_module is not None:  # each command is a session of its own: no key carried over from another
        book_module.forget_session_keys()
    if args.command == "new":
        return _new(args)
    if args.command == "demo":
        return _demo(args)
    if args.command == "info":
        return _info(args)
    if args.command == "calc":
        return _calc()
    if getattr(args, "handler", None) is not None:
        return int(args.handler(args))
    if args.command == "selftest":
        from app.ui.selftest import run_selftest

        return run_selftest(args.out, args.scale)
    from app.ui.application import run_gui

    return run_gui(args.path if args.command == "open" else None)
