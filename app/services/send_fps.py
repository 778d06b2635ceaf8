"""Send a final pay run's FPS to HMRC when the holder presses Send: the one use of the network in PA Books.

The FPS must first pass HMRC's schema and business rules (services/fps.py). A run whose FPS HMRC accepted, or
whose FPS is waiting for HMRC's answer, is never sent again; a pending one is polled. HMRC's answer is kept with
the run as one operation (accepted with the receipt, refused with HMRC's errors in words, or pending)."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Protocol

from lxml import etree
from sqlalchemy import select

from app.core.problems import Problem
from app.models import PayRun, RtiSubmission
from app.rti.govtalk import Routing, govtalk_message
from app.rti.irmark import ENVELOPE
from app.services import settings as app_settings
from app.services.book import BookError, EmployerBook, employer_of
from app.services.fps import fps_for_run
from app.services.operations import EMPLOYER_ONLY, Change, Context, Operation
from app.services.views import TodoItem
from app.services.words import long_date

FPS_CLASS = "HMRC-PAYE-RTI-FPS"
EPS_CLASS = "HMRC-PAYE-RTI-EPS"


class Engine(Protocol):
    url: str

    def submit(self, message: bytes, credentials: Any) -> Any: ...

    def poll(self, correlation_id: str, endpoint: str, message_class: str, test: bool) -> Any: ...


@dataclass(frozen=True, slots=True)
class SubmissionView:
    status: str  # accepted, refused, pending, or "" when never sent
    words: str  # "Accepted by HMRC's test service on 30 November 2026 12:00"
    errors: tuple[str, ...]


def submission_of(book: EmployerBook, pay_run_id: int) -> SubmissionView:
    with book.reading() as session:
        latest = session.scalars(select(RtiSubmission).where(RtiSubmission.pay_run_id == pay_run_id).order_by(
            RtiSubmission.id.desc())).first()
        if latest is None:
            return SubmissionView("", "Not sent to HMRC.", ())
        service = "live service" if latest.live else "test service"
        when = f"{long_date(latest.sent_at.date())} {latest.sent_at:%H:%M} UTC"
        errors = tuple(f"HMRC error {number}: {text}" for number, text in json.loads(latest.errors_json))
        words = {"accepted": f"Accepted by HMRC's {service} (sent {when}).",
                 "refused": f"Refused by HMRC's {service} (sent {when}): put right what HMRC says, then send again.",
                 "pending": f"Sent to HMRC's {service} on {when}; HMRC has not answered yet. Send again to ask."}
        return SubmissionView(latest.status, words[latest.status], errors)


@dataclass(frozen=True, slots=True)
class SubmissionRecord:
    pay_run_id: int | None  # the run an FPS reports; None for an EPS
    tax_year: str
    status: str
    correlation_id: str
    live: bool
    errors: tuple[tuple[str, str], ...]
    response: str
    late_reason: str | None = None
    covers: str = ""  # what an EPS was for: "no_payment:8", "allowance", "final", joined by commas


def _answer_problems(given: SubmissionRecord) -> list[Problem]:
    if given.status not in ("accepted", "refused", "pending"):
        return [Problem("HMRC's answer could not be read.", "status")]
    return []


def _keep(ctx: Context, given: SubmissionRecord, kind: str) -> int:
    row = RtiSubmission(pay_run_id=given.pay_run_id, kind=kind, tax_year=given.tax_year, status=given.status,
                        correlation_id=given.correlation_id, live=given.live, sent_at=ctx.now,
                        errors_json=json.dumps([list(e) for e in given.errors]), response=given.response,
                        covers=given.covers)
    ctx.session.add(row)
    ctx.session.flush()
    errors = ", ".join(number for number, _ in given.errors) or None
    if kind == "fps":
        ctx.note("pay_run", given.pay_run_id, status=given.status, live=given.live, errors=errors,
                 late_reason=given.late_reason)
    else:
        ctx.note("rti_submission", row.id, tax_year=given.tax_year, covers=given.covers, status=given.status,
                 live=given.live, errors=errors)
    return row.id


class RecordSubmission(Operation[SubmissionRecord, int]):
    """HMRC's answer to an FPS, kept with its run."""

    action = "fps_sent"
    changes = frozenset({Change.PAY_RUNS})
    allowed = EMPLOYER_ONLY  # the employer reports to HMRC; a support worker can prepare

    def check(self, ctx: Context, given: SubmissionRecord) -> list[Problem]:
        run = ctx.session.get(PayRun, given.pay_run_id) if given.pay_run_id is not None else None
        if run is None or run.status != "finalised":
            return [Problem("Only a final pay run's FPS is sent to HMRC.", "pay_run")]
        return _answer_problems(given)

    def apply(self, ctx: Context, given: SubmissionRecord) -> int:
        return _keep(ctx, given, "fps")


