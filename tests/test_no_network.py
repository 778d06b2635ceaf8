"""PA Books never opens a network connection: the guard in conftest.py is on for every test, and
these tests check the guard itself and that the whole app runs under it."""

from __future__ import annotations

import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest


def test_the_guard_refuses_a_connection() -> None:
    with pytest.raises(AssertionError, match="tried to use the network"):
        socket.create_connection(("example.org", 80))
    with socket.socket() as raw, pytest.raises(AssertionError, match="tried to use the network"):
        raw.connect(("127.0.0.1", 9))


@pytest.mark.slow
def test_every_screen_and_command_runs_with_sockets_forbidden(tmp_path: Path) -> None:
    """A fresh interpreter with socket connections made impossible runs the selftest and the CLI."""
    script = tmp_path / "offline.py"
    script.write_text(textwrap.dedent(f"""
        import socket, sys
        def refuse(*a, **k):
            raise SystemExit("NETWORK USED")
        socket.socket.connect = refuse
        socket.socket.connect_ex = refuse
        socket.create_connection = refuse
        socket.getaddrinfo = refuse
        from app.cli import main
        codes = [main(["selftest", "--out", r"{tmp_path / 'shots'}"]),
                 main(["demo", r"{tmp_path / 'd.pabooks'}"]),
                 main(["info", r"{tmp_path / 'd.pabooks'}"])]
        sys.exit(max(codes))
    """))
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300,
                          env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr[-2000:]
    assert "NETWORK USED" not in done.stderr + done.stdout
