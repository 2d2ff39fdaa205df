"""Entry script of the frozen app: PyInstaller runs this as __main__ inside the bundle."""
import multiprocessing
import sys

from reluplay.cli.main import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the training process starts this executable again
    sys.exit(main())
