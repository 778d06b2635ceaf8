"""Problems as values: a validation pass returns every problem with where it is, not the first exception."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with some input, said in the user's words."""

    message: str
    field: str | None = None
    line: int | None = None
    code: str | None = None  # for a screen that acts on a kind of problem: "ambiguous" (a repeated clock time)

    def __str__(self) -> str:
        where = []
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.field:
            where.append(self.field)
        prefix = f"{', '.join(where)}: " if where else ""
        return f"{prefix}{self.message}"


class InputError(ValueError):
    """Input that breaks a rule; carries the field at fault so callers can point at it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message

    def as_problem(self, line: int | None = None) -> Problem:
        return Problem(message=self.message, field=self.field, line=line)


class BookError(ValueError):
    """Input or a change that a use case refuses; the message says what is wrong and how to fix it.
    Every screen and the command line show it as a plain message (services raise it; storage raises
    it for a file opened read-only)."""
