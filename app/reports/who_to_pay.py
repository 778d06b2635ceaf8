"""Who to pay for a run: each PA's name as their bank account holds it (for Confirmation of Payee), sort code,
account number, amount, reference and the date it must arrive, as a CSV to keep beside the bank's website.
No Bacs file: households have no Bacs service user number."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.core.money import pence_to_string
from app.reports.cells import write_csv
from app.services.pay_views import PayRunView

HEADER = ["PA", "Name on the account", "Sort code", "Account number", "Amount", "Reference", "Pay by"]


@dataclass(frozen=True, slots=True)
class Payee:
    pa_name: str
    account_name: str
    sort_code: str
    account_number: str
    amount_pence: int
    reference: str
    pay_by: date
    missing: str  # what is missing to pay them, in words; "" when complete


def _sort_code(digits: str) -> str:
    clean = "".join(ch for ch in digits if ch.isdigit())
    return f"{clean[0:2]}-{clean[2:4]}-{clean[4:6]}" if len(clean) == 6 else clean


def payees(run: PayRunView) -> list[Payee]:
    reference = f"Wages {run.pay_date:%d %b %Y}"
    found = []
    for slip in run.payslips:
        missing = [what for what, value in (("the name on the account", slip.bank_account_name),
                                            ("the sort code", slip.sort_code),
                                            ("the account number", slip.account_number)) if not value.strip()]
        found.append(Payee(slip.pa_name, slip.bank_account_name, _sort_code(slip.sort_code), slip.account_number,
                           slip.paid_to_pa_pence, reference, run.pay_date,
                           ("Add " + " and ".join(missing) + " on the PA's page.") if missing else ""))
    return found


def write_who_to_pay_csv(run: PayRunView, target: Path) -> Path:
    return write_csv(target, HEADER, ([payee.pa_name, payee.account_name, payee.sort_code, payee.account_number,
                                       pence_to_string(payee.amount_pence), payee.reference, payee.pay_by.isoformat()]
                                      for payee in payees(run)))
