"""A client for HMRC's Transaction Engine (the "Document Submission Protocol" of the Government Gateway), the
one module that opens a connection.

submit: POST the GovTalk message (Function submit, Qualifier request) -> HMRC acknowledges with a CorrelationID,
the ResponseEndPoint to poll and a PollInterval in seconds; poll (Qualifier poll, with the CorrelationID) until
HMRC answers with a response (accepted) or an error (refused, with numbered GovTalk errors); then send a
delete_request so HMRC can forget the message.

Never sends the same document twice: a lost connection while polling is retried as a poll, never a new
submit; if HMRC still has not answered after the polls allowed, the result is "pending" with the correlation
ID, to poll again later. The sender's Government Gateway password is put into the message only here, only in
memory, and never logged.
"""

from __future__ import annotations

import http.client
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from app.rti.govtalk import message_start
from app.rti.irmark import ENVELOPE

E = f"{{{ENVELOPE}}}"
TEST_SERVICE = "https://test-transaction-engine.tax.service.gov.uk/submission"
LIVE_SERVICE = "https://transaction-engine.tax.service.gov.uk/submission"


@dataclass(frozen=True, slots=True)
class Credentials:
    sender_id: str
    password: str = field(repr=False)


@dataclass(frozen=True, slots=True)
class GatewayError:
    number: str
    text: str
    raised_by: str = ""


@dataclass(frozen=True, slots=True)
class Result:
    status: str  # accepted, refused, pending
    correlation_id: str
    errors: tuple[GatewayError, ...] = ()
    response: bytes = b""  # HMRC's whole answer, kept as the receipt
    submits: int = 0  # how many times the document itself was sent (never more than 1)


class TransportError(Exception):
    """HMRC could not be reached, or answered with something that is not a GovTalk message."""


def _child(parent: etree._Element, path: str) -> etree._Element | None:
    """An element by a path of envelope names, "Header/MessageDetails/Class"."""
    return parent.find("/".join(E + part for part in path.split("/")))


def _text(root: etree._Element, path: str) -> str:
    found = _child(root, path)
    return (found.text or "").strip() if found is not None else ""


def with_sender(message: bytes, credentials: Credentials) -> bytes:
    """The message with the sender's Government Gateway details in its header (the IRmark covers the Body only,
    so it stays right)."""
    root = etree.fromstring(message)
    header = root.find(f"{E}Header")
    if header is None:
        raise ValueError("this is not a GovTalk message: it has no Header")
    for old in header.findall(f"{E}SenderDetails"):
        header.remove(old)
    sender = etree.SubElement(header, f"{E}SenderDetails")
    auth = etree.SubElement(sender, f"{E}IDAuthentication")
    etree.SubElement(auth, f"{E}SenderID").text = credentials.sender_id
    method = etree.SubElement(auth, f"{E}Authentication")
    etree.SubElement(method, f"{E}Method").text = "clear"
    etree.SubElement(method, f"{E}Role").text = "principal"
    etree.SubElement(method, f"{E}Value").text = credentials.password
    result: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return result


def _control(message_class: str, qualifier: str, function: str, correlation_id: str, test: bool) -> bytes:
    """A poll or a delete request: the message details, with no document."""
    root = message_start(message_class, qualifier, function, correlation_id, test)
    etree.SubElement(root, f"{E}GovTalkDetails")
    etree.SubElement(root, f"{E}Body")
    result: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return result


def _errors(root: etree._Element) -> tuple[GatewayError, ...]:
    found = []
    for error in root.iter(f"{E}Error"):
        found.append(GatewayError(_text(error, "Number"), _text(error, "Text"), _text(error, "RaisedBy")))
    return tuple(found)


