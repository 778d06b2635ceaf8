"""Small helpers shared by tests and the crash worker."""

from __future__ import annotations

from pathlib import Path

from alembic import command

from app.storage import database


def take_back_to(path: Path, revision: str = "0001_initial") -> None:
    """Downgrade an employer file to an older schema, as if an older PA Books had made it."""
    engine = database.make_engine(path)
    config = database._alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
    engine.dispose()
