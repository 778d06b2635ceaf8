"""The installers (installers/): what can be checked on any machine. The Linux bundle itself is built and
smoke-tested by `make bundle` (run by .ci/run); the Windows and macOS builds are checked here in form: the
settings the issue asks for are present and agree with each other and with the app."""

from __future__ import annotations

import configparser
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import app
from app import cli, paths

REPO = Path(__file__).resolve().parent.parent
INSTALLERS = REPO / "installers"


def test_the_spec_is_python_and_carries_the_data_a_frozen_app_reads() -> None:
    spec = (INSTALLERS / "pabooks.spec").read_text(encoding="utf-8")
    compile(spec, "pabooks.spec", "exec")
    for needed in ('"resources"', 'collect_data_files("app"', '"migrations"', 'collect_submodules("app"',
                   'collect_submodules("keyring.backends")', '"sqlcipher3"', 'collect_data_files("reportlab")',
                   "CFBundleDocumentTypes", '"pabooks"'):
        assert needed in spec, needed


@pytest.mark.parametrize("script", ["linux/build.sh", "linux/install.sh", "macos/build.sh"])
def test_the_shell_scripts_parse(script: str) -> None:
    assert subprocess.run(["sh", "-n", str(INSTALLERS / script)], check=False).returncode == 0


def test_the_windows_installer_is_per_user_with_the_file_type_and_keeps_data() -> None:
    iss = (INSTALLERS / "windows" / "pabooks.iss").read_text(encoding="utf-8")
    assert re.search(r"^PrivilegesRequired=lowest$", iss, re.M)  # no administrator rights
    assert re.search(r"^DefaultDirName=\{localappdata\}", iss, re.M)
    assert re.search(r"^ChangesAssociations=yes$", iss, re.M)
    assert 'Subkey: "Software\\Classes\\.pabooks"' in iss and "Root: HKCU" in iss
    assert '"""{app}\\pabooks.exe"" ""%1"""' in iss  # a double-clicked file is passed to the app
    assert 'Name: "{group}\\{#AppName}"' in iss  # the Start menu entry
    # Uninstalling asks before removing settings and backups, with No as the default answer.
    assert "MB_DEFBUTTON2" in iss and "usPostUninstall" in iss and "RemoveData" in iss
    version = re.search(r'#define AppVersion "([^"]+)"', iss)
    assert version and version.group(1) == app.__version__


def test_the_linux_menu_entry_opens_pabooks_files() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(INSTALLERS / "linux" / "pa-books.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application" and desktop["Name"] == "PA Books"
    assert desktop["Exec"] == "pabooks %f" and desktop["Terminal"] == "false"
    mime = (INSTALLERS / "linux" / "pa-books-mime.xml").read_text(encoding="utf-8")
    assert f'<glob pattern="*{paths.FILE_SUFFIX}"/>' in mime
    assert desktop["MimeType"].rstrip(";") in mime
    install = (INSTALLERS / "linux" / "install.sh").read_text(encoding="utf-8")
    assert f"apps/{desktop['Icon']}.png" in install


@pytest.mark.skipif(shutil.which("sh") is None, reason="needs a POSIX shell")
def test_the_linux_installer_installs_for_the_user_and_uninstalls_keeping_their_files(tmp_path: Path) -> None:
    unpacked = tmp_path / "PA-Books"
    (unpacked / "pabooks").mkdir(parents=True)
    program = unpacked / "pabooks" / "pabooks"
    program.write_text("#!/bin/sh\necho frozen\n", encoding="utf-8")
    program.chmod(0o755)
    for name in ("install.sh", "pa-books.desktop", "pa-books-mime.xml"):
        shutil.copy(INSTALLERS / "linux" / name, unpacked / name)
    shutil.copy(REPO / "resources" / "icons" / "pabooks.png", unpacked / "pa-books.png")
    home = tmp_path / "home"
    kept = home / "Documents" / "Morgan.pabooks"
    kept.parent.mkdir(parents=True)
    kept.write_text("the holder's own file", encoding="utf-8")
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin"}
    subprocess.run(["sh", str(unpacked / "install.sh")], check=True, env=env, capture_output=True)
    data = home / ".local" / "share"
    assert subprocess.run([str(home / ".local" / "bin" / "pabooks")], capture_output=True, text=True,
                          check=True).stdout == "frozen\n"
    assert (data / "applications" / "pa-books.desktop").exists()
    assert (data / "mime" / "packages" / "pa-books-mime.xml").exists()
    assert (data / "icons" / "hicolor" / "256x256" / "apps" / "pa-books.png").exists()
    subprocess.run(["sh", str(unpacked / "install.sh"), "--uninstall"], check=True, env=env, capture_output=True)
    assert not (data / "pa-books").exists() and not (home / ".local" / "bin" / "pabooks").exists()
    assert not (data / "applications" / "pa-books.desktop").exists()
    assert kept.read_text(encoding="utf-8") == "the holder's own file"


def test_a_file_double_clicked_opens_in_the_window(monkeypatch: pytest.MonkeyPatch) -> None:
    """The desktop passes the file alone (`pabooks %f`, `pabooks.exe "%1"`); `pabooks open FILE` still works, and
    anything else is a command."""
    from app.ui import application

    opened: list[Any] = []
    monkeypatch.setattr(application, "run_gui", lambda path: opened.append(path) or 0)
    assert cli.main(["/home/alex/Clients/Morgan.pabooks"]) == 0
    assert cli.main(["open", "Jones.PABOOKS"]) == 0
    assert cli.main([]) == 0
    assert opened == [Path("/home/alex/Clients/Morgan.pabooks"), Path("Jones.PABOOKS"), None]


def test_a_frozen_app_finds_its_resources_inside_the_bundle(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert (paths.resources_dir() / "demo" / "demo-employer.json").exists()  # from a checkout
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.resources_dir() == tmp_path / "resources"


@pytest.mark.gui
def test_a_file_opened_from_the_desktop_while_running_opens_in_the_window(qtbot: Any, tmp_path: Path) -> None:
    """macOS sends a double-clicked file to the running app as an event."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QFileOpenEvent
    from PySide6.QtWidgets import QApplication

    from app.services.book import EmployerBook, NewEmployer
    from app.ui.application import PaBooksApplication
    from app.ui.main_window import MainWindow

    EmployerBook.create(tmp_path / "Morgan.pabooks", NewEmployer("Alex Morgan")).close()
    window = MainWindow()
    qtbot.addWidget(window)
    app_ = QApplication.instance()
    assert isinstance(app_, PaBooksApplication)  # the suite runs on PA Books' own application (conftest.py)
    app_.open_file = window.open_path
    try:
        QApplication.sendEvent(app_, QFileOpenEvent(QUrl.fromLocalFile(str(tmp_path / "Morgan.pabooks"))))
        assert window.book is not None and window.book.path == (tmp_path / "Morgan.pabooks").resolve()
    finally:
        app_.open_file = None
        window.close()


@pytest.mark.skipif(not os.environ.get("PABOOKS_BUNDLE"), reason="set PABOOKS_BUNDLE to a built bundle's program")
def test_a_built_bundle_passes_its_smoke_test() -> None:
    """`PABOOKS_BUNDLE=build/dist/pabooks/pabooks pytest tests/test_installers.py` checks a bundle built earlier
    (`make bundle` runs the same smoke test itself)."""
    result = subprocess.run([sys.executable, str(INSTALLERS / "smoke_test.py"), os.environ["PABOOKS_BUNDLE"]],
                            capture_output=True, text=True, timeout=900, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
