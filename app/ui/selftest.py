"""`pabooks selftest`: start the GUI off-screen on a fresh demo file, visit every screen, save each
as a PNG, check each for keyboard and screen-reader access, and fail on any Qt warning."""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

# Messages the off-screen platform itself prints; they say nothing about PA Books.
OFFSCREEN_NOISE = ("This plugin does not support propagateSizeHints()",
                   "This plugin does not support raise()",
                   "This plugin does not support grabbing the keyboard")


SMALLEST_SCREEN = (1366, 768)  # the smallest screen PA Books is made for: nothing clipped or scrolled sideways


def fit_problems(widget: Any) -> list[str]:
    """What does not fit (app.ui.accessibility.clipped_text), judged on a screen at least as large as the smallest
    PA Books is made for; on a smaller one (Qt's off-screen default is 800 x 800) scrolling is the fallback."""
    from app.ui.accessibility import clipped_text

    screen = widget.screen().availableGeometry()
    if screen.width() < SMALLEST_SCREEN[0] or screen.height() < SMALLEST_SCREEN[1]:
        return []
    return clipped_text(widget)


def _pay_dialogs(window: Any, book: Any) -> list[tuple[str, Any]]:
    """The Pay screen's dialogs, filled from the demo's runs."""
    from app.services.bpt_sheet import bpt_sheet
    from app.services.choices import LATE_REASONS
    from app.services.paper_returns import paper_quarters, paper_return_lines, quarter_from, quarter_returns
    from app.services.pay_views import pay_runs, run_pas, run_summary_lines
    from app.services.pension_letters import LETTER_KINDS, pension_letter
    from app.services.pension_schedule import month_from, pension_schedule, schedule_lines, schedule_months
    from app.services.re_enrol_pension import re_enrolment_plan
    from app.services.record_absence import ABSENCE_KINDS, EVIDENCE
    from app.services.send_eps import eps_tax_years, eps_years_note, tax_month_words
    from app.services.send_fps import late_words
    from app.services.tax_code_notice import NOTICE_KINDS
    from app.ui.dialogs_pay import (
        AbsenceDialog,
        AdditionDialog,
        CorrectionDialog,
        FiguresDialog,
        FinaliseDialog,
        NewPayRunDialog,
        P45Dialog,
        PaperReturnsDialog,
        PensionLetterDialog,
        PensionOptOutDialog,
        PensionPostponementDialog,
        PensionScheduleDialog,
        ReEnrolmentDialog,
        SendEpsDialog,
        SendFpsDialog,
        TaxCodeNoticeDialog,
        YearEndDialog,
    )
    from app.ui.dialogs_people import FREQUENCY_WORDS

    runs = pay_runs(book)
    shown = runs[-1] if runs else None
    found: list[tuple[str, Any]] = [("35-new-pay-run.png", NewPayRunDialog(window, dict(FREQUENCY_WORDS), lambda *a: None))]
    if shown is not None:
        found += [
            ("36-pay-addition.png", AdditionDialog(window, run_pas(book, shown.pay_run_id), lambda *a: None)),
            ("37-finalise.png", FinaliseDialog(window, run_summary_lines(shown), shown.paid_to_pas_pence,
                                               lambda: None)),
            ("38-correction.png", CorrectionDialog(window, f"{shown.title},", shown.pay_date, lambda *a: None)),
            ("39-year-end.png", YearEndDialog(window, [shown.tax_year], lambda year: None)),
            ("41-tax-code-notice.png", TaxCodeNoticeDialog(window, "Priya Shah", ["P6: 1100L from 1 December 2026"],
                                                           NOTICE_KINDS, lambda *a: None)),
            ("42-absence.png", AbsenceDialog(window, "Priya Shah", ["Sickness: 3 to 4 December 2026"], ABSENCE_KINDS,
                                             EVIDENCE, lambda *a: None)),
            ("44-send-fps.png", SendFpsDialog(window, f"The FPS for {shown.title}.", "HMRC's test service", "", "",
                                              lambda *a: None, late_words(shown.pay_date), LATE_REASONS)),
            ("44b-send-eps.png", SendEpsDialog(window, "HMRC's test service", eps_tax_years(), tax_month_words,
                                               ("2025-26", 12, False, True), "", "", lambda *a: None,
                                               eps_years_note(book.today()))),
            ("45-bpt-figures.png", FiguresDialog(window, shown.title, list(bpt_sheet(book, shown.pay_run_id).lines),
                                                 lambda text: None)),
            ("45b-paper-returns.png", PaperReturnsDialog(
                window, [(q.key, f"Quarter {q.number} of {q.tax_year}") for q in paper_quarters(book)[:3]],
                lambda key: paper_return_lines(quarter_returns(book, quarter_from(key))), lambda *a: None)),
            ("43-pension-letter.png", PensionLetterDialog(window, "Priya Shah", LETTER_KINDS, lambda kind: pension_letter(
                book, 1, kind), lambda *a: None)),
            ("43b-pension-opt-out.png", PensionOptOutDialog(window, "Priya Shah", lambda *a: None)),
            ("43d-pension-postponement.png", PensionPostponementDialog(window, "Priya Shah", lambda *a: None)),
            ("43c-re-enrolment.png", ReEnrolmentDialog(window, re_enrolment_plan(book).lines(), lambda *a: None)),
            ("43e-pension-schedule.png", PensionScheduleDialog(
                window, [(f"{m:%Y-%m}", f"{m:%B %Y}") for m in (schedule_months(book)[:3]
                                                                 or [shown.pay_date.replace(day=1)])],
                lambda key: schedule_lines(pension_schedule(book, month_from(key))), lambda *a: None)),
            ("40-p45.png", P45Dialog(window, [(1, "Priya Shah", None)], lambda pa_id: [
                "Priya Shah left on 30 November 2026.", "Tax code at leaving: 1257L.",
                "Last pay: tax month 8 of 2026-27.", "Total pay to date £9,300.00, total tax to date £412.60."],
                lambda pa_id: None)),
        ]
    return found + _money_dialogs(window, book)