class RecordEpsSubmission(Operation[SubmissionRecord, int]):
    """HMRC's answer to an Employer Payment Summary, kept with what it was for."""

    action = "eps_sent"
    changes = frozenset({Change.PAY_RUNS})
    allowed = EMPLOYER_ONLY

    def check(self, ctx: Context, given: SubmissionRecord) -> list[Problem]:
        if given.pay_run_id is not None or not given.covers:
            return [Problem("An EPS belongs to the tax year, not to a pay run, and says what it is for.", "covers")]
        return _answer_problems(given)

    def apply(self, ctx: Context, given: SubmissionRecord) -> int:
        return _keep(ctx, given, "eps")


def _previous(book: EmployerBook, pay_run_id: int) -> RtiSubmission | None:
    with book.reading() as session:
        return session.scalars(select(RtiSubmission).where(
            RtiSubmission.pay_run_id == pay_run_id, RtiSubmission.status.in_(("accepted", "pending"))).order_by(
            RtiSubmission.id.desc())).first()


def late_payday(book: EmployerBook, pay_run_id: int) -> date | None:
    """The run's pay date when its FPS would be late if it were sent today (an FPS is due on or before the pay date),
    and it has not been sent already; otherwise None. The Pay screen and the command line then ask why."""
    return None if _previous(book, pay_run_id) is not None else _past_payday(book, pay_run_id)


def _past_payday(book: EmployerBook, pay_run_id: int) -> date | None:
    with book.reading() as session:
        run = session.get(PayRun, pay_run_id)
        return None if run is None or run.pay_date >= book.today() else run.pay_date


def late_words(pay_date: date) -> str:
    return (f"This FPS is late: it was due on or before the pay date, {long_date(pay_date)}. HMRC asks why, and may "
            "charge a penalty for late reports; a reasonable excuse is taken into account.")


@dataclass(frozen=True, slots=True)
class Prepared:
    """A submission checked and ready: the GovTalk message to send, or (sent before, no answer yet) the
    correlation ID to ask about. Made on the screen's thread; `transmit` may run on another (it touches no file);
    `keep_answer` records HMRC's answer back on the screen's thread."""

    kind: str  # "fps" or "eps"
    message_class: str
    message: bytes | None  # None when polling
    poll: tuple[str, bool] | None  # (correlation ID, live) of the earlier sending
    live: bool
    record: SubmissionRecord  # what is kept, less HMRC's answer


