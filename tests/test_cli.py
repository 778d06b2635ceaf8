"""The command line: the same services as the GUI, with clear errors and the right exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app import __version__
from app.cli import main

# The smallest screen PA Books is made for: a 1366 x 768 laptop (Qt's off-screen platform, given its size).
LAPTOP_SCREEN = {"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96,
                              "logicalBaseDpi": 96, "dpr": 1}]}


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "app", *args], input=stdin, capture_output=True, text=True,
                          env={**os.environ}, timeout=120)


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"PA Books {__version__}"


@pytest.mark.parametrize("args", [["--frobnicate"], ["explode"], ["new"], ["info", "a", "b"]])
def test_unknown_arguments_print_usage_and_exit_2(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(args)
    assert exit_.value.code == 2
    captured = capsys.readouterr()
    assert "usage: pabooks" in captured.err
    assert captured.out == ""


def test_new_then_info(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "Ann Other"
    assert main(["new", str(target), "--name", "Ann Other", "--employer", "Bea Other", "--role", "nominee"]) == 0
    assert "Created" in capsys.readouterr().out
    assert main(["info", str(tmp_path / "Ann Other.pabooks")]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["person_name"] == "Ann Other"
    assert info["acting_employer_name"] == "Bea Other"
    assert info["acting_role"] == "nominee"
    assert info["kind"] == "real"
    assert info["pa_count"] == 0


def test_new_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "x.pabooks"
    assert main(["new", str(target), "--name", "A"]) == 0
    assert main(["new", str(target), "--name", "B"]) == 1
    assert "never overwrites" in capsys.readouterr().err


def test_demo_then_info(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", str(tmp_path / "demo.pabooks")]) == 0
    capsys.readouterr()
    assert main(["info", str(tmp_path / "demo.pabooks")]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["kind"] == "demo"
    assert info["pa_count"] == 2
    assert info["council_name"] == "Northshire County Council"
    assert info["shift_count"] > 10


def test_info_on_a_bad_file_is_a_plain_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "notes.pabooks"
    bad.write_text("shopping list")
    assert main(["info", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "is not a PA Books employer file" in err
    assert "Traceback" not in err


@pytest.mark.slow
def test_calc_through_python_m_app_keeps_order_and_reports_bad_lines() -> None:
    lines = "\n".join([
        json.dumps({"kind": "national_insurance", "tax_year": "2025-26", "frequency": "weekly", "period": 1,
                    "category": "A", "gross_pay": "96.04"}),
        "",
        json.dumps({"kind": "income_tax", "tax_year": "2031-32", "frequency": "monthly", "period": 1,
                    "tax_code": "1257L", "gross_pay": "100.00"}),
        json.dumps({"kind": "student_loan", "tax_year": "2026-27", "frequency": "monthly", "gross_pay": "2600.00",
                    "plans": ["2"], "postgraduate": False}),
    ])
    result = run("calc", stdin=lines)
    assert result.returncode == 1
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert out[0]["employer_ni"] == "0.01"
    assert out[1] == {"error": out[1]["error"], "line": 3, "field": "tax_year"}
    assert "2031-32" in out[1]["error"]
    assert out[2]["student_loan"] == "13.00"


@pytest.mark.slow
def test_unknown_arguments_through_the_real_entry_point() -> None:
    result = run("--nonsense")
    assert result.returncode == 2
    assert "usage: pabooks" in result.stderr


@pytest.mark.slow
def test_selftest_renders_every_screen(tmp_path: Path) -> None:
    config = tmp_path / "screen.json"  # the smallest screen PA Books is made for (see the next test)
    config.write_text(json.dumps(LAPTOP_SCREEN), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "app", "selftest", "--out", str(tmp_path / "shots")],
                            capture_output=True, text=True, timeout=300, check=False,
                            env={**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"})
    assert result.returncode == 0, result.stderr
    pngs = sorted(p.name for p in (tmp_path / "shots").glob("*.png"))
    assert pngs == ["00-no-file-open.png", "00b-opening.png", "01-home.png", "01b-home-read-only.png",
                    "01c-home-from-glance.png", "02-pas.png", "03-timesheets.png",
                    "03b-timesheets-one-pa.png", "04-pay.png", "05-money.png", "06-council-returns.png",
                    "07-history.png", "08-backups.png", "09-settings.png", "09b-settings-encrypted.png",
                    "20-about.png", "21-new-file.png", "22-pa-details.png", "23-pay-rates.png", "24-checks.png",
                    "25-shift.png", "26-rota.png", "27-approve.png", "28-amend.png", "29-support-plan.png",
                    "30-unlock.png", "31-passphrase.png", "32-recovery-key.png", "33-employer-details.png",
                    "34-keys.png", "35-new-pay-run.png", "36-pay-addition.png", "37-finalise.png",
                    "38-correction.png", "39-year-end.png", "40-p45.png", "41-tax-code-notice.png", "42-absence.png",
                    "43-pension-letter.png", "43b-pension-opt-out.png", "43c-re-enrolment.png", "43d-pension-postponement.png",
                    "43e-pension-schedule.png",
                    "44-send-fps.png",
                    "44b-send-eps.png",
                    "45-bpt-figures.png", "45b-paper-returns.png",
                    "50-account.png", "51-money-in.png", "52-spending.png", "53-pay-owed.png",
                    "54-fund.png", "55-reconcile.png", "56-forecast.png",
                    "57-statement-columns.png", "58-agreement.png",
                    "59-submit-return.png", "60-other-dates.png", "61-review.png", "62-review-note.png",
                    "63-withdraw-note.png", "64-import-progress.png",
                    "65-second-budget.png"]
    assert all((tmp_path / "shots" / p).stat().st_size > 2000 for p in pngs)


@pytest.mark.slow
def test_the_app_starts_on_the_demo_and_stays_up(tmp_path: Path) -> None:
    """`make run` with no file: the GUI opens a fresh demo and keeps running until closed. It says when it is
    ready (PABOOKS_READY_FILE), so the test waits for that, not for a guess at how long a busy machine takes."""
    ready, shown = tmp_path / "ready", tmp_path / "shown"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PABOOKS_READY_FILE": str(ready),
           "PABOOKS_SHOWN_FILE": str(shown)}
    process = subprocess.Popen([sys.executable, "-m", "app"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    try:
        deadline = time.monotonic() + 120
        while not ready.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert ready.exists(), "the app did not say it was ready within 2 minutes"
        assert shown.exists() and shown.stat().st_mtime_ns <= ready.stat().st_mtime_ns  # the window came first
        assert process.poll() is None  # it stays up, on the demo
        demo = Path(env["PABOOKS_HOME"]) / "demo" / "Demo employer.pabooks"
        assert Path(ready.read_text(encoding="utf-8")) == demo.resolve() and demo.exists()
    finally:
        process.kill()
        _, err = process.communicate(timeout=10)
    assert "Traceback" not in err


@pytest.mark.slow
@pytest.mark.parametrize("scale", [100, 200])
def test_every_screen_and_dialog_fits_a_small_laptop_at_normal_and_double_text(tmp_path: Path, scale: int) -> None:
    """Found by a newcomer: dialogs clipped, squeezed or scrolled sideways. Every screen and dialog is rendered on
    a 1366 x 768 screen, and every label, button and field must fit its place (selftest's clipped-text check)."""
    config = tmp_path / "screen.json"
    config.write_text(json.dumps(LAPTOP_SCREEN), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "app", "selftest", "--scale", str(scale), "--out",
                             str(tmp_path / "shots")], capture_output=True, text=True, timeout=300,
                            env={**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}, check=False)
    assert result.returncode == 0, result.stderr
    assert "selftest passed" in result.stdout


def test_the_fit_check_sees_squeezed_words(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout

    from app.ui.accessibility import clipped_text

    dialog = QDialog()
    qtbot.addWidget(dialog)
    label = QLabel("A long sentence that cannot fit in the few pixels it is given here")
    QVBoxLayout(dialog).addWidget(label)
    dialog.show()
    label.setFixedWidth(60)
    assert any("wider than their place" in words for words in clipped_text(dialog))
    label.setWordWrap(True)
    label.setFixedHeight(12)
    assert any("pixels of height" in words for words in clipped_text(dialog))
