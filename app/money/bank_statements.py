"""Reading a bank statement export (CSV, Santander's text export, OFX or QFX) into lines, all or nothing.

`read_statement(data, file_name)` returns the statement and no problems, or no statement and every problem
with the line it is on: a file with one bad line gives nothing, so an import never half-happens. Lines carry
the bank's own id where the bank gives one (Monzo, OFX); otherwise an id made from the line itself and how
many identical lines came before it in the file, so the same statement imported twice adds nothing.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import warnings
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from app.core.dates import LONDON
from app.core.money import MoneyError, format_pounds, parse_pence
from app.core.problems import Problem
from app.money.bank_layouts import KNOWN_LAYOUTS, Layout, normalise


@dataclass(frozen=True, slots=True)
class BankLine:
    line: int  # where it is in the file, counting from 1
    occurred_on: date
    description: str
    amount_pence: int  # money in positive, money out negative
    balance_pence: int | None  # the bank's running balance after this line, when given
    bank_id: str


@dataclass(frozen=True, slots=True)
class Statement:
    layout: str  # the bank or format, in words
    lines: tuple[BankLine, ...]  # oldest first
    opening_balance_pence: int | None
    closing_balance_pence: int | None
    balance_source: str  # how the balances are known: "stated in the file", "worked out from the running balance"
    notes: tuple[str, ...] = ()  # things to know that do not stop the import
    currency: str = "GBP"

    @property
    def starts_on(self) -> date | None:
        return self.lines[0].occurred_on if self.lines else None

    @property
    def ends_on(self) -> date | None:
        return self.lines[-1].occurred_on if self.lines else None


Read = tuple[Statement | None, list[Problem]]
UNKNOWN_LAYOUT = "unknown_layout"  # the problem's code when the holder can choose the columns instead


def decode(data: bytes) -> str:
    """UK banks export UTF-8 (sometimes with a byte order mark) or Windows-1252 (a £ as byte 0xA3)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_statement(data: bytes, file_name: str = "", layouts: Sequence[Layout] = ()) -> Read:
    """Any statement PA Books can read; `layouts` are the holder's own, tried before the known ones."""
    if not data.strip():
        return None, [Problem("The file is empty. Export the statement from your bank again.")]
    head = data[:4096].lstrip().upper()
    if b"<OFX" in head or head.startswith(b"OFXHEADER") or file_name.lower().endswith((".ofx", ".qfx")):
        return read_ofx(data)
    text = decode(data)
    if text.lstrip().startswith("From:") and "\nDate:" in text.replace("\r", ""):
        return read_santander_text(text)
    return read_csv(text, (*layouts, *KNOWN_LAYOUTS))


# --- amounts and dates -------------------------------------------------------------------------------------

def _pence(cell: str) -> int | None:
    """A bank's amount: "£1,156.25", "-£52.00", "+£5.00", "2000", "'12.50"; None for an empty cell."""
    text = cell.strip().lstrip("'").replace("\u2212", "-")
    if not text:
        return None
    sign = -1 if text.startswith("-") else 1
    text = text.lstrip("+-").strip()
    return sign * parse_pence(text)


def _date(cell: str, formats: Sequence[str]) -> date:
    text = cell.strip().lstrip("'")
    for fmt in formats:
        try:
            return datetime.strptime(text[:len(datetime(2000, 12, 31).strftime(fmt))] if fmt == "%Y-%m-%d" else text,
                                     fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


_FORMAT_WORDS = {"%d/%m/%Y": "day/month/year, such as 05/09/2026", "%d %b %Y": "day month year, such as 05 Sep 2026",
                 "%Y-%m-%d": "year-month-day, such as 2026-09-05"}


def _line_id(seen: Counter[tuple[object, ...]], *parts: object) -> str:
    seen[parts] += 1
    key = "|".join(str(p) for p in (*parts, seen[parts]))
    return "line:" + hashlib.sha256(key.encode()).hexdigest()[:32]


# --- CSV ---------------------------------------------------------------------------------------------------

def _rows(text: str) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text.replace("\r\n", "\n").replace("\r", "\n")), skipinitialspace=True)
    return [(reader.line_num, row) for row in reader]