def prepare(book: EmployerBook, kind: str, document_xml: bytes | None, previous: RtiSubmission | None,
            record: SubmissionRecord) -> Prepared:
    """The message for a checked document (its callers have checked the sending settings first)."""
    if book.read_only:  # HMRC's answer could not be kept, and the same submission might then be sent twice
        raise BookError("This file is open read-only, so HMRC's answer could not be kept with it: nothing is sent. "
                        "Send from the copy of PA Books that has the file open.")
    chosen = app_settings.load()
    message_class = FPS_CLASS if kind == "fps" else EPS_CLASS
    if previous is not None:  # sent before, no answer yet: ask again, never send it twice
        return Prepared(kind, message_class, None, (previous.correlation_id, previous.live), previous.live, record)
    assert document_xml is not None
    with book.reading() as session:
        office, _, reference = employer_of(session).hmrc_paye_reference.partition("/")
    body = etree.Element(f"{{{ENVELOPE}}}Body", nsmap={None: ENVELOPE})
    body.append(etree.fromstring(document_xml))
    message = govtalk_message(body, Routing(message_class, office, reference, test=not chosen.hmrc_live,
                                            vendor_id=chosen.hmrc_vendor_id or "0000"))
    return Prepared(kind, message_class, etree.tostring(message, xml_declaration=True, encoding="UTF-8"), None,
                    chosen.hmrc_live, record)


def transmit(prepared: Prepared, credentials: Any, engine: Engine) -> Any:
    """Send the prepared message, or ask about the earlier one: the only step that waits on the network. A lost
    connection records nothing."""
    from app.net.transaction_engine import TransportError

    try:
        if prepared.poll is not None:
            correlation_id, live = prepared.poll
            return engine.poll(correlation_id, engine.url, prepared.message_class, not live)
        assert prepared.message is not None
        return engine.submit(prepared.message, credentials)
    except TransportError as exc:
        raise BookError(f"{exc} Nothing is recorded as sent.") from None


def keep_answer(book: EmployerBook, prepared: Prepared, result: Any) -> None:
    """HMRC's answer, kept as one operation: with the run for an FPS, with what it was for for an EPS."""
    correlation_id = result.correlation_id or (prepared.poll[0] if prepared.poll else "")
    record = replace(prepared.record, status=result.status, correlation_id=correlation_id, live=prepared.live,
                     errors=tuple((e.number, e.text) for e in result.errors),
                     response=result.response.decode("utf-8", "replace"))
    book.run(RecordSubmission() if prepared.kind == "fps" else RecordEpsSubmission(), record).unwrap()


def prepare_fps(book: EmployerBook, pay_run_id: int, late_reason: str | None = None) -> Prepared:
    """A run's FPS, checked and ready to send (or to ask HMRC about again). A late FPS needs `late_reason`, a
    LATE_REASONS code."""
    from app.rti.late_reasons import LATE_REASONS, LATE_REASONS_SAID

    check_sending_settings()
    previous = _previous(book, pay_run_id)
    if previous is not None and previous.status == "accepted":
        raise BookError("HMRC has already accepted this run's FPS, so it is not sent again. To change what was "
                        "reported, pay a correction run and send its FPS.")
    late = None if previous is not None else _past_payday(book, pay_run_id)  # asked about again: not resent
    if late is not None and late_reason not in LATE_REASONS:
        raise BookError(late_words(late) + " Choose why it is late: " + LATE_REASONS_SAID + ".")
    document = fps_for_run(book, pay_run_id, late_reason if late is not None else None)
    if previous is None and document.xml is None:
        raise BookError(" ".join(document.problems))
    return prepare(book, "fps", document.xml, previous, SubmissionRecord(
        pay_run_id, document.tax_year, "", "", False, (), "", late_reason if late is not None else None))


def send_fps(book: EmployerBook, pay_run_id: int, credentials: Any, engine: Engine,
             late_reason: str | None = None) -> SubmissionView:
    """Send (or, when HMRC has not answered yet, ask again about) a run's FPS; keep HMRC's answer with the run."""
    prepared = prepare_fps(book, pay_run_id, late_reason)
    keep_answer(book, prepared, transmit(prepared, credentials, engine))
    return submission_of(book, pay_run_id)


