"""HMRC's Transaction Engine client against a fake engine on 127.0.0.1: accepted, refused with HMRC's error
numbers, a connection lost in the middle of polling (polled again, never sent twice), HMRC never answering
(pending, with the correlation ID), and an answer that is not a GovTalk message."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.net.transaction_engine import Credentials, TransactionEngine, TransportError, with_sender
from tests.fake_transaction_engine import Behaviour, FakeServer, start

MESSAGE = (b'<?xml version="1.0" encoding="UTF-8"?><GovTalkMessage xmlns="http://www.govtalk.gov.uk/CM/envelope">'
           b'<EnvelopeVersion>2.0</EnvelopeVersion><Header><MessageDetails><Class>HMRC-PAYE-RTI-FPS</Class>'
           b'<Qualifier>request</Qualifier><Function>submit</Function><CorrelationID/><Transformation>XML'
           b'</Transformation><GatewayTest>1</GatewayTest></MessageDetails></Header><GovTalkDetails/><Body/>'
           b'</GovTalkMessage>')
WHO = Credentials("PABOOKS1", "gateway-password")


@pytest.fixture
def engine(loopback_only: None) -> Iterator[tuple[Behaviour, TransactionEngine]]:
    behaviour = Behaviour()
    server: FakeServer = start(behaviour)
    client = TransactionEngine(f"http://127.0.0.1:{server.server_address[1]}/submission", timeout_seconds=5,
                               sleep=lambda _seconds: None)
    yield behaviour, client
    server.shutdown()
    server.server_close()


def test_accepted_after_polling_and_then_deleted(engine: tuple[Behaviour, TransactionEngine]) -> None:
    behaviour, client = engine
    result = client.submit(MESSAGE, WHO)
    assert (result.status, result.correlation_id, result.submits) == ("accepted", "C0FFEE", 1)
    assert b"Thank you" in result.response
    assert (behaviour.submits, behaviour.polls, behaviour.deletes) == (1, 2, 1)
    assert behaviour.seen_passwords == ["gateway-password"]  # sent to HMRC in the header, nowhere else
    assert "gateway-password" not in repr(WHO)


def test_refused_with_hmrcs_error_numbers(engine: tuple[Behaviour, TransactionEngine]) -> None:
    behaviour, client = engine
    behaviour.outcome = "refuse"
    result = client.submit(MESSAGE, WHO)
    assert result.status == "refused" and [(e.number, e.text) for e in result.errors] == [
        ("7821", "The tax code is not valid.")]


def test_a_connection_lost_mid_poll_is_polled_again_never_sent_twice(engine: tuple[Behaviour, TransactionEngine]) -> None:
    behaviour, client = engine
    behaviour.drop_polls = 2
    result = client.submit(MESSAGE, WHO)
    assert result.status == "accepted" and behaviour.submits == 1 and result.submits == 1


def test_hmrc_never_answering_leaves_it_pending_to_poll_later(engine: tuple[Behaviour, TransactionEngine]) -> None:
    behaviour, client = engine
    behaviour.busy_polls = 1000
    result = client.submit(MESSAGE, WHO)
    assert (result.status, result.correlation_id) == ("pending", "C0FFEE") and behaviour.submits == 1
    behaviour.busy_polls = 0
    later = client.poll("C0FFEE", client.url.replace("/submission", "/poll"), "HMRC-PAYE-RTI-FPS", True)
    assert later.status == "accepted" and behaviour.submits == 1 and later.submits == 0


def test_no_engine_there_is_a_plain_refusal(loopback_only: None) -> None:
    client = TransactionEngine("http://127.0.0.1:9/submission", timeout_seconds=2, sleep=lambda _s: None)
    with pytest.raises(TransportError, match="HMRC could not be reached"):
        client.submit(MESSAGE, WHO)


def test_the_sender_goes_into_the_header_only() -> None:
    sent = with_sender(MESSAGE, WHO)
    assert b"<SenderID>PABOOKS1</SenderID>" in sent and sent.count(b"<Body/>") == 1


def test_sending_a_runs_fps_keeps_hmrcs_answer_and_never_sends_an_accepted_one_again(
        engine: tuple[Behaviour, TransactionEngine], tmp_path: object) -> None:
    from datetime import date
    from pathlib import Path

    from app.services.book import BookError
    from app.services.send_fps import send_fps, sign_in, submission_of
    from tests import ops
    from tests.test_rti import fps_household

    behaviour, client = engine
    book, _pa, (february, march) = fps_household(Path(str(tmp_path)))
    with ops.on(book, date(2026, 2, 28)):  # on payday: on time
        assert submission_of(book, february).words == "Not sent to HMRC."
        behaviour.outcome = "refuse"
        refused = send_fps(book, february, sign_in("PABOOKS1", "gateway-password"), client)
        assert refused.status == "refused" and refused.errors == ("HMRC error 7821: The tax code is not valid.",)
        behaviour.outcome, behaviour.polls = "accept", 0
        accepted = send_fps(book, february, sign_in("PABOOKS1", "gateway-password"), client)
        assert accepted.status == "accepted" and accepted.words.startswith("Accepted by HMRC's test service")
        assert behaviour.submits == 2  # the refused one, then the corrected send: each once
        sent = behaviour.last_submit
        assert b"HMRC-PAYE-RTI-FPS" in sent and b"<GatewayTest>1</GatewayTest>" in sent and b"FullPaymentSubmission" in sent
        with pytest.raises(BookError, match="already accepted"):
            send_fps(book, february, sign_in("PABOOKS1", "gateway-password"), client)
        assert behaviour.submits == 2
        # HMRC not answering: pending, then asking again polls (the FPS is not sent a second time).
        behaviour.busy_polls, behaviour.polls = 1000, 0
        assert send_fps(book, march, sign_in("PABOOKS1", "x"), client).status == "pending"
        behaviour.busy_polls = 0
        assert send_fps(book, march, sign_in("PABOOKS1", "x"), client).status == "accepted" and behaviour.submits == 3
        with pytest.raises(BookError, match="Enter the Government Gateway user ID"):
            sign_in("", "")
    book.close()


def test_hmrc_out_of_reach_records_nothing(loopback_only: None, tmp_path: object) -> None:
    from pathlib import Path

    from app.services.book import BookError
    from app.services.send_fps import send_fps, sign_in, submission_of
    from tests.test_rti import fps_household

    book, _pa, (february, _march) = fps_household(Path(str(tmp_path)))
    gone = TransactionEngine("http://127.0.0.1:9/submission", timeout_seconds=2, sleep=lambda _s: None)
    with pytest.raises(BookError, match="Nothing is recorded as sent"):
        send_fps(book, february, sign_in("PABOOKS1", "pw"), gone, late_reason="G")
    assert submission_of(book, february).status == ""
    book.close()


def test_sending_from_the_command_line(engine: tuple[Behaviour, TransactionEngine], tmp_path: object,
                                       monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from pathlib import Path

    from app.cli import main
    from app.services import send_fps
    from tests.test_rti import fps_household

    behaviour, client = engine
    folder = Path(str(tmp_path))
    book, _pa, (february, _march) = fps_household(folder)
    path = book.path
    book.close()
    monkeypatch.setattr(send_fps, "hmrc_engine", lambda: client)
    (folder / "pw.txt").write_text("gateway-password\n", encoding="utf-8")
    monkeypatch.setenv("PABOOKS_GATEWAY_PASSWORD_FILE", str(folder / "pw.txt"))
    # Paid on 28 February 2026, sent now: late, so the reason is asked for before anything is sent.
    assert main(["fps", "send", str(path), str(february), "--user", "PABOOKS1"]) == 2
    said = capsys.readouterr().err
    assert "This FPS is late: it was due on or before the pay date, 28 February 2026" in said
    assert "--late-reason" in said and "G, a reasonable excuse" in said and behaviour.submits == 0
    assert main(["fps", "send", str(path), str(february), "--user", "PABOOKS1", "--remember", "--late-reason",
                 "G"]) == 0
    assert capsys.readouterr().out.startswith("Accepted by HMRC's test service")
    assert b"<PmtDate>2026-02-28</PmtDate><LateReason>G</LateReason>" in behaviour.last_submit
    assert behaviour.seen_passwords == ["gateway-password"]
    monkeypatch.delenv("PABOOKS_GATEWAY_PASSWORD_FILE")
    assert main(["fps", "send", str(path), str(february)]) == 1  # the remembered sign-in; already accepted
    assert "already accepted" in capsys.readouterr().err and behaviour.submits == 1


def test_home_says_which_runs_to_report_until_hmrc_has_them(engine: tuple[Behaviour, TransactionEngine],
                                                           tmp_path: object) -> None:
    from datetime import date
    from pathlib import Path

    from app.services.send_fps import send_fps, sign_in
    from tests import ops
    from tests.test_rti import fps_household

    _behaviour, client = engine
    book, _pa, (_february, march) = fps_household(Path(str(tmp_path)))
    with ops.on(book, date(2026, 4, 2)):  # two days after its pay date
        late = [t for t in ops.home_summary(book).todo if "pay run paid on 31 March" in t.title]
        assert late[0].title == ("Your FPS for the pay run paid on 31 March 2026 is ready: send it to HMRC (it was "
                                 "due by 31 March 2026)")
        assert late[0].urgency == "overdue"
        assert late[0].detail.endswith("It is late, so PA Books asks why; send it as soon as you can.")
    with ops.on(book, date(2026, 3, 31)):
        titles = [t.title for t in ops.home_summary(book).todo]
        assert "Your FPS for the pay run paid on 31 March 2026 is ready: send it to HMRC by 31 March 2026" in titles
        send_fps(book, march, sign_in("PABOOKS1", "pw"), client)
        assert not any("FPS" in t for t in (i.title for i in ops.home_summary(book).todo))
    book.close()


def test_a_late_fps_says_why_on_every_payment_and_passes_hmrcs_schema(tmp_path: object) -> None:
    """RTI data items, "Late reporting reason" (an FPS is due on or before the pay date): sent after it, each
    payment carries the reason; HMRC's schema and business rules still pass; without one, nothing is sent."""
    from datetime import date
    from pathlib import Path

    from app.services.book import BookError
    from app.services.fps import fps_for_run
    from app.services.send_fps import late_payday, send_fps, sign_in
    from tests import ops
    from tests.test_rti import fps_household

    book, _pa, (february, _march) = fps_household(Path(str(tmp_path)))
    with ops.on(book, date(2026, 2, 28)):
        assert late_payday(book, february) is None  # on the day: on time
    with ops.on(book, date(2026, 3, 2)):
        assert late_payday(book, february) == date(2026, 2, 28)
        with pytest.raises(BookError, match="This FPS is late.*Choose why it is late: F, .*G, .*H, this corrects"):
            send_fps(book, february, sign_in("PABOOKS1", "pw"), object())  # type: ignore[arg-type]  # never reached
    document = fps_for_run(book, february, late_reason="H")
    assert document.problems == () and document.xml is not None
    assert document.xml.count(b"<LateReason>H</LateReason>") == 1
    assert b"LateReason" not in (fps_for_run(book, february).xml or b"")
    assert fps_for_run(book, february, late_reason="Z").problems == (
        "\"Z\" is not a late reporting reason PA Books sends; choose one of F, G, H.",)
    book.close()