def _money_dialogs(window: Any, book: Any) -> list[tuple[str, Any]]:
    from app.services import money_views
    from app.services.council_agreement import agreement_terms
    from app.services.review_notes import NoteRow
    from app.ui.dialogs_money import (
        AccountDialog,
        AgreementDialog,
        BudgetDialog,
        ColumnsDialog,
        ForecastDialog,
        FundDialog,
        MoneyInDialog,
        PayOwedDialog,
        ReconcileDialog,
        SpendingDialog,
    )
    from app.ui.dialogs_review import NoteDialog, ReviewDialog, WithdrawNoteDialog
    from app.ui.screens.returns import OtherDatesDialog, SubmitReturnDialog

    return [("50-account.png", AccountDialog(window, lambda given: None, True)),
            ("51-money-in.png", MoneyInDialog(window, lambda given: None)),
            ("52-spending.png", SpendingDialog(window, lambda given: None)),
            ("53-pay-owed.png", PayOwedDialog(window, money_views.owed_now(book), lambda given: None)),
            ("54-fund.png", FundDialog(window, lambda *a: None)),
            ("55-reconcile.png", ReconcileDialog(window, book, lambda line: False, lambda line: False)),
            ("56-forecast.png", ForecastDialog(window, book)),
            ("57-statement-columns.png", ColumnsDialog(window, ["When", "What", "How much", "Left"], lambda c: None)),
            ("58-agreement.png", AgreementDialog(window, agreement_terms(book), lambda given: None)),
            ("59-submit-return.png", SubmitReturnDialog(window, "8 July 2026 to 7 October 2026", "Jordan Morgan", [
                ("statement", "No bank statement covers the end of the period: import it and reconcile it.")],
                False, lambda *a: None)),
            ("60-other-dates.png", OtherDatesDialog(window, {"audit-summary": "Audit summary for a named period"},
                                                    lambda *a: None)),
            ("61-review.png", ReviewDialog(window, book, "Alex Morgan", OUTCOMES)),
            ("62-review-note.png", NoteDialog(window, "Alex Morgan", OUTCOMES, lambda given: None)),
            ("63-withdraw-note.png", WithdrawNoteDialog(window, NoteRow(1, date(2026, 6, 3), "Alex Morgan", "working",
                                                                        "", "Mornings work well"), lambda reason: None)),
            ("64-import-progress.png", _progress(window)),
            ("65-second-budget.png", BudgetDialog(window, lambda given: None))]


def _progress(window: Any) -> Any:
    from PySide6.QtCore import Qt

    from app.ui.widgets import WorkProgress

    shown = WorkProgress(window, "Importing statements-2016-to-2026.csv…")
    shown.dialog.setWindowModality(Qt.WindowModality.NonModal)  # shown in its turn, never over the others
    shown.dialog.setMinimumDuration(10**8)
    shown.dialog.setMaximum(6000)
    shown.dialog.setValue(2400)
    shown.dialog.hide()
    return shown.dialog


OUTCOMES = ("Stay living in my own home", "Get out and see friends", "Keep well")


