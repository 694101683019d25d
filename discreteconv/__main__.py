"""``python -m discreteconv``: the command line."""

from .cli import main

raise SystemExit(main())
