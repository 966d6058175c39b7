"""PyInstaller entry point: the same `main()` as the `klasse-desktop` command."""

import sys

from klasse_desktop.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
