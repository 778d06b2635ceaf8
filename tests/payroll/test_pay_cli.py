"""`pabooks payrun`, `payslips` and `hmrc-due`: the same operations as the Pay screen, from the command line."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from app import clock
from app.cli import main
from app.core.dates import LONDON


@pytest.fixture
def file(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(clock, "now_london", lambda: datetime(2026, 12, 2, 12, tzinfo=LONDON))
    path = tmp_path / "cli.pabooks"
    assert main(["new", str(path), "--name", "Cli Test"]) == 0
    assert main(["employer", str(path), "--accounts-office-ref", "123PA00045678"]) == 0
    assert main(["pa", "add", str(path), "--first", "Ann", "--last", "Lee", "--started", "05/01/2026",
                 "--dob", "01/02/1990", "--hours", "20", "--starter", "A", "--rate", "day=14.00",
                 "--rate", "bank_holiday=21.00"]) == 0
    assert main(["rota", "add", str(path), "--pa", "Ann Lee", "--days", "mon,tue,wed", "--start", "09:00",
                 "--end", "15:00", "--from", "01/11/2026"]) == 0
    assert main(["rota", "apply", str(path), "--from", "01/11/2026", "--to", "30/11/2026"]) == 0
    assert main(["timesheet", str(path), "--pa", "Ann Lee", "--from", "01/11/2026", "--to", "30/11/2026",
                 "--signed", "30/11/2026", "--approve", "--confirm-planned"]) == 0
    capsys.readouterr()
    return path


def test_a_run_from_start_to_payslips(file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["payrun", "new", str(file), "--period", "01/11/2026", "--pay-date", "30/11/2026"]) == 0
    assert "Started pay run 1 (a draft)" in capsys.readouterr().out
    assert main(["payrun", "add", str(file), "1", "--pa", "Ann Lee", "--kind", "expenses", "--amount", "9.99"]) == 1
    assert "Say what it is for" in capsys.readouterr().err
    assert main(["payrun", "add", str(file), "1", "--pa", "Ann Lee", "--kind", "expenses", "--amount", "9.99",
                 "--description", "Parking"]) == 0
    assert "Added expenses of £9.99 for Ann Lee to pay run 1" in capsys.readouterr().out
    assert main(["payrun", "show", str(file), "1"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert not shown["finalised"] and shown["payslips"][0]["expenses_pence"] == 999
    assert main(["payrun", "finalise", str(file), "1"]) == 0
    assert "Final: it can never be changed." in capsys.readouterr().out
    assert main(["payrun", "finalise", str(file), "1"]) == 1
    assert "is final and can never be changed" in capsys.readouterr().err
    assert main(["payslips", str(file), "1", "--out", str(tmp_path / "out")]) == 0
    printed = capsys.readouterr()
    assert (tmp_path / "out" / "Payslip Ann Lee 2026-11-30.pdf").read_bytes().startswith(b"%PDF")
    assert "Add the name on the account" in printed.err  # no bank details yet: said, the CSV is still written
    assert (tmp_path / "out" / "Who to pay 2026-11-30.csv").exists()
    assert main(["hmrc-due", str(file), "--tax-year", "2026-27"]) == 0
    due = json.loads(capsys.readouterr().out)
    assert due["bills"][0]["reference"] == "123PA000456782708" and due["bills"][0]["due_on"] == "2026-12-22"
    assert main(["payrun", "correct", str(file), "1", "--pay-date", "05/12/2026", "--reason", "Two hours missed"]) == 0
    assert main(["payrun", "delete", str(file), "2"]) == 0
    assert "Deleted the draft pay run 2" in capsys.readouterr().out
    assert main(["payrun", "show", str(file)]) == 0
    assert [r["pay_run_id"] for r in json.loads(capsys.readouterr().out)] == [1]


def test_year_end_and_a_leaver_from_the_command_line(file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    assert main(["payrun", "new", str(file), "--period", "01/11/2026", "--pay-date", "30/11/2026"]) == 0
    assert main(["payrun", "finalise", str(file), "1"]) == 0
    assert main(["p60", str(file), "--tax-year", "2026-27", "--out", str(tmp_path / "ye")]) == 0
    printed = capsys.readouterr()
    assert (tmp_path / "ye" / "Pay record 2026-27.csv").exists() and "P60s are made once" in printed.err
    monkeypatch.setattr(clock, "now_london", lambda: datetime(2027, 4, 10, 12, tzinfo=LONDON))
    assert main(["p60", str(file), "--tax-year", "2026-27", "--out", str(tmp_path / "ye")]) == 0
    assert (tmp_path / "ye" / "P60s 2026-27.pdf").read_bytes().startswith(b"%PDF")
    assert main(["p45", str(file), "--pa", "Ann Lee", "--out", str(tmp_path / "p45.pdf")]) == 1
    assert "has not left" in capsys.readouterr().err


def test_a_pension_letter_from_the_command_line(file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pension-letter", str(file), "--pa", "Ann Lee", "--kind", "postponement"]) == 0
    letter = capsys.readouterr().out
    assert "Dear Ann," in letter and "I will not put you into the workplace pension scheme until 2 March 2027" in letter


def test_pension_enrolment_opt_out_and_re_enrolment_from_the_command_line(
        file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pension = ["pension"]
    assert main([*pension, "enrol", str(file), "--pa", "Ann Lee", "--on", "01/01/2025"]) == 1
    assert "the enrolment date cannot be before it" in capsys.readouterr().err
    assert main([*pension, "postpone", str(file), "--pa", "Ann Lee", "--from", "01/11/2026", "--until",
                 "02/02/2027"]) == 1
    assert "until 1 February 2027 at the latest" in capsys.readouterr().err
    assert main([*pension, "enrol", str(file), "--pa", "Ann Lee", "--on", "01/11/2026"]) == 0
    assert "Ann Lee is in the pension scheme from 1 November 2026" in capsys.readouterr().out
    assert main(["payrun", "new", str(file), "--period", "01/11/2026", "--pay-date", "30/11/2026"]) == 0
    assert main(["payrun", "finalise", str(file), "1"]) == 0
    capsys.readouterr()
    assert main(["payrun", "show", str(file), "1"]) == 0
    paid_in = json.loads(capsys.readouterr().out)["payslips"][0]["deductions"]
    employee = dict(paid_in)["Pension"]
    assert employee > 0
    assert main([*pension, "opt-out", str(file), "--pa", "Ann Lee", "--notice-on", "20/11/2026"]) == 0
    said = capsys.readouterr().out
    assert "Ann Lee has opted out in time" in said and f"£{employee / 100:,.2f} Ann paid in" in said
    assert main([*pension, "re-enrolment", str(file), "--on", "01/01/2029"]) == 0
    plan = json.loads(capsys.readouterr().out)
    assert (plan["opens"], plan["closes"]) == ("2028-10-05", "2029-04-05")  # Ann started on 5 January 2026
    assert plan["pas"] == [{"name": "Ann Lee", "left_scheme_on": "2026-11-20", "verdict": "re_enrol"}]
    assert main([*pension, "re-enrol", str(file), "--on", "01/01/2029"]) == 1
    assert "in the future" in capsys.readouterr().err
    assert main([*pension, "redeclared", str(file), "--on", "01/12/2026"]) == 1
    assert "Re-enrol first" in capsys.readouterr().err
    assert main([*pension, "re-enrolled-before", str(file), "--on", "01/12/2026"]) == 1
    assert "could not be before 3 years less 3 months" in capsys.readouterr().err
