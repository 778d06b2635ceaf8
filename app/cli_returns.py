"""Command-line council returns, over the same services as the Council returns screen:

    pabooks return make PATH --from 2026-04-01 --to 2026-06-30 [--template ID] --format pdf|csv|xlsx|zip|json --out F
    pabooks return submit PATH --from D --to D --signed-by NAME [--explain CODE=WHY ...] [--reason WHY]
    pabooks return audit PATH --from D --to D --out F.zip [--large-print]   an audit on request: one PDF with a
                                                   contents page, and the evidence folder, in a zip
    pabooks review note PATH --by NAME --words "..." [--about working|not_working|change|other] [--on D]
    pabooks review notes PATH [--from D] [--to D]   the notes for the review, as JSON
    pabooks review withdraw PATH NOTE --reason WHY
    pabooks review pack PATH [--from D] [--to D] --out F.pdf [--easy-read] [--large-print]
    pabooks return list PATH                       each period, due or submitted, as JSON
    pabooks return templates                       the council formats PA Books knows
"""

from __future__ import annotations

import argparse
from dataclasses import asdict
from pathlib import Path
from typing import Any

from app.cli_pay import _json, _run
from app.cli_records import _day, guard, opened_book


def _choice(args: argparse.Namespace) -> Any:
    from app.services.return_facts import ReturnChoice

    explanations = tuple(tuple(e.split("=", 1)) for e in (getattr(args, "explain", None) or []) if "=" in e)
    return ReturnChoice(args.first, args.last, args.template or "", args.kind, args.notes or "",
                        explanations)


@guard
def _make(args: argparse.Namespace) -> int:
    from app.reports.council_return import return_csv, write_bundle, write_return_pdf, write_return_xlsx
    from app.services.return_facts import council_return, evidence_files

    with opened_book(args.path, read_only=True) as book:
        header, ret = council_return(book, _choice(args))
        files = evidence_files(book, args.first, args.last) if args.format == "zip" else []
    if args.format == "json":
        _json({"total_in_pence": ret.total_in_pence, "total_out_pence": ret.total_out_pence,
               "opening_balance_pence": ret.facts.opening_balance_pence,
               "closing_balance_pence": ret.closing_balance_pence,
               "money_in_by_source": ret.money_in_by_source, "money_out_by_category": ret.money_out_by_category,
               "checks": [asdict(c) for c in ret.checks]})
        return 0
    if args.out is None:
        raise SystemExit("pabooks: --out is needed for a file")
    if args.format in ("pdf", "large-print"):
        write_return_pdf(header, ret, args.out, large_print=args.format == "large-print")
    elif args.format == "csv":
        args.out.write_text(return_csv(ret), "utf-8")
    elif args.format == "xlsx":
        write_return_xlsx(header, ret, args.out)
    else:
        write_bundle(header, ret, args.out, files)
    for check in ret.blocking:
        print(f"To put right before submitting: {check.words}")
    print(f"Saved {args.out}")
    return 0


@guard
def _submit(args: argparse.Namespace) -> int:
    from app.services.submit_return import Submission, SubmitReturn

    with opened_book(args.path) as book:
        today = book.today()
    made = _run(args.path, SubmitReturn(), Submission(_choice(args), args.signed_by, args.on or today,
                                                       args.reason or ""))
    print(f"The return is submitted and locked (record {made}).")
    return 0


@guard
def _audit(args: argparse.Namespace) -> int:
    from app.reports.audit_pack import write_audit_pack
    from app.services.audit_request import audit_pack
    from app.services.book import BookError

    if args.last < args.first:
        raise BookError("The last day (--to) must be on or after the first (--from).")
    with opened_book(args.path, read_only=True) as book:
        pack = audit_pack(book, args.first, args.last, args.template or "audit-summary")
    write_audit_pack(pack, args.out, large_print=args.large_print)
    missing = len(pack.without_evidence)
    print(f"Saved {args.out}: {len(pack.entries)} transactions, {len(pack.files)} evidence files"
          + (f"; {missing} transactions have no evidence held." if missing else "."))
    return 0


@guard
def _review(args: argparse.Namespace) -> int:
    from app.services.review_notes import (
        NoteInput,
        NoteWithdrawal,
        WithdrawReviewNote,
        WriteReviewNote,
        review_notes,
    )

    if args.review_command == "note":
        with opened_book(args.path) as book:
            today = book.today()
        made = _run(args.path, WriteReviewNote(), NoteInput(args.on or today, args.by, args.words, args.about,
                                                             args.outcome or ""))
        print(f"Kept the note for the review (note {made}).")
    elif args.review_command == "withdraw":
        _run(args.path, WithdrawReviewNote(), NoteWithdrawal(args.note, args.reason))
        print(f"Note {args.note} is withdrawn; it stays in the history with the reason.")
    elif args.review_command == "notes":
        with opened_book(args.path, read_only=True) as book:
            _json([asdict(n) | {"about_words": n.about_words} for n in review_notes(book, args.first, args.last)])
    else:
        from app.reports.review_pack import easy_read_pdf_bytes, review_pdf_bytes
        from app.services.review_pack import annual_review, year_before

        with opened_book(args.path, read_only=True) as book:
            first, last = year_before(book.today())
            pack = annual_review(book, args.first or first, args.last or last)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_bytes(easy_read_pdf_bytes(pack) if args.easy_read else
                             review_pdf_bytes(pack, large_print=args.large_print))
        print(f"Saved {args.out}")
    return 0


