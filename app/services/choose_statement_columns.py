"""Choose the columns of a bank's statement export that PA Books does not know: which column holds the date (and
how it is written), the description, the amount (one signed column, or money out and money in apart) and the
balance. The choice is kept in the employer file and used for every later statement with the same header row."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from app.core.problems import Problem
from app.models import BankLayoutChoice
from app.money.bank_layouts import D_MON_Y, DMY, Layout, layout_to_json, normalise
from app.money.bank_statements import decode, read_statement
from app.services.operations import Change, Context, Operation

DATE_FORMATS = {DMY: "Day/month/year (05/09/2026)", D_MON_Y: "Day month year (05 Sep 2026)",
                "%Y-%m-%d": "Year-month-day (2026-09-05)", "%d-%m-%Y": "Day-month-year (05-09-2026)"}


def header_of(path: Path) -> list[str]:
    """The first row of the file with two or more cells: the header the holder chooses columns from."""
    text = decode(path.read_bytes()[:65536])
    for row in csv.reader(io.StringIO(text.replace("\r\n", "\n"))):
        cells = [c.strip() for c in row if c.strip()]
        if len(cells) >= 2:
            return [c.strip() for c in row]
    return []


@dataclass(frozen=True, slots=True)
class ColumnChoice:
    path: Path  # a statement from the bank, to check the choice reads it
    bank_name: str
    date: str
    date_format: str
    description: tuple[str, ...]
    amount: str = ""  # one signed column, or:
    money_out: str = ""
    money_in: str = ""
    balance: str = ""


def layout_of(given: ColumnChoice) -> Layout:
    header = tuple(normalise(c) for c in header_of(given.path) if c.strip()) if given.path.is_file() else ()
    return Layout(code=f"custom:{normalise(given.bank_name)}", words=given.bank_name.strip(), header=header,
                  date=normalise(given.date), date_formats=(given.date_format,),
                  description=tuple(normalise(c) for c in given.description if c),
                  amount=normalise(given.amount), money_out=normalise(given.money_out),
                  money_in=normalise(given.money_in), balance=normalise(given.balance), custom=True)


class ChooseStatementColumns(Operation[ColumnChoice, int]):
    action = "statement_columns_chosen"
    changes = frozenset({Change.MONEY})

    def check(self, ctx: Context, given: ColumnChoice) -> list[Problem]:
        found: list[Problem] = []
        if not given.path.is_file():
            return [Problem("Choose a statement from this bank, so the columns can be checked against it.", "path")]
        if not given.bank_name.strip():
            found.append(Problem("Name the bank, so you know the layout again.", "bank_name"))
        if given.date_format not in DATE_FORMATS:
            found.append(Problem("Choose how the dates are written.", "date_format"))
        if not given.date:
            found.append(Problem("Choose the column with the date.", "date"))
        if not given.amount and not (given.money_out and given.money_in):
            found.append(Problem("Choose the amount column, or both the money out and the money in columns.",
                                 "amount"))
        if found:
            return found
        statement, problems = read_statement(given.path.read_bytes(), given.path.name, [layout_of(given)])
        if statement is None:
            return [Problem("With these columns the statement cannot be read: " + "; ".join(
                str(p) for p in problems[:5]), "columns")]
        return []

    def apply(self, ctx: Context, given: ColumnChoice) -> int:
        row = BankLayoutChoice(name=given.bank_name.strip(), layout_json=layout_to_json(layout_of(given)))
        ctx.session.add(row)
        ctx.session.flush()
        ctx.note("bank_layout_choice", row.id, bank=given.bank_name.strip())
        return row.id
