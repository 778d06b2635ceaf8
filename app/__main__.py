"""`python -m app` runs the same command line as the `pabooks` script."""

import sys

from app.cli import main

sys.exit(main())
