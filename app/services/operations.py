"""The one way to change an employer file: an operation, run by the runner.

An operation is one use case (`AddPa`, `ApproveTimesheet`, ...), a small class in a module named after
it. It has two steps and no others:

- `check(ctx, given)` returns every problem with the input as values (`Problem(field=..., message=...)`),
  all at once, reading the file through `ctx.session` but never writing;
- `apply(ctx, given)` makes the change and returns the result. It may call `ctx.note(...)` to say what
  the history record should name (the PA, the period, the amounts).

The runner, and only the runner, owns what every change needs, the same way every time: it checks the
actor may do this, opens one transaction from the store, runs the check (problems: nothing is written,
the problems go back as values), takes a backup first when the operation is irreversible, runs apply,
writes one audit record naming the actor, commits, and tells whoever listens which kinds of record
changed. The time comes from the book's clock, read once per operation (`ctx.now`, `ctx.today`).

    outcome = book.run(AddPa(), NewPa(form, rates=[RateInput("day", "13.50")]))
    if not outcome.ok:
        show(outcome.problems)        # every problem, each with the field it is about
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from sqlalchemy.orm import Session

from app.clock import Clock
from app.core.problems import BookError, Problem
from app.core.roles import EMPLOYER_ROLES, PEOPLE, Role
from app.services import audit
from app.services.changes import Change as Change  # re-exported: operations name what they change
from app.storage.errors import ReadOnlyFile

In = TypeVar("In")
Out = TypeVar("Out")


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is acting, in which role. By default the person who acts as employer in the file."""

    role: Role
    name: str = ""

    def words(self) -> str:
        return f"{self.role.words} ({self.name})" if self.name else self.role.words


SYSTEM = Actor(Role.SYSTEM, "PA Books")


@dataclass(slots=True)
class _Note:
    entity: str = ""
    entity_id: int | None = None
    reason: str = ""
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Context:
    """What an operation is given: the session of the one transaction, who is acting, and when."""

    session: Session
    actor: Actor
    now: datetime
    _note: _Note = field(default_factory=_Note)

    @property
    def today(self) -> date:
        return self.now.date()

    def note(self, entity: str | None = None, entity_id: int | None = None, reason: str | None = None,
             **details: object) -> None:
        """What the history record of this operation names (called by apply; may be called more than once)."""
        if entity is not None:
            self._note.entity = entity
        if entity_id is not None:
            self._note.entity_id = entity_id
        if reason is not None:
            self._note.reason = reason
        self._note.details.update(details)


class Operation(Generic[In, Out]):
    """One use case. Subclasses set `action` (the history's name for it) and `changes`, and may narrow
    `allowed` or name a backup `irreversible` reason."""

    action: ClassVar[str]
    changes: ClassVar[frozenset[Change]]
    allowed: ClassVar[frozenset[Role]] = PEOPLE
    irreversible: ClassVar[str | None] = None  # the backup's reason, taken before apply

    def check(self, ctx: Context, given: In) -> Sequence[Problem]:
        return ()

    def apply(self, ctx: Context, given: In) -> Out:
        raise NotImplementedError

    def rekey(self, given: In) -> Any:
        """A new key the store must write the file with (encrypting, a new passphrase); None for most."""
        return None


# Operations that only the employer (not a support worker helping them) may do: signing, erasing, keys.
EMPLOYER_ONLY = EMPLOYER_ROLES


class Refused(BookError):
    """An operation that was refused: nothing was written. `problems` lists every one."""

    def __init__(self, problems: Sequence[Problem], heading: str = "") -> None:
        self.problems = tuple(problems)
        self.heading = heading
        lines = [str(p) if p.line is not None else _sentence(p.message) for p in self.problems]
        super().__init__("\n".join(([heading] if heading else []) + lines))


def _sentence(text: str) -> str:
    words = text.strip()
    return words[:1].upper() + words[1:] + ("" if words.endswith((".", "?", "!")) else ".")


