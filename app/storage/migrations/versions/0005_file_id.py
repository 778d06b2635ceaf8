"""Every employer file gets its own identity (`file_meta.file_id`), so that its backups are kept in a folder
of their own: two files with the same name in different folders (a support worker's "Smith/books.pabooks"
and "Jones/books.pabooks") never share, rotate or restore each other's copies, and a renamed file keeps them.

Revision ID: 0005_file_id
Revises: 0004_erasure
Create Date: 2026-11-25
"""

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0005_file_id"
down_revision = "0004_erasure"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.get_bind().execute(sa.text("INSERT OR IGNORE INTO file_meta (key, value) VALUES ('file_id', :value)"),
                          {"value": uuid.uuid4().hex})


def downgrade() -> None:
    op.execute("DELETE FROM file_meta WHERE key = 'file_id'")
