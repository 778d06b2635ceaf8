"""Benchmarks (not timed tests): a year of weekly payslips for 6 PAs, and `calc` over 10,000 lines.

    make bench      or      .venv/bin/python benchmarks/run.py

Targets (issue 4): the year of payslips under 50 ms; 10,000 calc lines under 2 s on a 2-core machine.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.payroll.payslip import PayElement, PayslipInput, PensionMembership, calculate_payslip  # noqa: E402
from app.payroll.periods import Frequency  # noqa: E402

CODES = ("1257L", "S1257L", "BR", "K100", "C1257L", "1100L")


def year_of_payslips() -> int:
    """6 PAs x 52 weekly periods, cumulative tax carried from week to week. Returns total net pay."""
    total = 0
    for pa in range(6):
        taxable_before = tax_before = allowance_used = 0
        for week in range(1, 53):
            result = calculate_payslip(PayslipInput(
                tax_year="2026-27", frequency=Frequency.WEEKLY, period=week, tax_code=CODES[pa], ni_category="A",
                age=30 + pa, elements=(PayElement("basic", "Day hours", 30000 + 1000 * pa + week),
                                       PayElement("sleep_in", "Sleep-ins", 9000)),
                taxable_pay_before_pence=taxable_before, tax_paid_before_pence=tax_before,
                student_loan_plans=("2",) if pa % 2 else (), pension=PensionMembership(),
                employment_allowance_used_before_pence=allowance_used))
            taxable_before, tax_before = result.taxable_pay_to_date_pence, result.tax_paid_to_date_pence
            allowance_used += result.employment_allowance_offset_pence
            total += result.net_pay_pence
    return total


def calc_lines(count: int) -> str:
    kinds = [
        {"kind": "income_tax", "tax_year": "2026-27", "frequency": "monthly", "period": 3, "tax_code": "S1257L",
         "gross_pay": "2123.26", "taxable_pay_to_date": "6435.77", "tax_paid_to_date": "540.85"},
        {"kind": "national_insurance", "tax_year": "2025-26", "frequency": "weekly", "category": "A", "gross_pay": "512.04"},
        {"kind": "pension", "tax_year": "2026-27", "frequency": "monthly", "gross_pay": "1200.00", "age": 34},
        {"kind": "student_loan", "tax_year": "2026-27", "frequency": "monthly", "gross_pay": "2600.00", "plans": ["2"]},
    ]
    return "\n".join(json.dumps(kinds[i % len(kinds)]) for i in range(count)) + "\n"


def best_of(runs: int, work: object) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        work()  # type: ignore[operator]
        timings.append(time.perf_counter() - start)
    return min(timings) * 1000


def main() -> int:
    year_of_payslips()  # warm the rates cache
    payslips_ms = best_of(5, year_of_payslips)
    stdin = calc_lines(10_000)
    calc_ms = best_of(3, lambda: subprocess.run([sys.executable, "-m", "app", "calc"], input=stdin,
                                                capture_output=True, text=True, check=True))
    print(f"year of weekly payslips, 6 PAs (312 payslips): {payslips_ms:.1f} ms (target 50 ms)")
    print(f"calc, 10,000 lines through python -m app calc (whole process): {calc_ms:.0f} ms (target 2000 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
