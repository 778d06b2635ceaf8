"""A keyring kept in a JSON file, for the start-up benchmark only: an encrypted file then opens with the key "the
keyring keeps", as on a holder's computer, where this machine has no keyring at all. The file is named by
PABOOKS_BENCH_KEYRING. (The `keyring` package still loads and finds this backend as it finds a real one: that part
of the cost is measured; a real keyring's own answer, over D-Bus say, is not.)"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend


class FileKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def _path(self) -> Path:
        return Path(os.environ["PABOOKS_BENCH_KEYRING"])

    def _all(self) -> dict[str, str]:
        try:
            return dict(json.loads(self._path().read_text(encoding="utf-8")))
        except (OSError, ValueError):
            return {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._all().get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        kept = self._all()
        kept[f"{service}/{username}"] = password
        self._path().write_text(json.dumps(kept), encoding="utf-8")

    def delete_password(self, service: str, username: str) -> None:
        kept = self._all()
        kept.pop(f"{service}/{username}", None)
        self._path().write_text(json.dumps(kept), encoding="utf-8")
