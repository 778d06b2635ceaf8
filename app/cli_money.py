"""Command-line money, over the same operations as the Money screen (JSON where it is data):

    pabooks money setup PATH --name "Direct payment account" --opened-on 2026-04-01 --opening-balance 1500.00
    pabooks money balance PATH [--on DATE]         the four numbers, the surplus and what has not arrived
    pabooks money register PATH [--from D] [--to D] [--search WORDS] [--account spending:insurance]
    pabooks money in PATH --date D --amount 1940.00 [--stream council] [--payer NAME] [--line LINE]
    pabooks money spend PATH --date D --amount 45.00 --category equipment --payee NAME [--receipt FILE ...] [--line LINE]
    pabooks money pay PATH --date D --amount A --to owed:hmrc|owed:pension|owed:pa:ID [--run RUN] [--due D]
    pabooks money void PATH TRANSACTION --reason "Typed twice"
    pabooks money import PATH STATEMENT.csv|.ofx [--closing-balance 975.00]
    pabooks money columns PATH STATEMENT [--date When --amount "How much" --description What --bank NAME]
    pabooks money lines PATH                        the statements, and each line with what it could be
    pabooks money match PATH LINE KEY               sort a line as one of the things it could be
    pabooks money reconcile PATH STATEMENT [--closing-balance 975.00]
    pabooks money forecast PATH [--extra-hours 5] [--pay-rise 3.5] [--from D]
    pabooks money fund topup|release|history PATH --fund crisis --amount A --reason WHY --agreed-by WHO
    pabooks budget add PATH --name "Health budget" --funder "Northshire ICB" --from D --payment 500.00 --every four_weekly
                       --account "Health budget account" [--opening-balance 0.00]     a second budget
    pabooks budget list PATH                        the budgets; any money or return command takes --budget N
    pabooks money fund draw PATH --fund crisis --amount A --category agency --payee NAME --reason WHY --agreed-by WHO
"""

from __future__ import annotations

import argparse
from dataclasses import asdict
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from app.cli_pay import _json, _run
from app.cli_records import _day, add_budget_option, file_command, guard, opened_book


def _decimal(text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f'"{text}" is not a number') from None


def _fund(text: str) -> str:
    return text if text.startswith("fund:") else f"fund:{text}"


@guard
def _setup(args: argparse.Namespace) -> int:
    from app.services.set_up_account import AccountInput, SetUpAccount

    _run(args.path, SetUpAccount(), AccountInput(args.name, args.kind, args.provider or "", opened_on=args.opened_on,
                                                 opening_balance=args.opening_balance or ""))
    print(f"The account \"{args.name}\" is set up.")
    return 0


@guard
def _balance(args: argparse.Namespace) -> int:
    from app.services.money_liabilities import known_liabilities
    from app.services.money_views import money_position

    with opened_book(args.path, read_only=True) as book:
        position = money_position(book, args.on)
        guide = known_liabilities(book, args.on)
    h = position.holding
    _json({"on": position.on, "in_account_pence": h.in_account_pence, "owed_pence": h.owed_pence,
           "contingency_pence": h.contingency_pence, "crisis_fund_pence": h.crisis_pence, "free_pence": h.free_pence,
           "surplus_pence": position.surplus.surplus_pence if position.surplus else None,
           "allowed_pence": position.surplus.allowed_pence if position.surplus else None,
           "contribution_arrears_pence": position.contribution_arrears_pence, "lines_to_sort": position.lines_to_sort,
           "keep_aside": {"holiday_pence": guide.holiday_pence, "sick_pay_pence": guide.sick_pay_pence,
                          "redundancy_pence": guide.redundancy_pence, "total_pence": guide.keep_pence,
                          "words": guide.words()},
           "words": position.sentences() + [position.allowance_words]})
    return 0


@guard
def _register(args: argparse.Namespace) -> int:
    from app.services.money_views import register

    with opened_book(args.path, read_only=True) as book:
        _json([r._asdict() for r in register(book, args.search or "", args.first, args.last, args.account or "")])
    return 0


@guard
def _money_in(args: argparse.Namespace) -> int:
    from app.services.record_money import MoneyIn, RecordMoneyIn

    made = _run(args.path, RecordMoneyIn(), MoneyIn(args.date, args.amount, args.stream, args.payer or "",
                                                    args.reference or "", bank_line_id=args.line,
                                                    fund=_fund(args.fund) if args.fund else ""))
    print(f"Recorded £{args.amount} in (transaction {made}).")
    return 0