def _trimmed(row: list[str]) -> list[str]:
    cells = list(row)
    while cells and not cells[-1].strip():
        cells.pop()
    return cells


def _find_header(rows: list[tuple[int, list[str]]], layouts: Sequence[Layout]) -> tuple[int, Layout] | None:
    for at, (_, row) in enumerate(rows[:20]):
        cells = [normalise(c) for c in _trimmed(row)]
        if not cells:
            continue
        for layout in layouts:
            if layout.header and cells[:len(layout.header)] == list(layout.header):
                return at, layout
    return None


def _headerless(rows: list[tuple[int, list[str]]], layouts: Sequence[Layout]) -> Layout | None:
    """A file with no header row (HSBC): date, description, amount in every row."""
    data = [r for _, r in rows if _trimmed(r)]
    if not data:
        return None
    for layout in layouts:
        if layout.header:
            continue
        width = max(int(c) for c in layout.column_names())
        try:
            if all(len(_trimmed(r)) == width for r in data[:3]):
                _date(data[0][int(layout.date) - 1], layout.date_formats)
                return layout
        except ValueError:
            continue
    return None


def _nearest(rows: list[tuple[int, list[str]]]) -> str:
    """Why no layout fits, said about the layout that comes closest."""
    best: tuple[int, Layout, list[str]] | None = None
    for _, row in rows[:20]:
        cells = [normalise(c) for c in _trimmed(row)]
        if len(cells) < 2:
            continue
        for layout in KNOWN_LAYOUTS:
            if not layout.header:
                continue
            shared = len(set(cells) & set(layout.header))
            if shared >= max(2, len(layout.header) // 2) and (best is None or shared > best[0]):
                best = (shared, layout, cells)
    if best is None:
        first = next((_trimmed(r) for _, r in rows if _trimmed(r)), [])
        columns = ", ".join(f'"{c.strip()}"' for c in first[:12])
        return (f"PA Books does not know this statement's layout (its first row is {columns}). Choose which column "
                f"holds the date, the description and the amount, and PA Books will remember it for this bank.")
    _, layout, cells = best
    missing = [c for c in layout.header if c not in cells]
    extra = [c for c in cells if c not in layout.header]
    said = []
    if missing:
        said.append("it has no " + ", ".join(f'"{m}"' for m in missing) + (" column" if len(missing) == 1 else
                                                                           " columns"))
    if extra:
        said.append("it has " + ", ".join(f'"{e}"' for e in extra) + " where the bank's export does not")
    return (f"This looks like a {layout.words} statement, but " + " and ".join(said) + ". Export the statement "
            f"again as CSV from {layout.words}'s website, or choose the columns yourself.")


def read_csv(text: str, layouts: Sequence[Layout] = KNOWN_LAYOUTS) -> Read:
    rows = _rows(text)
    found = _find_header(rows, layouts)
    if found is not None:
        header_at, layout = found
        names = [normalise(c) for c in rows[header_at][1]]
        body = rows[header_at + 1:]
        preamble = rows[:header_at]
    else:
        headerless = _headerless(rows, layouts)
        if headerless is None:
            return None, [Problem(_nearest(rows), code=UNKNOWN_LAYOUT)]
        layout, names, body, preamble = headerless, [], rows, []

    def cell(row: list[str], name: str) -> str:
        at = names.index(name) if names else int(name) - 1
        return row[at] if at < len(row) else ""

    problems: list[Problem] = []
    lines: list[BankLine] = []
    seen: Counter[tuple[object, ...]] = Counter()
    stated_opening: int | None = None
    stated_closing: int | None = None
    for _, row in preamble:
        cells = _trimmed(row)
        if len(cells) >= 2 and normalise(cells[0]) in layout.preamble_balance:
            try:
                stated_closing = _pence(cells[1])
            except MoneyError:
                pass
    finished = False
    for line_no, row in body:
        cells = _trimmed(row)
        if not cells:
            finished = bool(lines)  # a blank line after the lines: only summary rows may follow
            continue
        if normalise(cells[0]) in layout.trailers:
            continue
        if finished:
            problems.append(Problem("This row comes after the statement's lines and is not a transaction PA Books "
                                    "knows how to read.", line=line_no))
            continue
        column, marker = layout.opening_row
        if column and normalise(cell(row, column)) == marker:
            try:
                stated_opening = _pence(cell(row, layout.balance))
            except MoneyError:
                problems.append(Problem("The opening balance on this row is not an amount.", line=line_no))
            continue
        line, wrong = _csv_line(layout, row, line_no, cell, seen)
        problems.extend(wrong)
        if line is not None:
            lines.append(line)
    if not lines and not problems:
        problems.append(Problem("The file has a header row but no transactions. Choose a date range that has "
                                "some and export it again."))
    if problems:
        return None, problems
    return _statement(layout.words, lines, stated_opening, stated_closing, has_running=bool(layout.balance)), []


def _csv_line(layout: Layout, row: list[str], line_no: int, cell: object,
              seen: Counter[tuple[object, ...]]) -> tuple[BankLine | None, list[Problem]]:
    get = cell  # the column reader of this file
    wrong: list[Problem] = []
    try:
        day = _date(get(row, layout.date), layout.date_formats)  # type: ignore[operator]
    except ValueError as exc:
        shown = str(exc) or "nothing"
        how = _FORMAT_WORDS.get(layout.date_formats[0], layout.date_formats[0])
        wrong.append(Problem(f'The date "{shown}" cannot be read: {layout.words} statements write dates as {how}.',
                             field="date", line=line_no))
        day = None
    amount: int | None = None
    try:
        if layout.amount:
            amount = _pence(get(row, layout.amount))  # type: ignore[operator]
        else:
            out = _pence(get(row, layout.money_out))  # type: ignore[operator]
            into = _pence(get(row, layout.money_in))  # type: ignore[operator]
            if out is not None and into is not None and out and into:
                wrong.append(Problem("This line has both money out and money in; a statement line has one or the "
                                     "other.", field="amount", line=line_no))
            amount = (into or 0) - abs(out or 0) if (out is not None or into is not None) else None
        if amount is None:
            wrong.append(Problem("This line has no amount.", field="amount", line=line_no))
    except MoneyError as exc:
        wrong.append(Problem(f"The amount cannot be read: {exc}.", field="amount", line=line_no))
    balance: int | None = None
    if layout.balance:
        try:
            balance = _pence(get(row, layout.balance))  # type: ignore[operator]
        except MoneyError as exc:
            wrong.append(Problem(f"The balance cannot be read: {exc}.", field="balance", line=line_no))
    description = " — ".join(
        " ".join(get(row, c).strip().lstrip("'").split()) for c in layout.description  # type: ignore[operator]
        if get(row, c).strip())  # type: ignore[operator]
    if wrong or day is None or amount is None:
        return None, wrong
    bank_id = get(row, layout.bank_id).strip() if layout.bank_id else ""  # type: ignore[operator]
    return BankLine(line_no, day, description, amount, balance,
                    bank_id or _line_id(seen, day, amount, balance, description)), []


def _statement(words: str, lines: list[BankLine], stated_opening: int | None, stated_closing: int | None,
               has_running: bool, currency: str = "GBP", notes: Sequence[str] = ()) -> Statement:
    """Lines put oldest first, the balances stated or worked out, and any running balance checked."""
    said = list(notes)
    if len(lines) > 1 and lines[0].occurred_on > lines[-1].occurred_on:
        lines = list(reversed(lines))  # the bank lists the newest first
    ordered = sorted(lines, key=lambda line: line.occurred_on)  # stable: same-day lines keep the file's order
    total = sum(line.amount_pence for line in ordered)
    source = "stated in the file"
    closing = stated_closing
    if has_running and ordered[-1].balance_pence is not None:
        last_balance = ordered[-1].balance_pence
        if closing is not None and closing != last_balance:
            said.append(f"The balance at the top of the file ({format_pounds(closing)}) is not the last line's "
                        f"balance ({format_pounds(last_balance)}); PA Books uses the last line's.")
        closing = last_balance
        source = "from the running balance"
        for before, after in zip(ordered, ordered[1:], strict=False):
            if before.balance_pence is None or after.balance_pence is None:
                continue
            expected = before.balance_pence + after.amount_pence
            if expected != after.balance_pence:
                said.append(f"Line {after.line}: the bank shows a balance of {format_pounds(after.balance_pence)}, "
                            f"but the balance before it and this line make {format_pounds(expected)}. Banks sometimes "
                            f"list a day's lines in another order; the statement's closing balance is checked when "
                            f"you reconcile.")
                break
    opening = stated_opening
    if opening is None and closing is not None:
        opening = closing - total
    elif opening is not None and closing is None:
        closing = opening + total
    elif opening is not None and closing is not None and opening + total != closing:
        said.append(f"The opening balance {format_pounds(opening)} and the lines make "
                    f"{format_pounds(opening + total)}, not the closing balance {format_pounds(closing)}.")
    if opening is None:
        source = "not in the file: type the closing balance from your paper or online statement when you reconcile"
    return Statement(words, tuple(ordered), opening, closing, source, tuple(said), currency)


# --- Santander's text export -----------------------------------------------------------------------------

def read_santander_text(text: str) -> Read:
    problems: list[Problem] = []
    lines: list[BankLine] = []
    seen: Counter[tuple[object, ...]] = Counter()
    block: dict[str, tuple[int, str]] = {}

    def finish() -> None:
        if not block:
            return
        at = block.get("date", (0, ""))[0]
        missing = [k for k in ("date", "description", "amount") if k not in block]
        if missing:
            problems.append(Problem(f"This entry has no {' or '.join(missing)} line.", line=at or None))
            block.clear()
            return
        try:
            day = _date(block["date"][1], ("%d/%m/%Y",))
            amount = _pence(block["amount"][1])
            balance = _pence(block["balance"][1]) if "balance" in block else None
        except ValueError as exc:
            problems.append(Problem(f"This entry cannot be read: {exc}.", line=at))
            block.clear()
            return
        description = block["description"][1]
        if amount is None:
            problems.append(Problem("This entry has no amount.", line=at))
        else:
            lines.append(BankLine(at, day, description, amount, balance,
                                  _line_id(seen, day, amount, balance, description)))
        block.clear()

    for number, raw in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        line = raw.strip()
        if not line:
            finish()
            continue
        key, _, value = line.partition(":")
        key = key.strip().lower()
        if key in ("from", "account"):
            continue
        if key in ("date", "description", "amount", "balance"):
            if key == "date":
                finish()
            block[key] = (number, value.strip())
        else:
            problems.append(Problem(f'"{line[:40]}" is not a line of a Santander statement.', line=number))
    finish()
    if problems:
        return None, problems
    if not lines:
        return None, [Problem("The file has no transactions.")]
    return _statement("Santander", lines, None, None, has_running=True), []


# --- OFX and QFX -------------------------------------------------------------------------------------------

_SGML_HEADER = (b"OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nSECURITY:NONE\nENCODING:USASCII\nCHARSET:1252\n"
                b"COMPRESSION:NONE\nOLDFILEUID:NONE\nNEWFILEUID:NONE\n\n")
_XML_HEADER = (b'<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
               b'<?OFX OFXHEADER="200" VERSION="200" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"?>\n')


def _ofx_attempts(data: bytes) -> list[bytes]:
    """The file as it is, then with SGML comments taken out and the standard header put back where it is
    missing or broken (some exporters write the body alone)."""
    attempts = [data]
    body = re.sub(rb"<!--.*?-->", b"", data, flags=re.S)
    start = body.upper().find(b"<OFX>")
    if start >= 0:
        core = body[start:]
        closes = re.search(rb"<(\w+)>[^<\r\n]*</\1>", core) is not None
        attempts.append((_XML_HEADER if closes else _SGML_HEADER) + core)
        attempts.append(_SGML_HEADER + core)
    if body != data:
        attempts.insert(1, body)
    return attempts


def read_ofx(data: bytes) -> Read:
    from ofxtools.Parser import OFXTree  # only when an OFX file is read

    last_error = ""
    ofx = None
    for attempt in _ofx_attempts(data):
        tree = OFXTree()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # banks' private tags (INTU.BID) are not errors
                tree.parse(io.BytesIO(attempt))
                ofx = tree.convert()
            break
        except Exception as exc:  # ofxtools raises many kinds; each means the same to the holder  # noqa: BLE001
            last_error = _ofx_error_words(exc)
    if ofx is None:
        return None, [Problem(f"This OFX file cannot be read: {last_error}. Download the statement from your bank "
                              f"again, or use its CSV export.")]
    statements = list(getattr(ofx, "statements", []) or [])
    if not statements:
        return None, [Problem("This OFX file has no bank statement in it.")]
    if len(statements) > 1:
        return None, [Problem(f"This OFX file holds {len(statements)} accounts' statements. Export the direct "
                              f"payment account's statement on its own.")]
    st = statements[0]
    problems: list[Problem] = []
    currency = str(getattr(st, "curdef", "") or "")
    if currency and currency != "GBP":
        problems.append(Problem(f"This statement is in {currency}, not pounds. A direct payment account is a UK "
                                f"account in pounds: export the statement of that account."))
    lines: list[BankLine] = []
    ids: Counter[str] = Counter()
    for number, trn in enumerate(st.transactions, start=1):
        posted = getattr(trn, "dtposted", None)
        amount = getattr(trn, "trnamt", None)
        fitid = str(getattr(trn, "fitid", "") or "")
        ids[fitid] += 1
        if ids[fitid] == 2:
            problems.append(Problem(f"Transaction {number} has the same bank id ({fitid}) as an earlier one; the bank's "
                                    f"file is faulty. Download it again.", line=number))
        pence = _exact_pence(amount)
        if pence is None:
            problems.append(Problem(f"Transaction {number}'s amount ({amount}) is not pounds and pence.", line=number))
            continue
        if posted is None:
            problems.append(Problem(f"Transaction {number} has no date.", line=number))
            continue
        words = " — ".join(str(x) for x in (getattr(trn, "name", None), getattr(trn, "memo", None)) if x)
        lines.append(BankLine(number, posted.astimezone(LONDON).date(), words, pence, None, "ofx:" + fitid))
    if not lines and not problems:
        problems.append(Problem("This OFX file has no transactions."))
    closing = None
    ledger = getattr(st, "ledgerbal", None)
    if ledger is not None and ledger.balamt is not None:
        closing = _exact_pence(ledger.balamt)
        if closing is None:
            problems.append(Problem(f"The statement's balance ({ledger.balamt}) is not pounds and pence."))
    if problems:
        return None, problems
    return _statement("OFX statement", lines, None, closing, has_running=False, currency=currency or "GBP"), []


def _exact_pence(amount: object) -> int | None:
    try:
        pounds = Decimal(str(amount).replace(",", "."))
    except (InvalidOperation, ValueError):
        return None
    pence = pounds * 100
    return int(pence) if pence == pence.to_integral_value() else None


def _ofx_error_words(exc: Exception) -> str:
    text = str(exc).split("\n", 1)[0].strip()
    if "header" in type(exc).__name__.lower() or "header" in text.lower():
        return "its header is missing or broken"
    if "Value is required" in text or "None" in text:
        field = re.search(r"\.(\w+) to None", text)
        return f"a value it must have is missing ({field.group(1).upper() if field else 'a date or an amount'})"
    odd = re.search(r"to '?([^':]+(?::[^']*)?)'? ?: '.*does not conform", text)
    if "does not conform" in text:
        return f"a date or number in it is not written the way OFX requires ({odd.group(1) if odd else 'see the file'})"
    return text[:160] or type(exc).__name__