def add_review_commands(commands: Any) -> None:
    from app.services.choices import NOTE_ABOUT

    group = commands.add_parser("review", help="the annual review: notes through the year, and the review pack")
    actions = group.add_subparsers(dest="review_command", metavar="ACTION", required=True)
    note = actions.add_parser("note", help="write a note on what is working or not, in the person's own words")
    withdraw = actions.add_parser("withdraw", help="withdraw a note written by mistake (it stays in the history)")
    notes = actions.add_parser("notes", help="the notes, as JSON")
    pack = actions.add_parser("pack", help="the review pack as a PDF (plain English, or --easy-read)")
    for command in (note, withdraw, notes, pack):
        command.add_argument("path", type=Path)
        command.set_defaults(handler=_review)
    note.add_argument("--by", required=True, help="who wrote it: the person, or who wrote it with them")
    note.add_argument("--words", required=True)
    note.add_argument("--about", default="working", choices=list(NOTE_ABOUT))
    note.add_argument("--outcome", help="the support plan outcome it is about")
    note.add_argument("--on", type=_day, help="the day it was written (default: today)")
    withdraw.add_argument("note", type=int)
    withdraw.add_argument("--reason", required=True)
    pack.add_argument("--out", type=Path, required=True)
    pack.add_argument("--easy-read", action="store_true")
    pack.add_argument("--large-print", action="store_true")
    for command in (notes, pack):
        command.add_argument("--from", dest="first", type=_day, help="default: a year before today")
        command.add_argument("--to", dest="last", type=_day, help="default: today")


@guard
def _list(args: argparse.Namespace) -> int:
    from app.services.return_views import returns_view

    with opened_book(args.path, read_only=True) as book:
        view = returns_view(book)
        today = book.today()
    if view is None:
        print("No council agreement yet: add it first.")
        return 0
    _json({"template": view.template.id, "council": view.council,
           "periods": [{"starts_on": r.period.starts_on, "ends_on": r.period.ends_on, "due_on": r.period.due_on,
                        "versions": r.versions, "words": r.words(today)} for r in view.rows]})
    return 0


@guard
def _templates(args: argparse.Namespace) -> int:
    from app.services.return_facts import known_templates

    _json([{"id": t.id, "name": t.name, "shape": t.shape, "cycle": t.cycle} for t in known_templates()])
    return 0


def add_return_commands(commands: Any) -> None:
    group = commands.add_parser("return", help="council returns: make, submit, list")
    actions = group.add_subparsers(dest="return_command", metavar="ACTION", required=True)
    for name, words, handler in (("make", "a period's return as PDF, CSV, XLSX, a zip with its evidence, or JSON",
                                  _make), ("submit", "mark a period's return as submitted (it is then locked)",
                                           _submit)):
        command = actions.add_parser(name, help=words)
        command.add_argument("path", type=Path)
        command.add_argument("--from", dest="first", type=_day, required=True)
        command.add_argument("--to", dest="last", type=_day, required=True)
        command.add_argument("--template", help="a template id (default: the agreement's council's)")
        command.add_argument("--kind", default="routine",
                             choices=["routine", "first_review", "annual", "audit", "closure", "one_off"])
        command.add_argument("--notes", help="unspent money and what it is for, what differed from the plan")
        command.add_argument("--explain", action="append", help="CODE=WHY for a check explained, not fixed")
        command.set_defaults(handler=handler)
        if name == "make":
            command.add_argument("--format", default="pdf", choices=["pdf", "large-print", "csv", "xlsx", "zip",
                                                                     "json"])
            command.add_argument("--out", type=Path)
        else:
            command.add_argument("--signed-by", required=True)
            command.add_argument("--on", type=_day, help="the day it was sent (default: today)")
            command.add_argument("--reason", help="why, when amending a return already submitted")
    audit = actions.add_parser("audit", help="an audit on request: one PDF with a contents page and the evidence "
                                             "folder (receipts, payslips, timesheets), in a zip")
    audit.add_argument("path", type=Path)
    audit.add_argument("--from", dest="first", type=_day, required=True)
    audit.add_argument("--to", dest="last", type=_day, required=True)
    audit.add_argument("--template", help="the form the council asks for (default: audit-summary)")
    audit.add_argument("--out", type=Path, required=True)
    audit.add_argument("--large-print", action="store_true")
    audit.set_defaults(handler=_audit)
    listing = actions.add_parser("list", help="each return period, due or submitted, as JSON")
    listing.add_argument("path", type=Path)
    listing.set_defaults(handler=_list)
    actions.add_parser("templates", help="the council formats PA Books knows").set_defaults(handler=_templates)