def check_sending_settings() -> None:
    chosen = app_settings.load()
    if chosen.hmrc_live and not chosen.hmrc_vendor_id:
        raise BookError("Sending to HMRC's live service needs PA Books' HMRC vendor ID (Settings). Until then, send "
                        "to HMRC's test service.")


def hmrc_engine(max_polls: int = 20) -> Engine:
    """The client for HMRC's test or live service, as the settings say. A screen asks for few polls, so it is not
    held up: an answer not back by then is "pending", and sending again asks for it."""
    from app.net.transaction_engine import LIVE_SERVICE, TEST_SERVICE, TransactionEngine

    return TransactionEngine(LIVE_SERVICE if app_settings.load().hmrc_live else TEST_SERVICE, max_polls=max_polls)


def sign_in(user_id: str, password: str) -> Any:
    """The employer's Government Gateway sign-in, for one sending (held in memory only)."""
    from app.net.transaction_engine import Credentials

    if not user_id.strip() or not password:
        raise BookError("Enter the Government Gateway user ID and password the employer uses for PAYE Online.")
    return Credentials(user_id.strip(), password)


def remembered_user(book: EmployerBook) -> tuple[str, str] | None:
    """The sign-in the holder asked this computer's keyring to remember for this file, if any."""
    from app.storage import keystore

    kept = keystore.load_secret(f"gateway-{book.file_id or book.path.name}")
    if not kept or "\n" not in kept:
        return None
    user, _, password = kept.partition("\n")
    return user, password


def remember_user(book: EmployerBook, user_id: str, password: str) -> bool:
    from app.storage import keystore

    return keystore.save_secret(f"gateway-{book.file_id or book.path.name}", f"{user_id.strip()}\n{password}")


REMIND_DAYS_AFTER_PAYDAY = 7


def rti_todo(book: EmployerBook, today: date) -> list[TodoItem]:
    """Final runs not yet reported to HMRC, from a week before their pay date until a week after: the FPS is due on
    or before the pay date (a later one needs a reason). Each says whether its FPS is ready to send, checked as it
    would be sent, or what to put right first."""
    from datetime import timedelta

    from app.rti.fps import UnsupportedRtiYear, rti_year
    from app.services.fps import fps_for_run

    items = []
    with book.reading() as session:
        runs = session.scalars(select(PayRun).where(
            PayRun.status == "finalised", PayRun.pay_date >= today - timedelta(days=REMIND_DAYS_AFTER_PAYDAY),
            PayRun.pay_date <= today + timedelta(days=REMIND_DAYS_AFTER_PAYDAY))).all()
        reported = set(session.scalars(select(RtiSubmission.pay_run_id).where(
            RtiSubmission.status.in_(("accepted", "pending")))))
        pending = [(run.id, run.pay_date, run.tax_year) for run in runs if run.id not in reported]
    for run_id, pay_date, tax_year in pending:
        late = pay_date < today
        due = f"by {long_date(pay_date)}" if not late else f"(it was due by {long_date(pay_date)})"
        try:
            rti_year(tax_year)
        except UnsupportedRtiYear:
            items.append(TodoItem(f"Report the pay run paid on {long_date(pay_date)} to HMRC {due}",
                                  f"PA Books cannot make the {tax_year} FPS yet: report the same figures (the "
                                  "payslips') with HMRC's Basic PAYE Tools.", pay_date, "overdue" if late else "soon",
                                  "pay"))
            continue
        problems = fps_for_run(book, run_id).problems
        if problems:
            title = f"Put right what stops the FPS for the pay run paid on {long_date(pay_date)}, then send it {due}"
            how = " ".join(problems)
        else:
            title = f"Your FPS for the pay run paid on {long_date(pay_date)} is ready: send it to HMRC {due}"
            how = "Send it from the Pay screen (Send the FPS to HMRC)." + (
                " It is late, so PA Books asks why; send it as soon as you can." if late else "")
        items.append(TodoItem(title, how, pay_date, "overdue" if late else "soon", "pay"))
    return items
