"""Request parameter types of the routes, built on the contract's wire types.

Ids, keyset keys and filters are free text without NUL (``SafeStr``) of bounded length; path
ids too. A route takes its parameters from here (or from ``workbench.contract.base``), so a
value a database cannot store is a ``validation_failed`` problem before the route runs.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query

from workbench.contract.base import SafeStr

Limit = Annotated[int, Query(ge=1, le=500)]
After = Annotated[SafeStr | None, Query(max_length=64)]
"""The keyset key to page on from (the last id of the previous page)."""
IdFilter = Annotated[SafeStr | None, Query(max_length=64)]
IdPath = Annotated[SafeStr, Path(max_length=64)]
MONTH_PATTERN = r"^(19[7-9][0-9]|2[0-9]{3})-(0[1-9]|1[0-2])$"
Month = Annotated[str | None, Query(min_length=7, max_length=7, pattern=MONTH_PATTERN)]
"""A calendar month, ``YYYY-MM`` (years 1970–2999)."""
