"""An open employer file (the "book") and the use cases over it.

`EmployerBook.create`, `.open` and `.close` are the only way in; every write is one transaction.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from app import __version__, errorlog, paths
from app.core.dates import now_london, today_london
from app.core.money import MoneyError, format_pounds, parse_pence
from app.core.problems import BookError as BookError  # re-exported: services and screens catch it from here
from app.models import (
    CouncilAgreement,
    Employer,
    FileMeta,
    LedgerEntry,
    PaCheck,
    PersonalAssistant,
    Shift,
    Timesheet,
)
from app.services import audit
from app.services.views import FileInfo, HomeSummary, PaRow, TodoItem
from app.services.words import CHECK_WORDS, ROLE_WORDS, long_date, payment_words
from app.storage import cipher, keystore
from app.storage.cipher import FileKey
from app.storage.database import EmployerDatabase, create_database, open_database, open_snapshot
from app.timesheets.clock import start_of_day
from app.timesheets.periods import pay_period

ROLES = tuple(ROLE_WORDS)
# Councils commonly ask for records to be kept 6 years (shared/reference/council-returns.md); HMRC asks
# for payroll records for 3 years after the tax year. The longer of the two applies.
RETENTION_YEARS = 6


def erasable_from(left_on: date) -> date:
    """The first day a former PA's personal details may be erased."""
    try:
        return left_on.replace(year=left_on.year + RETENTION_YEARS)
    except ValueError:  # 29 February
        return left_on.replace(year=left_on.year + RETENTION_YEARS, day=28)
CHECK_WARNING_DAYS = 60
INSURANCE_WARNING_DAYS = 30


def live_shift() -> ColumnElement[bool]:
    """Shifts that count: not part of a superseded (amended) timesheet version."""
    superseded = select(Timesheet.id).where(Timesheet.status == "superseded")
    return or_(Shift.timesheet_id.is_(None), Shift.timesheet_id.not_in(superseded))


def sentence(text: object) -> str:
    """A rule's message ("the rate ...") as a sentence for the screen ("The rate ....")."""
    words = str(text)
    return words[:1].upper() + words[1:] + ("" if words.endswith(".") else ".")


def positive_pence(amount: str, what: str) -> int:
    """An amount typed by the user, in pence, that must be more than nothing."""
    try:
        pence = parse_pence(amount)
    except MoneyError as exc:
        raise BookError(sentence(exc)) from None
    if pence <= 0:
        raise BookError(f"{what} must be more than £0.00.")
    return pence


@dataclass(frozen=True, slots=True)
class NewEmployer:
    person_name: str
    acting_employer_name: str = ""  # blank: the person acts as their own employer
    acting_role: str = "holder"
    # Optional where the computer has a keyring (the key is kept there); needed where it has none.
    passphrase: str = field(default="", repr=False)
    passphrase_again: str = field(default="", repr=False)

    def problems(self) -> list[str]:
        found = []
        if not self.person_name.strip():
            found.append("Enter the name of the person the direct payment is for.")
        if len(self.person_name) > 200 or len(self.acting_employer_name) > 200:
            found.append("Names can be at most 200 characters.")
        if self.acting_role not in ROLES:
            found.append(f"Who acts as employer must be one of: {', '.join(ROLES)}.")
        if self.acting_role != "holder" and not self.acting_employer_name.strip():
            found.append("Enter the name of the person who acts as employer (the suitable person or nominee).")
        if self.passphrase or self.passphrase_again:
            found += cipher.passphrase_problems(self.passphrase, self.passphrase_again)
        return found



def new_file_key(passphrase: str, again: str) -> FileKey:
    """A key for a new file, or for a file being encrypted: stretched from the passphrase, or (none given)
    random, for the keyring to keep."""
    if not passphrase and not again:
        if not keystore.available():
            raise BookError("This computer has no keyring to keep the file's key safe, so choose a passphrase. "
                            "You will type it when you open the file.")
        return cipher.random_key()
    problems = cipher.passphrase_problems(passphrase, again)
    if problems:
        raise BookError(" ".join(problems))
    return cipher.passphrase_key(passphrase)


def keep_key(key: FileKey, has_passphrase: bool) -> None:
    """Keep a file's key in the keyring. A random key must be kept there (else nothing but the recovery key
    would open the file); a passphrase key is kept where possible, for convenience."""
    if not keystore.save(key.key_id, key.key) and not has_passphrase:
        raise BookError("The computer's keyring would not keep the file's key, so choose a passphrase. "
                        "You will type it when you open the file.")


