"""Entry script of the frozen app: PyInstaller runs this as __main__ inside the bundle."""
import sys

from reluplay.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
