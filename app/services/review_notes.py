"""Notes for the annual review of the support plan: what is working and what is not, written through the year
in the person's own words, and who wrote them (the person, or someone writing with them). A note is never
deleted: one written by mistake is withdrawn with a reason, and stays in the history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from app.core.problems import Problem
from app.models import ReviewNote
from app.services.book import EmployerBook
from app.services.choices import NOTE_ABOUT as NOTE_ABOUT
from app.services.operations import Change, Context, Operation

LONGEST_NOTE = 4000  # characters: about a page


@dataclass(frozen=True, slots=True)
class NoteInput:
    written_on: date
    written_by: str
    words: str
    about: str = "working"
    outcome: str = ""  # the support plan outcome it is about, if any


@dataclass(frozen=True, slots=True)
class NoteWithdrawal:
    note_id: int
    reason: str


@dataclass(frozen=True, slots=True)
class NoteRow:
    note_id: int
    written_on: date
    written_by: str
    about: str
    outcome: str
    words: str

    @property
    def about_words(self) -> str:
        return NOTE_ABOUT.get(self.about, self.about)


class WriteReviewNote(Operation[NoteInput, int]):
    action = "review_note_written"
    changes = frozenset({Change.RETURNS})

    def check(self, ctx: Context, given: NoteInput) -> list[Problem]:
        found = []
        if not given.words.strip():
            found.append(Problem("Write the note: what is working, or what is not, in your own words.", "words"))
        elif len(given.words) > LONGEST_NOTE:
            found.append(Problem(f"The note is {len(given.words):,} characters; keep it under {LONGEST_NOTE:,} (about a "
                                 "page), or split it into two notes.", "words"))
        if not given.written_by.strip():
            found.append(Problem("Say who wrote it (for example: Sam, or Jo, support worker, with Sam).", "written_by"))
        if given.about not in NOTE_ABOUT:
            found.append(Problem("Choose what the note is about.", "about"))
        if given.written_on > ctx.today:
            found.append(Problem("The note's date is in the future: use today or an earlier day.", "written_on"))
        return found

    def apply(self, ctx: Context, given: NoteInput) -> int:
        row = ReviewNote(written_on=given.written_on, written_by=given.written_by.strip(), about=given.about,
                         outcome=given.outcome.strip(), words=given.words.strip(), created_at=ctx.now,
                         created_by=ctx.actor.words())
        ctx.session.add(row)
        ctx.session.flush()
        ctx.note("review_note", row.id, written_by=row.written_by, about=row.about)
        return row.id


class WithdrawReviewNote(Operation[NoteWithdrawal, int]):
    action = "review_note_withdrawn"
    changes = frozenset({Change.RETURNS})

    def check(self, ctx: Context, given: NoteWithdrawal) -> list[Problem]:
        row = ctx.session.get(ReviewNote, given.note_id)
        if row is None or row.withdrawn_at is not None:
            return [Problem("That note is not in the file, or was withdrawn already.", "note")]
        if len(given.reason.strip()) < 3:
            return [Problem("Say why it is withdrawn (for example: written on the wrong person's file).", "reason")]
        return []

    def apply(self, ctx: Context, given: NoteWithdrawal) -> int:
        row = ctx.session.get(ReviewNote, given.note_id)
        assert row is not None
        row.withdrawn_at = ctx.now
        row.withdrawn_reason = f"{given.reason.strip()} (withdrawn by {ctx.actor.words()})"
        ctx.note("review_note", row.id, given.reason.strip())
        return row.id


def review_notes(book: EmployerBook, first: date | None = None, last: date | None = None) -> list[NoteRow]:
    """The notes not withdrawn, oldest first, between two days when given."""
    query = select(ReviewNote).where(ReviewNote.withdrawn_at.is_(None)).order_by(ReviewNote.written_on,
                                                                                 ReviewNote.id)
    if first is not None:
        query = query.where(ReviewNote.written_on >= first)
    if last is not None:
        query = query.where(ReviewNote.written_on <= last)
    with book.reading() as session:
        return [NoteRow(n.id, n.written_on, n.written_by, n.about, n.outcome, n.words) for n in session.scalars(query)]