class TransactionEngine:
    def __init__(self, url: str = TEST_SERVICE, timeout_seconds: float = 30, max_polls: int = 20,
                 poll_retries: int = 3, sleep: Callable[[float], None] = time.sleep) -> None:
        self.url = url
        self.timeout_seconds = timeout_seconds
        self.max_polls = max_polls
        self.poll_retries = poll_retries
        self.sleep = sleep

    def _post(self, url: str, body: bytes) -> etree._Element:
        parts = urllib.parse.urlsplit(url)
        connection_type = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        connection = connection_type(parts.hostname or "", parts.port, timeout=self.timeout_seconds)
        try:
            connection.request("POST", parts.path or "/", body=body, headers={"Content-Type": "text/xml"})
            answer = connection.getresponse()
            data = answer.read()
        except (OSError, http.client.HTTPException) as exc:
            raise TransportError(f"HMRC could not be reached ({exc}). Nothing was sent twice; try again later.") from exc
        finally:
            connection.close()
        try:
            root = etree.fromstring(data)
        except etree.XMLSyntaxError as exc:
            raise TransportError("HMRC's answer could not be read (it was not a GovTalk message).") from exc
        if root.tag != f"{E}GovTalkMessage":
            raise TransportError("HMRC's answer could not be read (it was not a GovTalk message).")
        return root

    def submit(self, message: bytes, credentials: Credentials) -> Result:
        """Send a prepared GovTalk message once and wait for HMRC's answer."""
        original = etree.fromstring(message)
        message_class = _text(original, "Header/MessageDetails/Class")
        test = _text(original, "Header/MessageDetails/GatewayTest") == "1"
        answer = self._post(self.url, with_sender(message, credentials))
        return self._follow(answer, message_class, test, submits=1)

    def poll(self, correlation_id: str, endpoint: str, message_class: str, test: bool) -> Result:
        """Ask again about a message sent earlier (a "pending" result), without sending it again."""
        return self._poll_until_done(correlation_id, endpoint, 0.0, message_class, test, submits=0)

    def _follow(self, answer: etree._Element, message_class: str, test: bool, submits: int) -> Result:
        qualifier = _text(answer, "Header/MessageDetails/Qualifier")
        correlation_id = _text(answer, "Header/MessageDetails/CorrelationID")
        if qualifier == "error":
            return Result("refused", correlation_id, _errors(answer), etree.tostring(answer), submits)
        if qualifier == "response":
            return self._done(Result("accepted", correlation_id, (), etree.tostring(answer), submits),
                              self.url, message_class, test)
        endpoint_element = _child(answer, "Header/MessageDetails/ResponseEndPoint")
        endpoint = (endpoint_element.text or "").strip() if endpoint_element is not None else self.url
        interval = float(endpoint_element.get("PollInterval", "10")) if endpoint_element is not None else 10.0
        return self._poll_until_done(correlation_id, endpoint or self.url, interval, message_class, test, submits)

    def _poll_until_done(self, correlation_id: str, endpoint: str, interval: float, message_class: str, test: bool,
                         submits: int) -> Result:
        request = _control(message_class, "poll", "submit", correlation_id, test)
        failures = 0
        for _ in range(self.max_polls):
            self.sleep(interval)
            try:
                answer = self._post(endpoint, request)
            except TransportError:
                failures += 1
                if failures > self.poll_retries:
                    break
                continue  # a lost connection: ask again, never send the document again
            qualifier = _text(answer, "Header/MessageDetails/Qualifier")
            if qualifier == "response":
                return self._done(Result("accepted", correlation_id, (), etree.tostring(answer), submits), endpoint,
                                  message_class, test)
            if qualifier == "error":
                return self._done(Result("refused", correlation_id, _errors(answer), etree.tostring(answer), submits),
                                  endpoint, message_class, test)
            endpoint_element = _child(answer, "Header/MessageDetails/ResponseEndPoint")
            if endpoint_element is not None:
                interval = float(endpoint_element.get("PollInterval", str(interval)))
                endpoint = (endpoint_element.text or "").strip() or endpoint
        return Result("pending", correlation_id, (), b"", submits)

    def _done(self, result: Result, endpoint: str, message_class: str, test: bool) -> Result:
        """Tell HMRC it may delete the message (best effort: the result stands whatever happens here)."""
        try:
            self._post(endpoint, _control(message_class, "request", "delete", result.correlation_id, test))
        except TransportError:
            pass
        return result
