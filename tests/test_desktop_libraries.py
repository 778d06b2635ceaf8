"""A Linux desktop without a library Qt's X11 plugin needs gets a plain message naming the packages, not Qt's
abort (found on a plain desktop install: libxcb-cursor0 and libxcb-icccm4 were missing)."""

from __future__ import annotations

import pytest

from app.ui import application, desktop_libraries


def test_the_missing_libraries_are_named_with_their_packages() -> None:
    missing = desktop_libraries.missing_libraries(lambda name: name not in ("libxcb-cursor.so.0", "libxcb-icccm.so.4"))
    assert missing == ["libxcb-cursor.so.0", "libxcb-icccm.so.4"]
    words = desktop_libraries.missing_words(missing)
    assert "sudo apt install libxcb-cursor0 libxcb-icccm4" in words
    assert "sudo dnf install xcb-util-cursor xcb-util-wm" in words


@pytest.mark.parametrize("environ, platform, expected", [
    ({"DISPLAY": ":0"}, "linux", True),
    ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
    ({"QT_QPA_PLATFORM": "xcb"}, "linux", True),
    ({"QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":0"}, "linux", False),
    ({"DISPLAY": ":0"}, "darwin", False),
])
def test_only_an_x11_start_on_linux_is_checked(environ: dict[str, str], platform: str, expected: bool) -> None:
    assert desktop_libraries.uses_xcb(environ, platform) is expected


def test_the_app_says_so_and_stops_before_qt(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(desktop_libraries, "uses_xcb", lambda: True)
    monkeypatch.setattr(desktop_libraries, "missing_libraries", lambda: ["libxcb-cursor.so.0"])
    monkeypatch.setattr(application, "make_app", lambda: pytest.fail("Qt must not be started"))
    assert application.run_gui(None) == 1
    assert "sudo apt install libxcb-cursor0" in capsys.readouterr().err


def test_every_library_has_both_packages() -> None:
    assert all(debian and fedora for debian, fedora in desktop_libraries.LIBRARIES.values())
