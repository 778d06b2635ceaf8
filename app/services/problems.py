"""What the screens and the command line catch and show: a refusal, in words (light to import)."""

from __future__ import annotations

from app.core.problems import BookError as BookError
from app.core.problems import Problem as Problem
from app.storage.errors import FileOpenError as FileOpenError  # a file that cannot be opened, in words