def _is_demo(session: Session) -> bool:
    kind = session.get(FileMeta, "kind")
    return kind is not None and kind.value == "demo"


def _check_words(check: PaCheck | None, today: date) -> str:
    if check is None or check.expires_on is None:
        return "No checks with an end date"
    what = (check.description or CHECK_WORDS.get(check.kind, check.kind))
    what = what[0].upper() + what[1:]
    verb = "ran out on" if check.expires_on < today else "runs until"
    return f"{what} {verb} {long_date(check.expires_on)}"


class EmployerBook:
    def __init__(self, database: EmployerDatabase) -> None:
        self.db = database

    # -- opening and closing -------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, employer: NewEmployer, kind: str = "real") -> EmployerBook:
        """A new employer file, encrypted (the demo is not: it holds made-up people only). It is built under
        a temporary name and renamed only when complete, so a crash or power cut never leaves half a file
        under the real name. The key goes into the keyring when there is one; `recovery_key()` then gives
        the holder the printable key."""
        problems = employer.problems()
        if problems:
            raise BookError(" ".join(problems))
        # Without SQLCipher (a platform with no wheel for it) a file is made plain and Settings says why.
        key = (None if kind == "demo" or not cipher.AVAILABLE
               else new_file_key(employer.passphrase, employer.passphrase_again))
        if path.suffix != paths.FILE_SUFFIX:
            path = path.with_name(path.name + paths.FILE_SUFFIX)
        if path.exists():
            raise FileExistsError(f"There is already a file at {path}. Choose another name; PA Books never "
                                  "overwrites a file.")
        partial = path.with_name(path.name + ".part")
        partial.unlink(missing_ok=True)  # left by a copy that stopped part-way; it was never a real file
        if key is not None:
            keep_key(key, bool(employer.passphrase))
        database = create_database(partial, key)
        try:
            with database.transaction() as session:
                session.add_all([
                    FileMeta(key="kind", value=kind),
                    FileMeta(key="created_by_version", value=__version__),
                    *([FileMeta(key="key_source", value="passphrase" if employer.passphrase else "random")]
                      if key is not None else []),
                    Employer(
                        person_name=employer.person_name.strip(),
                        acting_employer_name=(employer.acting_employer_name.strip() or employer.person_name.strip()),
                        acting_role=employer.acting_role,
                        created_at=now_london(),
                    ),
                ])
                audit.record(session, "file_created", kind=kind, protection="encrypted" if key else "not encrypted")
        except BaseException:
            database.close()
            partial.unlink(missing_ok=True)
            raise
        database.close()
        if path.exists():
            partial.unlink(missing_ok=True)
            raise FileExistsError(f"There is already a file at {path}. Choose another name.")
        os.replace(partial, path)
        return cls.open(path, key=key)

    @classmethod
    def open(cls, path: Path, secret: str | None = None, remember: bool = True,
             key: FileKey | None = None) -> EmployerBook:
        """Open a file; the first open of the day takes a verified copy first (app.services.backups).
        An encrypted file opens with the key kept in this computer's keyring, or with `secret` (its
        passphrase or recovery key), which is then kept in the keyring if `remember` and there is one.
        (`key` is for use cases that already hold the file's key.)"""
        book = cls(open_database(Path(path), paths.backups_dir(), secret, key))
        key = book.db.key
        if secret and remember and key is not None and keystore.load(key.key_id) != key.key:
            keystore.save(key.key_id, key.key)
        from app.services.backups import daily_backup  # here, not at the top: backups build on this module

        try:
            daily_backup(book)
        except OSError as exc:  # a full or read-only backups folder must not stop the holder opening their file
            errorlog.write(type(exc), exc.__traceback__)
        return book

    @classmethod
    def open_read_only(cls, path: Path, secret: str | None = None) -> EmployerBook:
        """Look at a file another copy of PA Books has open (a copy taken now, nothing can be changed)."""
        return cls(open_snapshot(Path(path), secret))

    def close(self) -> None:
        self.db.close()

    @property
    def read_only(self) -> bool:
        return self.db.read_only

    def read_only_words(self) -> str | None:
        """Why changes are off, for a banner on every screen; None when the file is open for writing."""
        if not self.read_only:
            return None
        writer = self.db.writer
        who = (f"{writer.user} on {writer.host} has had it open since {writer.since:%H:%M on %d %B %Y}"
               if writer else "another copy of PA Books had it open")
        return (f"Read only: {who}. This is a copy taken at {now_london():%H:%M}; you can look, print and "
                "export, but not change anything.")

    @property
    def file_id(self) -> str | None:
        """This file's identity (its backups are kept under it); None only for a read-only look at a file
        from before identities."""
        if not hasattr(self, "_file_id"):
            with self.db.reading() as session:
                meta = session.get(FileMeta, "file_id")
                self._file_id = meta.value if meta else None
        return self._file_id

    def recovery_key(self) -> str | None:
        """The printable recovery key of an encrypted file (None for a plain one)."""
        return self.db.key.recovery_key() if self.db.key is not None else None

    @property
    def path(self) -> Path:
        return self.db.path

    # -- reading -------------------------------------------------------------------------------

    def is_demo(self) -> bool:
        with self.db.reading() as session:
            return _is_demo(session)

    @staticmethod
    def _employer(session: Session) -> Employer:
        employer = session.scalars(select(Employer).limit(1)).first()
        if employer is None:
            raise BookError("This employer file has no employer details; it may be damaged. Open a backup.")
        return employer

    def home_summary(self, today: date | None = None) -> HomeSummary:
        today = today or today_london()
        with self.db.reading() as session:
            employer = self._employer(session)
            agreement = session.scalars(
                select(CouncilAgreement).order_by(CouncilAgreement.starts_on.desc()).limit(1)).first()
            pas = session.scalars(select(PersonalAssistant).order_by(PersonalAssistant.first_name)).all()
            checks = session.scalars(select(PaCheck)).all()
            todo = self._todo(employer, agreement, list(pas), list(checks), today)
            todo += self._timesheet_todo(session, employer, list(pas), today)
            return HomeSummary(
                file_name=self.path.name,
                is_demo=_is_demo(session),
                person_name=employer.person_name,
                acting_employer_name=employer.acting_employer_name,
                acting_role_words=ROLE_WORDS.get(employer.acting_role, employer.acting_role),
                council_name=agreement.council_name if agreement else None,
                council_payment_words=payment_words(agreement.payment_pence, agreement.payment_frequency)
                if agreement else None,
                pa_count=sum(1 for pa in pas if pa.left_on is None or pa.left_on >= today),
                todo=tuple(sorted(todo, key=lambda t: (t.due_on or date.max, t.title))),
            )

    @staticmethod
    def _todo(employer: Employer, agreement: CouncilAgreement | None, pas: list[PersonalAssistant],
              checks: list[PaCheck], today: date) -> list[TodoItem]:
        items: list[TodoItem] = []
        names = {pa.id: pa.full_name for pa in pas}
        current = {pa.id for pa in pas if pa.left_on is None or pa.left_on >= today}
        for check in checks:
            if check.pa_id not in current or check.expires_on is None:
                continue
            what = check.description or CHECK_WORDS.get(check.kind, check.kind)
            who = names.get(check.pa_id, "A PA")
            action = f"Book {what} for {who}" if check.kind == "training" else f"Arrange a new {what} for {who}"
            if check.expires_on < today:
                items.append(TodoItem(f"{who}'s {what} ran out on {long_date(check.expires_on)}",
                                      f"{action} and record it here.", check.expires_on, "overdue"))
            elif check.expires_on <= today + timedelta(days=CHECK_WARNING_DAYS):
                items.append(TodoItem(f"{who}'s {what} runs out on {long_date(check.expires_on)}",
                                      f"{action} before then.", check.expires_on, "soon"))
        if employer.insurance_renews_on is None:
            items.append(TodoItem("Record your employer's liability insurance",
                                  "The law says you must hold it while you employ a PA. Note the insurer, "
                                  "policy number and renewal date.", None, "soon"))
        elif employer.insurance_renews_on <= today + timedelta(days=INSURANCE_WARNING_DAYS):
            urgency = "overdue" if employer.insurance_renews_on < today else "soon"
            items.append(TodoItem(f"Your employer's liability insurance renews on {long_date(employer.insurance_renews_on)}",
                                  "Renew it and keep the new certificate for the council's return.",
                                  employer.insurance_renews_on, urgency))
        if not employer.hmrc_paye_reference:
            items.append(TodoItem("Add your employer PAYE reference",
                                  "HMRC sends it when you register as an employer (it looks like 123/AB45678). "
                                  "You need it to pay PAs through PAYE.", None, "soon"))
        if agreement is None:
            items.append(TodoItem("Add your direct payment agreement",
                                  "The amount, how often the council pays it, and your support plan hours.",
                                  None, "later"))
        if not pas:
            items.append(TodoItem("Add your first PA", "Their details, pay rates, tax code and checks.", None, "later"))
        for pa in pas:
            if pa.left_on is not None and pa.personal_data_erased_on is None:
                if erasable_from(pa.left_on) <= today:
                    items.append(TodoItem(f"{pa.full_name}'s personal details may now be erased",
                                          "They left more than 6 years ago. If they ask, erase their details on the "
                                          "PAs screen; their hours and pay records stay.", None, "later"))
        return items

    @staticmethod
    def _timesheet_todo(session: Session, employer: Employer, pas: list[PersonalAssistant],
                        today: date) -> list[TodoItem]:
        """Planned shifts in the past that nobody confirmed, and ended pay periods not yet approved."""
        items: list[TodoItem] = []
        midnight = start_of_day(today)
        live = live_shift()
        for pa in pas:
            if pa.left_on is not None and pa.left_on < today - timedelta(days=CHECK_WARNING_DAYS):
                continue
            planned = session.scalar(select(func.count()).select_from(Shift).where(
                Shift.pa_id == pa.id, Shift.status == "planned", Shift.starts_at < midnight, live)) or 0
            if planned:
                items.append(TodoItem(f"{planned} of {pa.full_name}'s past shifts are still only planned",
                                      "On the Timesheets screen, confirm them as worked, change them, or mark them "
                                      "absent.", None, "soon"))
            current_start, _ = pay_period(pa.pay_frequency, today, employer.pay_period_anchor)
            ended_start, ended_end = pay_period(pa.pay_frequency, current_start - timedelta(days=1),
                                                employer.pay_period_anchor)
            first, after = start_of_day(ended_start), start_of_day(ended_end + timedelta(days=1))
            worked = session.scalar(select(func.count()).select_from(Shift).where(
                Shift.pa_id == pa.id, Shift.starts_at >= first, Shift.starts_at < after, live)) or 0
            approved = session.scalar(select(func.count()).select_from(Timesheet).where(
                Timesheet.pa_id == pa.id, Timesheet.period_start == ended_start, Timesheet.status == "approved"))
            if worked and not approved:
                items.append(TodoItem(
                    f"Approve {pa.full_name}'s timesheet for {long_date(ended_start)} to {long_date(ended_end)}",
                    "Check the hours with your PA, then approve it on the Timesheets screen so it can be paid.",
                    ended_end + timedelta(days=1), "soon"))
        return items

    def list_pas(self, today: date | None = None) -> list[PaRow]:
        today = today or today_london()
        rows = []
        with self.db.reading() as session:
            for pa in session.scalars(select(PersonalAssistant).order_by(PersonalAssistant.first_name)):
                current_rates = [r for r in pa.rates if r.applies_from <= today]
                day_rate = next((r for r in reversed(current_rates) if r.kind == "day" and r.hourly_pence), None)
                upcoming = sorted((c for c in pa.checks if c.expires_on), key=lambda c: c.expires_on or date.max)
                next_check = upcoming[0] if upcoming else None
                rows.append(PaRow(
                    pa_id=pa.id,
                    name=pa.full_name,
                    started_on=pa.started_on,
                    left_on=pa.left_on,
                    contract_words=("Irregular hours" if pa.contract_type == "irregular_hours"
                                    else f"{pa.contracted_hours_per_week} hours a week"
                                    if pa.contracted_hours_per_week else "Set hours"),
                    tax_code=pa.tax_code,
                    ni_category=pa.ni_category,
                    main_rate_words=f"{format_pounds(day_rate.hourly_pence)} an hour"
                    if day_rate and day_rate.hourly_pence else "No day rate yet",
                    next_check_words=_check_words(next_check, today),
                    pay_frequency=pa.pay_frequency,
                ))
        return rows

    def info(self) -> FileInfo:
        with self.db.reading() as session:
            employer = self._employer(session)
            agreement = session.scalars(select(CouncilAgreement).limit(1)).first()
            kind = session.get(FileMeta, "kind")
            return FileInfo(
                path=str(self.path),
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
                ledger_entry_count=session.scalar(select(func.count()).select_from(LedgerEntry)) or 0,
                encrypted=self.db.key is not None,
                read_only=self.read_only,
            )
