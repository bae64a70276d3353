"""The ``explorer`` command's entry point: the window straight away when nothing follows the command.

``explorer`` alone (how the window is usually started) has no command line to parse, so the shell's
modules (argparse, json, the subcommands' options, see explorer.cli) are not imported before the window's
first frame: they took a tenth of the time to that frame. Anything after the command goes to
:func:`explorer.cli.main`, which treats ``explorer`` alone the same way.
"""

from __future__ import annotations

import sys


def main() -> int:
    """``explorer [ARGS...]``: the window on the bundled graph when there are no arguments, else the
    command line as explorer.cli reads it."""
    if sys.argv[1:]:
        from explorer.cli import main as cli_main

        return cli_main()
    return open_window()


def open_window() -> int:
    """The window on the bundled graph; the same messages and exit codes as ``explorer.cli.main([])``."""
    from explorer.exits import reported

    return reported(_run_window)


def _run_window() -> int:
    from explorer.desktop import window_runner

    return window_runner()(None)
