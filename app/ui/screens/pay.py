"""Pay: what to pay next and by when, the pay runs (drafts and final), each PA's payslip, and the steps of a
run: start it, add payments, finalise, save the payslips and the list of who to pay, correct a final run."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QListWidget, QListWidgetItem, QMessageBox, QPlainTextEdit

from app.services import send_fps as sending
from app.services import settings
from app.services.book import BookError, EmployerBook
from app.services.choices import LATE_REASONS
from app.services.correct_pay_run import Correction, StartCorrection
from app.services.finalise_pay_run import FinalisePayRun, Finalising
from app.services.hmrc_due import pay_next
from app.services.operations import Change
from app.services.pay_additions import AddPayAddition, NewAddition
from app.services.pay_views import PayRunRow, PayRunView, pay_run, pay_run_rows, run_pas, run_summary_lines
from app.services.start_pay_run import DeleteDraftRun, NewPayRun, StartPayRun
from app.services.words import format_pounds, long_date
from app.ui.background import Background
from app.ui.dialogs_pay import (
    AdditionDialog,
    CorrectionDialog,
    FiguresDialog,
    FinaliseDialog,
    NewPayRunDialog,
    P45Dialog,
    PaperReturnsDialog,
    PensionScheduleDialog,
    SendEpsDialog,
    SendFpsDialog,
    YearEndDialog,
)
from app.ui.dialogs_people import FREQUENCY_WORDS
from app.ui.widgets import Screen, button, button_grid, heading, labelled_above, paragraph, tell


def _read_only_text(name: str, lines: int) -> QPlainTextEdit:
    text = QPlainTextEdit()
    text.setReadOnly(True)
    text.setTabChangesFocus(True)
    text.setAccessibleName(name)
    text.setMinimumHeight(text.fontMetrics().lineSpacing() * lines)
    text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                 | Qt.TextInteractionFlag.TextSelectableByMouse)
    return text


class PayScreen(Screen):
    title = "Pay"
    shows = frozenset({Change.PAY_RUNS, Change.TIMESHEETS, Change.PAS, Change.EMPLOYER})

    def __init__(self, book: EmployerBook) -> None:
        super().__init__()
        self.book = book
        self.rows: list[PayRunRow] = []
        self._shown: PayRunView | None = None  # the chosen run, read once each time it is chosen
        self.background = Background(self)  # sending to HMRC, off this thread
        self.layout_.addWidget(heading("Pay"))
        self.next_up = paragraph("")
        self.next_up.setObjectName("payNext")
        self.layout_.addWidget(self.next_up)
        self.runs = QListWidget()
        self.runs.setWordWrap(True)
        self.runs.setMinimumHeight(self.runs.fontMetrics().lineSpacing() * 5)
        labelled_above(self.layout_, "Pay &runs, the latest first:", self.runs)
        self.runs.currentRowChanged.connect(lambda _row: self.show_run())
        self.summary = _read_only_text("The chosen pay run", 7)
        labelled_above(self.layout_, "The chosen run:", self.summary)
        self.add_status()
        self.new_button = button("&New pay run…", self.new_run)
        self.add_button = button("&Add a payment or deduction…", self.add_payment)
        self.finalise_button = button("F&inalise…", self.finalise)
        self.payslips_button = button("Save payslips as &PDF…", self.save_payslips)
        self.large_button = button("Save &large-print payslips…", lambda: self.save_payslips(large_print=True))
        self.who_button = button("Save &who to pay (CSV)…", self.save_who_to_pay)
        self.correct_button = button("&Correct this run…", self.correct)
        self.delete_button = button("&Delete this draft", self.delete_draft)
        self.year_end_button = button("Year-&end papers (P60s)…", self.year_end)
        self.p45_button = button("P&45 for a leaver…", self.give_p45)
        self.fps_button = button("Save the FPS f&or HMRC…", self.save_fps,
                                 "Save this run's Full Payment Submission for HMRC")
        self.send_button = button("Send the FPS to H&MRC…", self.send_fps,
                                  "Send this run's Full Payment Submission to HMRC")
        self.eps_button = button("Send an EPS &to HMRC…", self.send_eps,
                                 "Send an Employer Payment Summary to HMRC (a month with no pay, the Employment "
                                 "Allowance, the year's end)")
        self.bpt_button = button("Figures for &Basic PAYE Tools…", self.show_bpt_figures)
        self.paper_button = button("Paper returns for a &quarter (RT2)…", self.paper_returns,
                                   "Paper returns to HMRC for a tax quarter: RT2, RT5 and RT11")
        self.pension_button = button("Pension sched&ule for a month…", self.pension_schedule,
                                     "Each PA's pension contributions in a month, for the scheme's schedule")
        self.layout_.addWidget(button_grid((
            self.new_button, self.add_button, self.finalise_button, self.payslips_button, self.large_button,
            self.who_button, self.correct_button, self.delete_button, self.fps_button, self.send_button,
            self.eps_button, self.bpt_button, self.paper_button, self.year_end_button, self.p45_button,
            self.pension_button), 2))
        self.slips = QListWidget()
        self.slips.setWordWrap(True)
        self.slips.setMinimumHeight(self.slips.fontMetrics().lineSpacing() * 3)
        labelled_above(self.layout_, "Pay&slips in this run:", self.slips)
        self.slips.currentRowChanged.connect(lambda _row: self.show_payslip())
        self.payslip = _read_only_text("The chosen payslip", 12)
        labelled_above(self.layout_, "The chosen payslip:", self.payslip)
        self.layout_.addStretch(1)
        self.refresh()

    # Reading
    def refresh(self) -> None:
        chosen = self.chosen_run_id()
        sentences = pay_next(self.book).sentences
        self.next_up.setText(" ".join(sentences) if sentences else "Nothing to pay just now. Start a pay run when "
                             "the timesheets for a pay period are approved.")
        self.next_up.setAccessibleName(self.next_up.text())
        self.rows = pay_run_rows(self.book)
        self._shown = None
        self.runs.blockSignals(True)
        self.runs.clear()
        for row in self.rows:
            state = "final" if row.finalised else "DRAFT"
            item = QListWidgetItem(f"{row.title}: paid on {long_date(row.pay_date)}, "
                                   f"{format_pounds(row.paid_to_pas_pence)} to the PAs ({state})")
            item.setData(Qt.ItemDataRole.UserRole, row.pay_run_id)
            self.runs.addItem(item)
        if not self.rows:
            self.runs.addItem("No pay runs yet. Press New pay run to start one.")
        self.runs.blockSignals(False)
        ids = [r.pay_run_id for r in self.rows]
        self.runs.setCurrentRow(ids.index(chosen) if chosen in ids else 0)
        self.show_run()

    def chosen_run_id(self) -> int | None:
        if not hasattr(self, "runs") or not self.rows:
            return None
        row = self.runs.currentRow()
        return self.rows[row].pay_run_id if 0 <= row < len(self.rows) else None

    def chosen_view(self) -> PayRunView | None:
        run_id = self.chosen_run_id()
        if run_id is None:
            return None
        if self._shown is None or self._shown.pay_run_id != run_id:
            self._shown = pay_run(self.book, run_id)
        return self._shown

    def show_run(self) -> None:
        view = self.chosen_view()
        lines = run_summary_lines(view) if view else []
        if view is not None and view.finalised:
            sent = sending.submission_of(self.book, view.pay_run_id)
            lines += [f"HMRC: {sent.words}", *sent.errors]
        self.summary.setPlainText("\n".join(lines))
        self.slips.blockSignals(True)
        self.slips.clear()
        for slip in view.payslips if view else ():
            self.slips.addItem(f"{slip.pa_name}: {format_pounds(slip.paid_to_pa_pence)}")
        if view is not None and not view.payslips:
            self.slips.addItem("No payslips yet: no PA has approved hours or a payment in this run.")
        self.slips.blockSignals(False)
        if self.slips.count():
            self.slips.setCurrentRow(0)
        self.show_payslip()
        draft = view is not None and not view.finalised
        self.add_button.setEnabled(draft)
        self.finalise_button.setEnabled(draft)
        self.delete_button.setEnabled(draft)
        self.correct_button.setEnabled(view is not None and view.finalised)
        self.fps_button.setEnabled(view is not None and view.finalised and bool(view.payslips))
        self.send_button.setEnabled(view is not None and view.finalised and bool(view.payslips)
                                    and not self.background.busy)  # one sending at a time
        self.eps_button.setEnabled(not self.background.busy)
        self.bpt_button.setEnabled(view is not None and view.finalised and bool(view.payslips))
        self.year_end_button.setEnabled(any(r.finalised for r in self.rows))
        self.p45_button.setEnabled(any(r.finalised for r in self.rows))
        self.pension_button.setEnabled(any(r.finalised for r in self.rows))
        for widget in (self.payslips_button, self.large_button, self.who_button):
            widget.setEnabled(bool(view and view.payslips))

    def show_payslip(self) -> None:
        from app.reports.payslip_pdf import payslip_text

        view = self.chosen_view()
        row = self.slips.currentRow()
        if view is None or not 0 <= row < len(view.payslips) or not view.payslips:
            self.payslip.setPlainText("")
            return
        slip = view.payslips[row]
        warnings = "".join(f"\nTo look at: {w}" for w in slip.warnings) if not view.finalised else ""
        self.payslip.setPlainText(payslip_text(view, slip) + warnings)

    # Steps
    def new_run(self) -> None:
        frequencies = {key: words for key, words in FREQUENCY_WORDS.items()}
        started: list[int] = []
        dialog = NewPayRunDialog(self, frequencies, lambda frequency, day, paid: started.append(
            self.book.run(StartPayRun(), NewPayRun(frequency, day, paid)).unwrap()))
        if dialog.exec() == NewPayRunDialog.DialogCode.Accepted and started:
            self._choose(started[0])
            self.say("The pay run is started as a draft. Look at each payslip, then finalise it.")

    def _choose(self, run_id: int) -> None:
        self.refresh()
        ids = [r.pay_run_id for r in self.rows]
        if run_id in ids:
            self.runs.setCurrentRow(ids.index(run_id))

    def add_payment(self) -> None:
        run_id = self.chosen_run_id()
        if run_id is None:
            return
        pas = run_pas(self.book, run_id)
        if not pas:
            tell(self, "No one to add a payment for", "No PA is paid at this run's frequency.")
            return
        AdditionDialog(self, pas, lambda pa_id, kind, amount, description: self.book.run(
            AddPayAddition(), NewAddition(run_id, pa_id, kind, amount, description)).unwrap()).exec()

    def finalise(self) -> None:
        view = self.chosen_view()
        if view is None:
            return
        fresh = pay_run(self.book, view.pay_run_id)  # what is locked is exactly what is shown
        dialog = FinaliseDialog(self, run_summary_lines(fresh), fresh.paid_to_pas_pence, lambda: self.book.run(
            FinalisePayRun(), Finalising(fresh.pay_run_id, fresh.paid_to_pas_pence)).unwrap())
        if dialog.exec() == FinaliseDialog.DialogCode.Accepted:
            self.say(f"Final: {fresh.title}. A backup was taken first. Save the payslips and the list of who to "
                     "pay next.")

    def correct(self) -> None:
        view = self.chosen_view()
        if view is None:
            return
        started: list[int] = []
        dialog = CorrectionDialog(self, f"{view.title}, paid on {long_date(view.pay_date)},", view.pay_date,
                                  lambda paid, reason: started.append(self.book.run(
                                      StartCorrection(), Correction(view.pay_run_id, paid, reason)).unwrap()))
        if dialog.exec() == CorrectionDialog.DialogCode.Accepted and started:
            self._choose(started[0])
            self.say("The correction run is started. Add what was missed, then finalise it.")

    def delete_draft(self) -> None:
        view = self.chosen_view()
        if view is None:
            return
        box = QMessageBox(self)
        box.setWindowTitle("Delete this draft — PA Books")
        box.setText(f"Delete the draft {view.title}, paid on {long_date(view.pay_date)}? Nothing has been paid from "
                    "it. The timesheets stay approved.")
        delete = box.addButton("&Delete the draft", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("&Keep it", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is not delete:
            return
        try:
            self.book.run(DeleteDraftRun(), view.pay_run_id).unwrap()
        except BookError as exc:
            tell(self, "The draft was not deleted", str(exc))

    def year_end(self, folder: Path | None = None) -> None:
        from app.services.year_end import tax_years_paid

        years = tax_years_paid(self.book)
        if years:
            YearEndDialog(self, years, lambda year: self._save_year_end(year, folder)).exec()

    def _save_year_end(self, tax_year: str, folder: Path | None) -> None:
        from app.reports.year_end import write_p11_csv, write_p60s_pdf
        from app.services.year_end import year_end_papers

        if folder is None:
            chosen = QFileDialog.getExistingDirectory(self, "Save the year-end papers in", str(Path.home()))
            if not chosen:
                raise BookError("Choose a folder to save the papers in.")
            folder = Path(chosen)
        papers = year_end_papers(self.book, tax_year)
        saved = [write_p11_csv(list(papers.records), folder / f"Pay record {tax_year}.csv")]
        if papers.p60s:
            saved.append(write_p60s_pdf(list(papers.p60s), folder / f"P60s {tax_year}.pdf"))
        note = "" if papers.ended else f" P60s are made once the tax year ends on {long_date(papers.last_day)}."
        self.say(f"Saved {' and '.join(str(p) for p in saved)}.{note}")

    def give_p45(self, target: Path | None = None) -> None:
        from app.services.give_p45 import GiveP45, leavers, p45, p45_words

        found = leavers(self.book)
        if not found:
            tell(self, "No one has left", "Add a PA's leaving date on the PAs screen first; their P45 is made here "
                 "once their final pay run is final.")
            return

        def words(pa_id: int) -> list[str]:
            try:
                return p45_words(p45(self.book, pa_id))
            except BookError as exc:
                return [str(exc)]

        given_now: set[int] = set()

        def give(pa_id: int) -> None:
            from app.reports.p45_pdf import write_p45_pdf

            if pa_id not in given_now and not any(given for found_id, _, given in found if found_id == pa_id):
                self.book.run(GiveP45(), pa_id).unwrap()
                given_now.add(pa_id)
            view = p45(self.book, pa_id)
            chosen = self._target("Save the P45", f"P45 {view.forenames} {view.surname}.pdf", "PDF files (*.pdf)",
                                  target)
            if chosen is None:
                raise BookError("The P45 is recorded as given. Choose where to save it to print it.")
            self.say(f"Saved the P45 to {write_p45_pdf(view, chosen)}. Give parts 1A, 2 and 3 to "
                     f"{view.forenames}.")

        P45Dialog(self, found, words, give).exec()

    def save_fps(self, target: Path | None = None) -> Path | None:
        from app.services.fps import fps_for_run

        view = self.chosen_view()
        if view is None:
            return None
        document = fps_for_run(self.book, view.pay_run_id)
        if document.xml is None:
            tell(self, "The FPS cannot be made yet", "\n".join(document.problems))
            return None
        chosen = self._target("Save the FPS", f"FPS {view.pay_date:%Y-%m-%d}.xml", "XML files (*.xml)", target)
        if chosen is None:
            return None
        chosen.write_bytes(document.xml)
        self.say(f"Saved the FPS to {chosen}. It meets HMRC's schema and business rules for {document.tax_year}. "
                 "Send it with \"Send the FPS to HMRC\", or report the same figures (the payslips') with Basic PAYE "
                 "Tools, by the pay date.")
        return chosen

    def send_fps(self) -> None:
        view = self.chosen_view()
        if view is None:
            return
        remembered = sending.remembered_user(self.book) or ("", "")
        late = sending.late_payday(self.book, view.pay_run_id)
        ready: list[tuple[sending.Prepared, object, tuple[str, str] | None]] = []

        def check(user: str, password: str, remember: bool, late_reason: str | None) -> None:
            if late_reason == "?":
                raise BookError("Choose why the FPS is late: HMRC asks for the reason on a late FPS.")
            credentials = sending.sign_in(user, password)
            ready.append((sending.prepare_fps(self.book, view.pay_run_id, late_reason), credentials,
                          (user, password) if remember else None))

        SendFpsDialog(self, f"The FPS for {view.title}, paid on {long_date(view.pay_date)}.", self._where(),
                      *remembered, check, sending.late_words(late) if late else "", LATE_REASONS).exec()
        if ready:
            pay_run_id = view.pay_run_id

            def words(_prepared: sending.Prepared, _result: object) -> sending.SubmissionView:
                return sending.submission_of(self.book, pay_run_id)

            self._send_in_background(*ready[0], words)

    def send_eps(self) -> None:
        from app.services.eps import EpsRequest
        from app.services.send_eps import (
            eps_answer_words,
            eps_suggested,
            eps_tax_years,
            eps_years_note,
            prepare_eps,
            tax_month_words,
        )

        asked = eps_suggested(self.book, self.book.today())
        ready: list[tuple[sending.Prepared, object, tuple[str, str] | None]] = []

        def check(year: str, month: int | None, allowance: bool, final: bool, user: str, password: str,
                  remember: bool) -> None:
            credentials = sending.sign_in(user, password)
            ready.append((prepare_eps(self.book, EpsRequest(year, allowance, month, final)), credentials,
                          (user, password) if remember else None))

        SendEpsDialog(self, self._where(), eps_tax_years(), tax_month_words, None if asked is None else (
            asked.tax_year, asked.no_payment_tax_month, asked.claim_employment_allowance, asked.final_for_year),
            *(sending.remembered_user(self.book) or ("", "")), check, eps_years_note(self.book.today())).exec()
        if ready:
            self._send_in_background(*ready[0], eps_answer_words)

    @staticmethod
    def _where() -> str:
        return "HMRC's live service" if settings.load().hmrc_live else "HMRC's test service (nothing real is filed)"

    def _send_in_background(self, prepared: sending.Prepared, credentials: object, remember: tuple[str, str] | None,
                            words: Callable[[sending.Prepared, object], sending.SubmissionView]) -> None:
        """Checked and signed in: send while the window stays usable, then keep HMRC's answer (on this thread)."""
        book = self.book
        for widget in (self.send_button, self.eps_button):
            widget.setEnabled(False)
        self.say(f"Sending to HMRC… Asking HMRC about the {prepared.kind.upper()} sent before." if prepared.poll else
                 f"Sending the {prepared.kind.upper()} to HMRC… HMRC usually answers within a minute; you can carry "
                 "on meanwhile.")

        def answered(result: object, error: BaseException | None) -> None:
            if error is not None:
                self.refresh()  # nothing was recorded: the buttons come back as the chosen run allows
                self.say(str(error) if isinstance(error, BookError) else
                         f"The sending stopped: {error}. Nothing is recorded as sent; send again.")
                return
            sending.keep_answer(book, prepared, result)  # its "what changed" notice refreshes this screen
            view = words(prepared, result)
            if remember is not None and view.status == "accepted":
                sending.remember_user(book, *remember)
            self.say(" ".join((view.words, *view.errors)))

        engine = sending.hmrc_engine(max_polls=3)
        self.background.start(lambda: sending.transmit(prepared, credentials, engine), answered)

    def settle(self) -> None:
        self.background.settle()

    def show_bpt_figures(self, target: Path | None = None) -> None:
        from app.services.bpt_sheet import bpt_sheet

        view = self.chosen_view()
        if view is None:
            return
        sheet = bpt_sheet(self.book, view.pay_run_id)

        def save(text: str) -> None:
            chosen = self._target("Save the figures", f"Figures for HMRC {view.pay_date:%Y-%m-%d}.txt",
                                  "Text files (*.txt)", target)
            if chosen is None:
                raise BookError("Choose where to save the figures.")
            chosen.write_text(text + "\n", encoding="utf-8")
            self.say(f"Saved the figures to {chosen}.")

        FiguresDialog(self, sheet.title, list(sheet.lines), save).exec()

    def paper_returns(self, target: Path | None = None) -> None:
        from app.services.paper_returns import (
            RecordPaperReturnsPosted,
            paper_quarters,
            paper_return_lines,
            paper_returns,
            quarter_from,
            quarter_returns,
            quarter_span,
        )

        quarters = paper_quarters(self.book)
        if not quarters:
            tell(self, "Nothing to report yet", "Paper returns are made from final pay runs: finalise one first.")
            return

        def save(key: str, posted: bool) -> None:
            quarter = quarter_from(key)
            chosen = self._target("Save the paper returns", f"Paper returns {quarter.tax_year} quarter "
                                  f"{quarter.number}.pdf", "PDF files (*.pdf)", target)
            if chosen is None:
                raise BookError("Choose where to save the PDF.")
            if posted:
                self.book.run(RecordPaperReturnsPosted(), quarter).unwrap()
            from app.reports.paper_returns_pdf import write_paper_returns_pdf

            returns = paper_returns(self.book, quarter)
            written = write_paper_returns_pdf(returns, chosen)
            note = (f" Recorded as posted on {long_date(returns.posted_on)}." if returns.posted_on else
                    f" They must reach HMRC by {long_date(returns.due_on)}.")
            self.say(f"Saved the paper returns for {returns.span} to {written}.{note}")

        PaperReturnsDialog(self, [(q.key, f"Quarter {q.number} of {q.tax_year}: {quarter_span(q)}") for q in quarters],
                           lambda key: paper_return_lines(quarter_returns(self.book, quarter_from(key))), save).exec()

    def pension_schedule(self, target: Path | None = None) -> None:
        from app.services.pension_schedule import month_from, pension_schedule, schedule_lines, schedule_months

        months = schedule_months(self.book)
        if not months:
            tell(self, "No pension contributions yet", "The schedule is made from final pay runs that took pension "
                 "contributions: enrol a PA in the scheme and finalise a run first.")
            return

        def save(key: str) -> None:
            month = month_from(key)
            chosen = self._target("Save the pension schedule", f"Pension contributions {key}.csv", "CSV files (*.csv)",
                                  target)
            if chosen is None:
                raise BookError("Choose where to save the CSV.")
            from app.reports.pension_schedule_csv import write_pension_schedule_csv

            schedule = pension_schedule(self.book, month)
            written = write_pension_schedule_csv(schedule, chosen)
            self.say(f"Saved the pension schedule for {month:%B %Y} to {written}. Pay the scheme "
                     f"{format_pounds(schedule.total_pence)} by {long_date(schedule.due_on)}.")

        PensionScheduleDialog(self, [(f"{m:%Y-%m}", f"{m:%B %Y}") for m in months],
                              lambda key: schedule_lines(pension_schedule(self.book, month_from(key))), save).exec()

    # Files
    def _target(self, title: str, name: str, kind: str, target: Path | None) -> Path | None:
        if target is not None:
            return target
        chosen, _ = QFileDialog.getSaveFileName(self, title, str(Path.home() / name), kind)
        return Path(chosen) if chosen else None

    def save_payslips(self, target: Path | None = None, large_print: bool = False) -> Path | None:
        view = self.chosen_view()
        if view is None or not view.payslips:
            return None
        size = " large print" if large_print else ""
        chosen = self._target("Save the payslips", f"Payslips{size} {view.pay_date:%Y-%m-%d}.pdf",
                              "PDF files (*.pdf)", target)
        if chosen is None:
            return None
        from app.reports.payslip_pdf import write_payslips_pdf  # reportlab is slow to load: only when needed

        written = write_payslips_pdf(view, chosen, large_print=large_print)
        self.say(f"Saved the payslips to {written}.")
        return written

    def save_who_to_pay(self, target: Path | None = None) -> Path | None:
        view = self.chosen_view()
        if view is None or not view.payslips:
            return None
        chosen = self._target("Save who to pay", f"Who to pay {view.pay_date:%Y-%m-%d}.csv", "CSV files (*.csv)",
                              target)
        if chosen is None:
            return None
        from app.reports.who_to_pay import payees, write_who_to_pay_csv

        written = write_who_to_pay_csv(view, chosen)
        missing = [f"{p.pa_name}: {p.missing}" for p in payees(view) if p.missing]
        self.say(f"Saved who to pay to {written}." + (" Still needed: " + " ".join(missing) if missing else ""))
        return written


def pay_date_words(day: date) -> str:
    return f"{day:%A} {long_date(day)}"
