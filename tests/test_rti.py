"""HMRC's RTI: the IRmark, and the Full Payment Submission built from finalised pay runs and checked against
HMRC's schema."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from app.rti.irmark import irmark

DATA = Path(__file__).resolve().parent / "data" / "hmrc-rti"


@pytest.mark.parametrize("sample", ["irmark-example-cis-monthly-return.xml", "irmark-example-cis-verification.xml"])
def test_the_irmark_of_hmrcs_own_samples(sample: str) -> None:
    """HMRC's sample messages carry the IRmark HMRC computed: ours must be the same, to the character."""
    message = (DATA / sample).read_bytes()
    given = etree.fromstring(message).find(".//{*}IRmark")
    assert given is not None and irmark(message) == given.text


def test_the_irmark_changes_with_the_body_and_not_with_the_mark_itself() -> None:
    message = (DATA / "irmark-example-cis-verification.xml").read_bytes()
    assert irmark(message.replace(b"GqztZiDzj7jlzblq9u8SbUMv5jc=", b"anything")) == irmark(message)
    assert irmark(message.replace(b"Foundations", b"Foundationz")) != irmark(message)


def fps_household(tmp_path: Path, months: int = 2, **changes: object):  # type: ignore[no-untyped-def]
    """A household paid in 2025-26 (the year whose FPS schema PA Books holds): a starter in February 2026 and
    two monthly runs (or only February's)."""
    from datetime import date
    from decimal import Decimal  # noqa: F401

    from app.services.book import EmployerBook, NewEmployer
    from app.services.employer_details import EmployerDetails, SetEmployerDetails
    from tests import ops

    book = EmployerBook.create(tmp_path / "fps.pabooks", NewEmployer("Alex Morgan"))
    form = ops.PaForm(**{**dict(first_name="Priya", last_name="Shah", started_on=date(2026, 2, 2),
                                date_of_birth=date(1994, 7, 2), gender="F", contracted_hours_per_week="25",
                                starter_statement="A", ni_number="AB123456C", student_loan_plans="2",
                                address="1 Example Road, Northtown, NT1 2AB"), **changes})
    with ops.on(book, date(2026, 2, 2)):
        ops.run(book, SetEmployerDetails(), EmployerDetails("Alex Morgan", "", "holder", paye_reference="123/AB45678",
                                                            accounts_office_reference="123PA00045678"))
        pa = ops.add_pa(book, form, rates=(ops.RateInput("day", "16.00", date(2026, 2, 1)),))
        ops.add_rota(book, ops.RotaInput(pa, (0, 1, 2, 3, 4), "09:00", "14:00", date(2026, 2, 2)))
    runs = []
    for first, last in ((date(2026, 2, 1), date(2026, 2, 28)), (date(2026, 3, 1), date(2026, 3, 31)))[:months]:
        with ops.on(book, last):
            ops.apply_rotas(book, first, last)
            ops.approve_timesheet(book, pa, first, last, last, last, confirm_planned=True)
            run_id = ops.start_pay_run(book, "monthly", first, last)
            if first.month == 3:
                ops.add_payment(book, run_id, pa, "expenses", "12.40", "Bus fares")
            ops.finalise(book, run_id)
            runs.append(run_id)
    return book, pa, runs


