"""PAYE income tax rules beyond HMRC's test data: week 53, the 50% limit, K codes, codes and refunds."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.payroll.income_tax import (
    IncomeTaxInput,
    TaxCodeError,
    calculate_income_tax,
    parse_tax_code,
    pay_adjustment_per_period,
)
from app.payroll.periods import Frequency
from app.payroll.rates import rates_for


def tax(frequency: Frequency, period: int, code: str, pay: int, to_date: int | None = None, paid: int = 0,
        w1: bool = False, year: str = "2025-26") -> tuple[int, int, bool]:
    result = calculate_income_tax(IncomeTaxInput(year, frequency, period, code, pay,
                                                 pay if to_date is None else to_date, paid, w1))
    return result.tax_due_in_period_pence, result.tax_due_to_date_pence, result.limited_by_regulation


def test_pay_adjustment_for_1257_weekly_and_monthly() -> None:
    """HMRC pay adjustment method: code 1257 gives q = 2, r = 257: weekly 49.60 + 2 x 96.16 = 241.92;
    monthly 214.92 + 2 x 416.67 = 1048.26 (HMRC's tables give the same figures)."""
    rates = rates_for("2025-26").income_tax
    assert pay_adjustment_per_period(1257, True, rates) == Decimal("241.92")
    assert pay_adjustment_per_period(1257, False, rates) == Decimal("1048.26")


def test_week_53_is_taxed_on_the_week_1_basis() -> None:
    """HMRC "Week 53 payments": pay in week 53 uses the week 1 basis whatever the code says.
    £500 with 1257L: free pay £241.92, taxable £258, tax £51.60; tax paid earlier does not matter
    (and, as in HMRC's week 1 test rows, the result's tax to date is this period's tax)."""
    in_period, to_date, _ = tax(Frequency.WEEKLY, 53, "1257L", 50000, to_date=2_600_000, paid=400_000)
    assert in_period == 5160
    assert to_date == 5160


def test_week_54_fortnightly_uses_two_weeks_of_allowance_and_bands() -> None:
    """Fortnightly pay in week 53 uses the week 54 (two-week) figures on the week 1 basis:
    £1,000 - £483.84 = £516 taxable, at 20% = £103.20."""
    assert tax(Frequency.FORTNIGHTLY, 54, "1257L", 100000, to_date=5_000_000, paid=900_000)[0] == 10320


def test_four_weekly_week_56() -> None:
    """Four-weekly pay in week 53 uses the week 56 (four-week) figures: £2,000 - £967.68 = £1,032 x 20%."""
    assert tax(Frequency.FOUR_WEEKLY, 56, "1257L", 200000, to_date=9_000_000, paid=1_000_000)[0] == 20640


def test_fortnightly_cumulative_uses_the_tax_week() -> None:
    """Fortnightly pay in tax week 4 (second payday): free pay to date is 4 weeks' worth (£967.68)."""
    in_period, to_date, _ = tax(Frequency.FORTNIGHTLY, 4, "1257L", 100000, to_date=200000, paid=10320)
    assert to_date == 20640  # (2000 - 967.68 -> 1032) x 20%
    assert in_period == 20640 - 10320


def test_k_code_is_capped_at_half_the_pay() -> None:
    """PAYE Regulations 2003 reg. 23 (the overriding limit): K500 monthly on £200 pay. Additional pay
    £417.42 makes taxable pay £617 and tax £123.40, but no more than 50% of £200 may be taken."""
    in_period, to_date, limited = tax(Frequency.MONTHLY, 1, "K500", 20000)
    assert (in_period, to_date, limited) == (10000, 10000, True)


def test_tax_held_back_by_the_limit_is_collected_later_under_a_cumulative_code() -> None:
    """The shortfall is not lost: next month's cumulative calculation picks it up (within its own limit)."""
    first, paid, _ = tax(Frequency.MONTHLY, 1, "K500", 20000)
    second, to_date, limited = tax(Frequency.MONTHLY, 2, "K500", 300000, to_date=320000, paid=paid)
    assert not limited
    assert to_date == 80680  # (£3,200 + 2 x £417.42 = £4,034.84 -> £4,034) x 20% = £806.80
    assert second == to_date - paid  # £706.80: this month's tax and last month's £23.40 held back


def test_refund_under_a_cumulative_code() -> None:
    """A month with no pay after a good month gives back tax: month 1 £3,000 (£390.20 tax), month 2 nothing."""
    first, paid, _ = tax(Frequency.MONTHLY, 1, "1257L", 300000)
    assert first == 39020
    refund, to_date, _ = tax(Frequency.MONTHLY, 2, "1257L", 0, to_date=300000, paid=paid)
    assert refund == -(39020 - to_date) and refund < 0


def test_week1_marker_on_the_code_is_the_same_as_the_flag() -> None:
    assert tax(Frequency.MONTHLY, 6, "1257L M1", 300000, to_date=900000, paid=12345) == \
        tax(Frequency.MONTHLY, 6, "1257L", 300000, to_date=900000, paid=12345, w1=True)


@pytest.mark.parametrize("text, regime, kind, number", [
    ("1257L", "rest_of_uk", "allowance", 1257), ("s1257l", "scotland", "allowance", 1257),
    ("C1257L", "wales", "allowance", 1257), ("1257M", "rest_of_uk", "allowance", 1257),
    ("1257N", "rest_of_uk", "allowance", 1257), ("1257T", "rest_of_uk", "allowance", 1257),
    ("0T", "rest_of_uk", "allowance", 0), ("K475", "rest_of_uk", "k", 475), ("SK630", "scotland", "k", 630),
    ("BR", "rest_of_uk", "flat", 0), ("SD3", "scotland", "flat", 0), ("NT", "rest_of_uk", "no_tax", 0),
    ("1257L W1", "rest_of_uk", "allowance", 1257), ("1257LX", "rest_of_uk", "allowance", 1257),
])
def test_tax_codes_are_read(text: str, regime: str, kind: str, number: int) -> None:
    code = parse_tax_code(text)
    assert (code.regime, code.kind, code.number) == (regime, kind, number)


@pytest.mark.parametrize("text", ["", "1257", "L1257", "D2", "CD3", "XX", "1257Q", "K", "S", "1257L W2"])
def test_unknown_codes_are_refused_with_help(text: str) -> None:
    with pytest.raises(TaxCodeError):
        parse_tax_code(text)


def test_nt_pays_no_tax_and_refunds_what_was_taken() -> None:
    assert tax(Frequency.MONTHLY, 4, "NT", 500000, to_date=2_000_000, paid=60000)[:2] == (-60000, 0)


@pytest.mark.parametrize("code, expected", [("D0", 4000), ("D1", 4500), ("SD0", 2100), ("SD3", 4800), ("BR", 2000)])
def test_flat_rate_codes(code: str, expected: int) -> None:
    assert tax(Frequency.MONTHLY, 1, code, 10000)[0] == expected


@settings(max_examples=150, deadline=None)
@given(
    # Whole pounds: a penny more can tip taxable pay (rounded down to pounds) into the next pound, and
    # 20p of tax on 1p of pay is rightly stopped by the 50% limit; that is not what this property is about.
    splits=st.lists(st.integers(min_value=0, max_value=15_000).map(lambda pounds: pounds * 100), min_size=1, max_size=11),
    code=st.sampled_from(["1257L", "S1257L", "C1257L", "0T", "BR", "45L", "1100L"]),
)
def test_tax_to_date_does_not_depend_on_how_earlier_pay_was_split(splits: list[int], code: str) -> None:
    """Under a cumulative code the tax due to date depends only on pay to date and the period."""
    period = len(splits)
    total = sum(splits)
    paid = 0
    to_date = 0
    for n, pay in enumerate(splits, start=1):
        to_date += pay
        in_period, paid, limited = tax(Frequency.MONTHLY, n, code, pay, to_date=to_date, paid=paid)
        assert not limited  # rates never exceed 48%, so the 50% limit cannot bite on these codes
    one_go = tax(Frequency.MONTHLY, period, code, total, to_date=total)[1]
    assert paid == one_go


@pytest.mark.parametrize("text", ["", "   "])
def test_an_empty_tax_code_is_called_empty(text: str) -> None:
    with pytest.raises(TaxCodeError, match="empty"):
        parse_tax_code(text)


@pytest.mark.parametrize("text, base", [("1257L W1", "1257L"), ("S1257LM1", "S1257L"), ("K475X", "K475"),
                                        ("BR", "BR"), ("0T M1", "0T")])
def test_the_code_is_kept_without_its_week1_month1_marker(text: str, base: str) -> None:
    assert parse_tax_code(text).text == base


def test_0t_gives_no_free_pay() -> None:
    """0T: every pound is taxed from the first, at the basic rate first: £1,000 in month 1 is £200.00."""
    result = calculate_income_tax(IncomeTaxInput("2025-26", Frequency.MONTHLY, 1, "0T", 100000, 100000))
    assert (result.tax_due_in_period_pence, result.free_pay_to_date_pence, result.taxable_pay_rounded_pounds) == (
        20000, 0, 1000)


def test_the_basis_is_cumulative_unless_asked() -> None:
    result = calculate_income_tax(IncomeTaxInput("2025-26", Frequency.MONTHLY, 2, "1257L", 100000, 300000, 0))
    assert result.cumulative


@pytest.mark.parametrize("code", ["BR", "D0", "NT"])
def test_flat_and_no_tax_codes_have_no_free_pay(code: str) -> None:
    assert calculate_income_tax(IncomeTaxInput("2025-26", Frequency.MONTHLY, 1, code, 100000, 100000)
                                ).free_pay_to_date_pence == 0


@pytest.mark.parametrize("taxable_pounds, expected_pence", [
    # Month 1, rest of the UK: the basic rate band to date is £37,700 / 12 = £3,141.6666 (cut to 4 places),
    # compared as £3,142. Pay up to and including £3,142 is all at 20%; a pound more is in the 40% band.
    (3141, 62820), (3142, 62840),
    (3143, 62886),  # 628.33332 for the whole basic band + (3,143 - 3,141.6666) x 40% = 628.86668
])
def test_the_band_is_chosen_against_its_threshold_rounded_up_to_a_pound(taxable_pounds: int,
                                                                          expected_pence: int) -> None:
    """Specification for PAYE Tax Table Routines: pay is in a band when it is no more than the band's threshold
    to date rounded up to whole pounds (0T, so the taxable pay is the pay)."""
    pay = taxable_pounds * 100
    assert tax(Frequency.MONTHLY, 1, "0T", pay, w1=True)[0] == expected_pence


@pytest.mark.parametrize("pay_pence", [50, 99, 0])
def test_a_flat_rate_code_taxes_whole_pounds_only(pay_pence: int) -> None:
    """BR on less than £1: taxable pay rounds down to £0, so no tax."""
    assert tax(Frequency.MONTHLY, 1, "BR", pay_pence, w1=True)[0] == 0