@guard
def _spend(args: argparse.Namespace) -> int:
    from app.services.record_money import RecordSpending, Spending

    made = _run(args.path, RecordSpending(), Spending(
        args.date, args.amount, args.category, args.payee, args.method, args.reference or "", args.outcome or "",
        args.notes or "", tuple(args.receipt or ()), _fund(args.fund) if args.fund else "", args.reason or "",
        args.agreed_by or "", args.line, args.pooled_total or "", args.pooled_with or ""))
    print(f"Recorded £{args.amount} spent on {args.category.replace('_', ' ')} (transaction {made}).")
    return 0


@guard
def _pay(args: argparse.Namespace) -> int:
    from app.services.record_money import Payment, PayWhatIsOwed

    made = _run(args.path, PayWhatIsOwed(), Payment(args.date, args.amount, args.to, args.run, args.due,
                                                    args.payee or ""))
    print(f"Recorded £{args.amount} paid (transaction {made}).")
    return 0


@guard
def _void(args: argparse.Namespace) -> int:
    from app.services.void_transaction import Voiding, VoidTransaction

    _run(args.path, VoidTransaction(), Voiding(args.transaction, args.reason))
    print(f"Transaction {args.transaction} is voided; it stays in the history with the reason.")
    return 0


@guard
def _import(args: argparse.Namespace) -> int:
    from app.services.import_statement import ImportStatement, StatementFile

    done = _run(args.path, ImportStatement(), StatementFile(args.statement, args.closing_balance or ""))
    print(done.words())
    for note in done.notes:
        print(f"Note: {note}")
    return 0


@guard
def _lines(args: argparse.Namespace) -> int:
    from app.services.money_views import statements, what_a_line_could_be

    with opened_book(args.path, read_only=True) as book:
        found, lines = statements(book)
        could: dict[int, list[dict[str, Any]]] = {
            line.line_id: [{"key": c.key, "words": c.words} for c in what_a_line_could_be(book, line.line_id)]
            for line in lines if not line.sorted_as}
    _json({"statements": [asdict(s) | {"words": s.words()} for s in found],
           "lines": [asdict(line) | {"could_be": could.get(line.line_id, [])} for line in lines]})
    return 0


@guard
def _match(args: argparse.Namespace) -> int:
    from app.services.reconcile_statement import LineMatch, MatchBankLine

    _run(args.path, MatchBankLine(), LineMatch(args.line, args.key))
    print(f"Line {args.line} is sorted.")
    return 0


@guard
def _reconcile(args: argparse.Namespace) -> int:
    from app.services.reconcile_statement import ReconcileStatement, Reconciling

    count = _run(args.path, ReconcileStatement(), Reconciling(args.statement, args.closing_balance or ""))
    print(f"Statement {args.statement} is reconciled: {count} transactions agree with it and are now protected.")
    return 0


@guard
def _forecast(args: argparse.Namespace) -> int:
    from app.services.money_forecast import forecast

    with opened_book(args.path, read_only=True) as book:
        view = forecast(book, args.extra_hours, args.pay_rise, args.start)
    _json({"words": view.forecast.words(), "basis": list(view.basis), "ends_on": view.forecast.ends_on,
           "end_balance_pence": view.forecast.end_balance_pence, "runs_out_on": view.forecast.runs_out_on,
           "weeks": [asdict(w) for w in view.forecast.weeks]})
    return 0


@guard
def _fund_move(args: argparse.Namespace) -> int:
    from app.services.money_views import fund_history
    from app.services.move_fund_money import FundMove, ReleaseFromFund, TopUpFund
    from app.services.record_money import RecordSpending, Spending

    fund = _fund(args.fund)
    if args.fund_command == "history":
        with opened_book(args.path, read_only=True) as book:
            _json([r._asdict() for r in fund_history(book, fund)])
        return 0
    if args.fund_command == "draw":
        _run(args.path, RecordSpending(), Spending(args.date, args.amount, args.category, args.payee or "",
                                                   from_fund=fund, reason=args.reason, authorised_by=args.agreed_by))
    else:
        operation = TopUpFund() if args.fund_command == "topup" else ReleaseFromFund()
        _run(args.path, operation, FundMove(fund, args.date, args.amount, args.reason, args.agreed_by))
    print(f"Done: {args.fund_command} of £{args.amount} on the {fund.split(':')[1]} fund.")
    return 0


