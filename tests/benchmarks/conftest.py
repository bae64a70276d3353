"""Make the checkout's benchmarks/ package importable when pytest runs against an installed explorer.

The checkout goes at the *end* of sys.path, so `explorer` still comes from the installed copy, and
benchmarks/ (a regular package) wins over this tests/benchmarks folder (a namespace portion).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = str(Path(__file__).resolve().parents[2])
if ROOT not in sys.path:
    sys.path.append(ROOT)
