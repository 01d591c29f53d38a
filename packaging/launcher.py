"""The frozen app's entry script: PyInstaller needs a file, and elevate_tray/__main__.py
uses relative imports, so it cannot be that file itself."""

import sys

from elevate_tray.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
