"""PyInstaller's entry script for the frozen app: it runs ``workbench.cli:main``, nothing else.

PyInstaller needs a script file rather than an entry point; keeping it this small means the frozen
app and ``pip install``'s ``workbench`` command start the same way.
"""

import multiprocessing
import sys

from workbench.cli import main

if __name__ == "__main__":
    # A frozen app re-executes itself for any multiprocessing child; this keeps that child from
    # starting a second app instead (a no-op when nothing uses multiprocessing).
    multiprocessing.freeze_support()
    sys.exit(main())
