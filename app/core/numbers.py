"""Numbers as people write them: "16.5", "28", "0.35" (no trailing zeros, never "1E+2"), and hours in words."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def plain(number: Decimal, step: Decimal | None = None) -> str:
    """`number`, rounded half up to `step` first when one is given, without trailing zeros."""
    if step is not None:
        number = number.quantize(step, rounding=ROUND_HALF_UP)
    return format(number.normalize(), "f")


def hours_words(hours: Decimal, step: Decimal) -> str:
    """"1 hour", "36.21 hours": to `step`, the unit said in the singular only for exactly one."""
    shown = plain(hours, step)
    return f"{shown} hour" + ("" if shown == "1" else "s")