def test_an_fps_from_final_pay_runs_meets_hmrcs_schema_and_carries_the_payslips_figures(tmp_path: Path) -> None:
    from app.rti.fps import rti_year
    from app.services.fps import fps_for_run
    from tests import ops

    book, pa, (february, march) = fps_household(tmp_path)
    first = fps_for_run(book, february)
    assert first.problems == () and first.xml is not None
    ns = {"f": rti_year("2025-26").fps_namespace}
    doc = etree.fromstring(first.xml)
    assert doc.findtext(".//f:Starter/f:StartDec", namespaces=ns) == "A"
    assert doc.findtext(".//f:RelatedTaxYear", namespaces=ns) == "25-26"
    second = fps_for_run(book, march)
    assert second.problems == () and second.xml is not None
    doc = etree.fromstring(second.xml)
    slip = ops.pay_run(book, march).payslips[0]
    found = {tag: doc.findtext(f".//f:Payment/f:{tag}", namespaces=ns) for tag in (
        "PayFreq", "MonthNo", "TaxablePay", "TaxDeductedOrRefunded", "PayAfterStatDedns", "NonTaxOrNICPmt",
        "StudentLoanRecovered", "HoursWorked")}
    named = dict(slip.deductions)
    assert found == {"PayFreq": "M1", "MonthNo": "12", "TaxablePay": f"{slip.gross_pay_pence / 100:.2f}",
                     "TaxDeductedOrRefunded": f"{named['Income tax'] / 100:.2f}",
                     "PayAfterStatDedns": f"{slip.net_pay_pence / 100:.2f}", "NonTaxOrNICPmt": "12.40",
                     "StudentLoanRecovered": f"{named.get('Student loan', 0) / 100:.2f}" if named.get("Student loan")
                     else None, "HoursWorked": "C"}
    assert doc.find(".//f:Starter", namespaces=ns) is None  # only the first FPS says she started
    assert doc.findtext(".//f:FiguresToDate/f:TaxablePay", namespaces=ns) == \
        f"{slip.year_to_date.taxable_pay_pence / 100:.2f}"
    employee_ni_ytd = doc.findtext(".//f:NIlettersAndValues/f:EmpeeContribnsYTD", namespaces=ns)
    assert employee_ni_ytd == f"{slip.year_to_date.employee_ni_pence / 100:.2f}"
    # The IRmark sealed into the FPS is the IRmark of the Body that carries it.
    from app.rti.irmark import ENVELOPE, irmark_of_body

    body = etree.Element(f"{{{ENVELOPE}}}Body", nsmap={None: ENVELOPE})
    body.append(etree.fromstring(second.xml))
    assert doc.findtext(".//f:IRmark", namespaces=ns) == irmark_of_body(body)
    book.close()


def test_an_fps_says_what_is_missing_and_is_never_made_unchecked(tmp_path: Path) -> None:
    from app.services.fps import fps_for_run
    from tests import ops

    book, pa, (february, _march) = fps_household(tmp_path, gender="", ni_number="", address="")
    refused = fps_for_run(book, february)
    assert refused.xml is None
    assert any("gender as HMRC records it" in p for p in refused.problems)
    assert any("no National Insurance number" in p for p in refused.problems)
    from datetime import date

    with ops.on(book, date(2026, 4, 30)):
        ops.apply_rotas(book, date(2026, 4, 1), date(2026, 4, 30))
        ops.approve_timesheet(book, pa, date(2026, 4, 1), date(2026, 4, 30), date(2026, 4, 30), date(2026, 4, 30),
                              confirm_planned=True)
        april = ops.start_pay_run(book, "monthly", date(2026, 4, 1), date(2026, 4, 30))
        assert fps_for_run(book, april).problems[0].startswith("Finalise the pay run first")
        ops.finalise(book, april)
    ops.update_pa(book, pa, ops.PaForm(**{**{f: getattr(ops.pa_details(book, pa).form, f)
                                             for f in ops.PaForm.__dataclass_fields__}, "gender": "F",
                                          "ni_number": "AB123456C"}), date(2026, 4, 30))
    later = fps_for_run(book, april)
    assert later.xml is None and "not for 2026-27" in later.problems[0]
    book.close()


def test_home_says_when_an_fps_is_ready_what_stops_it_and_when_pa_books_cannot_make_it(tmp_path: Path) -> None:
    from datetime import date

    from tests import ops

    book, pa, _runs = fps_household(tmp_path, gender="")

    def fps_items(day: date) -> list[tuple[str, str]]:
        return [(t.title, t.detail) for t in ops.home_summary_on(book, day).todo if "pay run paid on" in t.title]

    ((title, detail),) = fps_items(date(2026, 3, 28))
    assert title == "Put right what stops the FPS for the pay run paid on 31 March 2026, then send it by 31 March 2026"
    assert "gender as HMRC records it" in detail
    ops.update_pa(book, pa, ops.PaForm(**{**{f: getattr(ops.pa_details(book, pa).form, f)
                                             for f in ops.PaForm.__dataclass_fields__}, "gender": "F"}),
                  date(2026, 3, 28))
    ((title, detail),) = fps_items(date(2026, 3, 28))
    assert title == "Your FPS for the pay run paid on 31 March 2026 is ready: send it to HMRC by 31 March 2026"
    assert detail == "Send it from the Pay screen (Send the FPS to HMRC)."
    with ops.on(book, date(2026, 4, 30)):  # a 2026-27 run: no schema for the year yet
        ops.apply_rotas(book, date(2026, 4, 1), date(2026, 4, 30))
        ops.approve_timesheet(book, pa, date(2026, 4, 1), date(2026, 4, 30), date(2026, 4, 30), date(2026, 4, 30),
                              confirm_planned=True)
        ops.finalise(book, ops.start_pay_run(book, "monthly", date(2026, 4, 1), date(2026, 4, 30)))
    ((title, detail),) = fps_items(date(2026, 4, 30))
    assert title == "Report the pay run paid on 30 April 2026 to HMRC by 30 April 2026"
    assert "cannot make the 2026-27 FPS yet" in detail and "Basic PAYE Tools" in detail
    book.close()


