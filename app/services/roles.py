"""Who can act in an employer file, for the screens and the command line (app.core.roles holds the words)."""

from __future__ import annotations

from app.core.roles import EMPLOYER_ROLES, Role

# Who can act as employer, in the order a list shows them.
ROLES = tuple(role for role in Role if role in EMPLOYER_ROLES)
