"""Alembic environment: runs on the connection PA Books hands it (never a URL from a config file)."""

from alembic import context

from app.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("PA Books runs migrations through app.storage.database, with an open connection")

context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
