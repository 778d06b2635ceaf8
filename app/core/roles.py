"""Who acts in an employer file, in one set of words used by every screen, report and the history."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    HOLDER = "holder"
    SUITABLE_PERSON = "suitable_person"
    NOMINEE = "nominee"
    MANAGED_ACCOUNT = "managed_account"
    SUPPORT_WORKER = "support_worker"
    SYSTEM = "system"  # PA Books itself: the demo, a restore, an upgrade

    @property
    def words(self) -> str:
        """Short, for the history: "the suitable person added a PA"."""
        return _SHORT[self]

    @property
    def description(self) -> str:
        """Long, for the Home screen: what the role means."""
        return _LONG[self]

    @property
    def choice_words(self) -> str:
        """For a list to choose from: "A suitable person (managing the payment for someone who lacks capacity)"."""
        words = "The person themselves (the direct payment holder)" if self is Role.HOLDER else self.description
        return words[:1].upper() + words[1:]


_SHORT = {
    Role.HOLDER: "the direct payment holder", Role.SUITABLE_PERSON: "the suitable person",
    Role.NOMINEE: "the nominee", Role.MANAGED_ACCOUNT: "the managed account provider",
    Role.SUPPORT_WORKER: "a support worker", Role.SYSTEM: "PA Books",
}
_LONG = {
    Role.HOLDER: "the direct payment holder",
    Role.SUITABLE_PERSON: "a suitable person (managing the payment for someone who lacks capacity)",
    Role.NOMINEE: "a nominee (managing the payment at the holder's request)",
    Role.MANAGED_ACCOUNT: "a managed account provider",
    Role.SUPPORT_WORKER: "a support worker (helping the employer, who stays in charge)",
    Role.SYSTEM: "PA Books itself",
}
EMPLOYER_ROLES = frozenset({Role.HOLDER, Role.SUITABLE_PERSON, Role.NOMINEE, Role.MANAGED_ACCOUNT})
PEOPLE = frozenset(Role) - {Role.SYSTEM}


def role_from(text: str) -> Role | None:
    try:
        return Role(text)
    except ValueError:
        return None
