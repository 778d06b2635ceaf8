"""The command line adds PAs, shifts and rotas, imports CSV and prints hours, over the same services."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main


@pytest.fixture
def file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "cli.pabooks"
    assert main(["new", str(path), "--name", "Cli Test"]) == 0
    assert main(["pa", "add", str(path), "--first", "Ann", "--last", "Lee", "--started", "05/01/2026",
                 "--dob", "01/02/1990", "--hours", "20", "--starter", "A", "--rate", "day=13.00",
                 "--rate", "weekend=15.00", "--rate", "bank_holiday=19.50", "--rate", "sleep_in=90"]) == 0
    capsys.readouterr()
    return path


def test_pa_list(file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pa", "list", str(file)]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["name"] == "Ann Lee" and rows[0]["tax_code"] == "1257L"


def test_shift_refusals_are_one_plain_line(file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["shifts", "add", str(file), "--pa", "Ann Lee", "--date", "29/03/2026", "--start", "01:30",
                 "--end", "08:00"]) == 1
    err = capsys.readouterr().err
    assert "does not exist" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert main(["shifts", "add", str(file), "--pa", "Nobody", "--date", "03/05/2026", "--start", "08:00",
                 "--end", "09:00"]) == 1
    assert "no PA called \"Nobody\"" in capsys.readouterr().err


def test_import_lists_every_bad_line_and_saves_nothing(file: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    csv = tmp_path / "shifts.csv"
    csv.write_text("pa,date,start,end\nAnn Lee,05/05/2026,08:00,12:00\nAnn Lee,06/05/2026,8am,12:00\n"
                   "Ann Lee,07/05/2026,08:00,12:00,extra\n", encoding="utf-8")
    assert main(["shifts", "import", str(file), str(csv)]) == 1
    err = capsys.readouterr().err
    assert "Nothing was imported: 2 line(s) need fixing." in err
    lines = err.splitlines()  # every bad line on a row of its own
    assert any(line.strip().startswith("line 3, start") for line in lines)
    assert any(line.strip().startswith("line 4") for line in lines)
    assert main(["info", str(file)]) == 0
    assert json.loads(capsys.readouterr().out)["shift_count"] == 0
    csv.write_text("pa,date,start,end\nAnn Lee,05/05/2026,08:00,12:00\n", encoding="utf-8")
    assert main(["shifts", "import", str(file), str(csv)]) == 0
    assert "Imported 1 shifts for Ann Lee" in capsys.readouterr().out


def test_rota_then_hours_then_approve(file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rota", "add", str(file), "--pa", "Ann Lee", "--days", "tue,thu", "--start", "14:00", "--end", "16:00",
                 "--from", "01/05/2026"]) == 0
    assert main(["rota", "apply", str(file), "--from", "01/05/2026", "--to", "31/05/2026"]) == 0
    capsys.readouterr()
    assert main(["hours", str(file), "--from", "01/05/2026", "--to", "31/05/2026"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["pas"][0]["hours"] == {"day": "16.00"} and summary["total_pay"] == "208.00"
    assert main(["timesheet", str(file), "--pa", "Ann Lee", "--from", "01/05/2026", "--to", "31/05/2026",
                 "--approve"]) == 1
    assert "still planned" in capsys.readouterr().err
    assert main(["timesheet", str(file), "--pa", "Ann Lee", "--from", "01/05/2026", "--to", "31/05/2026",
                 "--confirm-planned", "--approve", "--signed", "01/06/2026"]) == 0
    sheet = json.loads(capsys.readouterr().out)
    assert sheet["status"] == "approved" and sheet["shifts"][0].startswith("Tue 5 May, Ann Lee: 14:00 to 16:00")
    pdf = tmp_path / "ann.pdf"
    assert main(["timesheet", str(file), "--pa", "Ann Lee", "--from", "01/05/2026", "--to", "31/05/2026",
                 "--pdf", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    blank = tmp_path / "blank.pdf"
    assert main(["timesheet", str(file), "--pa", "Ann Lee", "--from", "01/06/2026", "--to", "30/06/2026",
                 "--pdf", str(blank), "--blank"]) == 0
    assert blank.stat().st_size > 1000


def test_bad_dates_on_the_command_line_exit_2(file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["hours", str(file), "--from", "31/02/2026", "--to", "01/03/2026"])
    assert exit_.value.code == 2
    assert "not a date" in capsys.readouterr().err


def test_agreement_plan_and_rules(file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", str(file), "--from", "01/05/2026", "--day", "10"]) == 1
    assert "Add the council agreement first" in capsys.readouterr().err
    assert main(["agreement", str(file), "--council", "Northshire", "--from", "01/01/2026", "--payment", "1940.00",
                 "--every", "four_weekly"]) == 0
    assert main(["plan", str(file), "--from", "01/05/2026", "--day", "10", "--sleep-ins", "1"]) == 0
    capsys.readouterr()
    assert main(["plan", str(file), "--from", "02/05/2026"]) == 0
    assert json.loads(capsys.readouterr().out)["per_week"] == {"day": "10", "sleep_in": "1"}
    assert main(["rules", str(file), "--night-starts", "21:00", "--country", "wales"]) == 0
    assert "Night time is 21:00 to 06:00; bank holidays are Wales's" in capsys.readouterr().out
    assert main(["rules", str(file), "--weekend-bank-holidays", "both"]) == 0
    assert "one on a weekend is paid on both days" in capsys.readouterr().out


def test_a_refused_pa_with_rates_saves_nothing(file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Found from outside: a bad second rate left the PA and the first rate saved. Now one operation."""
    assert main(["pa", "add", str(file), "--first", "Ria", "--last", "Patel", "--started", "05/01/2026",
                 "--hours", "20", "--starter", "A", "--rate", "day=13", "--rate", "weekend=abc",
                 "--rate", "fortnight=12"]) == 1
    err = capsys.readouterr().err
    assert "rate 2: " in err and "rate 3: " in err and "Traceback" not in err  # every problem, one a line
    assert main(["pa", "list", str(file)]) == 0
    assert [row["name"] for row in json.loads(capsys.readouterr().out)] == ["Ann Lee"]


