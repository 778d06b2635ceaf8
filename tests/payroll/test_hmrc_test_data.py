"""HMRC's published payroll test data 2025-26, every row, through `python -m app calc`.

Source: GOV.UK "Software developers: payroll test data" (a copy in tests/data/hmrc-test-data/).
Income tax and National Insurance exactly, to the penny, on every row. HMRC's stated bar for income tax is a penny
either way; that check is kept beside the exact one, so a failure says which bar was missed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

FREQUENCIES = {"Weekly": "weekly", "Fortnightly": "fortnightly", "FourWeekly": "four_weekly", "Monthly": "monthly"}


def money(value: float | int) -> str:
    return f"{Decimal(str(value)):.2f}"


def calc(requests: list[dict[str, object]]) -> list[dict[str, object]]:
    stdin = "\n".join(json.dumps(r) for r in requests) + "\n"
    done = subprocess.run([sys.executable, "-m", "app", "calc"], input=stdin, capture_output=True, text=True,
                          env=os.environ.copy(), timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_all_income_tax_rows(reference: Path) -> None:
    rows = json.loads((reference / "hmrc-test-data/income_tax_2025-26.json").read_text())
    assert len(rows) == 168
    requests, paid_by_series = [], {}
    for row in rows:
        series = row["TestIdentifier"].rsplit("/", 1)[0]
        cumulative_continues = not row["W1M1Flag"] and row["Period"] > 1
        requests.append({
            "kind": "income_tax", "tax_year": "2025-26", "frequency": FREQUENCIES[row["PayFrequency"]],
            "period": row["Period"], "tax_code": row["TaxCode"], "week1_month1": row["W1M1Flag"],
            "gross_pay": money(row["GrossPay"]), "taxable_pay_to_date": money(row["TaxablePayToDate"]),
            "tax_paid_to_date": paid_by_series.get(series, "0.00") if cumulative_continues else "0.00",
        })
        paid_by_series[series] = money(row["TaxDueToDate"])
    results = calc(requests)
    assert len(results) == len(rows)
    outside_tolerance, inexact = [], []
    for row, result in zip(rows, results, strict=True):
        for ours, theirs in (("tax_due_in_period", "TaxDueInPeriod"), ("tax_due_to_date", "TaxDueToDate")):
            difference = abs(Decimal(result[ours]) - Decimal(str(row[theirs])))  # type: ignore[arg-type]
            line = f"{row['TestIdentifier']} {ours}: ours {result[ours]}, HMRC {row[theirs]}"
            if difference > Decimal("0.01"):
                outside_tolerance.append(line)
            elif difference:
                inexact.append(line)
    assert outside_tolerance == [], "outside HMRC's stated tolerance of a penny either way"
    assert inexact == [], "within HMRC's tolerance but not exact"


@pytest.mark.parametrize("tax_code, taxable_pay_to_date, period, expected", [
    # HMRC 2025-26 test data, "Scottish tax v1.0": rows whose tax sits exactly on a penny in exact arithmetic, where
    # HMRC's routine (thresholds to date cut to 4 places, each band's tax to 5) gives a penny less.
    ("S45L", "3164.24", 1, "753.59"),  # Gen_W1M1_mthly/3: the 42% band in month 1
    ("S1257L", "47901.48", 4, "16868.53"),  # Gen_cumul_mthly/4: the 48% band in month 4
    ("SK585", "895.00", 1, "275.63"),  # K_cumul_mthly/1: the 21% band in month 1
    # ... and where exact arithmetic and HMRC agree because every rate is a multiple of 10%:
    ("1257L", "47901.48", 4, "15069.60"),  # Gen_cumul-mthly/4: the 45% band in month 4
])
def test_scottish_band_tax_is_cut_one_place_after_its_threshold(
        tax_code: str, taxable_pay_to_date: str, period: int, expected: str) -> None:
    from app.payroll.calc import calculate_line

    week1 = period == 1 and tax_code == "S45L"
    answer = calculate_line(json.dumps({
        "kind": "income_tax", "tax_year": "2025-26", "frequency": "monthly", "period": period, "tax_code": tax_code,
        "week1_month1": week1, "gross_pay": taxable_pay_to_date, "taxable_pay_to_date": taxable_pay_to_date,
        "tax_paid_to_date": "0.00"}), 1)
    assert answer["tax_due_to_date"] == expected


def test_all_national_insurance_rows(reference: Path) -> None:
    rows = json.loads((reference / "hmrc-test-data/national_insurance_2025-26.json").read_text())
    assert len(rows) == 896
    results = calc([{
        "kind": "national_insurance", "tax_year": "2025-26", "frequency": FREQUENCIES[row["PayFrequency"]],
        "period": max(row["Period"], 1), "category": row["NiCategory"], "gross_pay": money(row["GrossPay"]),
    } for row in rows])
    wrong = []
    for row, result in zip(rows, results, strict=True):
        expected = {"employee_ni": money(row["EmployeeNiContribution"]),
                    "employer_ni": money(row["EmployerNiContribution"]),
                    "earnings_at_lel": money(row["EarningsAtLEL_YTD"]),
                    "earnings_lel_to_pt": money(row["EarningsLELtoPT_YTD"]),
                    "earnings_pt_to_uel": money(row["EarningsPTtoUEL_YTD"])}
        if result != expected:
            wrong.append(f"{row['TestIdentifier']} ({row['PayFrequency']} £{row['GrossPay']}): ours {result}, HMRC {expected}")
    assert wrong == []


@pytest.mark.parametrize("line, expected", [
    # The examples in shared/spec/calc.md.
    ({"kind": "income_tax", "tax_year": "2026-27", "frequency": "monthly", "period": 3, "tax_code": "S1257L",
      "week1_month1": False, "gross_pay": "31123.26", "taxable_pay_to_date": "33435.77", "tax_paid_to_date": "40.85"},
     {"tax_due_in_period": "11436.78", "tax_due_to_date": "11477.63"}),
    ({"kind": "national_insurance", "tax_year": "2025-26", "frequency": "weekly", "period": 1, "category": "A",
      "gross_pay": "96.04"},
     {"employee_ni": "0.00", "employer_ni": "0.01", "earnings_at_lel": "0.00", "earnings_lel_to_pt": "0.00",
      "earnings_pt_to_uel": "0.00"}),
])
def test_contract_examples(line: dict[str, object], expected: dict[str, str]) -> None:
    from app.payroll.calc import calculate_line

    assert calculate_line(json.dumps(line), 1) == expected
