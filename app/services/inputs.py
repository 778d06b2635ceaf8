"""Reading what people type into the values operations check: amounts, decimals, sentences."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path

from app.core.money import MoneyError, parse_pence
from app.core.problems import BookError, Problem


def sentence(text: object) -> str:
    """A rule's message ("the rate ...") as a sentence for the screen ("The rate ....")."""
    words = str(text)
    return words[:1].upper() + words[1:] + ("" if words.endswith(".") else ".")


def positive_pence(amount: str, what: str, field: str) -> int | Problem:
    """An amount typed by the user, in pence, that must be more than nothing; or the problem with it."""
    try:
        pence = parse_pence(amount)
    except MoneyError as exc:
        return Problem(sentence(exc), field)
    if pence <= 0:
        return Problem(f"{what} must be more than £0.00.", field)
    return pence


def hours_a_week(text: str, what: str, field: str) -> Decimal | Problem:
    """Hours a week (0 to 168) as typed: "35", "7.5"."""
    try:
        value = Decimal(text.strip())
        if not value.is_finite():
            raise InvalidOperation
    except InvalidOperation:
        return Problem(f"{what} must be a number, such as 35 or 7.5.", field)
    if not 0 <= value <= 168:
        return Problem(f"{what} must be between 0 and 168 a week.", field)
    return value


MIN_REASON = 5


def reason_problem(reason: str, example: str) -> Problem | None:
    """A reason kept with a change that cannot be undone must say something; `example` shows what."""
    if len(reason.strip()) < MIN_REASON:
        return Problem(f"{example}", "reason")
    return None


def read_text_file(path: Path, what: str, max_bytes: int, how_to_fix: str) -> str:
    """The text of a small file the user named (a shifts CSV, a passphrase file), or a refusal in words: not an
    ordinary file (a folder, a named pipe that would never end), too large, unreadable, or not UTF-8 text."""
    try:
        if not path.is_file():
            raise BookError(f"{what} ({path.name}) is not an ordinary file PA Books can read (it is a folder, a pipe "
                            "or a device). Choose the file itself.")
        if path.stat().st_size > max_bytes:
            raise BookError(f"{what} ({path.name}) is larger than {max_bytes // (1024 * 1024) or 1} MB, so it cannot be "
                            f"the right file. {how_to_fix}")
        raw = path.read_bytes()
    except OSError as exc:
        raise BookError(f"{what} ({path.name}) could not be read ({exc.strerror or exc}).") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BookError(f"{what} ({path.name}) is not plain text (UTF-8). {how_to_fix}") from None
    if "\x00" in text:
        raise BookError(f"{what} ({path.name}) is not plain text (it looks like a spreadsheet or other binary file). "
                        f"{how_to_fix}")
    return text