def run_selftest(out: Path | None, scale: int = 100) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    work = Path(tempfile.mkdtemp(prefix="pabooks-selftest-"))
    os.environ["PABOOKS_HOME"] = str(work / "home")  # never touch the user's own demo or settings
    out = out or work / "screens"
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    from app.services.approve_timesheet import approval_summary
    from app.services.council_agreement import support_plan
    from app.services.employer_details import employer_details
    from app.services.pa_queries import pa_details
    from app.services.security import format_recovery_key
    from app.services.timesheet_views import period_for_pa
    from app.ui.accessibility import duplicate_mnemonics, unnamed_controls, unreachable_controls, wheel_takers
    from app.ui.application import make_app
    from app.ui.dialogs import AboutDialog, KeysDialog, NewFileDialog
    from app.ui.dialogs_employer import EmployerDialog
    from app.ui.dialogs_people import CheckDialog, PaDialog, RatesDialog
    from app.ui.dialogs_security import PassphraseDialog, RecoveryKeyDialog, UnlockDialog
    from app.ui.dialogs_shifts import ApproveDialog, RotaDialog, ShiftDialog, SupportPlanDialog, amend_dialog
    from app.ui.main_window import SCREEN_ORDER, MainWindow
    from app.ui.screens.timesheets import TimesheetsScreen
    from app.ui.style import apply_style

    warnings: list[str] = []

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        if kind != QtMsgType.QtDebugMsg and kind != QtMsgType.QtInfoMsg and not message.startswith(OFFSCREEN_NOISE):
            warnings.append(message)

    previous = qInstallMessageHandler(handler)
    problems: list[str] = []
    try:
        app = make_app()
        apply_style(app, scale)
        window = MainWindow()
        window.show()
        app.processEvents()
        window.grab().save(str(out / "00-no-file-open.png"))
        window.show_opening("the demo")  # as at start, while the rest of PA Books loads behind the window
        app.processEvents()
        window.grab().save(str(out / "00b-opening.png"))
        problems += [f"Opening at {scale}%: {words}" for words in fit_problems(window)]
        window.open_demo()
        for number, name in enumerate(SCREEN_ORDER, start=1):
            window.navigation.setCurrentRow(number - 1)
            app.processEvents()
            target = out / f"{number:02d}-{name.lower().replace(' ', '-')}.png"
            if not window.grab().save(str(target)):
                problems.append(f"could not save {target}")
            problems += [f"{name}: no accessible name for {w}" for w in unnamed_controls(window)]
            problems += [f"{name}: Tab does not reach {w}" for w in unreachable_controls(window)]
            problems += [f"{name}: {clash}" for clash in duplicate_mnemonics(window)]
            problems += [f"{name}: {words}" for words in wheel_takers(window)]
            problems += [f"{name} at {scale}%: {words}" for words in fit_problems(window)]
        window.navigation.setCurrentRow(SCREEN_ORDER.index("Timesheets"))
        sheets = window.screens["Timesheets"]
        assert isinstance(sheets, TimesheetsScreen)
        sheets.who.setCurrentIndex(1)  # one PA: the pay period and minimum wage check show too
        app.processEvents()
        window.grab().save(str(out / "03b-timesheets-one-pa.png"))
        problems += [f"Timesheets (one PA): Tab does not reach {w}" for w in unreachable_controls(window)]
        problems += [f"Timesheets (one PA): {clash}" for clash in duplicate_mnemonics(window)]
        problems += _encrypted_screens(window, work, out)
        problems += _home_from_glance(window, out, scale)
        window.open_demo()
        app.processEvents()
        book = window.book
        assert book is not None
        details = pa_details(book, 1)
        pas = sheets.pa_choices()
        shift = sheets.shifts[0] if sheets.shifts else None
        dialogs = (("20-about.png", AboutDialog(window)), ("21-new-file.png", NewFileDialog(window)),
                   ("22-pa-details.png", PaDialog(window, lambda form: None, details.form)),
                   ("23-pay-rates.png", RatesDialog(window, details, lambda rates: None)),
                   ("24-checks.png", CheckDialog(window, details, lambda *a: None)),
                   ("25-shift.png", ShiftDialog(window, pas, lambda entry: None, shift.day if shift else
                                                sheets.week_start, shift)),
                   ("26-rota.png", RotaDialog(window, pas, lambda entry: None)),
                   ("27-approve.png", ApproveDialog(window, approval_summary(book, pas[0][0], *period_for_pa(
                       book, pas[0][0], book.today())), lambda a, b, c: None)),
                   ("28-amend.png", amend_dialog(window, "Priya Shah's timesheet.", lambda reason: None)),
                   ("33-employer-details.png", EmployerDialog(window, employer_details(book), lambda d: None)),
                   ("34-keys.png", KeysDialog(window)),
                   *_pay_dialogs(window, book),
                   ("29-support-plan.png", SupportPlanDialog(window, support_plan(book, book.today()),
                                                             lambda *a: None)),
                   ("30-unlock.png", UnlockDialog("Sam Example.pabooks", "\"Sam Example.pabooks\" is encrypted and "
                                                  "this computer does not keep its key. Type its passphrase or its "
                                                  "recovery key to open it.", True, window)),
                   ("31-passphrase.png", PassphraseDialog("Set a new passphrase", "The file and its backups will "
                                                          "open with the new passphrase only.", False, window)),
                   ("32-recovery-key.png", RecoveryKeyDialog(format_recovery_key(bytes(range(32))),
                                                             "Sam Example.pabooks", "Sam Example", window)))
        dialog_count = len(dialogs)
        for filename, dialog in dialogs:
            dialog.show()
            app.processEvents()
            dialog.grab().save(str(out / filename))
            problems += [f"{filename}: no accessible name for {w}" for w in unnamed_controls(dialog)]
            problems += [f"{filename}: Tab does not reach {w}" for w in unreachable_controls(dialog)]
            problems += [f"{filename}: {clash}" for clash in duplicate_mnemonics(dialog)]
            problems += [f"{filename}: {words}" for words in wheel_takers(dialog)]
            problems += [f"{filename} at {scale}%: {words}" for words in fit_problems(dialog)]
            dialog.close()
        window.close()
        app.processEvents()
    finally:
        qInstallMessageHandler(previous)
    problems += [f"Qt warning: {w}" for w in warnings]
    print(f"Screens saved in {out}")
    for problem in problems:
        print(f"selftest: {problem}", file=sys.stderr)
    if problems:
        return 1
    print(f"selftest passed: {len(SCREEN_ORDER)} screens, an encrypted and a read-only file, and {dialog_count} "
          "dialogs rendered, named and reachable by keyboard")
    return 0