def add_money_commands(commands: Any) -> None:
    from app.services.choices import FUNDING_STREAMS, SPENDING

    money = commands.add_parser("money", help="the direct payment account: balance, register, statements, funds")
    actions = money.add_subparsers(dest="money_command", metavar="ACTION", required=True)
    setup = file_command(actions, "setup", "set up the direct payment account", _setup)
    setup.add_argument("--name", required=True)
    setup.add_argument("--kind", default="own_bank_account",
                       choices=["own_bank_account", "prepaid_card", "managed_account"])
    setup.add_argument("--provider")
    setup.add_argument("--opened-on", type=_day, help="the day PA Books starts keeping the books")
    setup.add_argument("--opening-balance", help="the statement's balance that day, such as 1500.00")
    balance = file_command(actions, "balance", "the four numbers, the surplus and what has not arrived, as JSON", _balance)
    balance.add_argument("--on", type=_day)
    reg = file_command(actions, "register", "every transaction with the running balance, as JSON", _register)
    reg.add_argument("--from", dest="first", type=_day)
    reg.add_argument("--to", dest="last", type=_day)
    reg.add_argument("--search")
    reg.add_argument("--account", help="only those on one account, such as spending:insurance or fund:crisis")
    money_in = file_command(actions, "in", "record money in", _money_in)
    money_in.add_argument("--date", type=_day, required=True)
    money_in.add_argument("--amount", required=True)
    money_in.add_argument("--stream", default="council", choices=[c.code for c in FUNDING_STREAMS])
    money_in.add_argument("--payer")
    money_in.add_argument("--reference")
    money_in.add_argument("--fund", choices=["contingency", "crisis"], help="put it straight into a fund")
    money_in.add_argument("--line", type=int, help="the statement line it is (from `pabooks money lines`)")
    spend = file_command(actions, "spend", "record spending (with receipts)", _spend)
    spend.add_argument("--date", type=_day, required=True)
    spend.add_argument("--amount", required=True)
    spend.add_argument("--category", required=True, choices=[c.code for c in SPENDING])
    spend.add_argument("--payee", required=True)
    spend.add_argument("--method", default="bank_transfer",
                       choices=["bank_transfer", "direct_debit", "card", "cheque", "cash"])
    spend.add_argument("--reference")
    spend.add_argument("--outcome", help="the support plan outcome it serves")
    spend.add_argument("--notes")
    spend.add_argument("--receipt", type=Path, action="append", help="a receipt or invoice to keep with it")
    spend.add_argument("--fund", choices=["contingency", "crisis"], help="draw it from a fund (then --reason, "
                                                                        "--agreed-by)")
    spend.add_argument("--reason")
    spend.add_argument("--agreed-by")
    spend.add_argument("--line", type=int, help="the statement line it is (from `pabooks money lines`)")
    spend.add_argument("--pooled-total", help="pooled with other holders: the whole cost (--amount is your share)")
    spend.add_argument("--pooled-with", help="who shared the pooled cost, and what for")
    pay = file_command(actions, "pay", "record paying what a PA, HMRC or the pension scheme is owed", _pay)
    pay.add_argument("--date", type=_day, required=True)
    pay.add_argument("--amount", required=True)
    pay.add_argument("--to", required=True, help="owed:hmrc, owed:pension or owed:pa:ID")
    pay.add_argument("--run", type=int, help="the pay run, for a PA's pay")
    pay.add_argument("--due", type=_day, help="the bill's due date, for HMRC or the pension scheme")
    pay.add_argument("--payee")
    void = file_command(actions, "void", "void a transaction (it stays in the history)", _void)
    void.add_argument("transaction", type=int)
    void.add_argument("--reason", required=True)
    imp = file_command(actions, "import", "import a bank statement (CSV, Santander text, OFX or QFX)", _import)
    imp.add_argument("statement", type=Path)
    imp.add_argument("--closing-balance", help="for a file that gives no balance")
    add_column_command(actions)
    file_command(actions, "lines", "the statements, and each line with what it could be, as JSON", _lines)
    match = file_command(actions, "match", "sort a statement line as one of the things it could be", _match)
    match.add_argument("line", type=int)
    match.add_argument("key", help="from `pabooks money lines`")
    rec = file_command(actions, "reconcile", "reconcile a statement with the books", _reconcile)
    rec.add_argument("statement", type=int)
    rec.add_argument("--closing-balance", help="for a file that gave no balance")
    fc = file_command(actions, "forecast", "how far the budget will go, to the end of the agreement year, as JSON",
                  _forecast)
    fc.add_argument("--extra-hours", type=_decimal, default=Decimal(0), help="what if: more hours a week")
    fc.add_argument("--pay-rise", type=_decimal, default=Decimal(0), help="what if: a pay rise, in percent")
    fc.add_argument("--from", dest="start", type=_day, help="when the what-if starts (default: tomorrow)")
    fund = actions.add_parser("fund", help="the contingency and crisis funds")
    moves = fund.add_subparsers(dest="fund_command", metavar="ACTION", required=True)
    for name, words in (("topup", "set money aside in a fund"), ("release", "release money from a fund to spend"),
                        ("draw", "spend money from a fund"), ("history", "a fund's movements, as JSON")):
        move = file_command(moves, name, words, _fund_move)
        move.add_argument("--fund", required=True, choices=["contingency", "crisis"])
        if name == "history":
            continue
        move.add_argument("--date", type=_day, required=True)
        move.add_argument("--amount", required=True)
        move.add_argument("--reason", required=True)
        move.add_argument("--agreed-by", required=name != "topup", default="")
        if name == "draw":
            move.add_argument("--category", required=True, choices=[c.code for c in SPENDING])
            move.add_argument("--payee", required=True)


