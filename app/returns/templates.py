"""Council return templates as data: one JSON file per council format in app/returns/templates/, naming its period
rule, due-date rule, sections, wording, categories, spreadsheet columns, evidence list, receipt threshold,
retention and declaration. A new council's format is a new file (and a test), never new code."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from app.core.problems import Problem

CYCLES = ("four_weekly", "monthly", "quarterly", "annual", "on_request")
ALIGNMENTS = ("agreement_start", "financial_year", "calendar_quarter", "request")
SECTIONS = ("header", "funding", "money_in", "money_out", "reconciliation", "funds", "employees", "hours",
            "liabilities", "contribution", "compliance", "evidence", "declaration", "council_use")
EVIDENCE = {"bank_statements": "Bank statements for the period", "payslips": "Payslips for every PA paid",
            "timesheets": "Signed timesheets", "receipts": "Receipts and paid invoices",
            "hmrc_payments": "Proof of payments to HMRC", "pension_payments": "Proof of payments to the pension scheme",
            "insurance": "Employer's liability insurance certificate"}
SIGNERS = {"holder": "the direct payment holder", "suitable_person": "the suitable person",
           "nominee": "the nominated person", "managed_account": "the managed account provider"}


STREAM_WORDS = {"council": "Council direct payment", "contribution": "Your contribution",
                "health": "Personal health budget (NHS)", "ilf": "Independent Living Fund", "refund": "Refunds",
                "pooled": "Others' shares of a pooled cost",
                "interest": "Bank interest", "other": "Other money in"}


@dataclass(frozen=True, slots=True)
class Template:
    id: str
    name: str
    shape: str
    cycle: str
    aligned_to: str
    due_days_after_end: int
    sections: tuple[str, ...]
    words: dict[str, str]
    categories: dict[str, str]  # PA Books' spending category -> the council's words; others fall under "other"
    columns: tuple[str, ...]  # the spreadsheet's columns, in the council's words and order
    evidence: tuple[str, ...]
    receipt_threshold_pence: int
    retention_years: int
    disallowed: tuple[str, ...]
    declaration: str
    signers: tuple[str, ...]

    def says(self, key: str, default: str) -> str:
        return self.words.get(key, default)

    def stream_words(self, code: str) -> str:
        """Where money came from, in the template's words (a health budget's "council" stream is the NHS's)."""
        return self.words.get(f"stream_{code}") or STREAM_WORDS.get(code, "Other money in")

    def category_words(self, code: str) -> str:
        return self.categories.get(code) or self.categories.get("other", "Other")

    def declaration_words(self) -> str:
        return self.declaration.replace("{retention_years}", str(self.retention_years))


REQUIRED = ("id", "name", "cycle", "aligned_to", "due_days_after_end", "sections", "categories", "columns",
            "evidence", "declaration", "signers")


def template_from_data(data: dict[str, Any], source: str = "") -> tuple[Template | None, list[Problem]]:
    """A template, or every way the file is wrong (said about the file, so a council's file can be fixed)."""
    where = f"{source}: " if source else ""
    found = [Problem(f"{where}the template has no \"{key}\".", key) for key in REQUIRED if key not in data]
    if found:
        return None, found
    if data["cycle"] not in CYCLES:
        found.append(Problem(f"{where}\"cycle\" must be one of {', '.join(CYCLES)}.", "cycle"))
    if data["aligned_to"] not in ALIGNMENTS:
        found.append(Problem(f"{where}\"aligned_to\" must be one of {', '.join(ALIGNMENTS)}.", "aligned_to"))
    found += [Problem(f"{where}there is no section called \"{s}\".", "sections") for s in data["sections"]
              if s not in SECTIONS]
    found += [Problem(f"{where}there is no kind of evidence called \"{e}\".", "evidence") for e in data["evidence"]
              if e not in EVIDENCE]
    found += [Problem(f"{where}there is no signer called \"{s}\".", "signers") for s in data["signers"]
              if s not in SIGNERS]
    if not isinstance(data["due_days_after_end"], int) or data["due_days_after_end"] < 0:
        found.append(Problem(f"{where}\"due_days_after_end\" must be a whole number of days.", "due_days_after_end"))
    if found:
        return None, found
    return Template(
        str(data["id"]), str(data["name"]), str(data.get("shape", "")), data["cycle"], data["aligned_to"],
        data["due_days_after_end"], tuple(data["sections"]), dict(data.get("words", {})), dict(data["categories"]),
        tuple(data["columns"]), tuple(data["evidence"]), int(data.get("receipt_threshold_pence", 0)),
        int(data.get("retention_years", 6)), tuple(data.get("disallowed", ())), str(data["declaration"]),
        tuple(data["signers"])), []


def shipped_templates() -> dict[str, Template]:
    """The templates PA Books comes with, by id."""
    folder = resources.files("app.returns") / "templates"
    found: dict[str, Template] = {}
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".json"):
            template, problems = template_from_data(json.loads(entry.read_text(encoding="utf-8")), entry.name)
            if template is None:
                raise ValueError("; ".join(p.message for p in problems))
            found[template.id] = template
    return found
