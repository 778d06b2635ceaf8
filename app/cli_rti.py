"""Command-line reporting to HMRC, beside `pabooks fps` and `pabooks eps` (app/cli_pay.py):

    pabooks rti status PATH                       what HMRC has been told, and what is waiting
    pabooks rti paper PATH --quarter 2026-27:3 [--pdf F.pdf] [--posted]
        a paper filer's RT2s, RT5 and RT11s for a tax quarter (1: 6 April to 5 July ... 4: 6 January to
        5 April), in words; --pdf saves them to print; --posted records that they were posted today
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli_records import file_command, guard, opened_book


@guard
def _status(args: argparse.Namespace) -> int:
    from app.services.rti_status import rti_status, status_lines

    with opened_book(args.path, read_only=True) as book:
        print("\n".join(status_lines(rti_status(book))))
    return 0


@guard
def _paper(args: argparse.Namespace) -> int:
    from app.services.paper_returns import (
        RecordPaperReturnsPosted,
        paper_return_lines,
        paper_returns,
        quarter_from,
        quarter_returns,
    )

    quarter = quarter_from(args.quarter)
    with opened_book(args.path, read_only=not args.posted) as book:
        if args.posted:
            book.run(RecordPaperReturnsPosted(), quarter).unwrap()
        returns = (paper_returns if args.pdf is not None else quarter_returns)(book, quarter)
    print("\n".join(paper_return_lines(returns)))
    if args.pdf is not None:
        from app.reports.paper_returns_pdf import write_paper_returns_pdf

        print(f"Saved them to {write_paper_returns_pdf(returns, args.pdf)} to print.")
    return 0


def add_rti_commands(commands: Any) -> None:
    rti = commands.add_parser("rti", help="reporting to HMRC: what is waiting, and a paper filer's returns")
    actions = rti.add_subparsers(dest="rti_command", metavar="ACTION", required=True)
    file_command(actions, "status", "what HMRC has been told, and what is waiting", _status)
    paper = file_command(actions, "paper", "the RT2s, RT5 and RT11s for a tax quarter (paper filers)", _paper)
    paper.add_argument("--quarter", required=True, help="the tax year and quarter, such as 2026-27:3 (6 October to "
                                                        "5 January)")
    paper.add_argument("--pdf", type=Path, help="save them as a PDF to print")
    paper.add_argument("--posted", action="store_true", help="record that they were posted to HMRC today")