def test_home_asks_for_the_eps_the_rules_call_for_until_hmrc_has_it(engine: tuple[Behaviour, TransactionEngine],
                                                                     tmp_path: object) -> None:
    """GOV.UK "PAYE Online for employers: Employer Payment Summary": nobody paid in a tax month, an EPS by the 19th
    of the next tax month; the Employment Allowance claimed at the start of each year; the year's last submission
    by 19 April. Paid in February 2026 only: on 10 April, tax month 12 (6 March to 5 April) had no pay."""
    from datetime import date
    from pathlib import Path

    from app.services.book import BookError
    from app.services.eps import EpsRequest
    from app.services.send_eps import eps_due, send_eps
    from app.services.send_fps import sign_in
    from tests import ops
    from tests.test_rti import fps_household

    behaviour, client = engine
    book, _pa, _runs = fps_household(Path(str(tmp_path)), months=1)
    with ops.on(book, date(2026, 3, 20)):
        assert eps_due(book, date(2026, 3, 20)) == []  # tax month 11 had February's pay
    with ops.on(book, date(2026, 4, 10)):
        due = {item.title: item for item in eps_due(book, date(2026, 4, 10))}
        assert set(due) == {
            "Tell HMRC nobody was paid in tax month 12 (6 March to 5 April 2026) by 19 April 2026",
            "Claim the Employment Allowance for 2026-27 on an EPS",
            "Tell HMRC your 2025-26 payroll is finished by 19 April 2026"}
        assert due["Claim the Employment Allowance for 2026-27 on an EPS"].detail.endswith(
            "PA Books cannot make the 2026-27 EPS yet: send it with HMRC's Basic PAYE Tools (this reminder then ends "
            "by itself).")
        assert "Send it from the Pay screen" in due["Tell HMRC your 2025-26 payroll is finished by 19 April 2026"].detail
        titles = [item.title for item in ops.home_summary(book).todo]
        assert "Tell HMRC your 2025-26 payroll is finished by 19 April 2026" in titles
        sent = send_eps(book, EpsRequest("2025-26", no_payment_tax_month=12, final_for_year=True),
                        sign_in("PABOOKS1", "pw"), client)
        assert sent.status == "accepted" and sent.words == (
            "Accepted by HMRC's test service: nobody was paid in tax month 12 (6 March to 5 April 2026); it is the "
            "last submission for 2025-26.")
        assert b"HMRC-PAYE-RTI-EPS" in behaviour.last_submit and b"<FinalSubmission>" in behaviour.last_submit
        assert b"<NoPaymentDates><From>2026-03-06</From><To>2026-04-05</To></NoPaymentDates>" in behaviour.last_submit
        assert [item.title for item in eps_due(book, date(2026, 4, 10))] == [
            "Claim the Employment Allowance for 2026-27 on an EPS"]
        with pytest.raises(BookError, match="already accepted this EPS for 2025-26"):
            send_eps(book, EpsRequest("2025-26", no_payment_tax_month=12, final_for_year=True),
                     sign_in("PABOOKS1", "pw"), client)
        assert behaviour.submits == 1
    with ops.on(book, date(2026, 4, 25)):
        assert [(i.title, i.overdue) for i in eps_due(book, date(2026, 4, 25))] == [
            ("Claim the Employment Allowance for 2026-27 on an EPS", False)]
    with ops.on(book, date(2026, 6, 10)):  # tax month 2 has ended unpaid too (the 2026-27 EPS: Basic PAYE Tools)
        assert [i.title for i in eps_due(book, date(2026, 6, 10))] == [
            "Tell HMRC nobody was paid in tax month 2 (6 May to 5 June 2026) by 19 June 2026"]
    book.close()


