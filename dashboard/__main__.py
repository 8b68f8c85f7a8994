"""`python -m dashboard COMMAND`: see dashboard/cli.py."""

import sys

from dashboard.cli import main

sys.exit(main())
