"""Where PA Books keeps its own files: the same folder platformdirs names, so no one's demo, backups or settings
move when PA Books works the folder out itself (app.paths.user_data_dir, on Linux, on the way to the first window)."""

from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest

from app import paths


@pytest.mark.parametrize("xdg", [None, "", "relative/data", "/srv/alex/data", "/srv/alex/data/"])
def test_the_linux_data_folder_is_where_platformdirs_puts_it(xdg: str | None, monkeypatch: pytest.MonkeyPatch,
                                                            tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    environ = {} if xdg is None else {"XDG_DATA_HOME": xdg}
    if xdg is None:
        monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_DATA_HOME", xdg)
    ours = paths.user_data_dir("linux", environ)
    theirs = Path(platformdirs.unix.Unix(paths.APP_NAME, appauthor=False).user_data_dir)
    assert ours == theirs
    assert ours == (Path(xdg) if xdg and xdg.startswith("/") else tmp_path / ".local" / "share") / "PA Books"


def test_other_systems_ask_platformdirs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda name, appauthor: f"/Users/alex/Library/{name}")
    assert paths.user_data_dir("darwin", {}) == Path("/Users/alex/Library/PA Books")
    assert paths.user_data_dir("win32", {}) == Path("/Users/alex/Library/PA Books")


def test_pabooks_home_keeps_everything_in_one_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PABOOKS_HOME", str(tmp_path / "one folder"))
    assert paths.data_dir() == tmp_path / "one folder" and paths.data_dir().is_dir()
