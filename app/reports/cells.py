"""Cells for spreadsheets (CSV and XLSX) that a spreadsheet cannot run as a formula.

Text that begins with =, +, -, @, a tab or a carriage return is taken by spreadsheet software as a
formula (OWASP, "CSV Injection"): a typed reason such as =HYPERLINK(...) would become a live link. Such
text is written with a leading apostrophe, which spreadsheets show as plain text. Numbers stay numbers.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def markup_text(text: str) -> str:
    """Typed text made safe inside a reportlab Paragraph, whose text is markup (an "&" or "<" would break it)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def safe_cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values: Iterable[object]) -> list[object]:
    return [safe_cell(v) for v in values]


def write_csv(target: Path, header: Iterable[str], rows: Iterable[Iterable[object]]) -> Path:
    """A CSV file of a header and rows (UTF-8), each cell made safe from being run as a formula."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(list(header))
        writer.writerows(safe_row(row) for row in rows)
    return target
