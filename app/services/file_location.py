"""Where a file is kept, so that a copy made by hand (to a USB stick, or a second folder) is told apart from
the file itself and gets backups of its own, rather than sharing, rotating and rescuing the original's.

Each file records the path it was last opened at. Opened somewhere else: if the file is still at the old
path with the same identity, this one is a copy, and gets a new identity (and so its own backups folder);
if nothing is there any more, the file was moved, and keeps its identity and backups.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

from app.models import FileMeta
from app.services.operations import SYSTEM, Change, Context, Operation
from app.storage.database import read_file_id

LAST_PATH = "last_path"


@dataclass(frozen=True, slots=True)
class Location:
    path: str
    copy_of: str | None  # the original's path, when this file is a copy of it


class NoteLocation(Operation[Location, None]):
    action = "file_location_noted"
    changes = frozenset({Change.EMPLOYER})

    def apply(self, ctx: Context, given: Location) -> None:
        meta = ctx.session.get(FileMeta, LAST_PATH)
        before = meta.value if meta else ""
        if meta is None:
            ctx.session.add(FileMeta(key=LAST_PATH, value=given.path))
        else:
            meta.value = given.path
        if given.copy_of is not None:
            identity = ctx.session.get(FileMeta, "file_id")
            if identity is not None:
                identity.value = uuid.uuid4().hex
            ctx.note(copy_of=given.copy_of, now_at=given.path)
        else:
            ctx.note(moved_from=before or None, now_at=given.path)


def note_location(book: object) -> list[str]:
    """On opening a file for writing: record where it is, and tell a copy from the file. Returns what to say."""
    from app.services.book import EmployerBook

    assert isinstance(book, EmployerBook)
    if book.read_only:
        return []
    here = str(book.path.resolve())
    with book.reading() as session:
        meta = session.get(FileMeta, LAST_PATH)
        before = meta.value if meta else ""
    if before == here:
        return []
    copy_of = None
    if before and Path(before).exists() and Path(before).resolve() != Path(here):
        if read_file_id(Path(before), book.db.key) == book.file_id:
            copy_of = before
    book.act_as(SYSTEM)
    try:
        book.run(NoteLocation(), Location(here, copy_of)).unwrap()
    finally:
        book.act_as(None)
    if copy_of is None:
        return []
    return [f"This file is a copy of \"{copy_of}\", which is still there. From now on the two are separate files, "
            "each with backups of its own: changes made in one are not in the other."]
