from __future__ import annotations

import sys

from dockerlint.cli import main

sys.exit(main())
