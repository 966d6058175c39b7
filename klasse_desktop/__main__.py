"""Entry point: `klasse-desktop` (and `python -m klasse_desktop`)."""

from __future__ import annotations

import sys


def main() -> int:
    from klasse_desktop.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
