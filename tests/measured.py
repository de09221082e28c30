"""Measurements a test wants in the run's log (build times, sizes), whether or not it runs in a
pytest-xdist worker, whose own output is not shown: kept in the test's report and printed under
"measured" at the end of the run (``pytest_terminal_summary`` in tests/conftest.py)."""

from __future__ import annotations

import pytest


def report(node: pytest.Item, text: str) -> None:
    """Add ``text`` to the "measured" section at the end of the run."""
    node.user_properties.append(("report", text))
