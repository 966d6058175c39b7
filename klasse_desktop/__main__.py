"""Entry point: `klasse-desktop` (and `python -m klasse_desktop`)."""

from __future__ import annotations

import sys


def main() -> int:
    """No arguments: the window. Any argument: the command line."""
    if len(sys.argv) == 1:
        from klasse_desktop.app import run

        return run(sys.argv)
    from klasse_desktop.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
