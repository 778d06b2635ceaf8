"""The frozen app's entry point (installers/pabooks.spec): the same command line as the `pabooks` script, which
opens the window when started with no arguments, or with a file (double-clicked, or given by the desktop)."""

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main())
