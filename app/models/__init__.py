"""Storage models: SQLAlchemy 2 typed tables for the whole product, one SQLite file per employer.

Money is whole pence (`*_pence` integer columns); hours are exact decimals stored as text; instants
are stored in UTC and handed back zone-aware. Nothing here holds a business rule.
"""

from app.models.base import Base
from app.models.employer import Budget, CouncilAgreement, Employer, FileMeta, ReviewNote, SupportPlanItem
from app.models.ledger import (
    BankAccount,
    BankLayoutChoice,
    BankLine,
    BankStatement,
    EvidenceFile,
    MoneyPosting,
    MoneyTransaction,
)
from app.models.payroll import PayAddition, PayRun, Payslip, PayslipLine, RtiSubmission
from app.models.people import Absence, PaCheck, PayRate, PersonalAssistant, TaxCodeNotice
from app.models.records import AuditEvent, CouncilReturn, ReturnEvidence
from app.models.time import RotaPattern, Shift, Timesheet

__all__ = [
    "Absence", "AuditEvent", "BankAccount", "BankLayoutChoice", "BankLine", "BankStatement", "Base", "Budget",
    "CouncilAgreement", "CouncilReturn", "Employer", "EvidenceFile", "FileMeta", "MoneyPosting",
    "MoneyTransaction", "PaCheck", "PayAddition", "PayRate", "PayRun", "Payslip", "PayslipLine",
    "PersonalAssistant", "ReturnEvidence", "ReviewNote", "RotaPattern", "RtiSubmission", "Shift", "SupportPlanItem",
    "TaxCodeNotice", "Timesheet",
]