@guard
def _columns(args: argparse.Namespace) -> int:
    from app.services.choose_statement_columns import DATE_FORMATS, ChooseStatementColumns, ColumnChoice, header_of

    if not args.date:
        _json({"columns": header_of(args.statement), "date_formats": DATE_FORMATS})
        return 0
    _run(args.path, ChooseStatementColumns(), ColumnChoice(
        args.statement, args.bank, args.date, args.date_format, tuple(args.description or ()), args.amount or "",
        args.money_out or "", args.money_in or "", args.balance or ""))
    print(f"The columns of {args.bank}'s statements are kept. Import the statement again.")
    return 0


def with_budget_option(parser: argparse.ArgumentParser) -> None:
    """--budget on every command under `parser`: the money and returns of a second budget."""
    groups = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not groups:
        if "--budget" not in parser._option_string_actions:
            add_budget_option(parser)
        return
    for group in groups:
        for child in group.choices.values():
            with_budget_option(child)


@guard
def _budget(args: argparse.Namespace) -> int:
    from app.services.add_budget import AddBudget, BudgetInput, budgets
    from app.services.council_agreement import AgreementInput
    from app.services.set_up_account import AccountInput

    if args.budget_command == "list":
        with opened_book(args.path, read_only=True) as book:
            _json([{"budget": row.budget_id, "name": row.name, "kind": row.kind, "funder": row.funder}
                   for row in budgets(book)])
        return 0
    made = _run(args.path, AddBudget(), BudgetInput(
        args.name, args.kind,
        AgreementInput(args.funder, args.first, args.payment, args.every, args.reference or "",
                       contingency_weeks=args.contingency_weeks, receipt_threshold=args.receipt_threshold or "",
                       return_template=args.return_template),
        AccountInput(args.account, opened_on=args.books_from or args.first,
                     opening_balance=args.opening_balance or ""), args.rules or ""))
    print(f"Added budget {made}, \"{args.name}\". Use --budget {made} with `pabooks money` and `pabooks return`.")
    return 0


def add_budget_commands(commands: Any) -> None:
    from app.services.choices import BUDGET_KINDS

    group = commands.add_parser("budget", help="a second budget beside the direct payment (a health budget)")
    actions = group.add_subparsers(dest="budget_command", metavar="ACTION", required=True)
    file_command(actions, "list", "the budgets in the file, as JSON", _budget)
    add = file_command(actions, "add", "add a second budget with its own terms and account", _budget)
    add.add_argument("--name", required=True, help="as you call it, such as \"Health budget\"")
    add.add_argument("--kind", default="nhs_phb", choices=list(BUDGET_KINDS))
    add.add_argument("--funder", required=True, help="who pays it, such as Northshire Integrated Care Board")
    add.add_argument("--reference")
    add.add_argument("--from", dest="first", type=_day, required=True, help="when its payments start")
    add.add_argument("--payment", required=True, help="each payment, such as 500.00")
    add.add_argument("--every", required=True, choices=["weekly", "four_weekly", "monthly", "quarterly"])
    add.add_argument("--contingency-weeks", default="4")
    add.add_argument("--receipt-threshold")
    add.add_argument("--return-template", default="personal-health-budget")
    add.add_argument("--account", required=True, help="the account it is paid into")
    add.add_argument("--books-from", type=_day, help="the day its books start (default: --from)")
    add.add_argument("--opening-balance", help="the account's balance that day")
    add.add_argument("--rules", help="what it may be spent on")


def add_column_command(actions: Any) -> None:
    columns = file_command(actions, "columns", "a bank's columns PA Books does not know: show them, or choose them",
                       _columns)
    columns.add_argument("statement", type=Path)
    columns.add_argument("--bank", default="My bank")
    columns.add_argument("--date", help="the date column's heading (without it: the headings are shown)")
    columns.add_argument("--date-format", default="%d/%m/%Y")
    columns.add_argument("--description", action="append", help="a column for the description (may be repeated)")
    columns.add_argument("--amount", help="one signed amount column")
    columns.add_argument("--money-out")
    columns.add_argument("--money-in")
    columns.add_argument("--balance")