def _home_from_glance(window: Any, out: Path, scale: int) -> list[str]:
    """Home as the window shows it at start from the glance the demo keeps, before the file is open."""
    from PySide6.QtWidgets import QApplication

    from app import paths
    from app.services.home_glance import glance_at
    from app.ui.accessibility import unnamed_controls, unreachable_controls

    window.close_file()  # the demo was open (and kept its glance); a glance is of a file nobody has open
    glance = glance_at(paths.demo_file())
    if glance is None:
        return ["the demo kept no glance of its Home screen"]
    window._show_glance(glance)
    QApplication.processEvents()
    window.grab().save(str(out / "01c-home-from-glance.png"))
    problems = [f"Home from the glance: no accessible name for {w}" for w in unnamed_controls(window)]
    problems += [f"Home from the glance: Tab does not reach {w}" for w in unreachable_controls(window)]
    problems += [f"Home from the glance at {scale}%: {words}" for words in fit_problems(window)]
    window.close_file()
    return problems


def _encrypted_screens(window: Any, work: Path, out: Path) -> list[str]:
    """A real (encrypted, passphrase) file: its Settings screen, and the same file opened read-only."""
    from PySide6.QtWidgets import QApplication

    from app.services.book import EmployerBook, NewEmployer
    from app.ui.accessibility import duplicate_mnemonics, unnamed_controls, unreachable_controls
    from app.ui.main_window import SCREEN_ORDER

    passphrase = "selftest kettle orchard"  # noqa: S105 - a made-up file in a temporary folder
    path = work / "Sam Example.pabooks"
    EmployerBook.create(path, NewEmployer("Sam Example", passphrase=passphrase, passphrase_again=passphrase)).close()
    window.ask_secret = lambda _name, _message: (passphrase, False)
    problems = []
    if not window.open_path(path):
        return ["the encrypted selftest file did not open"]
    window.navigation.setCurrentRow(SCREEN_ORDER.index("Settings"))
    QApplication.processEvents()
    window.grab().save(str(out / "09b-settings-encrypted.png"))
    for name, check in (("no accessible name for", unnamed_controls), ("Tab does not reach", unreachable_controls)):
        problems += [f"Settings (encrypted): {name} {w}" for w in check(window)]
    problems += [f"Settings (encrypted): {clash}" for clash in duplicate_mnemonics(window)]
    viewer = EmployerBook.open_read_only(path, passphrase)
    window._release()
    window._show_book(viewer)
    QApplication.processEvents()
    window.grab().save(str(out / "01b-home-read-only.png"))
    for name, check in (("no accessible name for", unnamed_controls), ("Tab does not reach", unreachable_controls)):
        problems += [f"Read-only file: {name} {w}" for w in check(window)]
    problems += [f"Read-only file: {clash}" for clash in duplicate_mnemonics(window)]
    window.close_file()
    return problems
