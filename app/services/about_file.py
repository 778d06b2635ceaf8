"""A summary of an employer file as data (for `pabooks info` and the About box)."""

from __future__ import annotations

from sqlalchemy import func, select

from app import __version__
from app.models import CouncilAgreement, FileMeta, MoneyTransaction, PersonalAssistant, Shift
from app.services.book import EmployerBook, employer_of
from app.services.views import FileInfo


def file_info(book: EmployerBook) -> FileInfo:
    with book.reading() as session:
        employer = employer_of(session)
        agreement = session.scalars(select(CouncilAgreement).limit(1)).first()
        kind = session.get(FileMeta, "kind")
        return FileInfo(
            path=str(book.path),
            kind=kind.value if kind else "real",
            app_version=__version__,
            schema_revision=str(session.connection().exec_driver_sql(
                "SELECT version_num FROM alembic_version").scalar()),
            person_name=employer.person_name,
            acting_employer_name=employer.acting_employer_name,
            acting_role=employer.acting_role,
            council_name=agreement.council_name if agreement else None,
            pa_count=session.scalar(select(func.count()).select_from(PersonalAssistant)) or 0,
            shift_count=session.scalar(select(func.count()).select_from(Shift)) or 0,
            ledger_entry_count=session.scalar(select(func.count()).select_from(MoneyTransaction)) or 0,
            encrypted=book.encrypted,
            read_only=book.read_only,
        )