@dataclass(frozen=True, slots=True)
class Outcome(Generic[Out]):
    """What running an operation gave: its result, or every problem (and then nothing was written)."""

    value: Out | None
    problems: tuple[Problem, ...] = ()
    changed: frozenset[Change] = frozenset()

    @property
    def ok(self) -> bool:
        return not self.problems

    def unwrap(self) -> Out:
        """The result, or `Refused` with every problem (for the command line and scripts)."""
        if self.problems:
            raise Refused(self.problems)
        return self.value  # type: ignore[return-value]


class Store(Protocol):
    """Where the runner gets its session: today the open SQLite/SQLCipher file; later one client's part of
    a shared PostgreSQL database."""

    @property
    def read_only(self) -> bool: ...

    def transaction(self, rekey: Any = None) -> AbstractContextManager[Session]: ...

    def reading(self) -> AbstractContextManager[Session]: ...

    def backup(self, reason: str) -> None: ...


Listener = Callable[[frozenset[Change]], None]


class Notices:
    """"What changed" after each operation, for screens that listen instead of re-reading everything."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def publish(self, changed: frozenset[Change]) -> None:
        for listener in list(self._listeners):
            listener(changed)


_running: ContextVar[str | None] = ContextVar("pabooks_operation", default=None)


def running() -> str | None:
    """The action of the operation being run now, or None outside the runner (tests use this to prove
    nothing writes without it)."""
    return _running.get()


class _Stop(Exception):  # noqa: N818 - not an error: the check found problems, roll back
    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)


# Long work (a large import) reports how far it has gone and asks whether to go on: (done, out of) -> go on?
Progress = Callable[[int, int], bool]
CANCELLED = "cancelled"


def keep_going(progress: Progress | None, done: int, total: int) -> None:
    """Tell `progress` how far the work has gone; when it says stop, everything the operation did is undone (the
    transaction rolls back) and it is refused in words."""
    if progress is not None and not progress(done, total):
        raise _Stop((Problem("Stopped before the end: nothing was changed.", "", code=CANCELLED),))


class Runner:
    def __init__(self, store: Store, actor: Actor, clock: Clock, notices: Notices | None = None) -> None:
        self.store, self.actor, self.clock = store, actor, clock
        self.notices = notices or Notices()

    def run(self, operation: Operation[In, Out], given: In) -> Outcome[Out]:
        refused = self._not_allowed(operation)
        if refused:
            return Outcome(None, (refused,))
        ctx: Context | None = None
        try:
            with self._transaction(operation, given) as session:
                ctx = Context(session, self.actor, self.clock.now())
                problems = tuple(operation.check(ctx, given))
                if problems:
                    raise _Stop(problems)
                if operation.irreversible:
                    self.store.backup(operation.irreversible)
                value = operation.apply(ctx, given)
                note = ctx._note
                audit.record(session, operation.action, note.entity, note.entity_id, note.reason,
                             at=ctx.now, role=self.actor.role, actor=self.actor.name, **note.details)
        except _Stop as stop:
            return Outcome(None, stop.problems)
        except ReadOnlyFile as exc:
            return Outcome(None, (Problem(str(exc), "file"),))
        changed = operation.changes | {Change.HISTORY}
        self.notices.publish(changed)
        return Outcome(value, (), changed)

    @contextmanager
    def _transaction(self, operation: Operation[In, Out], given: In) -> Iterator[Session]:
        token = _running.set(operation.action)
        try:
            with self.store.transaction(rekey=operation.rekey(given)) as session:
                yield session
        finally:
            _running.reset(token)

    def _not_allowed(self, operation: Operation[In, Out]) -> Problem | None:
        if self.actor.role in operation.allowed or self.actor.role is Role.SYSTEM:
            return None
        what = audit.ACTION_WORDS.get(operation.action, operation.action.replace("_", " "))
        return Problem(f"{self.actor.words()[:1].upper()}{self.actor.words()[1:]} cannot do this ({what}): only the "
                       "employer can. Ask them to do it, or open the file as them.", "actor")