def test_confirming_and_approving_are_one_step(file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Found from outside: a refused approval (signed before the period) still saved the confirmation."""
    assert main(["rota", "add", str(file), "--pa", "Ann Lee", "--days", "tue", "--start", "14:00", "--end", "16:00",
                 "--from", "01/05/2026"]) == 0
    assert main(["rota", "apply", str(file), "--from", "01/05/2026", "--to", "31/05/2026"]) == 0
    capsys.readouterr()
    assert main(["timesheet", str(file), "--pa", "Ann Lee", "--from", "01/05/2026", "--to", "31/05/2026",
                 "--confirm-planned", "--approve", "--signed", "30/04/2026"]) == 1
    assert "signed on or after the first day" in capsys.readouterr().err
    assert main(["timesheet", str(file), "--pa", "Ann Lee", "--from", "01/05/2026", "--to", "31/05/2026"]) == 0
    sheet = json.loads(capsys.readouterr().out)
    assert sheet["status"] == "draft" and all("planned, not yet confirmed" in s for s in sheet["shifts"])


def test_the_employers_details_and_hmrc_references(file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["employer", str(file), "--paye-ref", "123/ab 45678", "--accounts-office-ref", "123PA00012345",
                 "--insurer", "Example Mutual", "--insurance-renews", "01/03/2027"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert (shown["paye_reference"], shown["insurance_renews_on"]) == ("123/AB45678", "2027-03-01")
    assert main(["employer", str(file), "--accounts-office-ref", "123"]) == 1
    assert "13 characters" in capsys.readouterr().err
    assert main(["employer", str(file)]) == 0
    assert json.loads(capsys.readouterr().out)["accounts_office_reference"] == "123PA00012345"
