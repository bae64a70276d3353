"""How the ``explorer`` command ends: exit 0, 1 (a user error, said in one line), 2 (a wrong command line) or 130
(interrupted), never a traceback. Shared by the command line (explorer.cli) and the window's own start
(explorer.start), which does not import the command line's modules."""

from __future__ import annotations

import sys
from collections.abc import Callable

from explorer.core.errors import ExplorerError

EXIT_USAGE = 2
EXIT_FAILED = 1
EXIT_INTERRUPTED = 130


def reported(action: Callable[[], int], usage: tuple[type[Exception], ...] = ()) -> int:
    """``action``'s exit code, or the one its error calls for, the error said on one line (``usage``: the errors
    of a wrong command line)."""
    try:
        return action()
    except usage as exc:
        print(f"explorer: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ExplorerError as exc:
        print(f"explorer: error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("explorer: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return 0