def test_a_pa_whose_hours_vary_is_reported_with_the_irregular_payment_pattern_indicator(tmp_path: Path) -> None:
    """RTI data item 40A (IrrEmp): said for a PA on irregular hours, so months without pay are not taken by HMRC
    as their having left; never for a PA on set hours. The FPS still meets HMRC's schema and business rules."""
    from app.rti.fps import rti_year
    from app.services.bpt_sheet import bpt_sheet
    from app.services.fps import fps_for_run

    ns = {"f": rti_year("2025-26").fps_namespace}
    book, _pa, (february, _march) = fps_household(tmp_path / "irregular", contract_type="irregular_hours",
                                                  contracted_hours_per_week="")
    document = fps_for_run(book, february)
    assert document.problems == () and document.xml is not None
    assert etree.fromstring(document.xml).findtext(".//f:Employment/f:IrrEmp", namespaces=ns) == "yes"
    assert any("Irregular payment pattern: yes" in line for line in bpt_sheet(book, february).lines)
    book.close()
    book, _pa, (february, _march) = fps_household(tmp_path / "set")
    document = fps_for_run(book, february)
    assert document.xml is not None and etree.fromstring(document.xml).find(".//f:IrrEmp", namespaces=ns) is None
    book.close()


def test_the_fps_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from app.cli import main

    book, _pa, (february, _march) = fps_household(tmp_path)
    path = book.path
    book.close()
    assert main(["fps", "show", str(path), str(february)]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["ready"] and shown["tax_year"] == "2025-26" and shown["employees"][0]["name"] == "Priya Shah"
    assert main(["fps", "xml", str(path), str(february), "--out", str(tmp_path / "fps.xml")]) == 0
    assert "checked against HMRC's schema; not sent" in capsys.readouterr().out
    assert etree.parse(str(tmp_path / "fps.xml")).getroot().tag.endswith("IRenvelope")


def test_hmrcs_business_rules_run_over_the_message_and_name_the_rule_broken(tmp_path: Path) -> None:
    """HMRC's published FPS rules (as XSLT): the keys in the GovTalk header must match the IRheader's (rule 5005)."""
    from app.rti.fps import rti_year
    from app.rti.govtalk import Routing, business_rule_problems, govtalk_message
    from app.rti.irmark import ENVELOPE

    book, _pa, (february, _march) = fps_household(tmp_path)
    from app.services.fps import fps_for_run

    xml = fps_for_run(book, february).xml
    assert xml is not None
    rules = rti_year("2025-26").fps_rules

    def message(office: str) -> etree._Element:
        body = etree.Element(f"{{{ENVELOPE}}}Body", nsmap={None: ENVELOPE})
        body.append(etree.fromstring(xml))
        return govtalk_message(body, Routing("HMRC-PAYE-RTI-FPS", office, "AB45678"))

    assert business_rule_problems(message("123"), rules) == []
    broken = business_rule_problems(message("999"), rules)
    assert broken and all(p.code == "5005" for p in broken)
    assert broken[0].message == "HMRC rule 5005: Keys in the GovTalkDetails do not match those in the IRheader."
    book.close()


@pytest.mark.parametrize("request_words, found", [
    (dict(claim_employment_allowance=True), "EmpAllceInd"),
    (dict(no_payment_tax_month=12), "NoPaymentDates"),
    (dict(final_for_year=True), "FinalSubmission"),
])
def test_an_eps_meets_hmrcs_schema(tmp_path: Path, request_words: dict[str, object], found: str) -> None:
    from app.services.eps import EpsRequest, eps_document

    book, _pa, _runs = fps_household(tmp_path)
    document = eps_document(book, EpsRequest("2025-26", **request_words))  # type: ignore[arg-type]
    assert document.problems == () and document.xml is not None
    root = etree.fromstring(document.xml)
    assert root.find(f".//{{*}}{found}") is not None and root.findtext(".//{*}IRmark")
    if found == "NoPaymentDates":  # tax month 12 of 2025-26: 6 March to 5 April 2026
        assert [root.findtext(".//{*}From"), root.findtext(".//{*}To")] == ["2026-03-06", "2026-04-05"]
    book.close()


def test_an_eps_says_what_it_is_for_and_for_which_year(tmp_path: Path) -> None:
    from app.services.eps import EpsRequest, eps_document

    book, _pa, _runs = fps_household(tmp_path)
    assert "Say what the EPS is for" in eps_document(book, EpsRequest("2025-26")).problems[0]
    assert "not for 2026-27" in eps_document(book, EpsRequest("2026-27", final_for_year=True)).problems[0]
    assert "tax month is 1" in eps_document(book, EpsRequest("2025-26", no_payment_tax_month=13)).problems[0]
    book.close()


def test_the_eps_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli import main

    book, _pa, _runs = fps_household(tmp_path)
    path = book.path
    book.close()
    assert main(["eps", str(path), "--tax-year", "2025-26", "--claim-allowance", "--out", str(tmp_path / "eps.xml")]) == 0
    assert "Wrote the EPS for 2025-26" in capsys.readouterr().out
    assert main(["eps", str(path), "--tax-year", "2025-26", "--out", str(tmp_path / "none.xml")]) == 1
    assert "Say what the EPS is for" in capsys.readouterr().err and not (tmp_path / "none.xml").exists()


def test_relief_at_source_pension_is_a_deduction_from_net_pay_and_an_opt_out_refund_is_not_taxed(
        tmp_path: Path) -> None:
    """HMRC's FPS guidance: PayAfterStatDedns is pay after tax, NI and loans (a relief-at-source pension comes out of
    it, as DednsFromNetPay); a refund of relief-at-source contributions is paid from taxed pay, so it is a
    non-taxable payment (NonTaxOrNICPmt)."""
    from datetime import date

    from app.rti.fps import rti_year
    from app.services.fps import fps_for_run
    from app.services.record_pension_opt_out import OptOutNotice, RecordPensionOptOut
    from tests import ops

    book, pa, (february,) = fps_household(tmp_path, months=1, pension_status="enrolled")
    ns = {"f": rti_year("2025-26").fps_namespace}
    slip = ops.pay_run(book, february).payslips[0]
    pension = dict(slip.deductions)["Pension"]
    doc = etree.fromstring(fps_for_run(book, february).xml or b"")
    assert doc.findtext(".//f:Payment/f:DednsFromNetPay", namespaces=ns) == f"{pension / 100:.2f}"
    assert doc.findtext(".//f:Payment/f:PayAfterStatDedns", namespaces=ns) == \
        f"{(slip.net_pay_pence + pension) / 100:.2f}"
    with ops.on(book, date(2026, 2, 27)):
        ops.run(book, RecordPensionOptOut(), OptOutNotice(pa, date(2026, 2, 27)))
    with ops.on(book, date(2026, 3, 31)):
        ops.apply_rotas(book, date(2026, 3, 1), date(2026, 3, 31))
        ops.approve_timesheet(book, pa, date(2026, 3, 1), date(2026, 3, 31), date(2026, 3, 31), date(2026, 3, 31),
                              confirm_planned=True)
        march = ops.start_pay_run(book, "monthly", date(2026, 3, 1), date(2026, 3, 31))
        ops.finalise(book, march)
    made = fps_for_run(book, march)
    assert made.problems == () and made.xml is not None
    doc = etree.fromstring(made.xml)
    assert doc.findtext(".//f:Payment/f:NonTaxOrNICPmt", namespaces=ns) == f"{pension / 100:.2f}"
    assert doc.find(".//f:Payment/f:DednsFromNetPay", namespaces=ns) is None
    book.close()