def test_sending_an_eps_from_the_command_line(engine: tuple[Behaviour, TransactionEngine], tmp_path: object,
                                              monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from pathlib import Path

    from app.cli import main
    from app.services import send_fps
    from tests.test_rti import fps_household

    behaviour, client = engine
    folder = Path(str(tmp_path))
    book, _pa, _runs = fps_household(folder, months=1)
    path = book.path
    book.close()
    monkeypatch.setattr(send_fps, "hmrc_engine", lambda: client)
    (folder / "pw.txt").write_text("gateway-password\n", encoding="utf-8")
    monkeypatch.setenv("PABOOKS_GATEWAY_PASSWORD_FILE", str(folder / "pw.txt"))
    eps = ["eps", str(path), "--tax-year", "2025-26", "--no-payment-month", "12"]
    assert main(eps) == 2 and "--out F.xml, or send it with --send" in capsys.readouterr().err
    assert main([*eps, "--send", "--user", "PABOOKS1"]) == 0
    assert capsys.readouterr().out.startswith("Accepted by HMRC's test service: nobody was paid in tax month 12")
    assert behaviour.seen_passwords == ["gateway-password"] and b"HMRC-PAYE-RTI-EPS" in behaviour.last_submit
    assert main([*eps, "--send", "--user", "PABOOKS1"]) == 1
    assert "already accepted this EPS" in capsys.readouterr().err and behaviour.submits == 1


def test_a_file_open_read_only_sends_nothing(engine: tuple[Behaviour, TransactionEngine], tmp_path: object) -> None:
    """A read-only copy (the file open in another PA Books) could not keep HMRC's answer, so the same FPS might
    later be sent twice: it sends nothing and says why."""
    from pathlib import Path

    from app.services.book import BookError, EmployerBook
    from app.services.eps import EpsRequest
    from app.services.send_eps import send_eps
    from app.services.send_fps import send_fps, sign_in
    from tests.test_rti import fps_household

    behaviour, client = engine
    book, _pa, (february, _march) = fps_household(Path(str(tmp_path)))
    path = book.path
    book.close()
    looking = EmployerBook.open_read_only(path)
    with pytest.raises(BookError, match="open read-only"):
        send_fps(looking, february, sign_in("PABOOKS1", "pw"), client, late_reason="G")
    with pytest.raises(BookError, match="open read-only"):
        send_eps(looking, EpsRequest("2025-26", final_for_year=True), sign_in("PABOOKS1", "pw"), client)
    assert behaviour.submits == 0
    looking.close()
