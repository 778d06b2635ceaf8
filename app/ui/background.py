"""Work that waits on the network, done off the screen's thread: the window stays usable, and a screen reader
keeps talking, while HMRC answers. The work touches no file; its result comes back to the screen's thread, which
records it. Closing the file first waits for the answer (`settle`), so an answer is never lost."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal


class Background(QObject):
    """One piece of work at a time, off the screen's thread; `done(result, error)` runs back on it."""

    arrived = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: threading.Thread | None = None
        self._done: Callable[[Any, BaseException | None], None] | None = None
        self._outcome: tuple[Any, BaseException | None] | None = None
        self.arrived.connect(self._deliver)  # queued: emitted on the worker's thread, run on this object's

    @property
    def busy(self) -> bool:
        return self._done is not None

    def start(self, work: Callable[[], Any], done: Callable[[Any, BaseException | None], None]) -> None:
        if self.busy:
            raise RuntimeError("one piece of background work at a time")
        self._done, self._outcome = done, None
        self._thread = threading.Thread(target=self._run, args=(work,), name="pabooks-background", daemon=True)
        self._thread.start()

    def _run(self, work: Callable[[], Any]) -> None:
        try:
            outcome: tuple[Any, BaseException | None] = (work(), None)
        except Exception as exc:  # noqa: BLE001 - handed back to the screen, which says it in words
            outcome = (None, exc)
        self._outcome = outcome
        self.arrived.emit(outcome)

    def _deliver(self, _outcome: object = None) -> None:
        done, outcome = self._done, self._outcome
        if done is None or outcome is None:
            return  # delivered already, by settle()
        self._done = None
        done(*outcome)

    def settle(self) -> None:
        """Wait for the work in hand and deliver its result now (before the file it belongs to closes)."""
        if self._thread is not None:
            self._thread.join()
        self._deliver()
