"""`pabooks money …` and `pabooks return …`: the same operations as the Money and Council returns screens, for
scripting by support organisations. Data comes out as JSON; refusals are plain words on stderr and exit 1."""

from __future__ import annotations

import json
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from app import clock
from app.cli import main
from app.core.dates import LONDON


@pytest.fixture
def file(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(clock, "now_london", lambda: datetime(2026, 12, 2, 12, tzinfo=LONDON))
    path = tmp_path / "money.pabooks"
    assert main(["new", str(path), "--name", "Sam Jones"]) == 0
    assert main(["agreement", str(path), "--council", "Northshire Council", "--from", "06/04/2026",
                 "--payment", "1940.00", "--every", "four_weekly", "--contribution", "120.00",
                 "--receipt-threshold", "50.00"]) == 0
    assert main(["money", "setup", str(path), "--name", "DP account", "--opened-on", "05/04/2026",
                 "--opening-balance", "1500.00"]) == 0
    capsys.readouterr()
    return path


def _out(capsys: pytest.CaptureFixture[str]) -> object:
    return json.loads(capsys.readouterr().out)


def test_money_from_the_command_line(file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = str(file)
    assert main(["money", "in", p, "--date", "06/04/2026", "--amount", "1940.00", "--payer", "Northshire"]) == 0
    assert "Recorded £1940.00 in" in capsys.readouterr().out
    assert main(["money", "in", p, "--date", "07/04/2026", "--amount", "120.00", "--stream", "contribution"]) == 0
    receipt = tmp_path / "hoist.pdf"
    receipt.write_bytes(b"%PDF-1.4 receipt")
    assert main(["money", "spend", p, "--date", "10/04/2026", "--amount", "89.99", "--category", "equipment",
                 "--payee", "Mobility Shop", "--receipt", str(receipt)]) == 0
    assert main(["money", "spend", p, "--date", "11/04/2026", "--amount", "ten", "--category", "other",
                 "--payee", "X"]) == 1
    assert "amount" in capsys.readouterr().err.lower()  # refused in words, nothing recorded
    assert main(["money", "spend", p, "--date", "12/04/2026", "--amount", "5.00", "--category", "other",
                 "--payee", "Typed twice"]) == 0
    made = int(capsys.readouterr().out.rsplit("transaction ", 1)[1].rstrip(").\n"))
    assert main(["money", "void", p, str(made), "--reason", "Typed twice"]) == 0
    assert main(["money", "fund", "topup", p, "--fund", "crisis", "--date", "13/04/2026", "--amount", "300.00",
                 "--reason", "Agreed crisis fund"]) == 0
    assert main(["money", "fund", "draw", p, "--fund", "crisis", "--date", "20/04/2026", "--amount", "100.00",
                 "--category", "agency", "--payee", "Homecare", "--reason", "Cover when Ann was ill",
                 "--agreed-by", "Sam Jones"]) == 0
    assert "Done: draw of £100.00 on the crisis fund." in capsys.readouterr().out
    assert main(["money", "fund", "draw", p, "--fund", "crisis", "--date", "21/04/2026", "--amount", "900.00",
                 "--category", "agency", "--payee", "Homecare", "--reason", "More cover", "--agreed-by", "Sam"]) == 1
    assert "The fund holds only £200.00 on that day" in capsys.readouterr().err
    assert main(["money", "fund", "history", p, "--fund", "crisis"]) == 0
    history = _out(capsys)
    assert isinstance(history, list) and len(history) == 2
    assert main(["money", "balance", p, "--on", "30/04/2026"]) == 0
    balance = _out(capsys)
    assert isinstance(balance, dict)
    # 1,500.00 + 1,940.00 + 120.00 - 89.99 - 100.00 (the voided 5.00 does not count)
    assert balance["in_account_pence"] == 150000 + 194000 + 12000 - 8999 - 10000
    assert balance["crisis_fund_pence"] == 20000
    assert main(["money", "register", p, "--account", "spending:equipment"]) == 0
    rows = _out(capsys)
    assert isinstance(rows, list)
    assert [(r["description"], r["out_pence"], r["receipts"]) for r in rows] == [("Mobility Shop", 8999, 1)]
    for day in ("14/04/2026", "16/04/2026"):  # typed twice with different dates: the statement shows one
        assert main(["money", "spend", p, "--date", day, "--amount", "24.00", "--category", "payroll_support",
                     "--payee", "Payroll service"]) == 0
    duplicate = int(capsys.readouterr().out.rsplit("transaction ", 1)[1].rstrip(").\n"))
    statement = tmp_path / "april.csv"
    statement.write_text("Date,Counter Party,Reference,Type,Amount (GBP),Balance (GBP),Spending Category\n"
                         "06/04/2026,NORTHSHIRE,DP,FASTER PAYMENT,1940.00,3440.00,\n"
                         "07/04/2026,SAM JONES,CONTRIB,FASTER PAYMENT,120.00,3560.00,\n"
                         "10/04/2026,MOBILITY SHOP,,CARD,-89.99,3470.01,\n"
                         "15/04/2026,PAYROLL SERVICE,,DIRECT DEBIT,-24.00,3446.01,\n"
                         "20/04/2026,HOMECARE,,FASTER PAYMENT,-100.00,3346.01,\n"
                         "25/04/2026,BANK,,INTEREST,0.05,3346.06,\n"
                         "04/05/2026,NORTHSHIRE,DP,FASTER PAYMENT,1940.00,5286.06,\n", "utf-8")
    assert main(["money", "import", p, str(statement)]) == 0
    assert "7 lines added" in capsys.readouterr().out
    assert main(["money", "import", p, str(statement)]) == 0
    assert "Nothing added" in capsys.readouterr().out  # the same statement twice adds nothing
    assert main(["money", "lines", p]) == 0
    lines = _out(capsys)
    assert isinstance(lines, dict)
    loose = [line for line in lines["lines"] if not line["sorted_as"]]
    assert [line["description"] for line in loose] == ["PAYROLL SERVICE", "BANK"]  # the council's was matched
    payroll = loose[0]["could_be"]
    assert len(payroll) == 2  # two recorded payments a day either side: the holder says which
    assert main(["money", "match", p, str(loose[0]["line_id"]), payroll[0]["key"]]) == 0
    assert "is sorted" in capsys.readouterr().out
    assert main(["money", "void", p, str(duplicate), "--reason", "Recorded twice"]) == 0
    assert loose[1]["could_be"] == []  # the interest: nothing was expected, so it is recorded as new money in
    assert main(["money", "in", p, "--date", "25/04/2026", "--amount", "0.05", "--stream", "interest",
                 "--line", str(loose[1]["line_id"])]) == 0
    assert main(["money", "reconcile", p, str(lines["statements"][0]["statement_id"])]) == 0
    assert "is reconciled" in capsys.readouterr().out
    assert main(["money", "forecast", p, "--extra-hours", "5"]) == 0
    forecast = _out(capsys)
    assert isinstance(forecast, dict) and forecast["weeks"] and forecast["words"]

    # The council return for April, and an audit of it, from the same records.
    assert main(["return", "templates"]) == 0
    templates = _out(capsys)
    assert isinstance(templates, list) and "audit-summary" in [t["id"] for t in templates]
    assert main(["return", "make", p, "--from", "06/04/2026", "--to", "30/04/2026", "--format", "json"]) == 0
    made_return = _out(capsys)
    assert isinstance(made_return, dict)
    assert made_return["closing_balance_pence"] == 334606
    assert made_return["total_in_pence"] - made_return["total_out_pence"] == 334606 - 150000
    for form in ("pdf", "large-print", "csv", "xlsx", "zip"):
        target = tmp_path / f"april.{form}"
        assert main(["return", "make", p, "--from", "06/04/2026", "--to", "30/04/2026", "--format", form,
                     "--out", str(target)]) == 0
        assert target.stat().st_size > 100
    assert main(["return", "audit", p, "--from", "06/04/2026", "--to", "30/04/2026", "--out",
                 str(tmp_path / "audit.zip")]) == 0
    assert "evidence files" in capsys.readouterr().out
    names = zipfile.ZipFile(tmp_path / "audit.zip").namelist()
    assert "audit.pdf" in names and any(n.startswith("evidence/receipts/") and "hoist" in n for n in names)
    assert main(["return", "audit", p, "--from", "30/04/2026", "--to", "06/04/2026", "--out",
                 str(tmp_path / "no.zip")]) == 1
    assert "must be on or after" in capsys.readouterr().err
    april = ["return", "submit", p, "--from", "06/04/2026", "--to", "30/04/2026", "--signed-by", "Sam Jones"]
    assert main(april) == 0
    assert "submitted and locked" in capsys.readouterr().out
    assert main(april) == 1  # a second time is an amendment: it needs a reason
    assert "amend" in capsys.readouterr().err.lower()
    assert main([*april, "--reason", "The interest was left out"]) == 0
    capsys.readouterr()
    assert main(["return", "list", p]) == 0
    listed = _out(capsys)
    assert isinstance(listed, dict) and listed["council"] == "Northshire Council"


def test_the_review_from_the_command_line(file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from pypdf import PdfReader

    p = str(file)
    assert main(["plan", p, "--from", "06/04/2026", "--day", "20", "--outcome", "Get out and about",
                 "--outcome", "Keep well"]) == 0
    assert _out(capsys)["outcomes"] == ["Get out and about", "Keep well"]  # type: ignore[index]
    assert main(["review", "note", p, "--by", "Sam", "--words", "Swimming is the best bit.", "--outcome",
                 "Get out and about", "--on", "01/06/2026"]) == 0
    assert "Kept the note" in capsys.readouterr().out
    assert main(["review", "note", p, "--by", "Sam", "--words", "  "]) == 1
    assert "in your own words" in capsys.readouterr().err
    assert main(["review", "note", p, "--by", "Jo, with Sam", "--words", "Wrong file", "--about", "other"]) == 0
    wrong = int(capsys.readouterr().out.rsplit("note ", 1)[1].rstrip(").\n"))
    assert main(["review", "withdraw", p, str(wrong), "--reason", "Written on the wrong file"]) == 0
    assert "is withdrawn" in capsys.readouterr().out
    assert main(["review", "notes", p]) == 0
    notes = _out(capsys)
    assert isinstance(notes, list) and [(n["written_by"], n["about_words"]) for n in notes] == [
        ("Sam", "What is working well")]
    for flag, words in (("", "Review of the support plan: Sam Jones"), ("--easy-read", "My support plan review")):
        target = tmp_path / f"review{flag}.pdf"
        assert main(["review", "pack", p, "--out", str(target), *([flag] if flag else [])]) == 0
        text = " ".join(" ".join(page.extract_text() for page in PdfReader(str(target)).pages).split())
        assert words in text and "Swimming is the best bit." in text and "Wrong file" not in text


def test_a_second_budget_from_the_command_line(file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = str(file)
    assert main(["budget", "add", p, "--name", "Health budget", "--funder", "Northshire ICB", "--from", "01/06/2026",
                 "--payment", "500.00", "--every", "four_weekly", "--account", "Health account",
                 "--opening-balance", "200.00"]) == 0
    assert "Added budget 1" in capsys.readouterr().out
    assert main(["budget", "add", p, "--name", "Health budget", "--funder", "X", "--from", "01/06/2026",
                 "--payment", "5", "--every", "weekly", "--account", "A"]) == 1
    assert "already" in capsys.readouterr().err  # the same name twice
    assert main(["budget", "list", p]) == 0
    assert [b["name"] for b in _out(capsys)] == ["Direct payment", "Health budget"]  # type: ignore[union-attr]
    assert main(["money", "in", p, "--budget", "1", "--date", "01/06/2026", "--amount", "500.00"]) == 0
    assert main(["money", "fund", "topup", p, "--budget", "1", "--fund", "contingency", "--date", "02/06/2026",
                 "--amount", "100.00", "--reason", "Two weeks agreed"]) == 0
    capsys.readouterr()
    assert main(["money", "balance", p, "--budget", "1", "--on", "30/06/2026"]) == 0
    health = _out(capsys)
    assert isinstance(health, dict) and (health["in_account_pence"], health["contingency_pence"]) == (70000, 10000)
    assert main(["money", "balance", p, "--on", "30/06/2026"]) == 0
    council = _out(capsys)
    assert isinstance(council, dict) and council["in_account_pence"] == 150000  # the direct payment as it was
    assert main(["return", "make", p, "--budget", "1", "--from", "01/06/2026", "--to", "31/08/2026",
                 "--format", "json"]) == 0
    made = _out(capsys)
    assert isinstance(made, dict) and made["money_in_by_source"] == [["Personal health budget payments", 50000]]
    assert made["opening_balance_pence"] == 20000  # the balance when its books started: not money in
    assert main(["money", "balance", p, "--budget", "9"]) == 1
    assert "no budget 9" in capsys.readouterr().err
