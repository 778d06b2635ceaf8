"""A stand-in for HMRC's Transaction Engine on 127.0.0.1, for tests: it answers submit, poll and delete the way
HMRC's Document Submission Protocol does, and can be told to accept, refuse with numbered errors, stay busy, or
drop the connection in the middle of polling. It counts every submit, so a test can prove nothing is sent twice."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from lxml import etree

ENVELOPE = "http://www.govtalk.gov.uk/CM/envelope"
E = f"{{{ENVELOPE}}}"


def _message(qualifier: str, correlation_id: str, extra: str = "", endpoint: str = "", body: str = "") -> bytes:
    point = f'<ResponseEndPoint PollInterval="1">{endpoint}</ResponseEndPoint>' if endpoint else ""
    return (f'<?xml version="1.0" encoding="UTF-8"?><GovTalkMessage xmlns="{ENVELOPE}"><EnvelopeVersion>2.0'
            f'</EnvelopeVersion><Header><MessageDetails><Class>HMRC-PAYE-RTI-FPS</Class><Qualifier>{qualifier}'
            f'</Qualifier><Function>submit</Function><CorrelationID>{correlation_id}</CorrelationID>{point}'
            f'<GatewayTimestamp>2026-12-01T12:00:00.000</GatewayTimestamp></MessageDetails></Header>'
            f'<GovTalkDetails><Keys/>{extra}</GovTalkDetails><Body>{body}</Body></GovTalkMessage>').encode()


@dataclass
class Behaviour:
    outcome: str = "accept"  # accept, refuse
    busy_polls: int = 1  # polls answered "still working" before the outcome
    drop_polls: int = 0  # polls whose connection is closed without an answer
    submits: int = 0
    polls: int = 0
    deletes: int = 0
    last_submit: bytes = b""
    seen_passwords: list[str] = field(default_factory=list)


class _Handler(BaseHTTPRequestHandler):
    server: FakeServer

    def log_message(self, *_args: object) -> None:  # quiet in tests
        pass

    def do_POST(self) -> None:  # noqa: N802 - the standard library's name
        behaviour = self.server.behaviour
        data = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        root = etree.fromstring(data)
        qualifier = root.findtext(f"{E}Header/{E}MessageDetails/{E}Qualifier")
        function = root.findtext(f"{E}Header/{E}MessageDetails/{E}Function")
        endpoint = f"http://127.0.0.1:{self.server.server_address[1]}/poll"
        if function == "delete":
            behaviour.deletes += 1
            answer = _message("response", "C0FFEE")
        elif qualifier == "request":
            behaviour.submits += 1
            behaviour.last_submit = data
            behaviour.seen_passwords.append(root.findtext(f".//{E}Authentication/{E}Value") or "")
            answer = _message("acknowledgement", "C0FFEE", endpoint=endpoint)
        else:
            behaviour.polls += 1
            if behaviour.drop_polls:
                behaviour.drop_polls -= 1
                self.close_connection = True
                self.connection.close()  # the connection is lost mid-poll: no answer at all
                return
            if behaviour.polls <= behaviour.busy_polls:
                answer = _message("acknowledgement", "C0FFEE", endpoint=endpoint)
            elif behaviour.outcome == "accept":
                answer = _message("response", "C0FFEE", body="<SuccessResponse>Thank you</SuccessResponse>")
            else:
                errors = ('<GovTalkErrors><Error><RaisedBy>ChRIS</RaisedBy><Number>7821</Number><Type>business</Type>'
                          '<Text>The tax code is not valid.</Text></Error></GovTalkErrors>')
                answer = (_message("error", "C0FFEE").replace(b"</MessageDetails>",
                                                               b"</MessageDetails>" + errors.encode()))
        self.send_response(200)
        self.send_header("Content-Type", "text/xml")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)


class FakeServer(ThreadingHTTPServer):
    behaviour: Behaviour


def start(behaviour: Behaviour) -> FakeServer:
    server = FakeServer(("127.0.0.1", 0), _Handler)
    server.behaviour = behaviour
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
