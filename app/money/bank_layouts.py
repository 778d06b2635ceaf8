"""The column layouts of UK banks' CSV statement exports, as data.

Each layout names the header row as the bank writes it (compared without case, quotes, a leading apostrophe or
spaces), which column holds the date and how it is written, where the amount is (one signed column, or money
out and money in apart) and whether a running balance is given. A bank PA Books does not know is read through a
layout the holder makes once by choosing the columns; it is kept in the employer file and used again.

The layouts were taken from statements exported by each bank (see tests/data/bank-statements/MANIFEST.md).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

DMY = "%d/%m/%Y"
D_MON_Y = "%d %b %Y"


@dataclass(frozen=True, slots=True)
class Layout:
    code: str
    words: str  # the bank, as the holder knows it
    header: tuple[str, ...]  # normalised; empty for a file with no header row
    date: str  # the column holding the date (a header name, or "1", "2"... for a file with no header)
    date_formats: tuple[str, ...] = (DMY,)
    description: tuple[str, ...] = ()  # columns joined to make the line's description
    amount: str = ""  # one signed column: money in positive, money out negative
    money_out: str = ""  # or two columns of positive amounts
    money_in: str = ""
    balance: str = ""  # the running balance after each line, when the bank gives it
    bank_id: str = ""  # the bank's own id for each line, when it gives one
    opening_row: tuple[str, str] = ("", "")  # a row that states the opening balance: (column, its text)
    preamble_balance: tuple[str, ...] = ()  # labels of a row above the header giving the balance at export
    trailers: tuple[str, ...] = ()  # first cells of summary rows below the lines (not transactions)
    custom: bool = field(default=False)  # made by the holder for a bank PA Books does not know

    def column_names(self) -> set[str]:
        names = {self.date, self.amount, self.money_out, self.money_in, self.balance, self.bank_id, *self.description}
        return {n for n in names if n}


KNOWN_LAYOUTS: tuple[Layout, ...] = (
    Layout("lloyds", "Lloyds, Halifax or Bank of Scotland",
           ("transaction date", "transaction type", "sort code", "account number", "transaction description",
            "debit amount", "credit amount", "balance"),
           date="transaction date", description=("transaction description",), money_out="debit amount",
           money_in="credit amount", balance="balance"),
    Layout("nationwide", "Nationwide",
           ("date", "transaction type", "description", "paid out", "paid in", "balance"),
           date="date", date_formats=(D_MON_Y,), description=("transaction type", "description"),
           money_out="paid out", money_in="paid in", balance="balance",
           preamble_balance=("account balance:",)),
    Layout("nationwide_midata", "Nationwide (midata)",
           ("date", "type", "merchant/description", "debit/credit", "balance"),
           date="date", description=("type", "merchant/description"), amount="debit/credit", balance="balance",
           trailers=("arranged overdraft limit",)),
    Layout("nationwide_old", "Nationwide (older export)",
           ("date", "transactions", "debits", "credits", "balance"),
           date="date", date_formats=(D_MON_Y,), description=("transactions",), money_out="debits",
           money_in="credits", balance="balance", preamble_balance=("account balance:",)),
    Layout("monzo", "Monzo",
           ("transaction id", "date", "time", "type", "name", "emoji", "category", "amount", "currency",
            "local amount", "local currency", "notes and #tags", "address", "receipt", "description"),
           date="date", description=("name", "description"), amount="amount", bank_id="transaction id"),
    Layout("monzo_2018", "Monzo (2018 export)",
           ("id", "created", "amount", "currency", "local_amount", "local_currency", "category", "emoji",
            "description"),
           date="created", date_formats=("%Y-%m-%d",), description=("description",), amount="amount",
           bank_id="id"),
    Layout("starling", "Starling",
           ("date", "counter party", "reference", "type", "amount (gbp)", "balance (gbp)", "spending category"),
           date="date", description=("counter party", "reference"), amount="amount (gbp)",
           balance="balance (gbp)", opening_row=("counter party", "opening balance")),
    Layout("natwest", "NatWest, RBS or Ulster Bank",
           ("date", "type", "description", "value", "balance", "account name", "account number"),
           date="date", description=("description",), amount="value", balance="balance"),
    Layout("barclays", "Barclays",
           ("number", "date", "account", "amount", "subcategory", "memo"),
           date="date", description=("memo",), amount="amount"),
    Layout("firstdirect", "first direct",
           ("date", "description", "amount", "balance"),
           date="date", description=("description",), amount="amount", balance="balance"),
    Layout("hsbc", "HSBC (no header row)", (), date="1", description=("2",), amount="3"),
)


def normalise(cell: str) -> str:
    """A header cell as compared: no case, quotes, leading apostrophe or extra spaces."""
    return " ".join(cell.strip().strip('"').lstrip("'").split()).lower()


def layout_to_json(layout: Layout) -> str:
    return json.dumps(asdict(layout))


def layout_from_json(text: str) -> Layout:
    data = json.loads(text)
    for key in ("header", "date_formats", "description", "opening_row", "preamble_balance", "trailers"):
        data[key] = tuple(data.get(key, ()))
    return Layout(**data)
