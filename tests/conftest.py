"""Every test gets its own PA Books data folder; GUI tests run off-screen."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"  # the team's reference folder, beside a developer's checkout (not in a fresh clone)


class NetworkUsed(AssertionError):
    """PA Books never uses the network: no update checks, no telemetry, nothing."""


import socket as _socket  # noqa: E402

_REAL = {name: getattr(_socket.socket, name) for name in ("connect", "connect_ex", "sendto")}
_REAL_CREATE, _REAL_GETADDRINFO = _socket.create_connection, _socket.getaddrinfo
LOOPBACK = ("127.0.0.1", "localhost")


@pytest.fixture
def loopback_only(no_network: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """For the tests of HMRC's client against the fake Transaction Engine: connections to this machine's own
    loopback address are allowed; anything else is still refused."""
    def refuse() -> NetworkUsed:
        return NetworkUsed("PA Books tried to use the network")

    def connect(self: _socket.socket, address: object) -> None:
        if not (isinstance(address, tuple) and address[0] in LOOPBACK):
            raise refuse()
        _REAL["connect"](self, address)

    def create_connection(address: tuple[str, int], *args: object, **kwargs: object) -> _socket.socket:
        if address[0] not in LOOPBACK:
            raise refuse()
        return _REAL_CREATE(address, *args, **kwargs)  # type: ignore[arg-type]

    def getaddrinfo(host: str, *args: object, **kwargs: object) -> object:
        if host not in LOOPBACK:
            raise refuse()
        return _REAL_GETADDRINFO(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(_socket.socket, "connect", connect)
    monkeypatch.setattr(_socket, "create_connection", create_connection)
    monkeypatch.setattr(_socket, "getaddrinfo", getaddrinfo)


@pytest.fixture(autouse=True)
def nothing_left_frozen() -> Iterator[None]:
    """A window left open by a test froze its objects out of garbage collection (main_window._show_book): let go
    after every test, so one test's leftovers are collected as usual."""
    import gc

    yield
    gc.unfreeze()


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test fails if any code path tries to reach another machine (local socket pairs are allowed)."""
    import socket

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise NetworkUsed("PA Books tried to use the network")

    for name in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(socket.socket, name, refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


class WroteOutsideTheRunner(AssertionError):
    """Every change to an employer file goes through the operation runner (app.services.operations)."""


@pytest.fixture(autouse=True, scope="session")
def only_the_runner_writes() -> Iterator[None]:
    """Any ORM write (a new, changed or deleted row) made outside an operation fails the test that made it."""
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    from app.services.operations import running

    def check(session: Session, _context: object, _instances: object) -> None:
        if (session.new or session.dirty or session.deleted) and running() is None:
            raise WroteOutsideTheRunner("an employer file was changed outside the operation runner")

    event.listen(Session, "before_flush", check)
    yield
    event.remove(Session, "before_flush", check)


@pytest.fixture(autouse=True)
def no_keys_from_earlier_tests() -> Iterator[None]:
    """Keys unlocked in one test are not remembered into the next (the app keeps them for one run)."""
    from app.services.book import forget_session_keys

    forget_session_keys()
    yield
    forget_session_keys()


@pytest.fixture(autouse=True)
def own_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "pabooks-home"
    monkeypatch.setenv("PABOOKS_HOME", str(home))
    return home


def _memory_backend() -> object:
    from keyring.backend import KeyringBackend

    class Backend(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def __init__(self) -> None:
            super().__init__()
            self.entries: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.entries.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.entries[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.entries.pop((service, username), None)

    return Backend()


@pytest.fixture(autouse=True)
def memory_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """Every test has an empty in-memory keyring; a test of "no keyring" swaps in keyring's fail backend.
    Child processes (the CLI and crash tests) have no keyring at all, as on a bare Linux machine."""
    import keyring

    backend = _memory_backend()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)  # type: ignore[arg-type]
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    yield backend
    keyring.set_keyring(previous)


class DialogAnswers:
    """How a test answers the modal dialogs its presses open: `dialogs.answer(handler)` queues a handler, which
    gets the dialog once it is on screen and presses its controls (qtbot.keyClicks, qtbot.mouseClick); the
    dialog must be closed by those presses. A dialog nobody answers fails at once, naming it, instead of
    waiting for a click that never comes and hanging CI."""

    def __init__(self) -> None:
        self.queue: list[Callable[[Any], object]] = []

    def answer(self, *handlers: Callable[[Any], object]) -> None:
        self.queue.extend(handlers)


@pytest.fixture(autouse=True)
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Iterator[DialogAnswers]:
    from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

    answers = DialogAnswers()

    def answered(self: QDialog) -> int:
        if not answers.queue:
            raise AssertionError(f"a modal dialog opened in a test: {type(self).__name__} {self.windowTitle()!r}; "
                                 "answer it with dialogs.answer(...)")
        handler = answers.queue.pop(0)
        self.setModal(True)
        self.show()
        QApplication.processEvents()
        handler(self)
        QApplication.processEvents()
        if self.isVisible():
            self.reject()
            raise AssertionError(f"{type(self).__name__} {self.windowTitle()!r} was left open by its answer")
        return self.result()

    monkeypatch.setattr(QDialog, "exec", answered)
    monkeypatch.setattr(QMessageBox, "exec", answered)
    yield answers
    assert not answers.queue, f"{len(answers.queue)} dialog answer(s) left over: a dialog the test expected never opened"


@pytest.fixture(autouse=True)
def controls_pressed(request: pytest.FixtureRequest) -> None:
    """GUI tests note which buttons and menu actions were shown and pressed (tests/gui_controls.py)."""
    if "qtbot" in request.fixturenames:
        request.getfixturevalue("qapp")
        from tests.gui_controls import tracker

        tracker().test = request.node.nodeid


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if os.environ.get("PABOOKS_CHECK_CONTROLS") != "1" or exitstatus != 0:
        return
    from tests.gui_controls import TRACKER

    missing = TRACKER.missing() if TRACKER is not None else ["no GUI test ran"]
    if missing:
        print("\nButtons and menu actions shown in the GUI tests but never pressed by one:", *missing, sep="\n  ")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture
def no_keyring(memory_keyring: object) -> None:
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())


REFERENCE = REPO / "tests" / "data"  # the project's own copies (tests/data/NOTICE.md)


@pytest.fixture
def reference() -> Path:
    """HMRC's test data and the rates reference, as the project carries them: a fresh clone has no ../shared."""
    return REFERENCE


@pytest.fixture(scope="session")
def qapp_cls() -> type:
    """pytest-qt makes the suite's one application from PA Books' own class, as `pabooks` does."""
    from app.ui.application import PaBooksApplication

    return PaBooksApplication
