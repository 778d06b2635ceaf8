"""The GovTalk message that carries an FPS to HMRC, and HMRC's own business rules run over it before it is
offered for sending (the Schematron rules HMRC publishes as XSLT, app/rti/schemas/; each broken rule comes
back with HMRC's error number, such as 5005, and its words).

The sender's Government Gateway details are not part of the message kept here: they are added at the moment
of sending (the IRmark covers the Body only, so it does not change)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from lxml import etree

from app.core.problems import Problem
from app.rti.irmark import ENVELOPE

ERRORS = "http://www.govtalk.gov.uk/CM/errorresponse"
PRODUCT = "PA Books"


@dataclass(frozen=True, slots=True)
class Routing:
    message_class: str  # HMRC-PAYE-RTI-FPS, HMRC-PAYE-RTI-EPS
    tax_office_number: str
    tax_office_reference: str
    test: bool = True  # HMRC's test service (GatewayTest 1) until the holder chooses live sending
    vendor_id: str = "0000"  # HMRC's 4-digit software vendor ID, a setting once HMRC issues one
    version: str = "0.1"


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{ENVELOPE}}}{tag}", **attributes)
    if text is not None:
        element.text = text
    return element


def message_start(message_class: str, qualifier: str, function: str, correlation_id: str,
                  test: bool) -> etree._Element:
    """A GovTalkMessage with its envelope version and message details: a submission, or a poll or delete."""
    message = etree.Element(f"{{{ENVELOPE}}}GovTalkMessage", nsmap={None: ENVELOPE})
    _sub(message, "EnvelopeVersion", "2.0")
    details = _sub(_sub(message, "Header"), "MessageDetails")
    for tag, text in (("Class", message_class), ("Qualifier", qualifier), ("Function", function),
                      ("CorrelationID", correlation_id), ("Transformation", "XML"), ("GatewayTest", "1" if test else "0")):
        _sub(details, tag, text)
    return message


def govtalk_message(body: etree._Element, routing: Routing) -> etree._Element:
    message = message_start(routing.message_class, "request", "submit", "", routing.test)
    talk = _sub(message, "GovTalkDetails")
    keys = _sub(talk, "Keys")
    _sub(keys, "Key", routing.tax_office_number, Type="TaxOfficeNumber")
    _sub(keys, "Key", routing.tax_office_reference, Type="TaxOfficeReference")
    target = _sub(talk, "TargetDetails")
    _sub(target, "Organisation", "IR")
    channel = _sub(_sub(talk, "ChannelRouting"), "Channel")
    _sub(channel, "URI", routing.vendor_id)
    _sub(channel, "Product", PRODUCT)
    _sub(channel, "Version", routing.version)
    message.append(body)
    return message


@cache
def _rules(name: str) -> etree.XSLT:
    with resources.as_file(resources.files("app.rti").joinpath("schemas", name)) as path:
        return etree.XSLT(etree.parse(str(path)))


def business_rule_problems(message: etree._Element, rules: str) -> list[Problem]:
    """HMRC's business rules for the document (its published XSLT): each broken rule as a problem, with HMRC's
    error number and words and the item it is about."""
    response = _rules(rules)(etree.ElementTree(message))
    found = []
    for error in response.getroot().iter(f"{{{ERRORS}}}Error"):
        number = error.findtext(f"{{{ERRORS}}}Number", "")
        text = error.findtext(f"{{{ERRORS}}}Text", "")
        location = error.findtext(f"{{{ERRORS}}}Location", "")
        item = location.rsplit("/", 1)[-1].split(":")[-1].split("[")[0] if location else ""
        found.append(Problem(f"HMRC rule {number}: {text}", item or None, code=number))
    return found
