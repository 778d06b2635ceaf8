"""Pay frequencies and the tax periods they use (tax weeks for weekly-based pay, tax months otherwise)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class Frequency(StrEnum):
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    FOUR_WEEKLY = "four_weekly"
    MONTHLY = "monthly"

    @property
    def weeks(self) -> int:
        """Weeks in one pay period (0 for monthly, which counts in tax months)."""
        return _WEEKS[self]

    @property
    def periods_per_year(self) -> int:
        return 12 if self is Frequency.MONTHLY else 52 // self.weeks

    @property
    def is_weekly_based(self) -> bool:
        return self is not Frequency.MONTHLY

    @property
    def highest_period(self) -> int:
        """The largest `period` allowed: tax month 12; tax week 53, or 54/56 for fortnightly/four-weekly
        pay in a year with a week 53 (HMRC: use the week 54 or 56 tables on the week 1 basis)."""
        return {Frequency.WEEKLY: 53, Frequency.FORTNIGHTLY: 54, Frequency.FOUR_WEEKLY: 56,
                Frequency.MONTHLY: 12}[self]

    def is_week_53_case(self, period: int) -> bool:
        """Pay in tax week 53 (or 54/56) is taxed on the week 1 basis."""
        return self.is_weekly_based and period >= 53

    def annual_fraction(self) -> Decimal:
        """One period as a fraction of a year (weekly-based pay counts 52 weeks)."""
        return Decimal(self.weeks) / 52 if self.is_weekly_based else Decimal(1) / 12

    @classmethod
    def parse(cls, text: str) -> Frequency:
        try:
            return cls(text)
        except ValueError:
            allowed = ", ".join(f.value for f in cls)
            raise ValueError(f"\"{text}\" is not a pay frequency; use one of {allowed}") from None


_WEEKS = {Frequency.WEEKLY: 1, Frequency.FORTNIGHTLY: 2, Frequency.FOUR_WEEKLY: 4, Frequency.MONTHLY: 0}


@dataclass(frozen=True, slots=True)
class PeriodBasis:
    """How many tax weeks (or months) of allowance and bands a calculation uses, out of how many."""

    units_to_date: int
    units_per_year: int
    weekly_based: bool


def check_period(frequency: Frequency, period: int) -> None:
    if isinstance(period, bool) or not isinstance(period, int):
        raise ValueError("the period must be a whole number")
    top = frequency.highest_period
    if not 1 <= period <= top:
        unit = "tax month" if frequency is Frequency.MONTHLY else "tax week"
        raise ValueError(f"{period} is not a {unit} for {frequency.value} pay; use 1 to {top}")
